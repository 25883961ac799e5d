// Byte-level properties of generated frames: radiotap layout, FCS, sequence
// numbers, beacons. Read back with FrameView, not with the builder's code.
#include "engine/ies.h"
#include "engine/radio.h"
#include "frame_view.h"

#include <airsight/crc32.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace airsight::sim;
using airsight::MacAddr;
using airsight::sim::test::FrameView;

TEST_CASE("radiotap header: version 0, the promised fields, aligned")
{
    Radio radio(WorldConfig{}, {.fcs = true});
    radio.listen_all();
    SimFrame f;
    int legacy = 0, ht = 0;
    for (int i = 0; i < 3000; ++i) {
        REQUIRE(radio.next_frame(f));
        const FrameView v(f.bytes);
        REQUIRE(f.bytes.size() > 40);
        CHECK(f.bytes[0] == 0); // version
        CHECK(f.bytes[1] == 0);
        const std::uint32_t base = 0x2 | 0x8 | 0x20 | 0x40; // flags, channel, dBm signal, dBm noise
        if (v.present() & (1u << 19)) { // MCS: HT data, no legacy rate
            ++ht;
            CHECK(v.present() == (base | (1u << 19)));
            CHECK(v.radiotap_len() == 19);
            CHECK(f.bytes[16] == 0x7F);     // MCS known
            CHECK(f.bytes[18] < 16);        // MCS index
        } else {
            ++legacy;
            CHECK(v.present() == (base | 0x4));
            CHECK(v.radiotap_len() == 16);
            CHECK(f.bytes[9] != 0);          // rate
        }
        CHECK(v.freq_mhz() * 1000u == f.freq_khz);
        const auto signal = static_cast<std::int8_t>(f.bytes[14]), noise = static_cast<std::int8_t>(f.bytes[15]);
        CHECK(signal < -20);
        CHECK(signal > -95);
        CHECK(noise < signal);
        // FCS: flag set, CRC over the 802.11 frame, little-endian at the end.
        REQUIRE(v.has_fcs());
        const std::size_t mac = v.mac(), n = f.bytes.size() - 4 - mac;
        CHECK(v.le32(f.bytes.size() - 4) == airsight::crc32({f.bytes.data() + mac, n}));
    }
    CHECK(legacy > 0);
    CHECK(ht > 0);
}

TEST_CASE("no FCS unless asked for")
{
    Radio radio(WorldConfig{});
    radio.listen_all();
    SimFrame f;
    for (int i = 0; i < 200; ++i) {
        REQUIRE(radio.next_frame(f));
        CHECK_FALSE(FrameView(f.bytes).has_fcs());
    }
}

TEST_CASE("sequence numbers count up per transmitter")
{
    WorldConfig config;
    config.misbehaviour_deauth_flood = true; // forged frames carry the attacker's own numbers
    Radio radio(config);
    radio.listen_all();
    std::map<MacAddr, int> last;
    int checked = 0, forged = 0;
    SimFrame f;
    for (int i = 0; i < 20000; ++i) {
        REQUIRE(radio.next_frame(f));
        const FrameView v(f.bytes);
        if (v.is_deauth()) { // the flooder's numbers run on their own, unrelated to the AP's
            ++forged;
            continue;
        }
        const MacAddr tx = v.transmitter();
        const auto it = last.find(tx);
        if (it != last.end()) {
            CHECK_MESSAGE(v.seq() == (it->second + 1) % 4096, "transmitter ", tx.str());
            ++checked;
        }
        last[tx] = v.seq();
    }
    CHECK(checked > 15000);
    CHECK(forged > 0);
}

TEST_CASE("beacons: 100 TU interval, TSF grows with time, hidden SSIDs are empty")
{
    Radio radio(WorldConfig{});
    radio.listen_all();
    const World& w = radio.world();
    std::map<MacAddr, std::pair<std::uint64_t, std::uint64_t>> last; // bssid -> (capture ts, TSF)
    int pairs = 0, hidden = 0;
    SimFrame f;
    for (int i = 0; i < 5000; ++i) {
        REQUIRE(radio.next_frame(f));
        const FrameView v(f.bytes);
        if (!v.is_beacon()) continue;
        const std::size_t body = v.mac() + 24;
        std::uint64_t tsf = 0;
        for (int b = 7; b >= 0; --b) tsf = tsf << 8 | f.bytes[body + static_cast<std::size_t>(b)];
        CHECK(v.le16(body + 8) == 100);
        const auto ap = std::find_if(w.aps.begin(), w.aps.end(), [&](const AccessPoint& a) { return a.bssid == v.addr(3); });
        REQUIRE(ap != w.aps.end());
        CHECK(v.ssid() == (ap->hidden ? "" : ap->ssid));
        hidden += ap->hidden;
        const auto it = last.find(ap->bssid);
        if (it != last.end()) {
            CHECK(f.ts_usec - it->second.first == kBeaconIntervalUsec);
            CHECK(tsf - it->second.second == kBeaconIntervalUsec);
            ++pairs;
        }
        last[ap->bssid] = {f.ts_usec, tsf};
    }
    CHECK(pairs > 100);
    CHECK(hidden > 0);
}

TEST_CASE("the buffer is reused: no reallocation once it fits the largest frame")
{
    Radio radio(WorldConfig{});
    radio.listen_all();
    SimFrame f;
    f.bytes.reserve(2048);
    const std::uint8_t* data = f.bytes.data();
    for (int i = 0; i < 2000; ++i) {
        REQUIRE(radio.next_frame(f));
        CHECK(f.bytes.data() == data);
    }
}

TEST_CASE("the WPS element's length byte covers its attributes, written after what the buffer holds")
{
    AccessPoint ap;
    ap.bssid = *MacAddr::parse("00:11:22:33:44:55");
    ap.vendor = "Netgear";
    for (const bool probe_response : {false, true}) {
        std::vector<std::uint8_t> frame{0xAA, 0xBB}; // bytes before the element stay
        ByteSink out(frame);
        ie::wps(out, ap, probe_response);
        REQUIRE(frame.size() > 4);
        CHECK(frame[0] == 0xAA);
        CHECK(frame[1] == 0xBB);
        CHECK(frame[2] == 221);
        CHECK(std::size_t{frame[3]} == frame.size() - 4);
        CHECK(frame[4] == 0x00); // the Microsoft OUI, WPS type 4
        CHECK(frame[7] == 4);
        // The last attribute, version2, ends the element exactly.
        CHECK(frame[frame.size() - 10] == 0x10);
        CHECK(frame[frame.size() - 9] == 0x49);
    }
    // Probe responses name the vendor: an element over 255 bytes cannot be written.
    ap.vendor = std::string(120, 'v');
    std::vector<std::uint8_t> frame;
    ByteSink out(frame);
    CHECK_NOTHROW(ie::wps(out, ap, false));
    CHECK_THROWS_AS(ie::wps(out, ap, true), std::length_error);
}
