// The BLE link-layer captures in ../shared/captures replayed through the real
// server (pcapfile, the bluetooth plugin) and compared over REST with what
// tshark's btle dissector reads from the same file, computed here at test
// time: the devices (every transmitter and addressee of a CRC-valid
// advertising PDU), each one's address type (TxAdd/RxAdd), name and
// manufacturer ids, and the counts of CRC-valid and bad-CRC advertising PDUs.
#include "captures.h"
#include "command_output.h"
#include "rest_helpers.h"
#include "server_process.h"
#include "text_fields.h"
#include "tshark_reference.h"

#include <doctest/doctest.h>

#include <map>
#include <set>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

struct BleCapture {
    const char* file;
    const char* tshark_options; // PPI around DLT 147 needs the user-DLT mapping to btle
};
const BleCapture kCaptures[] = {
    {"boston-mesh_adv38_2.pcap", ""},
    {"le_secure_connections.pcapng", ""},
    {"odid_bt5_lr_sample.pcapng", ""},
    {"pairing_and_ltk_exchange.pcap", R"x(-o 'uat:user_dlts:"User 0 (DLT=147)","btle","0","","0",""')x"},
};

struct RefDevice {
    std::set<bool> random;          // the address types it was named with
    std::set<std::string> names;    // printable ASCII names it advertised
    bool unprintable_name = false;  // a name tshark shows other than as plain ASCII
    std::set<unsigned> companies;   // manufacturer data company ids
};

struct BleReference {
    std::uint64_t frames = 0, advertising = 0, bad_crc = 0;
    std::uint64_t unjudged = 0; // advertising access address, malformed in tshark: no CRC verdict
    std::map<std::string, RefDevice> devices; // upper-case MAC
};

const char* kFields[] = {"btle.access_address",
                         "btle.advertising_header.pdu_type",
                         "btle.advertising_header.randomized_tx",
                         "btle.advertising_header.randomized_rx",
                         "btle.advertising_address",
                         "btle.scanning_address",
                         "btle.initiator_address",
                         "btle.target_address",
                         "btle.crc.incorrect",
                         "btcommon.eir_ad.entry.device_name",
                         "btcommon.eir_ad.entry.company_id",
                         "_ws.malformed"};

BleReference read_ble_reference(const fs::path& tshark, const fs::path& file, const char* options)
{
    std::string command = tshark.string() + " -n " + options + " -r '" + file.string() +
                           "' -T fields -E occurrence=a -E aggregator='|'";
    for (const char* f : kFields) command += std::string(" -e ") + f;
    command += " 2>/dev/null";
    BleReference ref;
    for (const std::string& row : output_lines(command_output(command))) {
        ++ref.frames;
        const std::vector<std::string> c = split(row, '\t');
        REQUIRE(c.size() == std::size(kFields));
        if (c[0] != "0x8e89bed6" || c[1].empty()) continue; // not advertising, or no header dissected
        if (!c[8].empty()) {
            ++ref.bad_crc;
            continue;
        }
        // tshark gives no CRC verdict on a packet it could not dissect (a PDU
        // length past the record's end, say); airsight checks those CRCs too.
        if (!c[11].empty()) {
            ++ref.unjudged;
            continue;
        }
        const unsigned type = static_cast<unsigned>(std::stoul(c[1], nullptr, 16));
        if (type > 8) continue; // reserved: airsight counts it malformed
        ++ref.advertising;
        const bool tx_random = c[2] == "1", rx_random = c[3] == "1";
        std::string tx, rx;
        switch (type) {
        case 3: tx = c[5], rx = c[4]; break;           // SCAN_REQ: ScanA -> AdvA
        case 5: tx = c[6], rx = c[4]; break;           // CONNECT_IND: InitA -> AdvA
        case 1: tx = c[4], rx = c[7]; break;           // ADV_DIRECT_IND: AdvA -> TargetA
        case 7: case 8: tx = c[4], rx = c[7]; break;   // extended: optional AdvA, TargetA
        default: tx = c[4]; break;
        }
        if (!tx.empty()) {
            RefDevice& d = ref.devices[upper(tx)];
            d.random.insert(tx_random);
            for (const std::string& n : split(c[9], '|'))
                if (printable_ascii(n)) d.names.insert(n);
                else if (!n.empty()) d.unprintable_name = true;
            if (!c[10].empty())
                for (const std::string& id : split(c[10], '|')) d.companies.insert(static_cast<unsigned>(std::stoul(id, nullptr, 16)));
        }
        if (!rx.empty()) ref.devices[upper(rx)].random.insert(rx_random);
    }
    return ref;
}

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

const Value* member(const Value& v, const char* name)
{
    return v.kind() == Value::Kind::Map ? v.find(name) : nullptr;
}

} // namespace

TEST_CASE("BLE captures: devices, address types, names, manufacturers and CRC counts match tshark" *
          doctest::test_suite("needs-captures-tshark"))
{
    const auto tshark = find_tshark();
    REQUIRE_MESSAGE(tshark, "tshark is missing: set TSHARK or install it (Wireshark 4.x)");
    for (const BleCapture& c : kCaptures) {
        INFO("capture " << c.file);
        const auto path = shared_capture(c.file);
        if (!path) continue;
        const BleReference ref = read_ble_reference(*tshark, *path, c.tshark_options);

        ServerProcess server(kConfig, {"-c", path->string()});
        const Value source = wait_for_end(server);
        CHECK(num(source, "airsight.datasource.finished") == 1);
        CHECK(num(source, "kismet.datasource.num_packets") == ref.frames);
        const Value stats = json_of(server.get("/phy/phybtle/stats.json"));
        CHECK(num(stats, "airsight.btle.stats.advertising") == ref.advertising);
        // What tshark could not judge, airsight finds a bad CRC in or rejects as malformed.
        CHECK(num(stats, "airsight.btle.stats.bad_crc") >= ref.bad_crc);
        CHECK(num(stats, "airsight.btle.stats.bad_crc") + num(stats, "airsight.btle.stats.malformed") ==
              ref.bad_crc + ref.unjudged);
        // Bad CRCs and malformed packets are the source's error packets.
        CHECK(num(source, "kismet.datasource.num_error_packets") ==
              num(stats, "airsight.btle.stats.bad_crc") + num(stats, "airsight.btle.stats.malformed"));

        const Value devices = json_of(post_command(server, "/devices/all_devices.json", R"({"fields": [
            "kismet.device.base.macaddr", "kismet.device.base.key", "kismet.device.base.type",
            "kismet.device.base.name", "kismet.device.base.phyname",
            "btle.device/airsight.btle.device.random_address",
            "btle.device/airsight.btle.device.manufacturer_data"]})"));
        std::set<std::string> seen;
        std::size_t names = 0, companies = 0;
        for (std::size_t i = 0; i < devices.size(); ++i) {
            const Value& d = devices.at(i);
            const std::string mac = str(d, "kismet.device.base.macaddr");
            INFO("device " << mac);
            seen.insert(mac);
            CHECK(str(d, "kismet.device.base.phyname") == "BTLE");
            CHECK(str(d, "kismet.device.base.type") == "BTLE");
            CHECK(str(d, "kismet.device.base.key").rfind("2701E10200000000_", 0) == 0);
            const auto it = ref.devices.find(mac);
            if (it == ref.devices.end()) {
                FAIL_CHECK("airsight tracks " << mac << ", which sent or received no CRC-valid advertising PDU in tshark");
                continue;
            }
            const RefDevice& r = it->second;
            if (r.random.size() == 1) CHECK((num(d, "airsight.btle.device.random_address") == 1) == *r.random.begin());
            const std::string name = str(d, "kismet.device.base.name");
            if (!r.names.empty() && !r.unprintable_name) {
                CHECK_MESSAGE(r.names.count(name), "name '" << name << "' is none of tshark's for it");
                ++names;
            } else if (r.names.empty() && !r.unprintable_name) {
                CHECK_MESSAGE(name.empty(), "name '" << name << "' where tshark saw none");
            }
            std::set<unsigned> ours;
            if (const Value* m = member(d, "airsight.btle.device.manufacturer_data"))
                for (const auto& e : m->entries()) ours.insert(static_cast<unsigned>(std::stoul(e.key)));
            if (r.companies.size() <= 8) CHECK(ours == r.companies);
            companies += ours.size();
        }
        for (const auto& [mac, r] : ref.devices) CHECK_MESSAGE(seen.count(mac), "tshark's " << mac << " is no device");
        CHECK(seen.size() == ref.devices.size());
        MESSAGE(std::string(c.file) << ": " << ref.frames << " frames, " << ref.advertising << " CRC-valid advertising PDUs, "
                       << ref.bad_crc << " bad CRC, " << ref.unjudged << " malformed; " << seen.size() << " devices (" << ref.devices.size()
                       << " in tshark), " << names << " names and " << companies << " manufacturer ids compared");
    }
}
