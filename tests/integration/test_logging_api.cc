// Logs against the real server, through the testlog plugin
// (tests/integration/plugins/testlog: one JSON line per LogFile call): a sim
// run is logged whole (every packet, devices, messages, alerts, sources) and
// the file ends closed on SIGTERM; /logging/ reads and commands; start-up
// errors; and a log that fails (a file-size limit, a driver that throws)
// stops alone while capture and the REST API go on.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <set>
#include <string>
#include <thread>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};

std::vector<std::string> config(const fs::path& prefix, std::vector<std::string> extra = {})
{
    std::vector<std::string> lines = kLogin;
    lines.push_back("plugin_dir=" INTEGRATION_PLUGINS_DIR);
    lines.push_back("log_prefix=" + prefix.string());
    lines.insert(lines.end(), extra.begin(), extra.end());
    return lines;
}

std::vector<std::string> lines_of(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t count_calls(const std::vector<std::string>& lines, const std::string& call)
{
    std::size_t n = 0;
    for (const auto& l : lines)
        if (l.starts_with("{\"call\":\"" + call + "\"")) ++n;
    return n;
}

bool eventually(const std::function<bool()>& condition)
{
    for (int i = 0; i < 600; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

void exits_cleanly(ServerProcess& server)
{
    const int status = server.stop(SIGTERM, 60000);
    INFO("server output:\n" << server.output());
    REQUIRE(status != -1);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

} // namespace

TEST_CASE("logging: a sim run is logged whole, and SIGTERM leaves the file complete and closed")
{
    TempDir dir;
    ServerProcess server(config(dir.path() / "logs", {"log_types=testlog", "kis_log_device_rate=1"}),
                         {"-c", "sim:name=lab,seed=5,aps=2,clients=2,channels=6,rate=max,frames=3000,attacks=longssid"});
    const Value source = wait_for_end(server);
    const std::uint64_t packets = num(source, "kismet.datasource.num_packets");
    CHECK(packets == 3000);
    const Value stats = json_of(server.get("/packetchain/packet_stats.json"));
    CHECK(num(stats, "airsight.packetchain.processed") == packets);

    // The server's own log plugins (kismet, pcapng) are listed beside the test's.
    const Value drivers = json_of(server.get("/logging/drivers.json"));
    const Value* testlog = nullptr;
    std::set<std::string> classes;
    for (std::size_t i = 0; i < drivers.size(); ++i) {
        classes.insert(str(drivers.at(i), "kismet.logfile.type.class"));
        if (str(drivers.at(i), "kismet.logfile.type.class") == "testlog") testlog = &drivers.at(i);
    }
    CHECK(classes == std::set<std::string>{"kismet", "pcapng", "testlog"});
    REQUIRE(testlog);
    CHECK(str(*testlog, "kismet.logfile.type.name") == "Test JSON-lines log");
    CHECK(num(*testlog, "kismet.logfile.type.singleton") == 1);
    CHECK(num(*testlog, "kismet.logfile.type.stream") == 0);
    CHECK(testlog->find("kismet.logfile.type.description"));

    const Value active = json_of(server.get("/logging/active.json"));
    REQUIRE(active.size() == 1);
    const fs::path path = str(active.at(0), "kismet.logfile.path");
    CHECK(path.parent_path() == dir.path() / "logs");
    CHECK(path.filename().string().starts_with("Kismet-"));
    CHECK(path.filename().string().ends_with("-1.testlog"));
    CHECK(num(active.at(0), "kismet.logfile.open") == 1);
    CHECK(str(active.at(0), "kismet.logfile.template") == "%p/%n-%D-%t-%i.%l");
    CHECK(str(active.at(0), "kismet.logfile.uuid").size() == 36);
    CHECK(str(*active.at(0).find("kismet.log.type_driver"), "kismet.logfile.type.class") == "testlog");

    // A device pass runs every second (kis_log_device_rate=1).
    CHECK(eventually([&] { return count_calls(lines_of(path), "devices") > 0; }));
    exits_cleanly(server);

    const auto lines = lines_of(path);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().starts_with("{\"call\":\"open\""));
    CHECK(lines.back() == "{\"call\":\"closed\"}");
    CHECK(count_calls(lines, "packet") == packets);
    // Every packet once, numbered from 1, named by its source and PHY.
    const std::string uuid = str(source, "kismet.datasource.uuid");
    std::size_t numbered = 0, dot11 = 0;
    for (const auto& l : lines) {
        if (!l.starts_with("{\"call\":\"packet\"")) continue;
        ++numbered;
        CHECK(l.starts_with("{\"call\":\"packet\",\"id\":" + std::to_string(numbered) + ",\"source\":\"" + uuid + "\""));
        if (l.find("\"phy\":\"IEEE802.11\"") != std::string::npos) ++dot11;
    }
    CHECK(dot11 > 0);
    CHECK(count_calls(lines, "devices") > 0);
    CHECK(count_calls(lines, "message") > 0);
    CHECK(count_calls(lines, "source") > 0);
    bool longssid = false, stopping = false;
    for (const auto& l : lines) {
        if (l.starts_with("{\"call\":\"alert\",\"header\":\"LONGSSID\"") &&
            l.find("\"kismet.alert.header\":\"LONGSSID\"") != std::string::npos)
            longssid = true;
        if (l.find("Stopping on signal") != std::string::npos) stopping = true;
    }
    CHECK(longssid);
    CHECK(stopping); // the logs close after the sources stop, so the last messages are in
}

TEST_CASE("logging: start.cmd and stop.cmd, with and without the login")
{
    TempDir dir;
    // No log at start; the commands open one all the same.
    ServerProcess server(config(dir.path() / "logs", {"enable_logging=false"}));
    CHECK(server.get("/messagebus/all_messages.json").body.find("Logging is disabled (enable_logging=false)") !=
          std::string::npos);
    CHECK(json_of(server.get("/logging/active.json")).size() == 0);

    CHECK(server.anonymous("POST", "/logging/by-class/testlog/start.cmd", json_form("{}")).status == 401);
    const HttpResult started = post_command(server, "/logging/by-class/testlog/start.cmd", R"({"title": "Walk"})", server.login());
    REQUIRE(started.status == 200);
    const Value log = json_of(started);
    const fs::path path = str(log, "kismet.logfile.path");
    CHECK(path.filename().string().starts_with("Walk-"));
    CHECK(num(log, "kismet.logfile.open") == 1);
    CHECK(fs::exists(path));

    const HttpResult again = post_command(server, "/logging/by-class/testlog/start.cmd", "{}", server.login());
    CHECK(again.status == 400);
    CHECK(again.body.find("already open") != std::string::npos);
    const HttpResult unknown = post_command(server, "/logging/by-class/nosuch/start.cmd", "{}", server.login());
    CHECK(unknown.status == 404);
    CHECK(unknown.body.find("nosuch") != std::string::npos);

    const std::string uuid = str(log, "kismet.logfile.uuid");
    CHECK(server.anonymous("POST", "/logging/by-uuid/" + uuid + "/stop.cmd", json_form("{}")).status == 401);
    CHECK(post_command(server, "/logging/by-uuid/00000000-0000-0000-0000-000000000000/stop.cmd", "{}", server.login()).status == 404);
    const HttpResult stopped = post_command(server, "/logging/by-uuid/" + uuid + "/stop.cmd", "{}", server.login());
    REQUIRE(stopped.status == 200);
    CHECK(num(json_of(stopped), "kismet.logfile.open") == 0);
    const Value active = json_of(server.get("/logging/active.json"));
    REQUIRE(active.size() == 1);
    CHECK(num(active.at(0), "kismet.logfile.open") == 0);
    CHECK(lines_of(path).back() == "{\"call\":\"closed\"}");
    CHECK(post_command(server, "/logging/by-uuid/" + uuid + "/stop.cmd", "{}", server.login()).status == 404);

    // A new log never replaces the old file: it takes the next number.
    const HttpResult second = post_command(server, "/logging/by-class/testlog/start.cmd", R"({"title": "Walk"})", server.login());
    REQUIRE(second.status == 200);
    CHECK(str(json_of(second), "kismet.logfile.path").ends_with("-2.testlog"));
    exits_cleanly(server);
}

TEST_CASE("logging: what cannot work stops the start, saying why")
{
    TempDir dir;
    std::ofstream(dir.path() / "file") << "not a folder";
    const fs::path unwritable = dir.path() / "file" / "logs";
    CHECK_THROWS_WITH(ServerProcess(config(unwritable, {"log_types=testlog"}), {"-c", "sim:name=lab,rate=10"}),
                      doctest::Contains(unwritable.c_str()));
    CHECK_THROWS_WITH(ServerProcess(config(dir.path() / "logs", {"log_types=testlog,nosuch"})),
                      doctest::Contains("log_types names 'nosuch', which no loaded plugin provides (loaded: "));
    CHECK_THROWS_WITH(ServerProcess(config(dir.path() / "logs", {"log_template=%p/%n-%Q"})),
                      doctest::Contains("%p/%n-%Q"));
}

TEST_CASE("logging: a full disk stops the log that filled it; capture and the REST API go on")
{
    TempDir dir;
    // A 256 KiB file-size limit: the log's writes fail with EFBIG (SIGXFSZ is ignored).
    ServerProcess server(config(dir.path() / "logs", {"log_types=testlog"}), {"-c", "sim:name=lab,rate=max,frames=20000"},
                         256 * 1024);
    const Value source = wait_for_end(server);
    CHECK(num(source, "kismet.datasource.num_packets") == 20000);
    CHECK(eventually([&] {
        const Value active = json_of(server.get("/logging/active.json"));
        return active.size() == 1 && num(active.at(0), "kismet.logfile.open") == 0;
    }));
    const std::string path = str(json_of(server.get("/logging/active.json")).at(0), "kismet.logfile.path");
    const std::string messages = server.get("/messagebus/all_messages.json").body;
    INFO(messages);
    CHECK(messages.find("Log " + path + " stopped") != std::string::npos);
    CHECK(messages.find("File too large") != std::string::npos);
    CHECK(server.get("/system/status.json").status == 200);
    CHECK(num(json_of(server.get("/packetchain/packet_stats.json")), "airsight.packetchain.processed") == 20000);
    exits_cleanly(server);
}

TEST_CASE("logging: a driver that throws stops its log, which still closes")
{
    TempDir dir;
    ServerProcess server(config(dir.path() / "logs", {"log_types=testlog", "testlog_fail_after=50"}),
                         {"-c", "sim:name=lab,rate=max,frames=2000"});
    wait_for_end(server);
    CHECK(eventually([&] {
        const Value active = json_of(server.get("/logging/active.json"));
        return active.size() == 1 && num(active.at(0), "kismet.logfile.open") == 0;
    }));
    const std::string path = str(json_of(server.get("/logging/active.json")).at(0), "kismet.logfile.path");
    CHECK(server.get("/messagebus/all_messages.json").body.find("testlog_fail_after reached") != std::string::npos);
    const auto lines = lines_of(path);
    CHECK(count_calls(lines, "packet") == 50);
    CHECK(lines.back() == "{\"call\":\"closed\"}");
    CHECK(num(json_of(server.get("/packetchain/packet_stats.json")), "airsight.packetchain.processed") == 2000);
    exits_cleanly(server);
}
