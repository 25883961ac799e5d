// The logging manager and its writer threads, with a fake driver: queue
// backpressure, a log that fails alone, device passes, close order, hooks.
#include "fake_log_driver.h"
#include "manager_fixture.h"
#include "real_services.h"

#include "logging/log_writer.h"
#include "logging/logging_manager.h"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>
#include <unistd.h>

using namespace airsight;
using namespace airsight::core;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

// Queues a packet of `bytes` bytes numbered `id`, as the manager does.
bool push_packet(LogWriter& writer, std::uint64_t id, std::size_t bytes)
{
    static const std::vector<std::uint8_t> frame(4096, 0xab);
    Packet p;
    p.data = std::span<const std::uint8_t>(frame.data(), bytes);
    return writer.push_packet(p, id, "uuid", "IEEE802.11");
}

struct Reports {
    std::mutex mutex;
    std::vector<std::string> texts;
    LogWriter::Report report()
    {
        return [this](const std::string& t) {
            std::lock_guard lock(mutex);
            texts.push_back(t);
        };
    }
    std::string all()
    {
        std::lock_guard lock(mutex);
        std::string out;
        for (const auto& t : texts) out += t + "\n";
        return out;
    }
};

} // namespace

TEST_CASE("a full queue makes capture wait for the writer; nothing is dropped")
{
    auto journal = std::make_shared<LogJournal>();
    journal->hold_packets = true;
    Reports reports;
    // Room for two 1000-byte packets.
    LogWriter writer(std::make_unique<FakeLogFile>(journal), "/l/a.log", reports.report(),
                     2 * (1000 + PacketBatch::kRecordBytes) + 100);
    std::atomic<int> pushed{0};
    std::thread capture([&] {
        for (std::uint64_t id = 1; id <= 20; ++id) {
            CHECK(push_packet(writer, id, 1000));
            ++pushed;
        }
    });
    // The writer holds the first packet; the queue fills and capture waits.
    CHECK(eventually([&] { return writer.waits() > 0; }));
    CHECK(pushed.load() < 20);
    journal->release();
    capture.join();
    writer.close();
    const auto lines = journal->copy();
    std::vector<std::string> packets;
    for (const auto& l : lines)
        if (l.starts_with("packet")) packets.push_back(l);
    REQUIRE(packets.size() == 20);
    for (std::size_t i = 0; i < packets.size(); ++i)
        CHECK(packets[i] == "packet " + std::to_string(i + 1) + " IEEE802.11 1000");
    CHECK(lines.back() == "close");
    CHECK(lines[lines.size() - 2] == "flush"); // what was written is flushed before close
    CHECK(reports.all().empty());
}

TEST_CASE("a writer keeps the order of packets and other records queued together")
{
    auto journal = std::make_shared<LogJournal>();
    journal->hold_packets = true;
    Reports reports;
    LogWriter writer(std::make_unique<FakeLogFile>(journal), "/l/a.log", reports.report());
    // However the writer splits them into batches (it holds the first packet
    // it takes), they are written in the order queued.
    REQUIRE(push_packet(writer, 1, 10));
    REQUIRE(push_packet(writer, 2, 20));
    REQUIRE(writer.push(LoggedMessage{.ts_sec = 1, .flags = 0, .text = "between", .location = {}}));
    REQUIRE(push_packet(writer, 3, 30));
    REQUIRE(push_packet(writer, 4, 40));
    REQUIRE(writer.push(LoggedMessage{.ts_sec = 2, .flags = 0, .text = "last", .location = {}}));
    journal->release();
    writer.close();
    std::vector<std::string> records;
    for (const auto& l : journal->copy())
        if (l != "flush" && l != "close") records.push_back(l);
    const std::vector<std::string> expected = {"packet 1 IEEE802.11 10", "packet 2 IEEE802.11 20", "message between",
                                               "packet 3 IEEE802.11 30", "packet 4 IEEE802.11 40", "message last"};
    CHECK(records == expected);
}

TEST_CASE("a writer flushes at least once an interval while it writes")
{
    auto journal = std::make_shared<LogJournal>();
    Reports reports;
    LogWriter writer(std::make_unique<FakeLogFile>(journal), "/l/a.log", reports.report(), 1 << 20,
                     std::chrono::milliseconds(50));
    for (std::uint64_t id = 1; id <= 3; ++id) push_packet(writer, id, 10);
    CHECK(eventually([&] { return journal->count("flush") >= 1; }));
    const std::size_t flushes = journal->count("flush");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(journal->count("flush") == flushes); // nothing new written: no more flushes
    writer.push(LoggedMessage{.ts_sec = 1, .flags = 0, .text = "hello", .location = {}});
    CHECK(eventually([&] { return journal->count("flush") == flushes + 1; }));
    writer.close();
}

TEST_CASE("a LogFile call that throws stops that log: reported with the path, closed, later records refused")
{
    auto journal = std::make_shared<LogJournal>();
    journal->fail_on_packet = 3;
    Reports reports;
    LogWriter writer(std::make_unique<FakeLogFile>(journal), "/l/full.log", reports.report());
    for (std::uint64_t id = 1; id <= 3; ++id) push_packet(writer, id, 10);
    CHECK(eventually([&] { return !writer.running(); }));
    CHECK(writer.failure() == "No space left on device");
    CHECK(reports.all().find("/l/full.log") != std::string::npos);
    CHECK(reports.all().find("packets() failed: No space left on device") != std::string::npos);
    CHECK_FALSE(push_packet(writer, 4, 10));
    CHECK_FALSE(writer.push(LoggedMessage{}));
    writer.close();
    CHECK(journal->count("close") == 1);
    CHECK(journal->count("packet") == 2);
}

namespace {

struct ManagerSetup {
    RealServices s;
    std::shared_ptr<LogJournal> full = std::make_shared<LogJournal>();
    std::shared_ptr<LogJournal> good = std::make_shared<LogJournal>();
    fs::path prefix;
    std::unique_ptr<LoggingManager> manager;
    std::uint32_t phy;

    explicit ManagerSetup(std::vector<std::string> types, bool configured = true,
                          std::size_t queue_bytes = LogWriter::kDefaultQueueBytes)
    {
        char dir[] = "/tmp/airsight-logs-XXXXXX";
        REQUIRE(mkdtemp(dir));
        prefix = dir;
        phy = s.devices.register_phy("IEEE802.11");
        s.log_drivers.add("plugin:full", std::make_unique<FakeLogDriver>("full", LOG_PACKETS | LOG_DEVICES, full));
        s.log_drivers.add("plugin:good", std::make_unique<FakeLogDriver>(
                                             "good", LOG_PACKETS | LOG_DEVICES | LOG_MESSAGES | LOG_ALERTS | LOG_SOURCES,
                                             good, false));
        LoggingOptions o;
        o.prefix = prefix;
        o.types = std::move(types);
        o.types_configured = configured;
        o.device_rate = std::chrono::seconds(3600); // passes only when a test asks
        manager = std::make_unique<LoggingManager>(
            LoggingInputs{.drivers = s.log_drivers,
                          .chain = s.chain,
                          .messages = s.messages,
                          .alerts = s.alerts,
                          .datasources = s.datasources,
                          .devices = s.devices,
                          .device_record = [](const Device& d, const std::string& phy) {
                              return Value("device " + d.key.str() + " of " + phy);
                          },
                          .queue_bytes = queue_bytes},
            o);
    }
    ~ManagerSetup()
    {
        manager.reset();
        fs::remove_all(prefix);
    }

    void packets(int n)
    {
        std::vector<std::uint8_t> frame(64, 1);
        for (int i = 0; i < n; ++i) {
            Packet p;
            p.data = frame;
            p.phy_id = phy;
            s.chain.process(p);
        }
    }
    void touch(std::uint64_t mac)
    {
        Packet p;
        p.ts_sec = 100;
        MacAddr m;
        for (int i = 0; i < 6; ++i) m.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(mac >> (8 * (5 - i)));
        s.devices.update(phy, m, p, DEVICE_TRANSMITTED, 0, nullptr);
    }
    bool chain_has_log_handler() const
    {
        for (const auto& [stage, name] : s.chain.handlers())
            if (name == "log packets") return true;
        return false;
    }
};

} // namespace

TEST_CASE("a log that throws on its Nth packet stops alone; capture and the other log go on")
{
    ManagerSetup m({"full", "good"});
    m.full->fail_on_packet = 5;
    m.manager->start();
    REQUIRE(m.manager->logs().size() == 2);
    CHECK(m.chain_has_log_handler());
    m.packets(20);
    CHECK(eventually([&] { return m.good->count("packet") == 20; }));
    CHECK(eventually([&] { return m.full->count("close") == 1; }));
    CHECK(m.full->count("packet") == 4);
    m.manager->tick(0); // reaps the failed log
    const auto logs = m.manager->logs();
    CHECK_FALSE(logs[0].open);
    CHECK(logs[1].open);
    bool said = false;
    for (const Message& msg : m.s.messages.recent())
        if (msg.text.find(logs[0].path) != std::string::npos && msg.text.find("No space left") != std::string::npos &&
            (msg.flags & MSG_ERROR))
            said = true;
    CHECK(said);
    // The failure message reached the other log, and packets still reach it.
    CHECK(eventually([&] { return m.good->count("message Log " + logs[0].path) == 1; }));
    m.packets(5);
    CHECK(eventually([&] { return m.good->count("packet") == 25; }));
    // Ids are the run's packet numbers, shared by every log.
    const auto lines = m.good->copy();
    CHECK(*std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("packet"); }) ==
          "packet 1 IEEE802.11 64");
}

TEST_CASE("a log closed beside another: the other keeps its feeds, and one handler feeds both")
{
    ManagerSetup m({"full", "good"});
    m.manager->start();
    const auto log_handlers = [&] {
        std::size_t n = 0;
        for (const auto& [stage, name] : m.s.chain.handlers()) n += name == "log packets";
        return n;
    };
    m.packets(3);
    m.manager->close_log(m.manager->logs().at(0).uuid);
    CHECK(m.full->count("close") == 1);
    CHECK(m.full->count("packet") == 3);
    m.packets(2);
    m.s.messages.post("after", MSG_INFO);
    CHECK(eventually([&] { return m.good->count("packet") == 5 && m.good->count("message after") == 1; }));
    CHECK(m.full->count("packet") == 3);
    CHECK(log_handlers() == 1);
    // A log opened later joins the feed in place.
    m.manager->open_log("full");
    m.packets(1);
    CHECK(eventually([&] { return m.full->count("packet") == 4 && m.good->count("packet") == 6; }));
    CHECK(log_handlers() == 1);
}

TEST_CASE("logs are named from the template, never replace a file, and a singleton class opens once")
{
    ManagerSetup m({"full"});
    m.manager->start();
    const auto first = m.manager->logs().at(0);
    CHECK(first.path.starts_with(m.prefix.string() + "/Kismet-"));
    CHECK(first.path.ends_with("-1.full"));
    CHECK_THROWS_WITH_AS(m.manager->open_log("full"), doctest::Contains("already open"), LogOpenError);
    try {
        m.manager->open_log("nope");
        FAIL("an unknown class opened");
    } catch (const LogOpenError& e) {
        CHECK(e.status() == 404);
    }
    // "good" may have several open: each gets the next free number.
    const LogEntry a = m.manager->open_log("good", "Walk");
    const LogEntry b = m.manager->open_log("good", "Walk");
    CHECK(a.path.ends_with("-1.good"));
    CHECK(b.path.ends_with("-2.good"));
    CHECK(m.good->opened.at(0).title == "Walk");
    CHECK(m.manager->close_log(a.uuid).open == false);
    CHECK_THROWS_AS(m.manager->close_log(a.uuid), std::out_of_range);
    CHECK_THROWS_AS(m.manager->close_log("not-a-uuid"), std::out_of_range);
    std::string upper = b.uuid; // a UUID in any case
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(m.manager->close_log(upper).uuid == b.uuid);
}

TEST_CASE("log_types: a class the operator named must exist; the built-in default only warns")
{
    {
        ManagerSetup m({"full", "kismet"}, true);
        CHECK_THROWS_WITH_AS(m.manager->start(),
                             doctest::Contains("log_types names 'kismet', which no loaded plugin provides (loaded: full, good)"),
                             ConfigError);
    }
    {
        ManagerSetup m({"kismet"}, false);
        CHECK_NOTHROW(m.manager->start());
        CHECK(m.manager->logs().empty());
        bool said = false;
        for (const Message& msg : m.s.messages.recent())
            if ((msg.flags & MSG_ERROR) && msg.text.find("log_types names 'kismet'") != std::string::npos) said = true;
        CHECK(said);
        CHECK_FALSE(m.chain_has_log_handler()); // no open log wants packets: no handler
        CHECK(m.s.messages.subscribers().empty());
    }
}

TEST_CASE("a device pass sends the devices changed since the last pass only")
{
    ManagerSetup m({"good"});
    m.touch(0x001122334455);
    m.touch(0x001122334466);
    m.manager->start();
    m.manager->device_pass();
    CHECK(eventually([&] { return m.good->count("devices") == 1; }));
    m.touch(0x001122334466);
    m.touch(0x001122334477);
    m.manager->device_pass();
    CHECK(eventually([&] { return m.good->count("devices") == 2; }));
    m.manager->device_pass(); // nothing changed: nothing sent
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(m.good->count("devices") == 2);
    std::lock_guard lock(m.good->mutex);
    std::vector<std::string> passes;
    for (const auto& l : m.good->lines)
        if (l.starts_with("devices")) passes.push_back(l);
    CHECK(passes == std::vector<std::string>{"devices 2", "devices 2"});
    REQUIRE(m.good->device_keys.size() == 4);
    std::vector<std::string> second{m.good->device_keys[2], m.good->device_keys[3]};
    std::sort(second.begin(), second.end());
    INFO(second[0] << " " << second[1]);
    CHECK(second[0].ends_with("_664433221100")); // Kismet keys print the MAC low byte first
    CHECK(second[1].ends_with("_774433221100"));
    // Each device with its record, as JSON.
    REQUIRE(m.good->device_json.size() == 4);
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(m.good->device_json[i] == "\"device " + m.good->device_keys[i] + " of IEEE802.11\"");
}

TEST_CASE("a device pass waiting for a slow log holds up no listing, open or close")
{
    // Room for a few packets, not for the devices.
    ManagerSetup m({"full"}, true, 4096);
    m.full->hold_packets = true;
    for (std::uint64_t mac = 1; mac <= 100; ++mac) m.touch(0x001122000000 + mac);
    m.manager->start();
    m.packets(1);
    CHECK(eventually([&] {
        std::lock_guard lock(m.full->mutex);
        return m.full->packets_entered == 1; // the writer holds packet 1
    }));
    m.packets(1); // queued behind it: the devices now wait for room
    std::atomic<bool> passed{false};
    std::thread pass([&] {
        m.manager->device_pass();
        passed = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(passed);
    auto listing = std::async(std::launch::async, [&] {
        const LogEntry good = m.manager->open_log("good");
        m.manager->close_log(good.uuid);
        return m.manager->logs().size();
    });
    const bool answered = listing.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    CHECK(answered);
    m.full->release();
    pass.join();
    CHECK(listing.get() == 2);
    CHECK(eventually([&] { return m.full->count("devices") > 0; }));
    CHECK(m.full->count("packet") == 2);
}

TEST_CASE("closing: a final device pass, a flush, then close; the hooks go with the last log")
{
    ManagerSetup m({"good"});
    m.manager->start();
    CHECK(m.chain_has_log_handler());
    CHECK_FALSE(m.s.messages.subscribers().empty());
    CHECK_FALSE(m.s.alerts.sent().empty());
    m.packets(3);
    m.touch(0x00aabbccddee);
    m.manager->close_all();
    const auto lines = m.good->copy();
    REQUIRE(lines.size() >= 3);
    CHECK(lines[lines.size() - 3] == "devices 1");
    CHECK(lines[lines.size() - 2] == "flush");
    CHECK(lines.back() == "close");
    CHECK(m.good->count("packet") == 3);
    CHECK_FALSE(m.chain_has_log_handler());
    CHECK(m.s.messages.subscribers().empty());
    CHECK(m.s.alerts.sent().empty());
    CHECK_FALSE(m.manager->logs().at(0).open);
}

TEST_CASE("messages, alerts and sources reach the logs that want them")
{
    ManagerSetup m({"good"});
    m.manager->start();
    m.s.messages.post("hello logs", MSG_INFO);
    const AlertRef ref = m.s.alerts.define({.name = "TESTALERT", .description = "test", .throttle = "10/sec", .burst = "10/sec"});
    m.s.alerts.raise(ref, {.text = "raised"});
    CHECK(eventually([&] { return m.good->count("message hello logs") == 1; }));
    CHECK(eventually([&] { return m.good->count("alert TESTALERT") == 1; }));
    m.manager->close_all();
}

TEST_CASE("withdrawing a driver closes its open logs first")
{
    ManagerSetup m({"full", "good"});
    m.manager->start();
    const auto withdrawn = m.s.log_drivers.remove_owner("plugin:full");
    m.manager->close_logs_of(withdrawn);
    CHECK(m.full->count("close") == 1);
    CHECK_FALSE(m.manager->logs().at(0).open);
    CHECK(m.manager->logs().at(1).open);
}
