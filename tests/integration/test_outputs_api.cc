// Files the server writes (here the sim source's pcapng=) go under output_dir
// as new files only: absolute names, names that leave the folder and names
// that are taken are refused with 400 and the reason, and nothing is touched.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Waits until every source finished its frames= run (60 s at most).
void wait_until_finished(const ServerProcess& server)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        const Value sources = json_of(server.get("/datasource/all_sources.json"));
        bool all = sources.size() > 0;
        for (std::size_t i = 0; i < sources.size(); ++i)
            all = all && sources.at(i).find("airsight.datasource.finished")->as_uint() == 1;
        if (all) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the sources did not finish within 60 s");
}

std::string error_of(const HttpResult& r)
{
    const Value body = json_of(r);
    const Value* e = body.find("error");
    return e ? e->as_string() : "";
}

} // namespace

TEST_CASE("sim pcapng= creates a new file under output_dir; bad names are 400 with the reason")
{
    TempDir out;
    const fs::path logs = out.path() / "logs"; // created by the first output
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "output_dir=" + logs.string()});

    const HttpResult added = post_command(server, "/datasource/add_source.cmd",
                                          R"({"definition": "sim:name=rec,rate=max,frames=60,pcapng=run1.pcapng"})");
    REQUIRE(added.status == 200);
    wait_until_finished(server);
    REQUIRE(fs::is_regular_file(logs / "run1.pcapng"));
    CHECK(fs::file_size(logs / "run1.pcapng") > 60 * 16);
    CHECK(read_all(logs / "run1.pcapng").substr(0, 4) == std::string("\x0a\x0d\x0d\x0a", 4)); // pcapng SHB

    {
        std::ofstream precious(logs / "precious.pcapng");
        precious << "keep me";
    }
    const std::pair<std::string, std::string> refused[] = {
        {"/tmp/airsight-evil.pcapng", "absolute path"},
        {"../escaped.pcapng", "leaves the output folder"},
        {"deeper/../../escaped.pcapng", "leaves the output folder"},
        {"precious.pcapng", "already exists"},
        {"run1.pcapng", "already exists"},
        {"no/such/folder.pcapng", "does not exist"},
    };
    for (const auto& [name, reason] : refused) {
        INFO(name);
        const HttpResult r = post_command(server, "/datasource/add_source.cmd",
                                          R"({"definition": "sim:rate=max,frames=10,pcapng=)" + name + R"("})");
        CHECK(r.status == 400);
        CHECK(error_of(r).find("pcapng=" + name) != std::string::npos);
        CHECK(error_of(r).find(reason) != std::string::npos);
    }
    CHECK(read_all(logs / "precious.pcapng") == "keep me");
    CHECK_FALSE(fs::exists(out.path() / "escaped.pcapng"));
    CHECK_FALSE(fs::exists("/tmp/airsight-evil.pcapng"));
    CHECK(json_of(server.get("/datasource/all_sources.json")).size() == 1); // refusals add nothing
    CHECK(server.get("/system/status.json").status == 200);
}

TEST_CASE("without output_dir, outputs go to <homedir>/logs")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw"},
                         {"-c", "sim:name=rec,rate=max,frames=30,pcapng=first.pcapng"});
    wait_until_finished(server);
    CHECK(fs::is_regular_file(server.homedir() / "logs" / "first.pcapng"));
}

TEST_CASE("a source= whose pcapng= is refused is reported, and the server runs on")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw"},
                         {"-c", "sim:name=bad,rate=max,frames=30,pcapng=/etc/airsight-test.pcapng"});
    CHECK(server.output().find("pcapng=/etc/airsight-test.pcapng") != std::string::npos);
    CHECK(server.output().find("absolute path") != std::string::npos);
    CHECK(json_of(server.get("/datasource/all_sources.json")).size() == 0);
    CHECK_FALSE(fs::exists("/etc/airsight-test.pcapng"));
}
