// A host-side HCI capture (an Android phone's HCI log, linktype 201) replayed
// through the real server (pcapfile, the bluetooth plugin's Bluetooth PHY)
// and compared over REST with what tshark's bthci_evt dissector reads from
// the same file at test time: the devices LE Advertising Reports name, each
// one's address type, name and report count, and the counts of reports and
// HCI events. Then mutated copies, made in a TempDir: every broken event
// counted, the server serving throughout.
#include "captures.h"
#include "classic_pcap.h"
#include "command_output.h"
#include "rest_helpers.h"
#include "server_process.h"
#include "text_fields.h"
#include "tshark_reference.h"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kCapture = "horizon-74-at-ble_hci.pcap";

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

struct RefDevice {
    std::set<std::string> address_types; // tshark's 0x00 / 0x01
    std::set<std::string> names;         // printable ASCII names it advertised
    bool unprintable_name = false;
    std::uint64_t reports = 0;
};

struct HciReference {
    std::uint64_t frames = 0, events = 0, le_reports = 0;
    std::map<std::string, RefDevice> devices; // upper-case MAC
};

const char* kFields[] = {"bthci_evt.code", "bthci_evt.le_meta_subevent", "bthci_evt.le_num_reports",
                         "bthci_evt.le_peer_address_type", "bthci_evt.bd_addr", "btcommon.eir_ad.entry.device_name",
                         "_ws.malformed"};

HciReference read_hci_reference(const fs::path& tshark, const fs::path& file)
{
    std::string command = tshark.string() + " -n -r '" + file.string() + "' -T fields -E occurrence=a -E aggregator='|'";
    for (const char* f : kFields) command += std::string(" -e ") + f;
    command += " 2>/dev/null";
    HciReference ref;
    for (const std::string& row : output_lines(command_output(command))) {
        ++ref.frames;
        const std::vector<std::string> c = split(row, '\t');
        REQUIRE(c.size() == std::size(kFields));
        if (c[0].empty()) continue; // a command or ACL data
        ++ref.events;
        if (c[0] != "0x3e" || c[1] != "0x02") continue;
        REQUIRE_MESSAGE(c[6].empty(), "tshark finds an LE Advertising Report malformed: " << row);
        const std::vector<std::string> addresses = split(c[4], '|'), types = split(c[3], '|');
        const std::uint64_t count = std::stoull(c[2]);
        REQUIRE(addresses.size() == count);
        REQUIRE(types.size() == count);
        ref.le_reports += count;
        for (std::size_t i = 0; i < count; ++i) {
            RefDevice& d = ref.devices[upper(addresses[i])];
            d.address_types.insert(types[i]);
            ++d.reports;
            if (count != 1) continue; // names cannot be told apart between reports
            for (const std::string& n : split(c[5], '|'))
                if (printable_ascii(n)) d.names.insert(n);
                else if (!n.empty()) d.unprintable_name = true;
        }
    }
    return ref;
}

} // namespace

TEST_CASE("HCI capture: devices, address types, names and report counts match tshark" *
          doctest::test_suite("needs-captures-tshark"))
{
    const auto tshark = find_tshark();
    REQUIRE_MESSAGE(tshark, "tshark is missing: set TSHARK or install it (Wireshark 4.x)");
    const auto path = shared_capture(kCapture);
    if (!path) return;
    const HciReference ref = read_hci_reference(*tshark, *path);
    REQUIRE(ref.le_reports > 400); // the manifest's ~412: this is the capture meant

    ServerProcess server(kConfig, {"-c", path->string()});
    const Value source = wait_for_end(server);
    CHECK(num(source, "airsight.datasource.finished") == 1);
    CHECK(num(source, "kismet.datasource.num_packets") == ref.frames);
    CHECK(num(source, "kismet.datasource.num_error_packets") == 0);
    const Value stats = json_of(server.get("/phy/phybluetooth/stats.json"));
    CHECK(num(stats, "airsight.bluetooth.stats.le_reports") == ref.le_reports);
    CHECK(num(stats, "airsight.bluetooth.stats.events") == ref.events);
    CHECK(num(stats, "airsight.bluetooth.stats.other_hci") == ref.frames - ref.events);
    CHECK(num(stats, "airsight.bluetooth.stats.malformed") == 0);
    CHECK(num(stats, "airsight.bluetooth.stats.events") ==
          num(stats, "airsight.bluetooth.stats.le_reports") + num(stats, "airsight.bluetooth.stats.other_events"));
    // Nothing here is a BLE link-layer packet.
    const Value btle = json_of(server.get("/phy/phybtle/stats.json"));
    CHECK(num(btle, "airsight.btle.stats.advertising") == 0);

    const Value devices = json_of(post_command(server, "/devices/all_devices.json", R"({"fields": [
        "kismet.device.base.macaddr", "kismet.device.base.key", "kismet.device.base.type",
        "kismet.device.base.name", "kismet.device.base.phyname", "kismet.device.base.packets.total",
        "bluetooth.device/airsight.bluetooth.device.address_type",
        "btle.device/airsight.btle.device.random_address"]})"));
    std::set<std::string> seen;
    std::size_t names = 0;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const Value& d = devices.at(i);
        const std::string mac = str(d, "kismet.device.base.macaddr");
        INFO("device " << mac);
        seen.insert(mac);
        CHECK(str(d, "kismet.device.base.phyname") == "Bluetooth");
        CHECK(str(d, "kismet.device.base.type") == "BTLE");
        CHECK(str(d, "kismet.device.base.key").rfind("B603E01100000000_", 0) == 0);
        const auto it = ref.devices.find(mac);
        if (it == ref.devices.end()) {
            FAIL_CHECK("airsight tracks " << mac << ", which no LE Advertising Report names in tshark");
            continue;
        }
        const RefDevice& r = it->second;
        CHECK(num(d, "kismet.device.base.packets.total") == r.reports);
        if (r.address_types.size() == 1) {
            const std::string& t = *r.address_types.begin();
            CHECK(str(d, "airsight.bluetooth.device.address_type") == (t == "0x00" ? "public" : "random"));
            CHECK(num(d, "airsight.btle.device.random_address") == (t == "0x01" ? 1u : 0u));
        }
        const std::string name = str(d, "kismet.device.base.name");
        if (!r.names.empty() && !r.unprintable_name) {
            CHECK_MESSAGE(r.names.count(name), "name '" << name << "' is none of tshark's for it");
            ++names;
        } else if (r.names.empty() && !r.unprintable_name) {
            CHECK_MESSAGE(name.empty(), "name '" << name << "' where tshark saw none");
        }
    }
    for (const auto& [mac, r] : ref.devices) CHECK_MESSAGE(seen.count(mac), "tshark's " << mac << " is no device");
    CHECK(seen.size() == ref.devices.size());
    MESSAGE(std::string(kCapture) << ": " << ref.frames << " frames, " << ref.events << " events, " << ref.le_reports
                     << " LE reports; " << seen.size() << " devices (" << ref.devices.size() << " in tshark), " << names
                     << " names compared");
}

TEST_CASE("mutated HCI captures: every broken event counted, the server serving throughout" *
          doctest::test_suite("needs-captures"))
{
    const auto path = shared_capture(kCapture);
    if (!path) return;
    const ClassicPcap original = read_classic_pcap(*path);
    ClassicPcap f = original;
    // Record: direction (4), H4 type, event code, length, subevent, reports, then the first report.
    auto is_le_report = [](const std::string& r) {
        return r.size() > 9 && r[4] == 0x04 && static_cast<unsigned char>(r[5]) == 0x3E && r[7] == 0x02;
    };
    std::uint64_t reports = 0, broken = 0, kept = 0;
    for (std::string& r : f.records) {
        if (!is_le_report(r)) continue;
        REQUIRE(r[8] == 1);
        switch (reports++ % 4) {
        case 0: r[8] = 2; break;                                        // a second report announced, none there
        case 1: r.resize(7 + static_cast<unsigned char>(r[6]) / 2); break; // the event cut short
        case 2: r[17] = static_cast<char>(0xF0); break;                   // the data length past the event
        case 3: ++kept; continue;
        }
        ++broken;
    }
    REQUIRE(reports > 400);
    const TempDir dir;
    {
        const fs::path mutated = dir.path() / "mutated.pcap";
        write_classic_pcap(mutated, f);
        ServerProcess server(kConfig, {"-c", mutated.string()});
        const Value source = wait_for_end(server);
        CHECK(num(source, "airsight.datasource.finished") == 1);
        const Value stats = json_of(server.get("/phy/phybluetooth/stats.json"));
        CHECK(num(stats, "airsight.bluetooth.stats.malformed") == broken);
        CHECK(num(stats, "airsight.bluetooth.stats.le_reports") == kept);
        CHECK(num(source, "kismet.datasource.num_error_packets") == broken);
        CHECK(server.get("/system/status.json").status == 200);
        MESSAGE(broken << " events broken on purpose, " << kept << " kept");
    }
    // And a copy with random bytes in every event, from a fixed seed: each
    // counted one way or another, never a crash.
    ClassicPcap noisy = original;
    std::mt19937 random(201);
    for (std::string& r : noisy.records) {
        if (r.size() < 8 || r[4] != 0x04) continue;
        for (int flips = 0; flips < 3; ++flips) r[5 + random() % (r.size() - 5)] = static_cast<char>(random() & 0xff);
    }
    const fs::path noisy_path = dir.path() / "noisy.pcap";
    write_classic_pcap(noisy_path, noisy);
    ServerProcess server(kConfig, {"-c", noisy_path.string()});
    const Value source = wait_for_end(server);
    CHECK(num(source, "airsight.datasource.finished") == 1);
    CHECK(num(source, "kismet.datasource.num_packets") == noisy.records.size());
    const Value stats = json_of(server.get("/phy/phybluetooth/stats.json"));
    // Every failed packet is one the Bluetooth PHY counted malformed.
    CHECK(num(source, "kismet.datasource.num_error_packets") == num(stats, "airsight.bluetooth.stats.malformed"));
    CHECK(num(stats, "airsight.bluetooth.stats.malformed") > 0);
    CHECK(server.get("/system/status.json").status == 200);
    CHECK(server.get("/devices/all_devices.json").status == 200);
    MESSAGE("random bytes: " << num(stats, "airsight.bluetooth.stats.malformed") << " malformed, "
                              << num(stats, "airsight.bluetooth.stats.le_reports") << " LE reports");
}
