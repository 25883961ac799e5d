// The management API's commands and events, and monitor messages turned into
// link-type 254 frames, byte for byte (doc/mgmt-api.txt; libpcap's
// pcap/bluetooth.h for the pseudo-header's byte order).
#include "../mgmt_protocol.h"
#include "../monitor_frame.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using namespace airsight::linuxbluetooth;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes span_bytes(std::span<const std::uint8_t> s) { return Bytes(s.begin(), s.end()); }

// Read Controller Information's 280 bytes of return parameters.
Bytes controller_info_bytes(std::uint32_t supported, std::uint32_t current, const std::string& name)
{
    Bytes p(280, 0);
    const std::uint8_t address[] = {0x00, 0x00, 0x00, 0x01, 0xaa, 0x00}; // 00:AA:01:00:00:00
    std::copy(std::begin(address), std::end(address), p.begin());
    p[6] = 9;                          // HCI version 9: Bluetooth 5.0
    p[7] = 0xf1, p[8] = 0x05;          // manufacturer 1521
    for (int i = 0; i < 4; ++i) p[9 + i] = static_cast<std::uint8_t>(supported >> (8 * i));
    for (int i = 0; i < 4; ++i) p[13 + i] = static_cast<std::uint8_t>(current >> (8 * i));
    std::copy(name.begin(), name.end(), p.begin() + 20);
    return p;
}

} // namespace

TEST_CASE("mgmt commands: header little-endian, then the parameters")
{
    const std::uint8_t types[] = {discovery_type::kLe | discovery_type::kBrEdr};
    CHECK(encode_mgmt_command(mgmt_op::kStartDiscovery, 1, types) == Bytes{0x23, 0x00, 0x01, 0x00, 0x01, 0x00, 0x07});
    CHECK(encode_mgmt_command(mgmt_op::kReadIndexList, kNoController) == Bytes{0x03, 0x00, 0xff, 0xff, 0x00, 0x00});
    const std::uint8_t on[] = {1};
    CHECK(encode_mgmt_command(mgmt_op::kSetPowered, 0x0102, on) == Bytes{0x05, 0x00, 0x02, 0x01, 0x01, 0x00, 0x01});
}

TEST_CASE("mgmt events: header, replies and their failures")
{
    // Command Complete of Start Discovery on hci0: opcode, status Success, the type back.
    const Bytes complete{0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x23, 0x00, 0x00, 0x06, 0xee /* past the length */};
    const auto event = decode_mgmt_event(complete);
    REQUIRE(event);
    CHECK(event->code == mgmt_event::kCommandComplete);
    CHECK(event->index == 0);
    CHECK(span_bytes(event->parameters) == Bytes{0x23, 0x00, 0x00, 0x06});
    const auto reply = decode_mgmt_reply(*event);
    REQUIRE(reply);
    CHECK(reply->complete);
    CHECK(reply->opcode == mgmt_op::kStartDiscovery);
    CHECK(reply->status == mgmt_status::kSuccess);
    CHECK(span_bytes(reply->parameters) == Bytes{0x06});

    // Command Status: RFKilled on hci1's Set Powered.
    const Bytes status{0x02, 0x00, 0x01, 0x00, 0x03, 0x00, 0x05, 0x00, 0x12};
    const auto status_event = decode_mgmt_event(status);
    REQUIRE(status_event);
    const auto failed = decode_mgmt_reply(*status_event);
    REQUIRE(failed);
    CHECK_FALSE(failed->complete);
    CHECK(failed->opcode == mgmt_op::kSetPowered);
    CHECK(failed->status == mgmt_status::kRfKilled);
    CHECK(failed->parameters.empty());

    // Short messages are no events; a reply needs opcode and status.
    CHECK_FALSE(decode_mgmt_event(Bytes{0x01, 0x00, 0x00}));
    CHECK_FALSE(decode_mgmt_event(Bytes{0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x23, 0x00, 0x00}));
    CHECK_FALSE(decode_mgmt_reply(*decode_mgmt_event(Bytes{0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x23, 0x00})));
    // Other events are no replies.
    const Bytes discovering_off{0x13, 0x00, 0x00, 0x00, 0x02, 0x00, 0x06, 0x00};
    const auto discovering = decode_mgmt_event(discovering_off);
    REQUIRE(discovering);
    CHECK_FALSE(decode_mgmt_reply(*discovering));
    const auto state = decode_discovering(discovering->parameters);
    REQUIRE(state);
    CHECK(state->types == discovery_type::kLe);
    CHECK_FALSE(state->discovering);
    CHECK_FALSE(decode_discovering(Bytes{0x06}));
}

TEST_CASE("mgmt return parameters: index list, settings, controller information")
{
    CHECK(decode_index_list(Bytes{0x02, 0x00, 0x00, 0x00, 0x01, 0x00}) == std::vector<std::uint16_t>{0, 1});
    CHECK(decode_index_list(Bytes{0x00, 0x00}) == std::vector<std::uint16_t>{});
    CHECK_FALSE(decode_index_list(Bytes{0x02, 0x00, 0x00, 0x00}));
    CHECK_FALSE(decode_index_list(Bytes{0x01}));

    CHECK(decode_settings(Bytes{0x01, 0x02, 0x00, 0x00}) == (mgmt_setting::kPowered | mgmt_setting::kLe));
    CHECK_FALSE(decode_settings(Bytes{0x01, 0x02, 0x00}));

    const std::uint32_t le_only = mgmt_setting::kPowered | mgmt_setting::kLe;
    const auto info = decode_controller_info(controller_info_bytes(le_only | (1u << 10), mgmt_setting::kLe, "scanner"));
    REQUIRE(info);
    CHECK(info->address_text() == "00:AA:01:00:00:00");
    CHECK(info->bluetooth_version == 9);
    CHECK(info->manufacturer == 1521);
    CHECK(info->supported_settings == (le_only | (1u << 10)));
    CHECK(info->current_settings == mgmt_setting::kLe);
    CHECK(info->name == "scanner");
    CHECK(info->discovery_types() == discovery_type::kLe); // LE only: no BR/EDR bit
    CHECK(info->description() == "Bluetooth 5.0, LE only, address 00:AA:01:00:00:00, name 'scanner'");

    // Dual mode discovers both; a controller with both switched off neither.
    auto dual = *decode_controller_info(controller_info_bytes(mgmt_setting::kLe | mgmt_setting::kBrEdr,
                                                              mgmt_setting::kLe | mgmt_setting::kBrEdr, ""));
    CHECK(dual.discovery_types() == (discovery_type::kLe | discovery_type::kBrEdr));
    CHECK(dual.description() == "Bluetooth 5.0, LE and BR/EDR, address 00:AA:01:00:00:00");
    dual.current_settings = mgmt_setting::kBrEdr;
    CHECK(dual.discovery_types() == discovery_type::kBrEdr);
    dual.current_settings = mgmt_setting::kPowered;
    CHECK(dual.discovery_types() == 0);

    // A name that fills its 249 bytes has no NUL; control bytes are shown escaped.
    const auto full = decode_controller_info(controller_info_bytes(0, 0, std::string(249, 'n')));
    REQUIRE(full);
    CHECK(full->name == std::string(249, 'n'));
    CHECK(decode_controller_info(controller_info_bytes(0, 0, "a\x01z"))->name == "a\\x01z");
    CHECK_FALSE(decode_controller_info(Bytes(279, 0)));
}

TEST_CASE("mgmt names: statuses and versions")
{
    CHECK(mgmt_status_name(mgmt_status::kSuccess) == "Success");
    CHECK(mgmt_status_name(mgmt_status::kBusy) == "Busy");
    CHECK(mgmt_status_name(mgmt_status::kRfKilled) == "RFKilled");
    CHECK(mgmt_status_name(mgmt_status::kPermissionDenied) == "Permission Denied");
    CHECK(mgmt_status_name(0x15) == "status 0x15");
    CHECK(bluetooth_version_name(6) == "4.0");
    CHECK(bluetooth_version_name(12) == "5.3");
    CHECK(bluetooth_version_name(200) == "version 200");
}

TEST_CASE("monitor messages: header, index filter, DLT 254 frame")
{
    // An LE Meta event (0x3e) of hci1 as the monitor channel brings it.
    Bytes message{0x03, 0x00, 0x01, 0x00, 0x04, 0x00, 0x3e, 0x02, 0x02, 0x01};
    const auto decoded = decode_monitor_message(message);
    REQUIRE(decoded);
    CHECK(decoded->opcode == monitor_op::kEvent);
    CHECK(decoded->index == 1);
    CHECK(span_bytes(decoded->payload) == Bytes{0x3e, 0x02, 0x02, 0x01});
    CHECK(carries_captured_event(*decoded, 1));
    CHECK_FALSE(carries_captured_event(*decoded, 0)); // another controller's
    CHECK_FALSE(carries_captured_event(MonitorMessage{.opcode = monitor_op::kCommand, .index = 1, .payload = {}}, 1));

    // libpcap's pseudo-header: adapter id, then opcode, big-endian; the payload unchanged.
    const auto frame = rewrite_as_linux_monitor_frame(message);
    CHECK(span_bytes(frame) == Bytes{0x00, 0x01, 0x00, 0x03, 0x3e, 0x02, 0x02, 0x01});
    CHECK(frame.data() == message.data() + 2); // in place: no copy

    Bytes big_index{0x02, 0x00, 0x34, 0x12, 0x00, 0x00};
    CHECK(span_bytes(rewrite_as_linux_monitor_frame(big_index)) == Bytes{0x12, 0x34, 0x00, 0x02});

    Bytes truncated{0x03, 0x00, 0x00, 0x00, 0x05, 0x00, 0x3e};
    CHECK_FALSE(decode_monitor_message(truncated));
    CHECK(rewrite_as_linux_monitor_frame(truncated).empty());
    CHECK_FALSE(decode_monitor_message(Bytes{0x03, 0x00, 0x00}));
}
