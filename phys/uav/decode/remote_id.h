// ASTM F3411 / ASD-STAN prEN 4709-002 Remote ID messages: a pure decoder over
// bytes, whatever carried them (a Wi-Fi beacon's vendor IE, a Wi-Fi NAN
// service frame, later Bluetooth service data 0xFFFA).
//
// Every message is 25 bytes: a header (type in the high nibble, protocol
// version in the low) and 24 bytes of body. A message pack (type 0xF) holds
// up to 9 of them. Values a message marks "unknown" (Kismet's and
// opendroneid's invalid codes: latitude and longitude 0, altitude -1000 m,
// speed 255 m/s, ...) are left empty; values no encoder can produce (a
// latitude past 90 degrees, a direction code past 360) are left empty and
// counted as impossible.
#ifndef AIRSIGHT_PHYS_UAV_DECODE_REMOTE_ID_H
#define AIRSIGHT_PHYS_UAV_DECODE_REMOTE_ID_H

#include "decode/bytes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace airsight::uav {

inline constexpr std::size_t kRidMessageSize = 25;
inline constexpr std::size_t kRidMaxPackMessages = 9;

namespace rid_type {
inline constexpr std::uint8_t basic_id = 0x0, location = 0x1, auth = 0x2, self_id = 0x3, system = 0x4,
                              operator_id = 0x5, message_pack = 0xf;
}

struct RidBasicId {
    std::uint8_t id_type = 0; // 1 serial number (ANSI/CTA-2063-A), 2 CAA registration, 3 UTM UUID, 4 specific session
    std::uint8_t ua_type = 0; // 0 none, 1 aeroplane, 2 helicopter or multirotor, ...
    std::string uas_id;
};

struct RidLocation {
    std::uint8_t status = 0;          // 0 undeclared, 1 ground, 2 airborne, 3 emergency, 4 remote ID failure
    bool height_above_ground = false; // else above the take-off point
    std::optional<double> direction;  // degrees from true north, 0..359
    std::optional<double> speed_horizontal; // m/s
    std::optional<double> speed_vertical;   // m/s, up is positive
    std::optional<double> lat, lon;         // degrees
    std::optional<double> altitude_baro, altitude_geo, height; // meters
    std::uint8_t horizontal_accuracy = 0, vertical_accuracy = 0, baro_accuracy = 0, speed_accuracy = 0;
    std::optional<double> timestamp;  // seconds after the full hour (UTC)
};

struct RidAuthPage {
    std::uint8_t auth_type = 0;
    std::uint8_t page = 0;
    std::uint8_t last_page_index = 0; // page 0 only
    std::uint8_t length = 0;          // page 0 only: bytes of authentication data in all pages
    std::uint32_t timestamp = 0;      // page 0 only: seconds since 2019-01-01 00:00 UTC
    std::vector<std::uint8_t> data;   // 17 bytes on page 0, 23 on the others
};

struct RidSelfId {
    std::uint8_t description_type = 0;
    std::string description;
};

struct RidSystem {
    std::uint8_t operator_location_type = 0; // 0 take-off, 1 live GNSS, 2 fixed
    std::uint8_t classification_type = 0;    // 0 undeclared, 1 EU
    std::optional<double> operator_lat, operator_lon;
    std::uint16_t area_count = 0;
    std::uint32_t area_radius = 0; // meters
    std::optional<double> area_ceiling, area_floor, operator_altitude_geo;
    std::uint8_t category_eu = 0, class_eu = 0;
    std::uint32_t timestamp = 0; // seconds since 2019-01-01 00:00 UTC
};

struct RidOperatorId {
    std::uint8_t id_type = 0;
    std::string operator_id;
};

/// What went wrong while decoding, counted rather than thrown.
struct RidProblems {
    unsigned truncated = 0;    // fewer bytes than a message or the pack's count needs
    unsigned impossible = 0;   // values no encoder produces (left empty), a bad pack header
    unsigned unknown_type = 0; // message types 6..14 (skipped)
    bool any() const { return truncated || impossible || unknown_type; }
};

/// Everything one payload said (later messages of a type replace earlier ones,
/// but Basic IDs and authentication pages accumulate).
struct RidReport {
    std::uint8_t protocol_version = 0; // of the last message decoded
    unsigned messages = 0;             // messages decoded
    std::vector<RidBasicId> basic_ids;
    std::optional<RidLocation> location;
    std::vector<RidAuthPage> auth_pages;
    std::optional<RidSelfId> self_id;
    std::optional<RidSystem> system;
    std::optional<RidOperatorId> operator_id;
    RidProblems problems;

    /// The serial number: the first Basic ID of type 1, else the first Basic ID's.
    const RidBasicId* serial_basic_id() const;
};

/// Decodes one message or a message pack starting at `bytes[0]`; bytes past
/// it are ignored.
RidReport decode_remote_id(Bytes bytes);

/// Decodes one 25-byte message (or a pack) into `report`.
void decode_rid_message(Bytes message, RidReport& report);

/// A message counter, then one message or a pack, as every carrier sends
/// them: the payload of Wi-Fi vendor IE FA:0B:BC type 0x0D, a NAN service's
/// service info, and BLE service data 0xFFFA after its application code.
RidReport decode_remote_id_counted(Bytes counter_and_pack);

} // namespace airsight::uav

#endif
