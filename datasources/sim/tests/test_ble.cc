// BLE advertisers: the packets' pseudo-header, layout and CRC read back by
// hand; the BLE sniffer hears them whatever the Wi-Fi radio is tuned to;
// adding BLE and drones leaves a seed's Wi-Fi frames as they were.
#include "engine/pcapng_writer.h"
#include "engine/radio.h"

#include <airsight/crc24.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <unistd.h>
#include <vector>

using namespace airsight::sim;
using Bytes = std::vector<std::uint8_t>;
namespace fs = std::filesystem;

namespace {

WorldConfig ble_world(int advertisers, int drones = 0)
{
    WorldConfig config;
    config.seed = 3;
    config.access_points = 4;
    config.clients = 6;
    config.ble_advertisers = advertisers;
    config.drones = drones;
    return config;
}

struct Heard {
    std::uint64_t ts;
    std::uint32_t dlt;
    Bytes bytes;
    bool operator==(const Heard&) const = default;
};

std::vector<Heard> capture(Radio& radio, std::uint64_t until_usec)
{
    std::vector<Heard> out;
    SimFrame f;
    while (radio.next_frame(f, until_usec)) out.push_back({f.ts_usec, f.dlt, f.bytes});
    return out;
}

std::uint32_t le24(const Bytes& b, std::size_t at) { return b[at] | b[at + 1] << 8 | std::uint32_t{b[at + 2]} << 16; }

} // namespace

TEST_CASE("BLE advertisers: every kind, unique addresses, data within 31 bytes")
{
    const World world = make_world(ble_world(8));
    REQUIRE(world.ble_advertisers.size() == 8);
    std::set<BleProfile> kinds;
    std::set<airsight::MacAddr> addresses;
    for (const BleAdvertiser& a : world.ble_advertisers) {
        CAPTURE(a.name);
        kinds.insert(a.profile);
        addresses.insert(a.address);
        CHECK(a.adv_data.size() <= 31);
        CHECK(a.scan_response_data.size() <= 31);
        CHECK(a.interval_usec >= 100'000);
        CHECK(a.interval_usec <= 1'000'000);
        if (a.random_address) CHECK((a.address.bytes[0] & 0xC0) == 0xC0);
        CHECK(a.name.empty() == (a.profile == BleProfile::MicrosoftCdp));
        // The name is in the advertising data or the scan response, as a complete local name.
        if (!a.name.empty()) {
            Bytes name_ad{static_cast<std::uint8_t>(a.name.size() + 1), 0x09};
            name_ad.insert(name_ad.end(), a.name.begin(), a.name.end());
            const auto has = [&](const Bytes& data) {
                return std::search(data.begin(), data.end(), name_ad.begin(), name_ad.end()) != data.end();
            };
            CHECK((has(a.adv_data) || has(a.scan_response_data)));
        }
    }
    CHECK(kinds.size() == 4);
    CHECK(addresses.size() == 8);
}

TEST_CASE("BLE packets: pseudo-header, access address, PDU and a CRC that checks")
{
    Radio radio(ble_world(4));
    radio.set_channel(36); // no Wi-Fi channel changes what the BLE sniffer hears
    const World& world = radio.world();
    std::map<std::pair<std::size_t, int>, int> seen; // (advertiser, PDU type) -> packets
    std::set<int> rf_channels;
    for (const Heard& h : capture(radio, world.config.start_usec + 3'000'000)) {
        if (h.dlt != kDltBleLlWithPhdr) continue;
        const Bytes& b = h.bytes;
        REQUIRE(b.size() >= 10 + 4 + 2 + 6 + 3);
        rf_channels.insert(b[0]);
        CHECK((b[8] | b[9] << 8) == 0x0C17);                  // dewhitened, signal/noise/ref AA valid, CRC checked and valid
        CHECK((b[4] | b[5] << 8 | b[6] << 16 | std::uint32_t{b[7]} << 24) == 0x8E89BED6);
        CHECK((b[10] | b[11] << 8 | b[12] << 16 | std::uint32_t{b[13]} << 24) == 0x8E89BED6);
        const int type = b[14] & 0x0F;
        const std::size_t length = b[15];
        REQUIRE(b.size() == 16 + length + 3);
        const std::uint32_t crc = airsight::btle::crc24(airsight::btle::kAdvertisingCrcInit,
                                                        std::span<const std::uint8_t>(b.data() + 14, 2 + length));
        CHECK(crc == le24(b, 16 + length));
        // AdvA, least significant octet first, names one of the world's advertisers.
        airsight::MacAddr adv_a;
        for (int i = 0; i < 6; ++i) adv_a.bytes[static_cast<std::size_t>(i)] = b[16 + 5 - static_cast<std::size_t>(i)];
        bool found = false;
        for (std::size_t i = 0; i < world.ble_advertisers.size(); ++i) {
            const BleAdvertiser& a = world.ble_advertisers[i];
            if (a.address != adv_a) continue;
            found = true;
            CHECK(((b[14] & 0x40) != 0) == a.random_address);
            const Bytes data(b.begin() + 22, b.begin() + 16 + static_cast<std::ptrdiff_t>(length));
            CHECK(data == (type == 4 ? a.scan_response_data : a.adv_data));
            if (type != 4) CHECK(type == static_cast<int>(a.pdu));
            ++seen[{i, type}];
        }
        CHECK(found);
    }
    CHECK(rf_channels == std::set<int>{0, 12, 39}); // channels 37, 38, 39
    for (std::size_t i = 0; i < world.ble_advertisers.size(); ++i) {
        const BleAdvertiser& a = world.ble_advertisers[i];
        CAPTURE(a.name);
        const int events = seen[{i, static_cast<int>(a.pdu)}] / 3;
        CHECK(events >= static_cast<int>(3'000'000 / (a.interval_usec + 10'000)) - 1);
        CHECK(events <= static_cast<int>(3'000'000 / a.interval_usec) + 1);
        CHECK((seen[{i, 4}] > 0) == !a.scan_response_data.empty());
    }
}

TEST_CASE("adding BLE advertisers and drones leaves a seed's Wi-Fi frames as they were")
{
    auto wifi = [](const WorldConfig& config) {
        Radio radio(config, {.fcs = true});
        radio.listen_all();
        std::vector<Heard> out;
        for (Heard& h : capture(radio, config.start_usec + 4'000'000))
            if (h.dlt == kDltRadiotap) out.push_back(std::move(h));
        return out;
    };
    const auto plain = wifi(ble_world(0, 0));
    const auto with_ble = wifi(ble_world(5, 2));
    std::vector<Heard> without_drones;
    const World world = make_world(ble_world(5, 2));
    // Drone beacons are the frames whose transmitter is a drone: take them out.
    for (const Heard& h : with_ble) {
        const std::size_t mac = h.bytes[2] | h.bytes[3] << 8; // radiotap length
        airsight::MacAddr ta = airsight::MacAddr::from_bytes(h.bytes.data() + mac + 10);
        bool drone = false;
        for (const Drone& d : world.drones) drone |= d.wifi_mac == ta;
        if (!drone) without_drones.push_back(h);
    }
    REQUIRE(plain.size() > 300);
    CHECK(without_drones.size() == plain.size());
    CHECK(without_drones == plain);
    CHECK(with_ble.size() > plain.size());
}

TEST_CASE("BLE and drones: the same seed gives the same bytes, another seed others")
{
    auto run = [](std::uint64_t seed) {
        WorldConfig config = ble_world(6, 2);
        config.seed = seed;
        Radio radio(config);
        radio.set_hop({1, 6, 11}, 7);
        return capture(radio, config.start_usec + 2'000'000);
    };
    const auto a = run(21), b = run(21), c = run(22);
    REQUIRE(a.size() > 100);
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("pcapng: one interface per link type; packets name theirs")
{
    const fs::path path = fs::temp_directory_path() / (std::to_string(::getpid()) + "-two-links.pcapng");
    const Bytes wifi{1, 2, 3}, ble{4, 5, 6, 7};
    {
        PcapngOptions options;
        options.more_linktypes = {256};
        PcapngWriter w(path.string(), options);
        w.write(1, wifi.data(), wifi.size());
        w.write(2, 256, ble.data(), ble.size());
        w.write(3, 127, wifi.data(), wifi.size());
        CHECK_THROWS_AS(w.write(4, 105, wifi.data(), wifi.size()), std::invalid_argument);
        w.close();
    }
    std::ifstream in(path, std::ios::binary);
    const Bytes file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    fs::remove(path);
    auto u32 = [&](std::size_t at) {
        std::uint32_t v;
        std::memcpy(&v, &file.at(at), 4);
        return v;
    };
    std::vector<std::uint16_t> linktypes;
    std::vector<std::uint32_t> packet_interfaces;
    for (std::size_t at = 0; at < file.size(); at += u32(at + 4)) {
        if (u32(at) == 1) linktypes.push_back(static_cast<std::uint16_t>(u32(at + 8)));
        if (u32(at) == 6) packet_interfaces.push_back(u32(at + 8));
    }
    CHECK(linktypes == std::vector<std::uint16_t>{127, 256});
    CHECK(packet_interfaces == std::vector<std::uint32_t>{0, 1, 0});
}
