// The kismetdb datasource and its type, on logs this plugin wrote and on
// files that are not kismetdb logs: replay order and contents, realtime,
// close, progress, the errors at open, a page damaged mid-way, and mutated
// files (which must fail cleanly, never crash).
#include "kismetdb_log.h"
#include "kismetdb_source.h"
#include "kismetdb_type.h"
#include "kismetdb_test_support.h"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

using namespace airsight;
using namespace airsight::kismetdb;
using namespace airsight::kismetdb::test;

namespace {

// Writes `count` built frames of `size` bytes, a millisecond apart unless
// `spacing` says otherwise; returns what each row holds.
std::vector<RecordingSink::Frame> write_log(const std::string& path, std::size_t count, std::size_t size = 64,
                                            std::chrono::microseconds spacing = std::chrono::milliseconds(1))
{
    KismetLog log(open_request(path), {});
    std::vector<RecordingSink::Frame> written;
    for (std::size_t i = 0; i < count; ++i) {
        const auto frame = built_frame(static_cast<std::uint32_t>(i), size);
        LoggedPacket p;
        p.id = i + 1;
        const std::int64_t usec = static_cast<std::int64_t>(i) * spacing.count();
        p.ts_sec = 1700000000 + usec / 1'000'000;
        p.ts_usec = static_cast<std::uint32_t>(usec % 1'000'000);
        p.dlt = i % 2 ? 127 : 105;
        p.data = frame;
        p.original_length = static_cast<std::uint32_t>(size + i % 3);
        log.packet(p);
        written.push_back({p.ts_sec, p.ts_usec, p.dlt, p.original_length, frame});
        if (i % 1000 == 999) log.flush();
    }
    log.close();
    return written;
}

bool same(const RecordingSink::Frame& a, const RecordingSink::Frame& b)
{
    return a.ts_sec == b.ts_sec && a.ts_usec == b.ts_usec && a.dlt == b.dlt && a.original_length == b.original_length &&
           a.data == b.data;
}

void exec_sql(const std::string& path, const char* sql)
{
    Reader db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    char* error = nullptr;
    const int rc = sqlite3_exec(db.db(), sql, nullptr, nullptr, &error);
    const std::string reason = error ? error : "";
    sqlite3_free(error);
    REQUIRE_MESSAGE(rc == SQLITE_OK, reason);
}

std::string open_error(const std::string& path)
{
    KismetdbSource source(path);
    RecordingSink sink;
    try {
        source.open(sink);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    source.close();
    return "(opened)";
}

} // namespace

TEST_CASE("a log replays every packet in the order it was logged, then finishes")
{
    ScratchDir dir;
    const std::string path = dir.file("replay.kismet");
    const auto written = write_log(path, 3000);

    KismetdbSource source(path);
    RecordingSink sink;
    source.open(sink);
    REQUIRE(sink.wait());
    CHECK(sink.is_finished());
    CHECK(sink.failure().empty());
    const auto frames = sink.frames();
    REQUIRE(frames.size() == written.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        INFO("packet " << i);
        CHECK(same(frames[i], written[i]));
    }
    CHECK(source.packets() == written.size());
    CHECK(source.db_version() == 10);
    const SourceStatus status = source.status();
    CHECK(status.finished);
    CHECK(status.dlt == 105);
    CHECK(status.bytes_total > 0);
    CHECK(status.bytes_read == status.bytes_total);
    CHECK(status.capture_interface == path);

    // Closed, it opens again and replays from the start.
    source.close();
    RecordingSink again;
    source.open(again);
    REQUIRE(again.wait());
    CHECK(again.frames().size() == written.size());
    source.close();
}

TEST_CASE("rows older versions wrote (no packet_full_len before 9) replay with packet_len")
{
    ScratchDir dir;
    const std::string path = dir.file("v8.kismet");
    exec_sql(path, "CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);"
                   "INSERT INTO KISMET VALUES ('2019-04-R1', 8, 'kismetlog');"
                   "CREATE TABLE packets (ts_sec INT, ts_usec INT, phyname TEXT, sourcemac TEXT, destmac TEXT, "
                   "transmac TEXT, frequency REAL, devkey TEXT, lat REAL, lon REAL, alt REAL, speed REAL, "
                   "heading REAL, packet_len INT, signal INT, datasource TEXT, dlt INT, packet BLOB, error INT, "
                   "tags TEXT, datarate REAL, hash INT, packetid INT);"
                   "INSERT INTO packets (ts_sec, ts_usec, dlt, packet, packet_len) VALUES (5, 6, 105, x'80000102', 4);");
    KismetdbSource source(path);
    RecordingSink sink;
    source.open(sink);
    REQUIRE(sink.wait());
    CHECK(sink.is_finished());
    REQUIRE(sink.frames().size() == 1);
    CHECK(same(sink.frames()[0], RecordingSink::Frame{5, 6, 105, 4, {0x80, 0x00, 0x01, 0x02}}));
    CHECK(source.db_version() == 8);
}

TEST_CASE("realtime replays at capture pace, and close() ends a realtime wait at once")
{
    ScratchDir dir;
    const std::string path = dir.file("slow.kismet");
    write_log(path, 4, 64, std::chrono::milliseconds(200));

    KismetdbSource paced(path, {.realtime = true});
    RecordingSink sink;
    const auto start = std::chrono::steady_clock::now();
    paced.open(sink);
    REQUIRE(sink.wait());
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(550));
    CHECK(sink.frames().size() == 4);
    paced.close();

    const std::string long_gap = dir.file("gap.kismet");
    write_log(long_gap, 2, 64, std::chrono::seconds(3600));
    KismetdbSource waiting(long_gap, {.realtime = true});
    RecordingSink waiting_sink;
    waiting.open(waiting_sink);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto before_close = std::chrono::steady_clock::now();
    waiting.close();
    CHECK(std::chrono::steady_clock::now() - before_close < std::chrono::seconds(2));
    CHECK(waiting_sink.frames().size() == 1);
    CHECK(!waiting_sink.is_finished());
    CHECK(!waiting.status().finished);
}

TEST_CASE("open refuses what is not a kismetdb log it can read, naming the path and why")
{
    ScratchDir dir;
    const std::string text = dir.file("text.kismet");
    std::ofstream(text) << "this is not a database, only some text that is long enough";
    CHECK(open_error(text) == "cannot replay kismetdb log " + text + ": not an SQLite database");

    const std::string empty = dir.file("empty.kismet");
    std::ofstream{empty};
    CHECK(open_error(empty) == "cannot replay kismetdb log " + empty + ": not an SQLite database");

    const std::string missing = dir.file("missing.kismet");
    CHECK(open_error(missing) == "cannot replay kismetdb log " + missing + ": No such file or directory");

    const std::string foreign = dir.file("foreign.kismet");
    exec_sql(foreign, "CREATE TABLE recipes (name TEXT)");
    CHECK(open_error(foreign) ==
          "cannot replay " + foreign + ": an SQLite database but not a kismetdb log (it has no KISMET table)");

    const std::string no_packets = dir.file("nopackets.kismet");
    exec_sql(no_packets, "CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);"
                         "INSERT INTO KISMET VALUES ('x', 10, 'kismetlog')");
    CHECK(open_error(no_packets) ==
          "cannot replay " + no_packets + ": an SQLite database but not a kismetdb log (it has no packets table)");

    const std::string future = dir.file("future.kismet");
    write_log(future, 1);
    exec_sql(future, "UPDATE KISMET SET db_version = 11");
    CHECK(open_error(future) == "cannot replay kismetdb log " + future +
                                    ": its db_version is 11; airsight reads versions 1 to 10");
    exec_sql(future, "UPDATE KISMET SET db_version = 0");
    CHECK(open_error(future).find("its db_version is 0") != std::string::npos);

    const std::string odd_packets = dir.file("odd.kismet");
    exec_sql(odd_packets, "CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);"
                          "INSERT INTO KISMET VALUES ('x', 10, 'kismetlog');"
                          "CREATE TABLE packets (something TEXT)");
    CHECK(open_error(odd_packets).find("cannot replay " + odd_packets +
                                       ": its packets table is not a kismetdb one: no such column") == 0);
}

TEST_CASE("a page damaged mid-way fails the source with SQLite's reason, after delivering what came before it")
{
    ScratchDir dir;
    const std::string path = dir.file("damaged.kismet");
    write_log(path, 6000, 200);
    const auto size = std::filesystem::file_size(path);
    {
        // Pages (4096 bytes) two thirds into the file: leaves of the packets table.
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        const std::uint64_t page = 4096, first = (size * 2 / 3) / page * page;
        const std::string garbage(page * 3, '\xA5');
        f.seekp(static_cast<std::streamoff>(first));
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    KismetdbSource source(path);
    RecordingSink sink;
    source.open(sink);
    REQUIRE(sink.wait());
    CHECK(!sink.is_finished());
    const std::string failure = sink.failure();
    CHECK(failure.find("kismetdb log " + path + " is damaged after " + std::to_string(sink.frames().size()) +
                       " packets: ") == 0);
    CHECK(failure.find("malformed") != std::string::npos);
    CHECK(sink.frames().size() > 1000);
    CHECK(sink.frames().size() < 6000);
    CHECK(!source.status().finished);
}

TEST_CASE("mutated logs fail at open or while replaying, and never crash")
{
    ScratchDir dir;
    const std::string original = dir.file("original.kismet");
    write_log(original, 300, 100);
    std::string bytes;
    {
        std::ifstream in(original, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::mt19937 random(20251201);
    int opened = 0, refused = 0;
    for (int round = 0; round < 60; ++round) {
        std::string mutated = bytes;
        const int flips = 1 + static_cast<int>(random() % 8);
        for (int i = 0; i < flips; ++i) {
            // Mostly the first pages (the header, schema and table roots), where damage matters most.
            const std::size_t limit = random() % 2 ? std::min<std::size_t>(mutated.size(), 5 * 4096) : mutated.size();
            mutated[random() % limit] = static_cast<char>(random());
        }
        const std::string path = dir.file("mutated-" + std::to_string(round) + ".kismet");
        std::ofstream(path, std::ios::binary) << mutated;
        KismetdbSource source(path);
        RecordingSink sink;
        try {
            source.open(sink);
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).find(path) != std::string::npos);
            ++refused;
            continue;
        }
        ++opened;
        CHECK(sink.wait());
        CHECK((sink.is_finished() || sink.failure().find(path) != std::string::npos));
        source.close();
    }
    MESSAGE("mutated logs: " << opened << " opened, " << refused << " refused at open");
    CHECK(opened + refused == 60);
}

TEST_CASE("the kismetdb type: probes .kismet paths and type=kismetdb; options and unreadable paths refused")
{
    KismetdbType type;
    CHECK(type.name() == "kismetdb");
    CHECK(type.capabilities().probe);
    CHECK(!type.capabilities().tune);
    CHECK(type.probe(SourceDefinition::parse("/var/log/Kismet-20250101.kismet")));
    CHECK(type.probe(SourceDefinition::parse("/tmp/x.kismet:realtime=true")));
    CHECK(type.probe(SourceDefinition::parse("/tmp/log.db:type=kismetdb")));
    CHECK(!type.probe(SourceDefinition::parse("/tmp/x.pcap")));
    CHECK(!type.probe(SourceDefinition::parse("/tmp/x.kismet:type=pcapfile")));
    CHECK(!type.probe(SourceDefinition::parse("wlan0")));

    CHECK(KismetdbType::parse_options(SourceDefinition::parse("x.kismet:realtime=true")).realtime);
    CHECK(!KismetdbType::parse_options(SourceDefinition::parse("x.kismet")).realtime);
    CHECK_THROWS_WITH_AS(KismetdbType::parse_options(SourceDefinition::parse("x.kismet:realtime=often")),
                         "source option realtime=often is not true or false", std::invalid_argument);
    CHECK_THROWS_AS(KismetdbType::parse_options(SourceDefinition::parse("x.kismet:type=pcapfile")),
                    std::invalid_argument);

    CHECK_THROWS_WITH_AS(type.create(SourceDefinition::parse("/no/such/x.kismet")),
                         "cannot read kismetdb log /no/such/x.kismet: No such file or directory", std::invalid_argument);
    ScratchDir dir;
    CHECK_THROWS_WITH_AS(type.create(SourceDefinition::parse(dir.path().string() + ":type=kismetdb")),
                         ("cannot read kismetdb log " + dir.path().string() + ": Is a directory").c_str(),
                         std::invalid_argument);
    const std::string path = dir.file("ok.kismet");
    write_log(path, 2);
    auto source = type.create(SourceDefinition::parse(path + ":realtime=false"));
    RecordingSink sink;
    source->open(sink);
    REQUIRE(sink.wait());
    CHECK(sink.frames().size() == 2);
    source->close();
}

TEST_CASE("close() from inside the sink stops the replay after that frame")
{
    ScratchDir dir;
    const std::string path = dir.file("stop.kismet");
    write_log(path, 500);
    struct ClosingSink : RecordingSink {
        KismetdbSource* source = nullptr;
        void deliver(const CapturedFrame& f) override
        {
            RecordingSink::deliver(f);
            if (frames().size() == 10) source->close();
        }
    } sink;
    KismetdbSource source(path);
    sink.source = &source;
    source.open(sink);
    for (int i = 0; i < 100 && source.status().dlt != 0 && source.packets() < 10; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    source.close();
    CHECK(sink.frames().size() == 10);
    CHECK(!sink.is_finished());
}
