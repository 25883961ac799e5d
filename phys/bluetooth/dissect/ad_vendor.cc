#include "dissect/ad_vendor.h"

#include <airsight/hex.h>

#include <array>
#include <string_view>

namespace airsight::btle {

std::optional<AppleContinuity> read_apple_continuity(Bytes data)
{
    if (data.size() < 2) return std::nullopt;
    AppleContinuity out;
    std::size_t at = 0;
    while (at < data.size()) {
        if (at + 2 > data.size()) {
            out.malformed = true;
            break;
        }
        const std::uint8_t type = data[at];
        const std::size_t length = data[at + 1];
        if (type < 32) out.types |= 1u << type;
        if (at + 2 + length > data.size()) {
            out.malformed = true;
            break;
        }
        at += 2 + length;
    }
    return out;
}

std::optional<IBeacon> read_ibeacon(Bytes data)
{
    if (data.size() < 23 || data[0] != 0x02 || data[1] != 0x15) return std::nullopt;
    IBeacon b;
    // The proximity UUID is sent most significant byte first.
    for (int i = 0; i < 16; ++i) b.proximity_uuid.bytes[i] = data[2 + i];
    b.major = load_be16(data.data() + 18);
    b.minor = load_be16(data.data() + 20);
    b.measured_power = static_cast<std::int8_t>(data[22]);
    return b;
}

std::optional<Eddystone> read_eddystone(Bytes data)
{
    if (data.empty()) return std::nullopt;
    Eddystone e;
    e.frame_type = data[0];
    switch (e.frame_type) {
    case 0x00: // UID: tx power, namespace (10), instance (6), 2 reserved
        if (data.size() < 18) {
            e.malformed = true;
            break;
        }
        e.tx_power = static_cast<std::int8_t>(data[1]);
        e.uid = hex_string(data.subspan(2, 16));
        break;
    case 0x10: { // URL: tx power, scheme, encoded URL
        if (data.size() < 3) {
            e.malformed = true;
            break;
        }
        e.tx_power = static_cast<std::int8_t>(data[1]);
        static constexpr std::array<std::string_view, 4> schemes{"http://www.", "https://www.", "http://", "https://"};
        static constexpr std::array<std::string_view, 14> expansions{
            ".com/", ".org/", ".edu/", ".net/", ".info/", ".biz/", ".gov/",
            ".com", ".org", ".edu", ".net", ".info", ".biz", ".gov"};
        if (data[2] < schemes.size()) e.url = schemes[data[2]];
        else e.malformed = true;
        for (std::size_t i = 3; i < data.size(); ++i) {
            const std::uint8_t c = data[i];
            if (c < expansions.size()) e.url += expansions[c];
            else if (c > 0x20 && c < 0x7F) e.url += static_cast<char>(c);
            else e.malformed = true;
        }
        break;
    }
    case 0x20: // TLM: version, battery, temperature, counts
        if (data.size() < 2) e.malformed = true;
        break;
    case 0x30: // EID: tx power, 8-byte ephemeral id
        if (data.size() < 10) {
            e.malformed = true;
            break;
        }
        e.tx_power = static_cast<std::int8_t>(data[1]);
        break;
    default: return std::nullopt;
    }
    return e;
}

std::optional<MicrosoftBeacon> read_microsoft(Bytes data)
{
    if (data.empty()) return std::nullopt;
    MicrosoftBeacon b;
    b.scenario = data[0];
    if (b.scenario == 0x01) {
        if (data.size() < 2) return std::nullopt;
        b.device_type = data[1] & 0x1F;
    }
    return b;
}

} // namespace airsight::btle
