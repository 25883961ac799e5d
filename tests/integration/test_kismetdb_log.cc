// The kismetdb log the real server writes (log_types=kismet), read back with
// SQLite and checked against what the same server served over REST: every
// table, the device records, the packet count; then the two promises a log
// makes to someone who loses the server: a kill -9 mid-replay leaves a sound
// database holding what was committed a second before, and a .kismet file
// replayed as a source gives the devices the original run had.
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"
#include "sqlite_reader.h"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using airsight::Value;
using airsight::core::parse_json;
using airsight::kismetdb::test::Reader;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};

std::vector<std::string> with_login(std::vector<std::string> lines)
{
    lines.insert(lines.end(), kLogin.begin(), kLogin.end());
    return lines;
}

/// The one .kismet file in the server's output folder.
fs::path kismet_log(const ServerProcess& s)
{
    std::vector<fs::path> found;
    const fs::path logs = s.homedir() / "logs";
    if (fs::exists(logs))
        for (const auto& e : fs::directory_iterator(logs))
            if (e.path().extension() == ".kismet") found.push_back(e.path());
    INFO("server output: " << s.output().substr(0, 3000));
    REQUIRE(found.size() == 1);
    return found[0];
}

/// What a device list says of each device, by key: what must match between a
/// log and the REST API, or between a run and its replay.
std::map<std::string, std::string> device_summary(const Value& list)
{
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Value& d = list.at(i);
        out[str(d, "kismet.device.base.key")] = str(d, "kismet.device.base.macaddr") + " " +
                                                str(d, "kismet.device.base.type") + " " +
                                                std::to_string(num(d, "kismet.device.base.packets.total")) + " " +
                                                std::to_string(num(d, "kismet.device.base.first_time")) + " " +
                                                std::to_string(num(d, "kismet.device.base.last_time"));
    }
    return out;
}

} // namespace

TEST_CASE("kismetdb: every table of a finished run matches what the REST API served")
{
    const std::string sim = "sim:name=lab,seed=5,aps=3,clients=6,channels=6,rate=max,frames=6000,attacks=bcastdiscon";
    ServerProcess server(with_login({"log_types=kismet", "kis_log_device_rate=1", "log_title=Lab"}), {"-c", sim});
    const std::string uuid = only_source(server);
    const Value done = wait_for_end(server);
    const std::uint64_t packets = num(done, "kismet.datasource.num_packets");
    REQUIRE(packets == 6000);

    const Value devices = json_of(server.get("/devices/all_devices.json"));
    REQUIRE(devices.size() > 6);
    const Value alerts = json_of(server.get("/alerts/all_alerts.json"));
    REQUIRE(alerts.size() > 0); // the attack's BCASTDISCON
    const Value active = json_of(server.get("/logging/active.json"));
    REQUIRE(active.size() == 1);
    const fs::path path = kismet_log(server);
    CHECK(str(active.at(0), "kismet.logfile.path") == path.string());
    CHECK(path.filename().string().starts_with("Lab-"));

    // SIGTERM closes the log: the last device pass, the last commit, one file.
    REQUIRE(server.stop(SIGTERM, 30000) == 0);
    CHECK_FALSE(fs::exists(path.string() + "-wal"));
    Reader db(path, SQLITE_OPEN_READWRITE); // read-write: a WAL a killed writer left is recovered
    CHECK(db.one("PRAGMA integrity_check") == "ok");

    SUBCASE("KISMET: the schema version Kismet's readers check")
    {
        const auto kismet = db.rows("SELECT kismet_version, db_version, db_module FROM KISMET");
        REQUIRE(kismet.size() == 1);
        CHECK(kismet[0][1] == "10"); // current Kismet's KISMETDB_LOG_VERSION
        CHECK(kismet[0][2] == "kismetlog");
    }
    SUBCASE("packets: every frame, raw, with its source and link type")
    {
        CHECK(db.count("packets") == packets);
        CHECK(db.one("SELECT COUNT(DISTINCT datasource) FROM packets") == "1");
        CHECK(db.one("SELECT datasource FROM packets LIMIT 1") == uuid);
        CHECK(db.one("SELECT COUNT(*) FROM packets WHERE dlt != 127") == "0");
        CHECK(db.one("SELECT COUNT(*) FROM packets WHERE length(packet) != packet_len OR packet_len = 0") == "0");
        CHECK(db.one("SELECT COUNT(*) FROM packets WHERE phyname != 'IEEE802.11'") == "0");
        CHECK(db.one("SELECT COUNT(DISTINCT packetid) FROM packets") == std::to_string(packets));
    }
    SUBCASE("devices: one row per device, its blob the REST record")
    {
        REQUIRE(db.count("devices") == devices.size());
        std::map<std::string, std::string> logged;
        for (const auto& row : db.rows("SELECT devkey, phyname, devmac, type, device FROM devices")) {
            const Value record = parse_json(row[4]);
            CHECK(str(record, "kismet.device.base.key") == row[0]);
            CHECK(str(record, "kismet.device.base.phyname") == row[1]);
            CHECK(str(record, "kismet.device.base.macaddr") == row[2]);
            CHECK(str(record, "kismet.device.base.type") == row[3]);
            Value one_list = Value::array();
            one_list.push(record);
            logged.merge(device_summary(one_list));
        }
        CHECK(logged == device_summary(devices));
    }
    SUBCASE("datasources, alerts, messages")
    {
        const auto sources = db.rows("SELECT uuid, typestring, definition, name, json FROM datasources");
        REQUIRE(sources.size() == 1);
        CHECK(sources[0][0] == uuid);
        CHECK(sources[0][1] == "sim");
        CHECK(sources[0][2] == sim);
        CHECK(sources[0][3] == "lab");
        CHECK(str(parse_json(sources[0][4]), "kismet.datasource.uuid") == uuid);

        CHECK(db.count("alerts") == alerts.size());
        CHECK(db.one("SELECT COUNT(*) FROM alerts WHERE header = 'BCASTDISCON'") ==
              std::to_string(alerts.size()));
        for (const auto& row : db.rows("SELECT json FROM alerts"))
            CHECK(str(parse_json(row[0]), "kismet.alert.header") == "BCASTDISCON");

        // The message the finished source posted was logged too.
        CHECK(std::stoull(db.one("SELECT COUNT(*) FROM messages WHERE message LIKE '%finished after 6000 packets%'")) ==
              1);
    }
}

TEST_CASE("kismetdb: kill -9 during a fast replay leaves a sound database with what was committed")
{
    // Endless, as fast as it goes: the log is busy when the server dies.
    ServerProcess server(with_login({"log_types=kismet"}), {"-c", "sim:name=fast,seed=7,aps=20,clients=200,rate=max"});
    const std::string uuid = only_source(server);
    wait_for_source(server, uuid, "50,000 packets",
                    [](const Value& v) { return num(v, "kismet.datasource.num_packets") >= 50000; });
    const fs::path path = kismet_log(server);
    // Everything delivered by now is committed within a second (the log's
    // flush), plus what its queue held: two seconds is ample.
    const std::uint64_t delivered = num(source_record(server, uuid), "kismet.datasource.num_packets");
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    REQUIRE(server.stop(SIGKILL, 10000) != -1);

    Reader db(path, SQLITE_OPEN_READWRITE); // read-write: a WAL a killed writer left is recovered
    CHECK(db.one("PRAGMA integrity_check") == "ok");
    const std::uint64_t logged = db.count("packets");
    INFO("delivered before the last two seconds: " << delivered << ", logged: " << logged);
    CHECK(logged >= delivered);
    CHECK(db.count("datasources") == 1);
}

TEST_CASE("kismetdb: a .kismet log replayed as a source gives the devices of the original run")
{
    TempDir keep;
    const fs::path copy = keep.path() / "run.kismet";
    std::map<std::string, std::string> original;
    {
        ServerProcess server(with_login({"log_types=kismet"}),
                             {"-c", "sim:name=orig,seed=11,aps=4,clients=8,channels=1/6,rate=max,frames=5000"});
        wait_for_end(server);
        original = device_summary(json_of(server.get("/devices/all_devices.json")));
        const fs::path path = kismet_log(server);
        REQUIRE(server.stop(SIGTERM, 30000) == 0);
        fs::copy_file(path, copy);
    }
    REQUIRE(original.size() > 8);

    ServerProcess replay(with_login({"enable_logging=false"}), {"-c", copy.string()});
    const std::string uuid = only_source(replay);
    const Value done = wait_for_end(replay);
    CHECK(num(done, "kismet.datasource.num_packets") == 5000);
    CHECK(str(*done.find("kismet.datasource.type_driver"), "kismet.datasource.driver.type") == "kismetdb");
    CHECK(device_summary(json_of(replay.get("/devices/all_devices.json"))) == original);
    // Logging off: no log was written.
    const fs::path logs = replay.homedir() / "logs";
    if (fs::exists(logs))
        for (const auto& e : fs::directory_iterator(logs)) CHECK(e.path().extension() != ".kismet");
}
