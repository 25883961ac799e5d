// The real loader on real plugins: fixture .so files built by meson in
// fixtures/, copied into a fresh folder per test, and the shipped plugins
// in the build tree.
#include "plugins/plugin_loader.h"
#include "plugins/plugin_search_path.h"

#include "airsight_paths.h"
#include "fakes.h"

#include <airsight/abi.h>

#include <doctest/doctest.h>

#include <dlfcn.h>
#include <stdlib.h>

#include <fstream>
#include <optional>

namespace fs = std::filesystem;
using airsight::MSG_ERROR;
using airsight::MSG_INFO;
using airsight::core::PluginLoader;
using airsight::core::PluginRecord;
using airsight::core::PluginSelection;
using airsight::core::PluginState;
using namespace airsight::test;

namespace {

const fs::path fixtures_dir = PLUGIN_FIXTURES_DIR; // <build>/tests/unit/plugins/fixtures

/// A fresh folder under /tmp, removed with everything in it.
struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string tmpl = (fs::temp_directory_path() / "airsight-plugins-XXXXXX").string();
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() { fs::remove_all(path); }
};

void write_file(const fs::path& file, std::string_view text)
{
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

/// Copies the built fixture `name` (manifest.conf and .so, not meson's
/// object folders) to root/<name>, and returns that folder.
fs::path stage(const fs::path& root, const std::string& name)
{
    const fs::path to = root / name;
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(fixtures_dir / name))
        if (entry.is_regular_file()) fs::copy_file(entry.path(), to / entry.path().filename());
    REQUIRE(fs::exists(to / "manifest.conf"));
    return to;
}

/// Whether the dynamic loader still has `so` mapped.
bool library_is_loaded(const fs::path& so)
{
    void* handle = dlopen(so.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (handle) dlclose(handle); // balance the reference NOLOAD took
    return handle != nullptr;
}

/// A loader with fakes around it. `hosts` borrows the hosts the loader owns.
struct Harness {
    FakeBus bus;
    HostLog log;
    FakeFields fields;
    FakeConfig config;
    std::map<std::string, FakeHost*> hosts;
    std::string host_failure; // "null": the host factory returns nullptr; other text: it throws that
    std::optional<PluginLoader> loader;

    Harness()
    {
        loader.emplace(bus, [this](const PluginRecord& r) -> std::unique_ptr<airsight::core::PluginHostSession> {
            ++log.hosts_made;
            if (host_failure == "null") return nullptr;
            if (!host_failure.empty()) throw std::runtime_error(host_failure);
            auto host = std::make_unique<FakeHost>(r.name, log, fields, config);
            host->dir = r.dir.string();
            hosts[r.name] = host.get();
            return host;
        });
    }

    /// The one record a test expects.
    PluginRecord only_record()
    {
        auto records = loader->records();
        REQUIRE(records.size() == 1);
        return records.front();
    }

    /// Loads the fixture `name` alone and returns its record.
    PluginRecord load_fixture(const TempDir& tmp, const std::string& name, const PluginSelection& selection = {})
    {
        stage(tmp.path, name);
        loader->load({tmp.path}, selection);
        return only_record();
    }
};

} // namespace

TEST_CASE("loader: a good plugin loads, serves, starts, stops and unloads in order")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "good");

    CHECK(r.state == PluginState::Loaded);
    CHECK(r.error.empty());
    CHECK(r.name == "good");
    CHECK(r.version == "2.5");                                // from the info record: the manifest has none
    CHECK(r.description == "loader test fixture (good)");     // the manifest's wins
    CHECK(r.author == "airsight tests");
    CHECK(r.dir == tmp.path / "good");
    CHECK(r.shared_object == tmp.path / "good" / "good.so");
    CHECK(r.shared_object.is_absolute());
    CHECK(r.kinds == (AIRSIGHT_PLUGIN_ENDPOINTS | AIRSIGHT_PLUGIN_FIELDS));
    CHECK_FALSE(r.has_httpd);
    CHECK(r.js_module.empty());
    CHECK(h.bus.has(MSG_INFO, {"Loaded plugin 'good' 2.5 from ", r.shared_object.string()}));
    CHECK(h.log.hosts_made == 1);
    CHECK(h.fields.find("good.value") != nullptr);
    CHECK(library_is_loaded(r.shared_object));

    FakeHost* host = h.hosts.at("good");
    CHECK(host->dir == r.dir.string());
    REQUIRE(host->route("/good/ping") != nullptr);
    CHECK(render(host->route("/good/ping")->handler(airsight::Request{})) == R"({"good.value":"pong"})");
    // An SDK exception thrown inside the .so is caught by type in the server.
    REQUIRE(host->route("/good/teapot") != nullptr);
    CHECK_THROWS_AS(host->route("/good/teapot")->handler(airsight::Request{}), airsight::HttpError);
    try {
        host->route("/good/teapot")->handler(airsight::Request{});
    } catch (const airsight::HttpError& e) {
        CHECK(e.status() == 418);
    }

    h.loader->start_all();
    h.loader->start_all(); // already started: not again
    h.loader->stop_all();
    h.loader->start_all(); // stopped: never again
    h.loader.reset();

    CHECK(h.log.snapshot() == std::vector<std::string>{
                                  "route good /good/ping",
                                  "route good /good/teapot",
                                  "post good created",
                                  "post good started",
                                  "withdraw good",       // before stop(): a stopped plugin gets no calls
                                  "post good stopped",
                                  "post good destroyed", // its host still usable in its destructor
                              });
    // Never unloaded: objects it made (device components) may outlive it.
    CHECK(library_is_loaded(r.shared_object));
}

TEST_CASE("loader: wrong SDK ABI is refused from the file, before its static constructors run")
{
    TempDir tmp;
    const fs::path marker = tmp.path / "constructor-ran";
    REQUIRE(setenv("AIRSIGHT_FIXTURE_MARKER", marker.c_str(), 1) == 0);
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "wrong_abi"); // its factory would abort()
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "built for SDK ABI " + std::to_string(AIRSIGHT_SDK_ABI + 1) + ", this server has " +
                         std::to_string(AIRSIGHT_SDK_ABI));
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'wrong_abi'", r.shared_object.string(), r.error}));
    CHECK(h.log.hosts_made == 0);
    CHECK_FALSE(library_is_loaded(r.shared_object));
    CHECK_FALSE(fs::exists(marker));

    // The control: opening it does run its constructor, so the check above can fail.
    void* handle = dlopen(r.shared_object.c_str(), RTLD_NOW | RTLD_LOCAL);
    REQUIRE(handle != nullptr);
    dlclose(handle);
    CHECK(fs::exists(marker));
    unsetenv("AIRSIGHT_FIXTURE_MARKER");
}

TEST_CASE("loader: an SDK ABI 2 plugin (pointers in its record) is refused by its number")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "old_abi"); // its factory would abort()
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "built for SDK ABI 2, this server has " + std::to_string(AIRSIGHT_SDK_ABI));
    CHECK(h.log.hosts_made == 0);
    CHECK_FALSE(library_is_loaded(r.shared_object));
}

TEST_CASE("loader: a library without airsight_plugin_info is not a plugin")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "no_info");
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "no airsight_plugin_info symbol: not an airsight plugin");
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'no_info'", r.error}));
    CHECK(h.log.hosts_made == 0);
    CHECK_FALSE(library_is_loaded(r.shared_object)); // judged from the file: never opened
}

TEST_CASE("loader: info without a factory is refused")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "no_factory");
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "no airsight_plugin_create symbol: the plugin has no factory");
    CHECK(h.log.hosts_made == 0);
    CHECK_FALSE(library_is_loaded(r.shared_object));
}

TEST_CASE("loader: an unresolved symbol is refused with the dynamic loader's reason")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "unresolved");
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error.find("undefined symbol") != std::string::npos);
    CHECK(r.error.find("airsight_fixture_function_that_does_not_exist") != std::string::npos);
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'unresolved'", "undefined symbol"}));
    CHECK(h.log.snapshot().empty()); // a host was made, but nothing of the plugin ran
}

TEST_CASE("loader: a file that is not an ELF is refused")
{
    TempDir tmp;
    Harness h;
    write_file(tmp.path / "text" / "manifest.conf", "name=text\nobject=text.so\n");
    write_file(tmp.path / "text" / "text.so", "This is not a shared object, just some text long enough to hold "
                                              "an ELF header if it were one. Really, it is not.\n");
    h.loader->load({tmp.path}, {});
    const PluginRecord r = h.only_record();
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "not an ELF file (no ELF magic number)");
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'text'", (tmp.path / "text" / "text.so").string()}));
}

TEST_CASE("loader: object= naming a missing file is refused")
{
    TempDir tmp;
    Harness h;
    write_file(tmp.path / "lost" / "manifest.conf", "name=lost\nobject=nowhere.so\n");
    h.loader->load({tmp.path}, {});
    const PluginRecord r = h.only_record();
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "object=nowhere.so does not exist in " + (tmp.path / "lost").string());
}

TEST_CASE("loader: a manifest without a name is refused under its folder's name")
{
    TempDir tmp;
    Harness h;
    write_file(tmp.path / "nameless" / "manifest.conf", "description=who am I\n");
    h.loader->load({tmp.path}, {});
    const PluginRecord r = h.only_record();
    CHECK(r.state == PluginState::Refused);
    CHECK(r.name == "nameless");
    CHECK(r.error == "no name= in manifest");
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'nameless'", "no name= in manifest"}));
}

TEST_CASE("loader: the info record must carry the manifest's name")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "name_mismatch"); // its factory would abort()
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "the plugin calls itself 'someone_else' but its manifest says 'name_mismatch'");
    CHECK(h.log.hosts_made == 0);
    CHECK_FALSE(library_is_loaded(r.shared_object));
}

TEST_CASE("loader: a factory that throws is refused with its message, and its routes withdrawn")
{
    TempDir tmp;
    Harness h;
    const PluginRecord r = h.load_fixture(tmp, "throws");
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "throws: refusing to be created");
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'throws'", "throws: refusing to be created"}));
    CHECK(h.log.hosts_made == 1);
    CHECK(h.log.snapshot() == std::vector<std::string>{"route throws /throws/early", "withdraw throws"});
    CHECK(library_is_loaded(r.shared_object)); // its code ran: it stays mapped
}

TEST_CASE("loader: a host the server cannot make refuses the plugin")
{
    TempDir tmp;
    SUBCASE("factory returns nullptr")
    {
        Harness h;
        h.host_failure = "null";
        const PluginRecord r = h.load_fixture(tmp, "good");
        CHECK(r.state == PluginState::Refused);
        CHECK(r.error == "the server could not make a host for it");
    }
    SUBCASE("factory throws")
    {
        Harness h;
        h.host_failure = "no more hosts";
        const PluginRecord r = h.load_fixture(tmp, "good");
        CHECK(r.state == PluginState::Refused);
        CHECK(r.error == "no more hosts");
        CHECK_FALSE(library_is_loaded(r.shared_object)); // the host is made before dlopen
    }
}

TEST_CASE("loader: a plugin whose start() throws is refused and unloaded")
{
    TempDir tmp;
    Harness h;
    h.config.entries.emplace("good.fail_start", "1");
    PluginRecord r = h.load_fixture(tmp, "good");
    REQUIRE(r.state == PluginState::Loaded);

    h.loader->start_all();
    r = h.only_record();
    CHECK(r.state == PluginState::Refused);
    CHECK(r.error == "start() failed: told to fail");
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'good'", "start() failed: told to fail"}));
    const auto events = h.log.snapshot();
    REQUIRE(events.size() >= 2);
    CHECK(events[events.size() - 2] == "withdraw good");
    CHECK(events.back() == "post good destroyed");
    CHECK(library_is_loaded(r.shared_object)); // its code ran: it stays mapped
    h.loader->stop_all(); // nothing left to stop
    CHECK(h.log.snapshot().size() == events.size());
}

TEST_CASE("selection: disable wins, and a non-empty enable list is exclusive")
{
    PluginSelection none;
    CHECK(none.allows("anything"));
    PluginSelection s{.enabled = {"a", "b"}, .disabled = {"b"}};
    CHECK(s.allows("a"));
    CHECK_FALSE(s.allows("b"));
    CHECK_FALSE(s.allows("c"));
    PluginSelection off{.enabled = {}, .disabled = {"x"}};
    CHECK_FALSE(off.allows("x"));
    CHECK(off.allows("y"));
}

TEST_CASE("loader: plugins disabled by the selection are recorded, never opened")
{
    TempDir tmp;
    SUBCASE("plugin_disable")
    {
        Harness h;
        const PluginRecord r = h.load_fixture(tmp, "good", {.enabled = {}, .disabled = {"good"}});
        CHECK(r.state == PluginState::Disabled);
        CHECK(r.error.empty());
        CHECK(h.bus.has(MSG_INFO, {"Plugin 'good'", "disabled"}));
        CHECK(h.log.hosts_made == 0);
        CHECK_FALSE(library_is_loaded(tmp.path / "good" / "good.so"));
    }
    SUBCASE("plugin_enable of another plugin")
    {
        Harness h;
        CHECK(h.load_fixture(tmp, "good", {.enabled = {"other"}, .disabled = {}}).state == PluginState::Disabled);
    }
    SUBCASE("plugin_enable of this plugin")
    {
        Harness h;
        CHECK(h.load_fixture(tmp, "good", {.enabled = {"good"}, .disabled = {}}).state == PluginState::Loaded);
    }
}

TEST_CASE("loader: the first folder with a name wins, later copies are duplicates")
{
    TempDir first, second;
    stage(first.path, "good");
    stage(second.path, "good");
    Harness h;
    h.loader->load({first.path, second.path}, {});
    const auto records = h.loader->records();
    REQUIRE(records.size() == 2);
    CHECK(records[0].state == PluginState::Loaded);
    CHECK(records[0].dir == first.path / "good");
    CHECK(records[1].state == PluginState::Refused);
    CHECK(records[1].dir == second.path / "good");
    CHECK(records[1].error == "duplicate of plugin in " + (first.path / "good").string());
    CHECK(h.bus.has(MSG_ERROR, {"Refused plugin 'good'", "duplicate of plugin in"}));
    CHECK(h.log.hosts_made == 1);
}

TEST_CASE("loader: web-only plugins load from their manifest alone")
{
    TempDir tmp;
    Harness h;
    write_file(tmp.path / "web" / "manifest.conf", "name=web\nversion=0.1\njs=web,/plugin/web/js/web.js\n");
    write_file(tmp.path / "web" / "httpd" / "index.html", "<p>hi</p>\n");
    h.loader->load({tmp.path}, {});
    const PluginRecord r = h.only_record();
    CHECK(r.state == PluginState::Loaded);
    CHECK(r.shared_object.empty());
    CHECK(r.has_httpd);
    CHECK(r.js_module == "web,/plugin/web/js/web.js");
    CHECK(r.kinds == 0);
    CHECK(h.log.hosts_made == 0);
    CHECK(h.bus.has(MSG_INFO, {"Loaded plugin 'web' 0.1", "web content only"}));
}

TEST_CASE("loader: folders are scanned in sorted order; missing and repeated dirs are skipped")
{
    TempDir tmp;
    Harness h;
    for (const char* name : {"b_web", "c_web", "a_web"})
        write_file(tmp.path / name / "manifest.conf", std::string("name=") + name + "\n");
    write_file(tmp.path / "not_a_plugin" / "readme.txt", "no manifest here\n");
    write_file(tmp.path / "stray_file", "name=stray\n");
    h.loader->load({tmp.path / "missing", tmp.path, tmp.path / "." }, {});
    std::vector<std::string> names;
    for (const auto& r : h.loader->records()) names.push_back(r.name);
    CHECK(names == std::vector<std::string>{"a_web", "b_web", "c_web"});
    CHECK(h.bus.posts().size() == 3);
}

TEST_CASE("loader: search order is config plugin_dir, then homedir, then the build tree")
{
    TempDir config_dir, home;
    // Web-only stand-ins for the shipped plugins, one in each earlier folder.
    write_file(config_dir.path / "hello" / "manifest.conf", "name=hello\n");
    write_file(home.path / "plugins" / "webdemo" / "manifest.conf", "name=webdemo\n");

    Harness h;
    h.config.entries.emplace("plugin_dir", config_dir.path.string());
    const fs::path exe = fs::path(AIRSIGHT_BUILD_ROOT) / "core" / "airsight";
    h.loader->load(airsight::core::plugin_search_path(h.config, home.path, exe), {});

    std::map<std::string, std::vector<PluginRecord>> by_name;
    for (const auto& r : h.loader->records()) by_name[r.name].push_back(r);
    REQUIRE(by_name["hello"].size() == 2);
    REQUIRE(by_name["webdemo"].size() == 2);
    CHECK(by_name["hello"][0].dir == config_dir.path / "hello");
    CHECK(by_name["hello"][0].state == PluginState::Loaded);
    CHECK(by_name["hello"][1].dir == (fs::path(AIRSIGHT_BUILD_ROOT) / "plugins" / "hello").lexically_normal());
    CHECK(by_name["hello"][1].error == "duplicate of plugin in " + (config_dir.path / "hello").string());
    CHECK(by_name["webdemo"][0].dir == home.path / "plugins" / "webdemo");
    CHECK(by_name["webdemo"][1].state == PluginState::Refused);
    // The build tree's hello.so was never opened (other build-tree plugins may be).
    for (const std::string& event : h.log.snapshot()) CHECK(event.find(" hello ") == std::string::npos);
}

TEST_CASE("loader: the shipped plugins load from the build tree")
{
    Harness h;
    h.loader->load({fs::path(AIRSIGHT_BUILD_ROOT) / "plugins"}, {});
    std::map<std::string, PluginRecord> by_name;
    for (const auto& r : h.loader->records()) by_name[r.name] = r;

    REQUIRE(by_name.count("hello") == 1);
    const PluginRecord& hello = by_name["hello"];
    CHECK(hello.state == PluginState::Loaded);
    CHECK(hello.error.empty());
    CHECK(hello.kinds == (AIRSIGHT_PLUGIN_ENDPOINTS | AIRSIGHT_PLUGIN_FIELDS));
    REQUIRE(h.hosts.count("hello") == 1);
    CHECK(h.hosts["hello"]->route("/hello/greeting") != nullptr);
    CHECK(h.hosts["hello"]->route("/hello/echo") != nullptr);

    REQUIRE(by_name.count("webdemo") == 1);
    const PluginRecord& web = by_name["webdemo"];
    CHECK(web.state == PluginState::Loaded);
    CHECK(web.shared_object.empty());
    CHECK(web.has_httpd);
    CHECK(web.js_module == "webdemo,/plugin/webdemo/js/webdemo.js");
    CHECK(fs::is_regular_file(web.dir / "httpd" / "js" / "webdemo.js"));
    CHECK(fs::is_regular_file(web.dir / "httpd" / "index.html"));
}
