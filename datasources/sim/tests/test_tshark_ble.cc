// Wireshark's btle and 802.11 dissectors judge a capture of a world with BLE
// advertisers and Remote ID drones: nothing malformed, every BLE CRC good,
// the advertisers' names and addresses as the world has them, and the
// drones' Remote ID where it should be. Run with --needs=tshark (see
// test_tshark_validity.cc).
#include "engine/pcapng_writer.h"
#include "engine/radio.h"
#include "prerequisites.h"
#include "tshark.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

using namespace airsight::sim;
using namespace airsight::sim::test;
namespace fs = std::filesystem;

TEST_SUITE_BEGIN("needs-tshark");

namespace {

std::string lower_mac(const airsight::MacAddr& m)
{
    std::string s = m.str();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A whole-world capture of `config` up to `seconds` of simulated time, in a temporary file.
struct BleCapture {
    World world;
    fs::path file;
    std::size_t frames = 0;
    std::size_t ble_frames = 0;

    /// `corrupt`: flip a bit in the payload of that BLE packet (1: the first), 0: none.
    BleCapture(const WorldConfig& config, std::uint64_t seconds, std::size_t corrupt = 0)
        : world(make_world(config)),
          file(fs::temp_directory_path() /
               ("sim-ble-" + std::to_string(::getpid()) + "-" + std::to_string(corrupt) + ".pcapng"))
    {
        Radio radio(config, {.fcs = true});
        radio.listen_all();
        PcapngOptions options;
        options.more_linktypes = {static_cast<std::uint16_t>(kDltBleLlWithPhdr)};
        PcapngWriter writer(file.string(), options);
        SimFrame f;
        while (radio.next_frame(f, config.start_usec + seconds * 1'000'000)) {
            // The pseudo-header says "CRC checked and valid", which tshark takes
            // on trust; without those flags it computes every CRC itself.
            if (f.dlt == kDltBleLlWithPhdr) {
                f.bytes.at(9) &= static_cast<std::uint8_t>(~0x0C);
                if (++ble_frames == corrupt) f.bytes.at(f.bytes.size() - 5) ^= 0x10;
            }
            writer.write(f.ts_usec, f.dlt, f.bytes.data(), f.bytes.size());
            ++frames;
        }
        writer.close();
    }
    BleCapture(const BleCapture&) = delete;
    BleCapture& operator=(const BleCapture&) = delete;
    ~BleCapture() { fs::remove(file); }

    /// `tshark -r FILE ARGS`: its output; the check fails if tshark does.
    std::string run(const std::string& args) const
    {
        const std::string err = file.string() + ".err";
        const CommandResult r = run_command(airsight::test::tshark_program() + " -n -r '" + file.string() +
                                                "' -o wlan.check_checksum:TRUE " + args,
                                            err);
        CHECK_MESSAGE(r.status == 0, r.err);
        return r.out;
    }
};

// Six seconds of a whole world with every kind of advertiser (twice) and two drones.
const BleCapture& capture()
{
    static const BleCapture c([] {
        WorldConfig config;
        config.seed = 13;
        config.access_points = 3;
        config.clients = 4;
        config.ble_advertisers = 8;
        config.drones = 2;
        return config;
    }(), 6);
    return c;
}

} // namespace

TEST_CASE("tshark: BLE and Remote ID frames are well formed, every CRC good")
{
    const BleCapture& c = capture();
    REQUIRE(c.ble_frames > 100);
    const std::string problems = c.run("-Y '_ws.malformed || _ws.expert.severity == error || wlan.fcs.status == 0 || "
                                       "btle.crc.incorrect' -T fields -e frame.number");
    CHECK_MESSAGE(problems.empty(), "frames tshark finds broken: ", problems.substr(0, 200));
    // Every BLE packet is dissected as BLE over the pseudo-header, with the advertising access address.
    const auto ble = split_rows(c.run("-Y 'btle_rf && btle.access_address == 0x8e89bed6' -T fields -e frame.number"));
    CHECK(ble.size() == c.ble_frames);
    const auto all = split_rows(c.run("-T fields -e frame.number"));
    CHECK(all.size() == c.frames);
}

TEST_CASE("tshark: the BLE check catches a packet with a flipped bit")
{
    WorldConfig config;
    config.seed = 13;
    config.ble_advertisers = 2;
    const BleCapture c(config, 1, 7);
    REQUIRE(c.ble_frames > 7);
    const auto bad = split_rows(c.run("-Y 'btle.crc.incorrect' -T fields -e frame.number"));
    CHECK(bad.size() == 1);
}

TEST_CASE("tshark: the advertisers' addresses and names are the world's")
{
    const BleCapture& c = capture();
    const auto rows = split_rows(c.run("-Y 'btle' -T fields -E occurrence=f -e btle.advertising_address "
                                       "-e btcommon.eir_ad.entry.device_name -e btle.advertising_header.pdu_type"));
    std::map<std::string, std::set<std::string>> names;      // address -> names it sent
    std::map<std::string, std::set<std::string>> pdu_types;  // address -> PDU types
    for (const auto& row : rows) {
        REQUIRE(row.size() == 3);
        if (!row[1].empty()) names[row[0]].insert(row[1]);
        pdu_types[row[0]].insert(row[2]);
    }
    for (const BleAdvertiser& a : c.world.ble_advertisers) {
        const std::string address = lower_mac(a.address);
        CAPTURE(address);
        CAPTURE(a.name);
        REQUIRE(pdu_types.count(address) == 1);
        if (a.name.empty()) CHECK(names.count(address) == 0);
        else CHECK(names[address] == std::set<std::string>{a.name});
        std::set<std::string> expected{a.pdu == BlePdu::AdvInd ? "0x00" : "0x02"};
        if (!a.scan_response_data.empty()) expected.insert("0x04");
        CHECK(pdu_types[address] == expected);
    }
}

TEST_CASE("tshark: each drone sends Remote ID in Wi-Fi beacons and in BLE service data 0xFFFA")
{
    const BleCapture& c = capture();
    const auto beacons = split_rows(c.run("-Y 'wlan.tag.oui == 0xfa0bbc' -T fields -e wlan.ta -e wlan.ds.current_channel"));
    const auto ble = split_rows(c.run("-Y 'btcommon.eir_ad.entry.uuid_16 == 0xfffa' -T fields -e btle.advertising_address"));
    std::map<std::string, int> beacon_count, ble_count;
    for (const auto& row : beacons) {
        ++beacon_count[row.at(0)];
        CHECK(row.at(1) == "6");
    }
    for (const auto& row : ble) ++ble_count[row.at(0)];
    CHECK(beacon_count.size() == c.world.drones.size());
    CHECK(ble_count.size() == c.world.drones.size());
    for (const Drone& d : c.world.drones) {
        CAPTURE(d.serial);
        CHECK(beacon_count[lower_mac(d.wifi_mac)] >= 55); // ~58 in 6 s
        CHECK(ble_count[lower_mac(d.ble_address)] >= 3 * 6 * 3); // three channels, 3-10 events a second
    }
}

TEST_SUITE_END();
