// The kismet log class driven through its LogFile, as the logging manager
// drives it, and read back with the plain SQLite API: Kismet's schema,
// every column, rewrites, the duplicate-packet option, refusals, a write
// error, and a writer killed with SIGKILL.
#include "kismetdb_log.h"
#include "kismetdb_schema.h"
#include "kismetdb_test_support.h"

#include "../../../tests/unit/fake_config.h"
#include "prerequisites.h"

#include <airsight/abi.h>
#include <airsight/crc32.h>
#include <airsight/host.h>

#include <pcap/pcap.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>

using namespace airsight;
using namespace airsight::kismetdb;
using namespace airsight::kismetdb::test;

namespace {

std::string blob_of(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }

std::unique_ptr<KismetLog> open_log(const std::string& path, KismetLogOptions options = {})
{
    return std::make_unique<KismetLog>(open_request(path), options);
}

LoggedPacket packet_of(const std::vector<std::uint8_t>& frame, std::uint64_t id)
{
    LoggedPacket p;
    p.id = id;
    p.ts_sec = 1700000000 + static_cast<std::int64_t>(id);
    p.ts_usec = static_cast<std::uint32_t>(id * 1000);
    p.dlt = 105;
    p.data = frame;
    p.original_length = static_cast<std::uint32_t>(frame.size());
    p.source_number = 1;
    p.source_uuid = "5fe308bd-0000-0000-0000-0000000000aa";
    p.phy_name = "IEEE802.11";
    return p;
}

// Column name -> declared type, in order, of a table.
std::vector<std::pair<std::string, std::string>> columns(const Reader& r, const std::string& table)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : r.rows("PRAGMA table_info(" + table + ")")) out.emplace_back(row[1], row[2]);
    return out;
}

using Columns = std::vector<std::pair<std::string, std::string>>;

} // namespace

TEST_CASE("a new log has Kismet's kismetdb schema, version 10, and closes to one file in journal_mode=delete")
{
    ScratchDir dir;
    const std::string path = dir.file("a.kismet");
    auto log = open_log(path);
    log->flush();
    log->close();
    log->close(); // idempotent

    CHECK(std::filesystem::exists(path));
    CHECK(!std::filesystem::exists(path + "-wal"));
    CHECK(!std::filesystem::exists(path + "-shm"));
    Reader r(path);
    CHECK(r.one("PRAGMA integrity_check") == "ok");
    CHECK(r.one("PRAGMA journal_mode") == "delete");
    CHECK((r.rows("SELECT kismet_version, db_version, db_module FROM KISMET") ==
          std::vector<std::vector<std::string>>{{"airsight-" AIRSIGHT_SDK_VERSION, "10", "kismetlog"}}));
    CHECK(kLogVersion == 10);

    CHECK((columns(r, "KISMET") == Columns{{"kismet_version", "TEXT"}, {"db_version", "INT"}, {"db_module", "TEXT"}}));
    CHECK((columns(r, "devices") ==
          Columns{{"first_time", "INT"}, {"last_time", "INT"}, {"devkey", "TEXT"}, {"phyname", "TEXT"},
                  {"devmac", "TEXT"}, {"strongest_signal", "INT"}, {"min_lat", "REAL"}, {"min_lon", "REAL"},
                  {"max_lat", "REAL"}, {"max_lon", "REAL"}, {"avg_lat", "REAL"}, {"avg_lon", "REAL"},
                  {"bytes_data", "INT"}, {"type", "TEXT"}, {"device", "BLOB"}}));
    CHECK((columns(r, "packets") ==
          Columns{{"ts_sec", "INT"}, {"ts_usec", "INT"}, {"phyname", "TEXT"}, {"sourcemac", "TEXT"},
                  {"destmac", "TEXT"}, {"transmac", "TEXT"}, {"frequency", "REAL"}, {"devkey", "TEXT"},
                  {"lat", "REAL"}, {"lon", "REAL"}, {"alt", "REAL"}, {"speed", "REAL"}, {"heading", "REAL"},
                  {"packet_len", "INT"}, {"signal", "INT"}, {"datasource", "TEXT"}, {"dlt", "INT"},
                  {"packet", "BLOB"}, {"error", "INT"}, {"tags", "TEXT"}, {"datarate", "REAL"}, {"hash", "INT"},
                  {"packetid", "INT"}, {"packet_full_len", "INT"}}));
    CHECK((columns(r, "data") ==
          Columns{{"ts_sec", "INT"}, {"ts_usec", "INT"}, {"phyname", "TEXT"}, {"devmac", "TEXT"}, {"lat", "REAL"},
                  {"lon", "REAL"}, {"alt", "REAL"}, {"speed", "REAL"}, {"heading", "REAL"}, {"datasource", "TEXT"},
                  {"type", "TEXT"}, {"json", "BLOB"}, {"signal", "INT"}}));
    CHECK((columns(r, "datasources") == Columns{{"uuid", "TEXT"}, {"typestring", "TEXT"}, {"definition", "TEXT"},
                                               {"name", "TEXT"}, {"interface", "TEXT"}, {"json", "BLOB"}}));
    CHECK((columns(r, "alerts") == Columns{{"ts_sec", "INT"}, {"ts_usec", "INT"}, {"phyname", "TEXT"},
                                          {"devmac", "TEXT"}, {"lat", "REAL"}, {"lon", "REAL"},
                                          {"header", "TEXT"}, {"json", "BLOB"}}));
    CHECK((columns(r, "messages") == Columns{{"ts_sec", "INT"}, {"lat", "REAL"}, {"lon", "REAL"},
                                            {"msgtype", "TEXT"}, {"message", "TEXT"}}));
    CHECK((columns(r, "snapshots") == Columns{{"ts_sec", "INT"}, {"ts_usec", "INT"}, {"lat", "REAL"},
                                             {"lon", "REAL"}, {"snaptype", "TEXT"}, {"json", "BLOB"}}));
    // The two rewritten tables replace on their keys, as Kismet's do.
    CHECK(r.one("SELECT sql FROM sqlite_master WHERE name='devices'").find("UNIQUE(phyname, devmac) ON CONFLICT REPLACE") !=
          std::string::npos);
    CHECK(r.one("SELECT sql FROM sqlite_master WHERE name='datasources'").find("UNIQUE(uuid) ON CONFLICT REPLACE") !=
          std::string::npos);
}

TEST_CASE("packets: every column as Kismet fills it")
{
    ScratchDir dir;
    const std::string path = dir.file("p.kismet");
    auto log = open_log(path);

    const auto frame = built_frame(1, 80);
    LoggedPacket full = packet_of(frame, 7);
    full.original_length = 120; // truncated capture
    full.addresses.source = *MacAddr::parse("aa:bb:cc:00:00:01");
    full.addresses.destination = *MacAddr::parse("ff:ff:ff:ff:ff:ff");
    full.addresses.transmitter = *MacAddr::parse("aa:bb:cc:00:00:02");
    full.radio.signal_dbm = -42;
    full.radio.freq_khz = 2437000;
    full.radio.data_rate_mbps = 54;
    full.location = GpsFix{.lat = 51.5, .lon = -0.12, .alt = 30, .speed = 4.5, .heading = 90, .fix = 3};
    full.error = true;
    log->packet(full);

    // Nothing known: Kismet's placeholders.
    const auto bare_frame = built_frame(2, 24);
    LoggedPacket bare = packet_of(bare_frame, 8);
    bare.phy_name = "";
    bare.source_uuid = "";
    bare.location = GpsFix{.lat = 10, .lon = 10, .fix = 1}; // no fix: not logged
    log->packet(bare);
    log->close();

    Reader r(path);
    const auto rows = r.rows("SELECT ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, lat, "
                             "lon, alt, speed, heading, packet_len, signal, datasource, dlt, packet, error, tags, "
                             "datarate, hash, packetid, packet_full_len FROM packets ORDER BY rowid");
    REQUIRE(rows.size() == 2);
    const std::int32_t hash1 = static_cast<std::int32_t>(crc32(frame));
    CHECK((rows[0] == std::vector<std::string>{"1700000007", "7000", "IEEE802.11", "AA:BB:CC:00:00:01",
                                              "FF:FF:FF:FF:FF:FF", "AA:BB:CC:00:00:02", "2437000.0", "0", "51.5",
                                              "-0.12", "30.0", "4.5", "90.0", "80", "-42",
                                              "5fe308bd-0000-0000-0000-0000000000aa", "105", blob_of(frame), "1", "",
                                              "54.0", std::to_string(hash1), "7", "120"}));
    const std::int32_t hash2 = static_cast<std::int32_t>(crc32(bare_frame));
    CHECK((rows[1] == std::vector<std::string>{"1700000008", "8000", "Unknown", "00:00:00:00:00:00",
                                              "00:00:00:00:00:00", "00:00:00:00:00:00", "0.0", "0", "0.0", "0.0",
                                              "0.0", "0.0", "0.0", "24", "0", kZeroUuid, "105", blob_of(bare_frame),
                                              "0", "", "0.0", std::to_string(hash2), "8", "24"}));
    // Types as Kismet's binds give them (kismetdb_to_pcap reads packet as a blob).
    CHECK((r.rows("SELECT typeof(packet), typeof(ts_sec), typeof(frequency), typeof(hash) FROM packets LIMIT 1") ==
          std::vector<std::vector<std::string>>{{"blob", "integer", "real", "integer"}}));
}

TEST_CASE("duplicate packets are logged by default (kis_log_duplicate_packets=true) and skipped when it is false")
{
    ScratchDir dir;
    const auto frame = built_frame(3);
    LoggedPacket first = packet_of(frame, 11), again = packet_of(frame, 11);
    again.duplicate = true;
    again.source_uuid = "5fe308bd-0000-0000-0000-0000000000bb";

    auto kept = open_log(dir.file("kept.kismet"));
    kept->packet(first);
    kept->packet(again);
    kept->close();
    CHECK((Reader(dir.file("kept.kismet")).rows("SELECT packetid, datasource FROM packets ORDER BY rowid") ==
          std::vector<std::vector<std::string>>{{"11", "5fe308bd-0000-0000-0000-0000000000aa"},
                                                {"11", "5fe308bd-0000-0000-0000-0000000000bb"}}));

    airsight::test::FakeConfig config;
    config.entries.emplace("kis_log_duplicate_packets", "false");
    auto skipped = open_log(dir.file("skipped.kismet"), KismetLogOptions::from_config(config));
    skipped->packet(first);
    skipped->packet(again);
    skipped->close();
    CHECK(Reader(dir.file("skipped.kismet")).one("SELECT COUNT(*) FROM packets") == "1");
}

TEST_CASE("a batch of packets goes in many rows per INSERT: every row, in order, with its own columns")
{
    ScratchDir dir;
    // Two full multi-row INSERTs, a remainder, and duplicates skipped in the
    // middle of a group, so the rows after a skipped one must not shift.
    constexpr std::size_t kCount = 2 * KismetLog::kRowsPerInsert + 7;
    std::vector<std::vector<std::uint8_t>> frames;
    for (std::size_t i = 0; i < kCount; ++i) frames.push_back(built_frame(static_cast<std::uint32_t>(i), 24 + i));
    std::vector<LoggedPacket> batch;
    for (std::size_t i = 0; i < kCount; ++i) {
        LoggedPacket p = packet_of(frames[i], i + 1);
        p.addresses.source.bytes = {0xaa, 0, 0, 0, 0, static_cast<std::uint8_t>(i)};
        p.radio.signal_dbm = -static_cast<int>(i);
        p.duplicate = i % 10 == 5;
        batch.push_back(p);
    }
    airsight::test::FakeConfig config;
    config.entries.emplace("kis_log_duplicate_packets", "false");
    auto log = open_log(dir.file("batch.kismet"), KismetLogOptions::from_config(config));
    log->packets(batch);
    log->close();

    const auto rows = Reader(dir.file("batch.kismet"))
                          .rows("SELECT packetid, sourcemac, signal, packet_len, hash, packet FROM packets ORDER BY rowid");
    std::vector<std::vector<std::string>> expected;
    for (std::size_t i = 0; i < kCount; ++i) {
        if (batch[i].duplicate) continue;
        expected.push_back({std::to_string(i + 1), batch[i].addresses.source.str(), std::to_string(-static_cast<int>(i)),
                            std::to_string(frames[i].size()), std::to_string(static_cast<std::int32_t>(crc32(frames[i]))),
                            blob_of(frames[i])});
    }
    CHECK(rows.size() == kCount - 7);
    CHECK(rows == expected);
}

TEST_CASE("data frames are logged unless kis_log_data_packets=false; other kinds always")
{
    ScratchDir dir;
    const auto frame = built_frame(5);
    std::vector<LoggedPacket> batch;
    const PacketKind kinds[] = {PacketKind::data, PacketKind::management, PacketKind::phy, PacketKind::unknown,
                                PacketKind::data};
    for (std::size_t i = 0; i < std::size(kinds); ++i) {
        batch.push_back(packet_of(frame, i + 1));
        batch.back().kind = kinds[i];
    }
    auto all = open_log(dir.file("all.kismet"));
    all->packets(batch);
    all->close();
    CHECK(Reader(dir.file("all.kismet")).one("SELECT COUNT(*) FROM packets") == "5");

    airsight::test::FakeConfig config;
    config.entries.emplace("kis_log_data_packets", "false");
    auto no_data = open_log(dir.file("no-data.kismet"), KismetLogOptions::from_config(config));
    no_data->packets(batch);
    no_data->close();
    CHECK((Reader(dir.file("no-data.kismet")).rows("SELECT packetid FROM packets ORDER BY rowid") ==
          std::vector<std::vector<std::string>>{{"2"}, {"3"}, {"4"}}));
}

TEST_CASE("kis_log_*_timeout: rows older than their timeout are deleted, the others kept; a bad value is refused")
{
    ScratchDir dir;
    airsight::test::FakeConfig config;
    config.entries.emplace("kis_log_packet_timeout", "100");
    config.entries.emplace("kis_log_device_timeout", "1000");
    config.entries.emplace("kis_log_message_timeout", "100");
    const KismetLogOptions options = KismetLogOptions::from_config(config);
    CHECK(options.timeouts.packets == 100);
    CHECK(options.timeouts.devices == 1000);
    CHECK(options.timeouts.alerts == 0);
    auto log = open_log(dir.file("rolling.kismet"), options);

    const std::int64_t now = 1'800'000'000;
    const auto frame = built_frame(9);
    LoggedPacket old_packet = packet_of(frame, 1), new_packet = packet_of(frame, 2);
    old_packet.ts_sec = now - 101;
    new_packet.ts_sec = now - 99;
    log->packet(old_packet);
    log->packet(new_packet);
    LoggedDevice stale, fresh;
    stale.key = "4202770D00000000_0000AABBCCDD0001";
    stale.phy_name = fresh.phy_name = "IEEE802.11";
    stale.last_time = static_cast<std::uint64_t>(now - 1001);
    fresh.key = "4202770D00000000_0000AABBCCDD0002";
    fresh.last_time = static_cast<std::uint64_t>(now - 10);
    const std::vector<LoggedDevice> devices = {stale, fresh};
    log->devices(devices);
    log->message(LoggedMessage{.ts_sec = now - 500, .flags = 0, .text = "old", .location = {}});
    log->message(LoggedMessage{.ts_sec = now, .flags = 0, .text = "new", .location = {}});
    LoggedAlert alert;
    alert.ts_sec = now - 5000; // no alert timeout: kept
    alert.header = "DEAUTHFLOOD";
    log->alert(alert);
    log->expire(now);
    log->close();

    Reader r(dir.file("rolling.kismet"));
    CHECK(r.rows("SELECT packetid FROM packets") == std::vector<std::vector<std::string>>{{"2"}});
    CHECK(r.rows("SELECT devkey FROM devices") == std::vector<std::vector<std::string>>{{fresh.key}});
    CHECK(r.rows("SELECT message FROM messages") == std::vector<std::vector<std::string>>{{"new"}});
    CHECK(r.one("SELECT COUNT(*) FROM alerts") == "1");

    airsight::test::FakeConfig bad;
    bad.entries.emplace("kis_log_packet_timeout", "a day");
    CHECK_THROWS_WITH_AS(KismetLogOptions::from_config(bad), "config kis_log_packet_timeout=a day is not a number of seconds",
                         std::invalid_argument);
}

TEST_CASE("the kis_log_* keys choose what the driver asks for; a bad value is refused naming the key")
{
    airsight::test::FakeConfig config;
    CHECK(KismetLogDriver(KismetLogOptions::from_config(config)).contents() ==
          (LOG_PACKETS | LOG_DEVICES | LOG_ALERTS | LOG_MESSAGES | LOG_SOURCES | LOG_SNAPSHOTS));
    config.entries.emplace("kis_log_packets", "false");
    config.entries.emplace("kis_log_messages", "no");
    CHECK(KismetLogDriver(KismetLogOptions::from_config(config)).contents() ==
          (LOG_DEVICES | LOG_ALERTS | LOG_SOURCES | LOG_SNAPSHOTS));
    config.entries.emplace("kis_log_alerts", "maybe");
    CHECK_THROWS_WITH_AS(KismetLogOptions::from_config(config), "config kis_log_alerts=maybe is not true or false",
                         std::invalid_argument);

    KismetLogDriver driver;
    CHECK(driver.log_class() == "kismet");
    CHECK(driver.name() == "Kismet Unified Log");
    CHECK(driver.singleton());
}

TEST_CASE("devices are rewritten as they change: one row per phyname and MAC, the newest")
{
    ScratchDir dir;
    const std::string path = dir.file("d.kismet");
    auto log = open_log(path);
    LoggedDevice ap;
    ap.key = "4202770D00000000_AABBCC000001";
    ap.phy_name = "IEEE802.11";
    ap.mac = *MacAddr::parse("aa:bb:cc:00:00:01");
    ap.first_time = 1700000000;
    ap.last_time = 1700000005;
    ap.strongest_signal = -40;
    ap.bytes_data = 1234;
    ap.type = "Wi-Fi AP";
    ap.json = R"({"kismet.device.base.key": "4202770D00000000_AABBCC000001", "v": 1})";
    LoggedDevice client = ap;
    client.key = "4202770D00000000_AABBCC000002";
    client.mac = *MacAddr::parse("aa:bb:cc:00:00:02");
    client.type = "Wi-Fi Client";
    client.has_location = true;
    client.min_lat = 1;
    client.min_lon = 2;
    client.max_lat = 3;
    client.max_lon = 4;
    client.avg_lat = 2;
    client.avg_lon = 3;
    client.json = R"({"v": 2})";
    const LoggedDevice first_pass[] = {ap, client};
    log->devices(first_pass);
    log->flush();

    ap.last_time = 1700000042;
    ap.strongest_signal = -30;
    ap.json = R"({"kismet.device.base.key": "4202770D00000000_AABBCC000001", "v": 3})";
    const LoggedDevice second_pass[] = {ap};
    log->devices(second_pass);
    log->close();

    Reader r(path);
    const auto rows = r.rows("SELECT first_time, last_time, devkey, phyname, devmac, strongest_signal, min_lat, "
                             "min_lon, max_lat, max_lon, avg_lat, avg_lon, bytes_data, type, device, typeof(device) "
                             "FROM devices ORDER BY devmac");
    REQUIRE(rows.size() == 2);
    CHECK((rows[0] == std::vector<std::string>{"1700000000", "1700000042", ap.key, "IEEE802.11", "AA:BB:CC:00:00:01",
                                              "-30", "0.0", "0.0", "0.0", "0.0", "0.0", "0.0", "1234", "Wi-Fi AP",
                                              ap.json, "blob"}));
    CHECK((rows[1] == std::vector<std::string>{"1700000000", "1700000005", client.key, "IEEE802.11",
                                              "AA:BB:CC:00:00:02", "-40", "1.0", "2.0", "3.0", "4.0", "2.0", "3.0",
                                              "1234", "Wi-Fi Client", client.json, "blob"}));
}

TEST_CASE("alerts, messages, datasources and snapshots: every column")
{
    ScratchDir dir;
    const std::string path = dir.file("m.kismet");
    LogOpenRequest request = open_request(path);
    LoggedSource at_open;
    at_open.info.uuid = "5fe308bd-0000-0000-0000-0000000000aa";
    at_open.info.type = "pcapfile";
    at_open.info.definition = "/tmp/x.pcap:name=x";
    at_open.info.name = "x";
    at_open.info.interface = "/tmp/x.pcap";
    at_open.json = R"({"kismet.datasource.running": 1})";
    request.sources.push_back(at_open);
    KismetLog log(request, {});

    LoggedAlert alert;
    alert.ts_sec = 1700000100;
    alert.ts_usec = 250000;
    alert.header = "DEAUTHFLOOD";
    alert.phy_name = "IEEE802.11";
    alert.transmitter = *MacAddr::parse("aa:bb:cc:00:00:09");
    alert.location = GpsFix{.lat = 1.5, .lon = 2.5, .fix = 2};
    alert.json = R"({"kismet.alert.header": "DEAUTHFLOOD"})";
    log.alert(alert);
    LoggedAlert any = alert;
    any.phy_name = "";
    any.location.reset();
    any.transmitter = MacAddr{};
    log.alert(any);

    const std::pair<int, const char*> messages[] = {{MSG_INFO, "INFO"},   {MSG_ERROR, "ERROR"},
                                                    {MSG_DEBUG, "DEBUG"}, {MSG_FATAL, "FATAL"},
                                                    {MSG_ALERT, ""},      {MSG_INFO | MSG_ERROR, "INFO"}};
    for (const auto& [flags, name] : messages) {
        LoggedMessage m;
        m.ts_sec = 1700000200 + flags;
        m.flags = flags;
        m.text = std::string("text ") + name;
        if (flags == MSG_ERROR) m.location = GpsFix{.lat = -3, .lon = 4, .fix = 3};
        log.message(m);
    }

    LoggedSource changed = at_open;
    changed.info.name = "renamed";
    changed.json = R"({"kismet.datasource.running": 0})";
    log.source(changed);
    LoggedSource other = at_open;
    other.info.uuid = "5fe308bd-0000-0000-0000-0000000000bb";
    other.info.type = "sim";
    log.source(other);

    LoggedSnapshot snap;
    snap.ts_sec = 1700000300;
    snap.ts_usec = 5;
    snap.type = "SYSTEM";
    snap.json = R"({"kismet.system.memory.rss": 1})";
    log.snapshot(snap);
    snap.type = "GPS";
    snap.location = GpsFix{.lat = 7, .lon = 8, .fix = 2};
    log.snapshot(snap);
    log.close();

    Reader r(path);
    CHECK(r.one("PRAGMA integrity_check") == "ok");
    CHECK((r.rows("SELECT ts_sec, ts_usec, phyname, devmac, lat, lon, header, json, typeof(json) FROM alerts "
                 "ORDER BY rowid") ==
          std::vector<std::vector<std::string>>{
              {"1700000100", "250000", "IEEE802.11", "AA:BB:CC:00:00:09", "1.5", "2.5", "DEAUTHFLOOD", alert.json, "blob"},
              {"1700000100", "250000", "ANY", "00:00:00:00:00:00", "0.0", "0.0", "DEAUTHFLOOD", alert.json, "blob"}}));
    const auto msgs = r.rows("SELECT ts_sec, lat, lon, msgtype, message FROM messages ORDER BY rowid");
    REQUIRE(msgs.size() == std::size(messages));
    for (std::size_t i = 0; i < msgs.size(); ++i) {
        const auto& [flags, name] = messages[i];
        const bool located = flags == MSG_ERROR;
        CHECK((msgs[i] == std::vector<std::string>{std::to_string(1700000200 + flags), located ? "-3.0" : "0.0",
                                                  located ? "4.0" : "0.0", name, std::string("text ") + name}));
    }
    CHECK((r.rows("SELECT uuid, typestring, definition, name, interface, json, typeof(json) FROM datasources "
                 "ORDER BY uuid") ==
          std::vector<std::vector<std::string>>{{changed.info.uuid, "pcapfile", "/tmp/x.pcap:name=x", "renamed",
                                                 "/tmp/x.pcap", changed.json, "blob"},
                                                {other.info.uuid, "sim", "/tmp/x.pcap:name=x", "x", "/tmp/x.pcap",
                                                 at_open.json, "blob"}}));
    CHECK((r.rows("SELECT ts_sec, ts_usec, lat, lon, snaptype, json FROM snapshots ORDER BY rowid") ==
          std::vector<std::vector<std::string>>{{"1700000300", "5", "0.0", "0.0", "SYSTEM", snap.json},
                                                {"1700000300", "5", "7.0", "8.0", "GPS", snap.json}}));
}

TEST_CASE("a real capture's packets, logged and read back byte for byte" * doctest::test_suite("needs-captures"))
{
    const auto capture = airsight::test::captures_dir() / "handshake_has_1234.cap";
    REQUIRE(std::filesystem::exists(capture));
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* pcap = pcap_open_offline(capture.c_str(), errbuf);
    REQUIRE_MESSAGE(pcap != nullptr, errbuf);

    ScratchDir dir;
    const std::string path = dir.file("capture.kismet");
    auto log = open_log(path);
    std::vector<std::vector<std::uint8_t>> frames;
    std::vector<std::pair<std::int64_t, std::uint32_t>> times;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(pcap, &header, &data) == 1) {
        frames.emplace_back(data, data + header->caplen);
        times.emplace_back(header->ts.tv_sec, static_cast<std::uint32_t>(header->ts.tv_usec));
        LoggedPacket p = packet_of(frames.back(), frames.size());
        p.ts_sec = header->ts.tv_sec;
        p.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
        p.dlt = static_cast<std::uint32_t>(pcap_datalink(pcap));
        p.original_length = header->len;
        log->packet(p);
        if (frames.size() % 500 == 0) log->flush();
    }
    pcap_close(pcap);
    log->close();
    REQUIRE(frames.size() > 2000);

    Reader r(path);
    CHECK(r.one("PRAGMA integrity_check") == "ok");
    const auto rows = r.rows("SELECT ts_sec, ts_usec, dlt, packet, packet_len, hash FROM packets ORDER BY rowid");
    REQUIRE(rows.size() == frames.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("packet " << i);
        CHECK((rows[i] == std::vector<std::string>{std::to_string(times[i].first), std::to_string(times[i].second),
                                                  "105", blob_of(frames[i]), std::to_string(frames[i].size()),
                                                  std::to_string(static_cast<std::int32_t>(crc32(frames[i])))}));
    }
}

TEST_CASE("open refuses an existing file, a missing folder and a path through a file, naming the path and reason")
{
    ScratchDir dir;
    const std::string existing = dir.file("existing.kismet");
    std::ofstream(existing) << "keep me";
    CHECK_THROWS_WITH_AS(open_log(existing), ("cannot create kismetdb log " + existing + ": File exists").c_str(),
                         std::runtime_error);
    std::ifstream in(existing);
    std::string kept;
    std::getline(in, kept);
    CHECK(kept == "keep me");

    const std::string missing = dir.file("gone/x.kismet");
    CHECK_THROWS_WITH_AS(open_log(missing),
                         ("cannot create kismetdb log " + missing + ": No such file or directory").c_str(),
                         std::runtime_error);
    const std::string through_file = existing + "/x.kismet";
    CHECK_THROWS_WITH_AS(open_log(through_file), ("cannot create kismetdb log " + through_file + ": Not a directory").c_str(),
                         std::runtime_error);

    // The driver's open() is the same.
    KismetLogDriver driver;
    CHECK_THROWS_AS(driver.open(open_request(existing)), std::runtime_error);
}

TEST_CASE("a closed log is refused as a new one, reads back, and its writer refuses further writes")
{
    ScratchDir dir;
    const std::string path = dir.file("r.kismet");
    auto log = open_log(path);
    const auto frame = built_frame(5);
    log->packet(packet_of(frame, 1));
    log->close();
    CHECK_THROWS_WITH_AS(log->packet(packet_of(frame, 2)), ("kismetdb log " + path + " is closed").c_str(),
                         std::runtime_error);
    CHECK_THROWS_AS(open_log(path), std::runtime_error);
    Reader r(path);
    CHECK(r.one("SELECT COUNT(*) FROM packets") == "1");
    CHECK(r.one("PRAGMA integrity_check") == "ok");
}

namespace {

// Writes to a pipe in full, or not at all (the reader sees EOF).
void write_all(int fd, const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

std::string read_all(int fd)
{
    std::string out;
    char buf[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

// A writer in a child process (so it may hit a file-size limit or be
// killed): `body` runs there with the write end of a pipe for its reports,
// then the child exits. The parent gets its pid and the read end.
struct Child {
    pid_t pid = -1;
    int reports = -1;
};

Child fork_writer(const std::function<void(int report_fd)>& body)
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        body(fds[1]);
        ::_exit(0);
    }
    ::close(fds[1]);
    return {pid, fds[0]};
}

} // namespace

TEST_CASE("a write error (file size limit) throws from the LogFile call; what was committed stays intact")
{
    ScratchDir dir;
    const std::string path = dir.file("full.kismet");
    const Child child = fork_writer([&](int report_fd) {
        // The file cannot grow past 4 MiB (the schema alone takes a 64 KiB
        // page per table); writes past it fail with EFBIG instead of
        // killing the process.
        ::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4 << 20, 4 << 20};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::uint64_t committed = 0, written = 0;
        std::string report;
        try {
            auto log = open_log(path);
            for (written = 1; written < 100000; ++written) {
                const auto frame = built_frame(static_cast<std::uint32_t>(written), 300);
                log->packet(packet_of(frame, written));
                if (written % 50 == 0) {
                    log->flush();
                    committed = written;
                }
            }
            report = "no error\n";
        } catch (const std::exception& e) {
            report = std::to_string(committed) + "\n" + e.what() + "\n";
        }
        write_all(report_fd, report);
    });
    const std::string report = read_all(child.reports);
    ::close(child.reports);
    int status = 0;
    REQUIRE(::waitpid(child.pid, &status, 0) == child.pid);
    CHECK(WIFEXITED(status));

    INFO("child's report: " << report);
    const std::size_t nl = report.find('\n');
    REQUIRE(nl != std::string::npos);
    REQUIRE(report != "no error\n");
    const std::uint64_t committed = std::stoull(report.substr(0, nl));
    const std::string error = report.substr(nl + 1);
    CHECK(committed > 0);
    CHECK(error.find("kismetdb log " + path + ": cannot ") == 0);
    const bool says_why = error.find("disk is full") != std::string::npos ||
                          error.find("disk I/O error") != std::string::npos;
    CHECK(error.find("File too large") != std::string::npos); // the system's reason, EFBIG
    CHECK(says_why);

    Reader r(path, SQLITE_OPEN_READWRITE); // read-write: a WAL left behind is recovered
    CHECK(r.one("PRAGMA integrity_check") == "ok");
    CHECK(std::stoull(r.one("SELECT COUNT(*) FROM packets")) >= committed);
}

TEST_CASE("kill -9 while writing: the file is intact and holds every packet of the last completed flush")
{
    ScratchDir dir;
    const std::string path = dir.file("killed.kismet");
    const Child child = fork_writer([&](int report_fd) {
        try {
            auto log = open_log(path);
            auto last_flush = std::chrono::steady_clock::now();
            for (std::uint64_t n = 1;; ++n) {
                const auto frame = built_frame(static_cast<std::uint32_t>(n), 200);
                log->packet(packet_of(frame, n));
                // As the manager does, but faster than once a second so the test is short.
                if (std::chrono::steady_clock::now() - last_flush > std::chrono::milliseconds(100)) {
                    log->flush();
                    last_flush = std::chrono::steady_clock::now();
                    write_all(report_fd, std::to_string(n) + "\n");
                }
            }
        } catch (const std::exception& e) {
            write_all(report_fd, std::string("error ") + e.what() + "\n");
        }
    });
    // Read reports until five flushes completed, then kill mid-way through the sixth.
    std::string seen;
    std::uint64_t last_committed = 0;
    int flushes = 0;
    char buf[256];
    while (flushes < 5) {
        const ssize_t n = ::read(child.reports, buf, sizeof buf);
        if (n <= 0) break;
        seen.append(buf, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = seen.find('\n')) != std::string::npos) {
            const std::string line = seen.substr(0, nl);
            seen.erase(0, nl + 1);
            REQUIRE_MESSAGE(line.rfind("error", 0) != 0, line);
            last_committed = std::stoull(line);
            ++flushes;
        }
    }
    ::kill(child.pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(child.pid, &status, 0) == child.pid);
    ::close(child.reports);
    CHECK(WIFSIGNALED(status));
    REQUIRE(flushes == 5);
    REQUIRE(last_committed > 0);

    Reader r(path, SQLITE_OPEN_READWRITE);
    CHECK(r.one("PRAGMA integrity_check") == "ok");
    const std::uint64_t count = std::stoull(r.one("SELECT COUNT(*) FROM packets"));
    CHECK(count >= last_committed);
    // Only whole transactions: packet ids run from 1 without a gap.
    CHECK(r.one("SELECT MAX(packetid) FROM packets") == std::to_string(count));
}
