#include "mgmt_protocol.h"

#include <airsight/byte_order.h>
#include <airsight/printable.h>

#include <cstdio>

namespace airsight::linuxbluetooth {

namespace {

constexpr std::size_t kHeaderSize = 6;
// Read Controller Information: address 6, version 1, manufacturer 2,
// supported 4, current 4, class of device 3, name 249, short name 11.
constexpr std::size_t kControllerInfoSize = 280;
constexpr std::size_t kNameOffset = 20;
constexpr std::size_t kNameSize = 249;

void put_le16(std::vector<std::uint8_t>& out, std::uint16_t v)
{
    out.push_back(static_cast<std::uint8_t>(v & 0xff));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
}

std::string hex_byte(std::uint8_t v)
{
    char text[5];
    std::snprintf(text, sizeof text, "0x%02x", v);
    return text;
}

} // namespace

std::string mgmt_status_name(std::uint8_t status)
{
    static constexpr const char* kNames[] = {
        "Success",           "Unknown Command",    "Not Connected",  "Failed",         "Connect Failed",
        "Authentication Failed", "Not Paired",     "No Resources",   "Timeout",        "Already Connected",
        "Busy",              "Rejected",           "Not Supported",  "Invalid Parameters", "Disconnected",
        "Not Powered",       "Cancelled",          "Invalid Index",  "RFKilled",       "Already Paired",
        "Permission Denied",
    };
    if (status < std::size(kNames)) return kNames[status];
    return "status " + hex_byte(status);
}

std::vector<std::uint8_t> encode_mgmt_command(std::uint16_t opcode, std::uint16_t index,
                                              std::span<const std::uint8_t> parameters)
{
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderSize + parameters.size());
    put_le16(out, opcode);
    put_le16(out, index);
    put_le16(out, static_cast<std::uint16_t>(parameters.size()));
    out.insert(out.end(), parameters.begin(), parameters.end());
    return out;
}

std::optional<MgmtEvent> decode_mgmt_event(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < kHeaderSize) return std::nullopt;
    MgmtEvent e;
    e.code = load_le16(bytes.data());
    e.index = load_le16(bytes.data() + 2);
    const std::size_t length = load_le16(bytes.data() + 4);
    if (bytes.size() - kHeaderSize < length) return std::nullopt;
    e.parameters = bytes.subspan(kHeaderSize, length);
    return e;
}

std::optional<MgmtReply> decode_mgmt_reply(const MgmtEvent& event)
{
    if (event.code != mgmt_event::kCommandComplete && event.code != mgmt_event::kCommandStatus) return std::nullopt;
    if (event.parameters.size() < 3) return std::nullopt;
    MgmtReply r;
    r.opcode = load_le16(event.parameters.data());
    r.status = event.parameters[2];
    r.complete = event.code == mgmt_event::kCommandComplete;
    r.parameters = event.parameters.subspan(3);
    return r;
}

std::optional<std::vector<std::uint16_t>> decode_index_list(std::span<const std::uint8_t> parameters)
{
    if (parameters.size() < 2) return std::nullopt;
    const std::size_t count = load_le16(parameters.data());
    if (parameters.size() - 2 < count * 2) return std::nullopt;
    std::vector<std::uint16_t> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(load_le16(parameters.data() + 2 + 2 * i));
    return out;
}

std::optional<ControllerInfo> decode_controller_info(std::span<const std::uint8_t> p)
{
    if (p.size() < kControllerInfoSize) return std::nullopt;
    ControllerInfo info;
    for (std::size_t i = 0; i < 6; ++i) info.address[i] = p[i];
    info.bluetooth_version = p[6];
    info.manufacturer = load_le16(p.data() + 7);
    info.supported_settings = load_le32(p.data() + 9);
    info.current_settings = load_le32(p.data() + 13);
    // The name is NUL-terminated within its 249 bytes (or fills them).
    const auto name = p.subspan(kNameOffset, kNameSize);
    std::size_t length = 0;
    while (length < name.size() && name[length] != 0) ++length;
    info.name = printable_text(name.first(length)); // a name is the user's text: shown, never trusted
    return info;
}

std::string ControllerInfo::address_text() const
{
    std::string out;
    for (int i = 5; i >= 0; --i) {
        char part[4];
        std::snprintf(part, sizeof part, i > 0 ? "%02X:" : "%02X", address[static_cast<std::size_t>(i)]);
        out += part;
    }
    return out;
}

std::uint8_t ControllerInfo::discovery_types() const
{
    std::uint8_t types = 0;
    if ((current_settings & mgmt_setting::kBrEdr) != 0) types |= discovery_type::kBrEdr;
    if ((current_settings & mgmt_setting::kLe) != 0) types |= discovery_type::kLe;
    return types;
}

std::string bluetooth_version_name(std::uint8_t v)
{
    static constexpr const char* kNames[] = {"1.0b", "1.1", "1.2", "2.0", "2.1", "3.0", "4.0", "4.1",
                                             "4.2",  "5.0", "5.1", "5.2", "5.3", "5.4", "6.0"};
    if (v < std::size(kNames)) return kNames[v];
    return "version " + std::to_string(v);
}

std::string ControllerInfo::description() const
{
    const bool le = (supported_settings & mgmt_setting::kLe) != 0;
    const bool bredr = (supported_settings & mgmt_setting::kBrEdr) != 0;
    std::string out = "Bluetooth " + bluetooth_version_name(bluetooth_version) + ", ";
    out += le && bredr ? "LE and BR/EDR" : le ? "LE only" : bredr ? "BR/EDR only" : "neither LE nor BR/EDR";
    out += ", address " + address_text();
    if (!name.empty()) out += ", name '" + name + "'";
    return out;
}

std::optional<DiscoveringState> decode_discovering(std::span<const std::uint8_t> parameters)
{
    if (parameters.size() < 2) return std::nullopt;
    return DiscoveringState{.types = parameters[0], .discovering = parameters[1] != 0};
}

std::optional<std::uint32_t> decode_settings(std::span<const std::uint8_t> parameters)
{
    if (parameters.size() < 4) return std::nullopt;
    return load_le32(parameters.data());
}

} // namespace airsight::linuxbluetooth
