// Reads back what tests need from a radiotap + 802.11 frame, independently
// of the builder's code, so a builder bug cannot hide behind itself.
#ifndef AIRSIGHT_DATASOURCES_SIM_TESTS_FRAME_VIEW_H
#define AIRSIGHT_DATASOURCES_SIM_TESTS_FRAME_VIEW_H

#include <airsight/mac.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace airsight::sim::test {

struct FrameView {
    explicit FrameView(const std::vector<std::uint8_t>& b) : bytes(b) {}

    const std::vector<std::uint8_t>& bytes;

    std::uint16_t le16(std::size_t at) const { return static_cast<std::uint16_t>(bytes.at(at) | bytes.at(at + 1) << 8); }
    std::uint32_t le32(std::size_t at) const { return le16(at) | std::uint32_t{le16(at + 2)} << 16; }

    std::size_t radiotap_len() const { return le16(2); }
    std::uint32_t present() const { return le32(4); }
    std::uint8_t radiotap_flags() const { return bytes.at(8); }
    std::uint16_t freq_mhz() const { return le16(10); } // Flags and Rate/pad come first in every simulated header
    bool has_fcs() const { return (radiotap_flags() & 0x10) != 0; }

    std::size_t mac() const { return radiotap_len(); }
    int type() const { return (bytes.at(mac()) >> 2) & 3; }
    int subtype() const { return bytes.at(mac()) >> 4; }
    std::uint8_t fc_flags() const { return bytes.at(mac() + 1); }
    MacAddr addr(int n) const { return MacAddr::from_bytes(&bytes.at(mac() + 4 + 6 * static_cast<std::size_t>(n - 1))); }
    std::uint16_t seq() const { return static_cast<std::uint16_t>(le16(mac() + 22) >> 4); }
    MacAddr transmitter() const { return addr(2); }

    /// The BSSID field as Wireshark reads it: A3 for management, by DS bits for data.
    std::optional<MacAddr> bssid() const
    {
        if (type() == 0) return addr(3);
        if (type() != 2) return std::nullopt;
        switch (fc_flags() & 3) {
        case 1: return addr(1); // to DS
        case 2: return addr(2); // from DS
        case 0: return addr(3);
        default: return std::nullopt;
        }
    }
    bool is_beacon() const { return type() == 0 && subtype() == 8; }
    bool is_probe_response() const { return type() == 0 && subtype() == 5; }
    bool is_deauth() const { return type() == 0 && subtype() == 12; }
    std::size_t end() const { return bytes.size() - (has_fcs() ? 4 : 0); }

    /// The SSID element of a beacon or probe response (first element after the fixed fields).
    std::string ssid() const
    {
        const std::size_t ie = mac() + 24 + 12;
        if (bytes.at(ie) != 0) return "<no SSID element>";
        return std::string(reinterpret_cast<const char*>(&bytes.at(ie + 2)), bytes.at(ie + 1));
    }
};

} // namespace airsight::sim::test

#endif
