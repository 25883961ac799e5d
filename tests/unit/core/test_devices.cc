// Device keys (Kismet's format), the tracker's common updates, limits and
// records.
#include "devices/device_tracker.h"
#include "query/device_lists.h"
#include "util/local_clock.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "messagebus/message_bus.h"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

using namespace airsight;
using namespace airsight::core;

TEST_CASE("device keys print and parse as Kismet's")
{
    // The phy-part values are the fact sheet's, read off a real Kismet.
    const std::pair<const char*, const char*> phys[] = {
        {"IEEE802.11", "4202770D00000000"}, {"BTLE", "2701E10200000000"},    {"Bluetooth", "B603E01100000000"},
        {"802.15.4", "9001150700000000"},   {"Z-Wave", "1A02CD0600000000"},  {"RFSENSOR", "7202E60A00000000"},
        {"NrfMousejack", "C804911E00000000"}, {"UAV", "00"},
    };
    const MacAddr mac = *MacAddr::parse("00:11:22:33:44:55");
    for (const auto& [phy_name, expected] : phys) {
        const char* const name = phy_name; // INFO captures it in a lambda: clang 14 cannot capture a structured binding
        INFO(name);
        const DeviceKey key{DeviceKey::hash_phy_name(name), mac};
        CHECK(key.str() == std::string(expected) + "_554433221100");
        auto back = DeviceKey::parse(key.str());
        REQUIRE(back);
        CHECK(*back == key);
    }
    // A MAC ending in :05 drops its leading zero: 11 digits.
    const DeviceKey short_key{DeviceKey::hash_phy_name("IEEE802.11"), *MacAddr::parse("AA:BB:CC:DD:EE:05")};
    CHECK(short_key.str() == "4202770D00000000_5EEDDCCBBAA");
    CHECK(DeviceKey::parse("4202770D00000000_05EEDDCCBBAA") == short_key); // padded form too
    CHECK_FALSE(DeviceKey::parse("nonsense"));
    CHECK_FALSE(DeviceKey::parse("_1"));
    CHECK_FALSE(DeviceKey::parse("4202770D00000000_1234567890ABCDE")); // too long for a MAC
    CHECK_FALSE(DeviceKey::parse("4202770D00000001_554433221100"));    // low phy bits must be 0
}

namespace {

struct Fixture {
    MessageBusImpl bus;
    FieldRegistryImpl fields;
    std::shared_ptr<const OuiTable> oui = std::make_shared<const OuiTable>();
    DeviceTrackerImpl tracker;
    DeviceListsImpl lists;
    std::uint32_t wifi;

    explicit Fixture(DeviceTrackerOptions options = {})
        : tracker(options, bus, oui), lists(tracker, fields, "00000000-0000-0000-0000-000000000001"),
          wifi(tracker.register_phy("IEEE802.11"))
    {
    }

    static Packet packet(std::int64_t ts, std::optional<int> signal, std::uint32_t khz)
    {
        Packet p;
        p.ts_sec = ts;
        p.radio.signal_dbm = signal;
        p.radio.freq_khz = khz;
        p.source_number = 1;
        return p;
    }
};

} // namespace

TEST_CASE("the tracker creates devices per PHY and MAC and applies common facts")
{
    Fixture f;
    CHECK(f.tracker.register_phy("IEEE802.11") == f.wifi);
    const std::uint32_t bt = f.tracker.register_phy("Bluetooth");
    CHECK(bt != f.wifi);

    const MacAddr a = *MacAddr::parse("00:11:22:33:44:55");
    int calls = 0;
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(100, -40, 2437000), DEVICE_TRANSMITTED | DEVICE_DATA, 500,
                           [&](Device& d) {
                               ++calls;
                               d.type = "Wi-Fi Client";
                           }));
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(90, -70, 2437000), DEVICE_TRANSMITTED | DEVICE_LLC, 0, nullptr));
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(120, -10, 0), DEVICE_RECEIVED, 0, nullptr)); // not its signal
    CHECK(f.tracker.update(bt, a, Fixture::packet(5, std::nullopt, 0), DEVICE_TRANSMITTED, 0, nullptr));
    CHECK(calls == 1);
    CHECK(f.tracker.size() == 2);

    bool found = f.tracker.with_device(f.wifi, a, [](Device& d) {
        CHECK(d.first_time == 90);
        CHECK(d.last_time == 120);
        CHECK(d.packets.total == 3);
        CHECK(d.packets.tx_total == 2);
        CHECK(d.packets.rx_total == 1);
        CHECK(d.packets.data == 1);
        CHECK(d.packets.llc == 1);
        CHECK(d.datasize == 500);
        CHECK(d.signal.valid);
        CHECK(d.signal.last_signal == -70);
        CHECK(d.signal.min_signal == -70);
        CHECK(d.signal.max_signal == -40);
        CHECK(d.frequency == 2437000);
        REQUIRE(d.seenby.size() == 1);
        CHECK(d.seenby[0].packets == 2);
        CHECK(d.type == "Wi-Fi Client");
        CHECK(d.key.str() == "4202770D00000000_554433221100");
    });
    CHECK(found);
    CHECK_FALSE(f.tracker.update(99, a, Fixture::packet(1, std::nullopt, 0), 0, 0, nullptr)); // unknown PHY

    f.tracker.count_packet(f.wifi);
    f.tracker.count_packet(f.wifi);
    const auto phys = f.tracker.phys();
    REQUIRE(phys.size() == 2);
    CHECK(phys[0].devices == 1);
    CHECK(phys[0].packets == 2);
}

TEST_CASE("named, existing-only and relayed updates: what a packet counts for a device it does not come from")
{
    Fixture f;
    const MacAddr a = *MacAddr::parse("00:11:22:33:44:55");
    const MacAddr b = *MacAddr::parse("00:11:22:33:44:66");
    int calls = 0;
    const auto count = [&](Device&) { ++calls; };

    // Existing-only creates nothing, then updates as usual once the device exists.
    const unsigned tx_if_known = DEVICE_TRANSMITTED | DEVICE_EXISTING_ONLY;
    CHECK_FALSE(f.tracker.update(f.wifi, a, Fixture::packet(100, -40, 2437000), tx_if_known, 0, count));
    CHECK(f.tracker.size() == 0);
    CHECK(calls == 0);
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(100, -40, 2437000), DEVICE_TRANSMITTED, 0, count));
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(101, -50, 2437000), tx_if_known, 0, count));
    CHECK(calls == 2);

    // Named: created (or kept alive) with its times, nothing counted, still handed to the PHY.
    const unsigned named = DEVICE_NAMED | DEVICE_RECEIVED | DEVICE_LLC; // the other bits are ignored
    CHECK(f.tracker.update(f.wifi, b, Fixture::packet(102, -30, 2437000), named, 0, count));
    CHECK(calls == 3);
    f.tracker.with_device(f.wifi, b, [](Device& d) {
        CHECK(d.first_time == 102);
        CHECK(d.last_time == 102);
        CHECK(d.packets.total == 0);
        CHECK(d.packets.rx_total == 0);
        CHECK(d.packets.llc == 0);
        CHECK_FALSE(d.signal.valid);
        CHECK(d.seenby.empty());
    });

    // Relayed: counted as sent, but the radio heard is another's.
    const unsigned relayed = DEVICE_TRANSMITTED | DEVICE_RELAYED | DEVICE_DATA;
    CHECK(f.tracker.update(f.wifi, a, Fixture::packet(103, -10, 5180000), relayed, 40, count));
    f.tracker.with_device(f.wifi, a, [](Device& d) {
        CHECK(d.packets.total == 3);
        CHECK(d.packets.tx_total == 3);
        CHECK(d.packets.data == 1);
        CHECK(d.datasize == 40);
        CHECK(d.last_time == 103);
        CHECK(d.signal.last_signal == -50);
        CHECK(d.signal.max_signal == -40);
        CHECK(d.frequency == 2437000);
        REQUIRE(d.seenby.size() == 1);
        CHECK(d.seenby[0].packets == 2);
    });
}

TEST_CASE("records use Kismet's names; absent facts stay absent")
{
    Fixture f;
    const MacAddr a = *MacAddr::parse("00:11:22:33:44:55");
    f.tracker.update(f.wifi, a, Fixture::packet(100, std::nullopt, 0), DEVICE_TRANSMITTED, 0, nullptr);
    Value record;
    f.tracker.with_device(f.wifi, a, [&](Device& d) { record = f.lists.record(d); });
    CHECK(record.find(*f.fields.find("kismet.device.base.key"))->as_string() == "4202770D00000000_554433221100");
    CHECK(record.find(*f.fields.find("kismet.device.base.macaddr"))->as_string() == "00:11:22:33:44:55");
    CHECK(record.find(*f.fields.find("kismet.device.base.phyname"))->as_string() == "IEEE802.11");
    CHECK(record.find(*f.fields.find("kismet.device.base.manuf"))->as_string() == "Unknown");
    CHECK(record.find(*f.fields.find("kismet.device.base.commonname"))->as_string() == "00:11:22:33:44:55");
    CHECK(record.find(*f.fields.find("kismet.device.base.signal")) == nullptr);  // no radiotap signal
    CHECK(record.find(*f.fields.find("kismet.device.base.username")) == nullptr); // until set_name
    CHECK(record.find(*f.fields.find("kismet.device.base.tags")) == nullptr);

    f.tracker.with_device(f.wifi, a, [](Device& d) {
        d.username = "my laptop";
        d.tags.emplace_back("notes", "seen at the door");
    });
    f.tracker.with_device(f.wifi, a, [&](Device& d) { record = f.lists.record(d); });
    CHECK(record.find(*f.fields.find("kismet.device.base.username"))->as_string() == "my laptop");
    CHECK(record.find(*f.fields.find("kismet.device.base.commonname"))->as_string() == "my laptop");
    CHECK(record.find(*f.fields.find("kismet.device.base.tags"))->find("notes")->as_string() == "seen at the door");
}

TEST_CASE("the device limit refuses new devices and says so once")
{
    DeviceTrackerOptions options;
    options.max_devices = 2;
    std::vector<std::string> said;
    Fixture f(options);
    MessageBusImpl bus(50, [&](const Message& m) { said.push_back(m.text); });
    DeviceTrackerImpl tracker(options, bus, f.oui);
    const std::uint32_t phy = tracker.register_phy("IEEE802.11");
    for (int i = 0; i < 5; ++i) {
        MacAddr m;
        m.bytes[5] = static_cast<std::uint8_t>(i);
        tracker.update(phy, m, Fixture::packet(1, std::nullopt, 0), DEVICE_TRANSMITTED, 0, nullptr);
    }
    CHECK(tracker.size() == 2);
    CHECK(tracker.refused_devices() == 3);
    CHECK(std::count_if(said.begin(), said.end(), [](const std::string& s) { return s.find("tracker_max_devices") != std::string::npos; }) == 1);
    // Known devices still update.
    MacAddr first;
    CHECK(tracker.update(phy, first, Fixture::packet(2, std::nullopt, 0), DEVICE_TRANSMITTED, 0, nullptr));
}

TEST_CASE("idle devices expire")
{
    DeviceTrackerOptions options;
    options.idle_timeout_sec = 60;
    Fixture f(options);
    f.tracker.update(f.wifi, MacAddr{}, Fixture::packet(1, std::nullopt, 0), DEVICE_TRANSMITTED, 0, nullptr);
    CHECK(f.tracker.size() == 1);
    const auto now = static_cast<std::uint64_t>(std::time(nullptr));
    f.tracker.expire_idle(now + 30);
    CHECK(f.tracker.size() == 1);
    f.tracker.expire_idle(now + 120);
    CHECK(f.tracker.size() == 0);
}

TEST_CASE("the OUI table reads the IEEE registry format")
{
    const auto path = std::filesystem::temp_directory_path() / "airsight-oui-test.txt";
    {
        std::ofstream out(path);
        out << "OUI/MA-L                                                    Organization\n"
               "company_id                                                  Organization\n\n"
               "00-11-22   (hex)\t\tCIMSYS Inc\n"
               "001122     (base 16)\t\tCIMSYS Inc\n\t\t\t\tKorea\n\n"
               "AC-DE-48   (hex)\t\tPrivate  \n";
    }
    const OuiTable t = OuiTable::load(path);
    CHECK(t.size() == 2);
    CHECK(t.lookup(0x001122) == "CIMSYS Inc");
    CHECK(t.lookup(0xACDE48) == "Private");
    CHECK(t.lookup(0x123456) == "Unknown");
    std::filesystem::remove(path);
    CHECK_THROWS_AS(OuiTable::load("/nonexistent/oui.txt"), std::runtime_error);
}

TEST_CASE("a last_time bound of any size is a bound, never an undefined conversion")
{
    Fixture f;
    DeviceListsImpl& lists = f.lists;
    auto bound_of = [&](double t) {
        Request r;
        r.command.put("last_time", t);
        return lists.options(r).modified_since;
    };
    CHECK(bound_of(1e300) == UINT64_MAX); // the far future: no device changed since
    CHECK(bound_of(1.8446744073709552e19) == UINT64_MAX);
    CHECK(bound_of(1700000000.5) == 1700000000u);
    CHECK(bound_of(-1e300) == 0); // that long before now: every device
    CHECK(bound_of(0) == 0);
    CHECK(seconds_bound(std::nan("")) == 0);
    CHECK(seconds_bound(9007199254740992.0) == 9007199254740992u);
}
