// What well-known manufacturer and service data say: Apple's Continuity
// messages (and iBeacon, one of them), Google's Eddystone frames (service
// data 0xFEAA) and Microsoft's Connected Devices Platform beacons. Each
// reader takes the bytes after the company id or UUID and returns nothing
// when they are not that format; a truncated message is `malformed`.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_AD_VENDOR_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_AD_VENDOR_H

#include "dissect/ad.h"

#include <cstdint>
#include <optional>
#include <string>

namespace airsight::btle {

namespace company {
inline constexpr std::uint16_t microsoft = 0x0006, apple = 0x004C, google = 0x00E0;
}
inline constexpr std::uint16_t kEddystoneUuid = 0xFEAA;

/// Apple Continuity: a list of (type, length, data) messages.
struct AppleContinuity {
    std::uint32_t types = 0; // bit t: a message of type t (< 32) was present
    bool malformed = false;  // the last message ran past the end
};
std::optional<AppleContinuity> read_apple_continuity(Bytes after_company);

/// iBeacon: Apple Continuity type 0x02, length 0x15.
struct IBeacon {
    Uuid proximity_uuid;
    std::uint16_t major = 0, minor = 0;
    std::int8_t measured_power = 0; // dBm at 1 m
};
std::optional<IBeacon> read_ibeacon(Bytes after_company);

/// Eddystone (service data of 0xFEAA).
struct Eddystone {
    std::uint8_t frame_type = 0; // 0x00 UID, 0x10 URL, 0x20 TLM, 0x30 EID
    std::optional<std::int8_t> tx_power; // UID, URL, EID: at 0 m
    std::string uid;  // UID: namespace and instance, hex
    std::string url;  // URL: decoded
    bool malformed = false;
};
std::optional<Eddystone> read_eddystone(Bytes service_data);

/// Microsoft's beacon (company 0x0006): scenario 1 is a CDP device
/// announcing itself; its second byte's low 5 bits say the device type.
struct MicrosoftBeacon {
    std::uint8_t scenario = 0;
    std::uint8_t device_type = 0; // CDP only
};
std::optional<MicrosoftBeacon> read_microsoft(Bytes after_company);

} // namespace airsight::btle

#endif
