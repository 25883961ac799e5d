// The kismetdb source in the real server: a .kismet written by the log
// class from a capture's packets replays to the very devices the capture
// itself gives; files that are not kismetdb logs fail their source with the
// reason while the server runs on. (The log written by the running server
// is tested with the logging manager, which drives it.)
#include "kismetdb_log.h"
#include "kismetdb_test_support.h"

#include "captures.h"
#include "rest_helpers.h"
#include "server_process.h"

#include <pcap/pcap.h>

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>
#include <tuple>

using namespace airsight;
using namespace airsight::test;
using airsight::kismetdb::KismetLog;

namespace {

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

// Writes every packet of a capture into a new kismetdb log; returns how many.
std::size_t capture_to_kismet(const std::filesystem::path& capture, const std::string& out)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* pcap = pcap_open_offline(capture.c_str(), errbuf);
    REQUIRE_MESSAGE(pcap != nullptr, errbuf);
    KismetLog log(kismetdb::test::open_request(out), {});
    std::size_t count = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(pcap, &header, &data) == 1) {
        LoggedPacket p;
        p.id = ++count;
        p.ts_sec = header->ts.tv_sec;
        p.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
        p.dlt = static_cast<std::uint32_t>(pcap_datalink(pcap));
        p.data = std::span<const std::uint8_t>(data, header->caplen);
        p.original_length = header->len;
        log.packet(p);
    }
    pcap_close(pcap);
    log.close();
    return count;
}

std::string driver_type(const Value& source)
{
    return str(field(source, "kismet.datasource.type_driver"), "kismet.datasource.driver.type");
}

// key -> (MAC, PHY, type, packets, first time, last time) of every device.
using DeviceSummary = std::map<std::string, std::tuple<std::string, std::string, std::string, std::uint64_t,
                                                       std::uint64_t, std::uint64_t>>;

DeviceSummary devices_of(const ServerProcess& server)
{
    const Value list = json_of(post_command(server, "/devices/all_devices.json", R"({"fields": [
        "kismet.device.base.key", "kismet.device.base.macaddr", "kismet.device.base.phyname",
        "kismet.device.base.type", "kismet.device.base.packets.total", "kismet.device.base.first_time",
        "kismet.device.base.last_time"]})"));
    DeviceSummary out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Value& d = list.at(i);
        out[str(d, "kismet.device.base.key")] =
            std::make_tuple(str(d, "kismet.device.base.macaddr"), str(d, "kismet.device.base.phyname"),
                            str(d, "kismet.device.base.type"), num(d, "kismet.device.base.packets.total"),
                            num(d, "kismet.device.base.first_time"), num(d, "kismet.device.base.last_time"));
    }
    return out;
}

} // namespace

TEST_CASE("a .kismet written from a capture replays to the same devices as the capture" *
          doctest::test_suite("needs-captures"))
{
    for (const char* name : {"allframes.pcapng", "capture_wds-01.cap", "test1.pcap", "handshake_not_exists.cap"}) {
        INFO("capture " << std::string(name));
        const auto capture = shared_capture(name);
        if (!capture) continue;
        kismetdb::test::ScratchDir dir;
        const std::string log = dir.file(std::string(name) + ".kismet");
        const std::size_t packets = capture_to_kismet(*capture, log);
        REQUIRE(packets > 0);

        DeviceSummary from_capture, from_log;
        {
            ServerProcess server(kConfig, {"-c", capture->string()});
            wait_for_end(server);
            from_capture = devices_of(server);
        }
        {
            ServerProcess server(kConfig, {"-c", log});
            const Value source = wait_for_end(server);
            CHECK(driver_type(source) == "kismetdb");
            CHECK(num(source, "airsight.datasource.finished") == 1);
            CHECK(num(source, "kismet.datasource.error") == 0);
            from_log = devices_of(server);
            CHECK(server.get("/system/status.json").status == 200);
        }
        CHECK(from_capture.size() > 1);
        CHECK(from_log == from_capture);
        MESSAGE(std::string(name) << ": " << packets << " packets, " << from_log.size() << " devices alike");
    }
}

TEST_CASE("files that are not kismetdb logs fail their source with the reason; the server runs on")
{
    kismetdb::test::ScratchDir dir;
    const std::string text = dir.file("notes.kismet");
    std::ofstream(text) << "not a database at all, just some words in a file";
    const std::string foreign = dir.file("foreign.kismet");
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(foreign.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE recipes (name TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    ServerProcess server(kConfig);
    const std::pair<std::string, std::string> cases[] = {
        {text, "cannot replay kismetdb log " + text + ": not an SQLite database"},
        {foreign, "cannot replay " + foreign + ": an SQLite database but not a kismetdb log (it has no KISMET table)"}};
    for (const auto& [path, reason] : cases) {
        INFO(path);
        const HttpResult r = post_command(server, "/datasource/add_source.cmd", "{\"definition\": \"" + path + "\"}");
        REQUIRE(r.status == 200);
        const Value added = json_of(r);
        const Value record = wait_for_source(server, str(added, "kismet.datasource.uuid"), "an error",
                                             [](const Value& v) { return num(v, "kismet.datasource.error") == 1; });
        CHECK(driver_type(record) == "kismetdb");
        CHECK(str(record, "kismet.datasource.error_reason").find(reason) != std::string::npos);
        CHECK(server.get("/messagebus/all_messages.json").body.find(reason) != std::string::npos);
    }
    CHECK(server.get("/system/status.json").status == 200);
}
