// The few messages of BlueZ's management API (the kernel's HCI_CHANNEL_CONTROL
// socket, doc/mgmt-api.txt) this datasource sends and reads, as plain bytes:
// no socket here, so every encoding and decoding is tested without a kernel.
// Every field is little-endian; a message is a 6-byte header (code,
// controller index, parameter length) and its parameters.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MGMT_PROTOCOL_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_MGMT_PROTOCOL_H

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace airsight::linuxbluetooth {

/// The index of "no controller" (commands about the whole stack).
constexpr std::uint16_t kNoController = 0xffff;

namespace mgmt_op {
constexpr std::uint16_t kReadIndexList = 0x0003;
constexpr std::uint16_t kReadInfo = 0x0004;
constexpr std::uint16_t kSetPowered = 0x0005;
constexpr std::uint16_t kSetLe = 0x000d;
constexpr std::uint16_t kStartDiscovery = 0x0023;
constexpr std::uint16_t kStopDiscovery = 0x0024;
} // namespace mgmt_op

namespace mgmt_event {
constexpr std::uint16_t kCommandComplete = 0x0001;
constexpr std::uint16_t kCommandStatus = 0x0002;
constexpr std::uint16_t kControllerError = 0x0003;
constexpr std::uint16_t kIndexRemoved = 0x0005;
constexpr std::uint16_t kNewSettings = 0x0006;
constexpr std::uint16_t kDiscovering = 0x0013;
} // namespace mgmt_event

/// Bits of a controller's supported and current settings.
namespace mgmt_setting {
constexpr std::uint32_t kPowered = 1u << 0;
constexpr std::uint32_t kBrEdr = 1u << 7;
constexpr std::uint32_t kLe = 1u << 9;
} // namespace mgmt_setting

/// Address types of Start/Stop Discovery: bit 0 BR/EDR, bits 1 and 2 LE
/// public and random.
namespace discovery_type {
constexpr std::uint8_t kBrEdr = 0x01;
constexpr std::uint8_t kLe = 0x06;
} // namespace discovery_type

namespace mgmt_status {
constexpr std::uint8_t kSuccess = 0x00;
constexpr std::uint8_t kBusy = 0x0a;
constexpr std::uint8_t kNotSupported = 0x0c;
constexpr std::uint8_t kNotPowered = 0x0f;
constexpr std::uint8_t kInvalidIndex = 0x11;
constexpr std::uint8_t kRfKilled = 0x12;
constexpr std::uint8_t kPermissionDenied = 0x14;
} // namespace mgmt_status

/// The API's name of a status code ("Busy", "RFKilled"), or "status 0xNN".
std::string mgmt_status_name(std::uint8_t status);

/// One command, ready to write to the socket.
std::vector<std::uint8_t> encode_mgmt_command(std::uint16_t opcode, std::uint16_t index,
                                              std::span<const std::uint8_t> parameters = {});

/// One event as read from the socket (one read() is one event).
struct MgmtEvent {
    std::uint16_t code = 0;
    std::uint16_t index = 0;
    std::span<const std::uint8_t> parameters; // into the bytes decoded
};

/// Nothing when the bytes are shorter than the header or than the length it
/// declares (bytes past that length are ignored).
std::optional<MgmtEvent> decode_mgmt_event(std::span<const std::uint8_t> bytes);

/// The answer to a command: Command Complete (with its return parameters) or
/// Command Status (none; an error unless status is Success).
struct MgmtReply {
    std::uint16_t opcode = 0;
    std::uint8_t status = 0;
    bool complete = false;
    std::span<const std::uint8_t> parameters;
};

/// The reply an event carries, if it is Command Complete or Command Status
/// with its fixed fields present.
std::optional<MgmtReply> decode_mgmt_reply(const MgmtEvent& event);

/// Read Controller Index List's return parameters; nothing when truncated.
std::optional<std::vector<std::uint16_t>> decode_index_list(std::span<const std::uint8_t> parameters);

/// Read Controller Information's return parameters.
struct ControllerInfo {
    std::array<std::uint8_t, 6> address{}; // as sent: least significant octet first
    std::uint8_t bluetooth_version = 0;    // the HCI version number (9 = Bluetooth 5.0)
    std::uint16_t manufacturer = 0;
    std::uint32_t supported_settings = 0;
    std::uint32_t current_settings = 0;
    std::string name;

    /// "00:AA:01:00:00:00", most significant octet first (as BlueZ prints it).
    std::string address_text() const;
    /// Discovery over what the controller does now: LE and BR/EDR, or the one
    /// it has; 0 when it has neither enabled.
    std::uint8_t discovery_types() const;
    /// "Bluetooth 5.0, LE and BR/EDR, address 00:AA:01:00:00:00, name 'x'".
    std::string description() const;
};

/// Nothing when the parameters are shorter than the fixed 280 bytes.
std::optional<ControllerInfo> decode_controller_info(std::span<const std::uint8_t> parameters);

/// The Bluetooth specification's name of an HCI version ("4.2", "5.3"), or
/// "version N".
std::string bluetooth_version_name(std::uint8_t hci_version);

/// A Discovering event's parameters: which address types, on or off.
struct DiscoveringState {
    std::uint8_t types = 0;
    bool discovering = false;
};
std::optional<DiscoveringState> decode_discovering(std::span<const std::uint8_t> parameters);

/// New Settings' (or a Set Powered reply's) current settings.
std::optional<std::uint32_t> decode_settings(std::span<const std::uint8_t> parameters);

} // namespace airsight::linuxbluetooth

#endif
