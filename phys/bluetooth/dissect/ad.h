// Advertising data: the AD structures (length, type, data) of AdvData,
// ScanRspData and extended advertising (Core Supplement Part A). The same
// structures arrive in HCI advertising reports, so this parser knows nothing
// of the link layer: an HCI source can feed it later.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_AD_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_AD_H

#include "dissect/bytes.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace airsight::btle {

namespace ad_type {
inline constexpr std::uint8_t flags = 0x01, uuid16_incomplete = 0x02, uuid16_complete = 0x03,
                              uuid32_incomplete = 0x04, uuid32_complete = 0x05, uuid128_incomplete = 0x06,
                              uuid128_complete = 0x07, name_short = 0x08, name_complete = 0x09, tx_power = 0x0A,
                              solicit16 = 0x14, solicit128 = 0x15, service_data16 = 0x16, appearance = 0x19,
                              solicit32 = 0x1F, service_data32 = 0x20, service_data128 = 0x21,
                              manufacturer = 0xFF;
}

/// A 128-bit UUID, most significant byte first; 16- and 32-bit ones are
/// expanded over the Bluetooth base UUID 0000xxxx-0000-1000-8000-00805F9B34FB.
struct Uuid {
    std::array<std::uint8_t, 16> bytes{};

    static Uuid from_short(std::uint32_t value);
    /// From the 16 bytes as sent (least significant first).
    static Uuid from_le128(const std::uint8_t* p);
    /// "0000180F-0000-1000-8000-00805F9B34FB": Kismet's uuid form (upper case).
    std::string str() const;
    /// The 16-bit value when this is a base UUID below 0x10000.
    std::optional<std::uint16_t> short16() const;
    bool operator==(const Uuid&) const = default;
};

struct ServiceData {
    Uuid uuid;
    Bytes data;
};

struct ManufacturerData {
    std::uint16_t company = 0;
    Bytes data; // after the company id
};

/// Everything an advertisement's AD structures said. Reused packet after
/// packet (clear() keeps the vectors' room), so parsing allocates nothing
/// once warm.
struct AdvertisingData {
    std::optional<std::uint8_t> flags;
    std::optional<std::int8_t> tx_power;
    std::optional<std::uint16_t> appearance;
    Bytes name;                 // the longest of complete and shortened
    bool name_complete = false;
    std::vector<Uuid> service_uuids;
    std::vector<Uuid> solicitation_uuids;
    std::vector<ServiceData> service_data;
    std::vector<ManufacturerData> manufacturer;
    std::size_t structures = 0;
    std::size_t longest = 0;    // the longest structure's length byte (Kismet's BleedingTooth check: > 31)
    bool malformed = false;     // a structure ran past the end, or a typed one had a wrong length

    void clear();
};

/// Parses `data` into `out` (cleared first). Stops at a length of 0 (the
/// padding that ends legacy advertising data).
void parse_advertising_data(Bytes data, AdvertisingData& out);

/// Flags bits (Core Supplement A 1.3).
namespace ad_flag {
inline constexpr std::uint8_t le_limited = 0x01, le_general = 0x02, br_edr_unsupported = 0x04,
                              simultaneous_controller = 0x08, simultaneous_host = 0x10;
}

} // namespace airsight::btle

#endif
