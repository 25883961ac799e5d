// Definitions, the messages of socket and command failures, and the type's
// registration, probe and create.
#include "../errors.h"
#include "../linuxbluetooth_type.h"
#include "../mgmt_protocol.h"
#include "../options.h"
#include "../rfkill.h"
#include "fakes.h" // tests/unit/plugins: the host the plugin tests use
#include "linked_plugin.h"

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>


using namespace airsight;
using namespace airsight::linuxbluetooth;

namespace {

std::string definition_error(const std::string& text)
{
    try {
        (void)parse_definition(SourceDefinition::parse(text));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("definitions: hciN names a controller by its index")
{
    CHECK(controller_index("hci0") == 0);
    CHECK(controller_index("hci12") == 12);
    CHECK(controller_index("hci65534") == 65534);
    for (const char* bad : {"hci", "hci01", "hci-1", "hci+1", "hci65535", "hci99999999999", "hci0x", "wlan0", "HCI0", ""})
        CHECK_MESSAGE(!controller_index(bad), bad);

    CHECK(parse_definition(SourceDefinition::parse("hci1")) == 1);
    CHECK(parse_definition(SourceDefinition::parse("hci0:name=foo,type=linuxbluetooth")) == 0);
    CHECK(definition_error("wlan0:type=linuxbluetooth") ==
          "'wlan0' is not a Bluetooth controller name; linuxbluetooth captures from controllers named hciN, such as "
          "hci0 (see /sys/class/bluetooth)");
    CHECK(definition_error("hci0:type=linuxwifi") == "source option type=linuxwifi is not linuxbluetooth");
    CHECK(definition_error("hci0:name=") == "source option name= is empty");
}

TEST_CASE("errors: socket failures say what to do")
{
    const std::string binary = "/usr/bin/airsight";
    CHECK(socket_failure_message(Channel::control, "socket", EAFNOSUPPORT, "hci0", binary) ==
          "cannot open the Bluetooth management socket (socket) for hci0: this kernel has no Bluetooth support; load "
          "it with: sudo modprobe bluetooth");
    CHECK(socket_failure_message(Channel::monitor, "bind", EPERM, "hci0", binary) ==
          "cannot use the Bluetooth monitor socket (bind) for hci0: this needs CAP_NET_RAW: run the server as root, "
          "or grant it once with: sudo setcap cap_net_admin,cap_net_raw+eip /usr/bin/airsight");
    CHECK(contains(socket_failure_message(Channel::control, "write Set Powered", EACCES, "hci0", binary),
                   "this needs CAP_NET_ADMIN"));
    CHECK(socket_failure_message(Channel::control, "write", ENODEV, "hci3", binary) ==
          "Bluetooth controller hci3 does not exist (unplugged, its driver not loaded, or another number: see "
          "/sys/class/bluetooth)");
    CHECK(socket_failure_message(Channel::control, "write", ERFKILL, "hci0", binary) ==
          "Bluetooth controller hci0 is blocked by rfkill; unblock it with: rfkill unblock bluetooth");
    CHECK(socket_failure_message(Channel::monitor, "read", ENOBUFS, "hci0", binary) ==
          "cannot use the Bluetooth monitor socket (read) for hci0: No buffer space available");
}

TEST_CASE("errors: only a kernel without Bluetooth means no controllers; other socket failures are errors")
{
    CHECK(BluetoothError("no family", EAFNOSUPPORT).no_bluetooth_in_kernel());
    CHECK_FALSE(BluetoothError("no permission", EPERM).no_bluetooth_in_kernel());
    CHECK_FALSE(BluetoothError("refused command").no_bluetooth_in_kernel());
    CHECK(BluetoothError("no permission", EPERM).error_number() == EPERM);
}

TEST_CASE("errors: refused commands say why and what to do")
{
    const std::string binary = "/usr/bin/airsight";
    CHECK(command_failure_message(mgmt_op::kReadInfo, mgmt_status::kInvalidIndex, "hci2", binary) ==
          missing_controller_message("hci2"));
    CHECK(command_failure_message(mgmt_op::kSetPowered, mgmt_status::kRfKilled, "hci0", binary) ==
          "Bluetooth controller hci0 is blocked by rfkill; unblock it with: rfkill unblock bluetooth");
    CHECK(command_failure_message(mgmt_op::kSetPowered, mgmt_status::kPermissionDenied, "hci0", binary) ==
          "Set Powered on hci0 failed (Permission Denied): this needs CAP_NET_ADMIN: run the server as root, or grant "
          "it once with: sudo setcap cap_net_admin,cap_net_raw+eip /usr/bin/airsight");
    CHECK(command_failure_message(mgmt_op::kStartDiscovery, mgmt_status::kNotPowered, "hci0", binary) ==
          "Start Discovery on hci0 failed (Not Powered): the controller is powered off (rfkill, or another program "
          "such as bluetoothctl turned it off)");
    CHECK(contains(command_failure_message(mgmt_op::kStartDiscovery, mgmt_status::kBusy, "hci0", binary),
                   "another program (bluetoothd, bluetoothctl, btmgmt) is using the controller"));
    CHECK(contains(command_failure_message(mgmt_op::kStartDiscovery, mgmt_status::kNotSupported, "hci0", binary),
                   "cannot do this"));
    CHECK(command_failure_message(mgmt_op::kStopDiscovery, 0x03, "hci0", binary) == "Stop Discovery on hci0 failed (Failed)");
    CHECK(command_failure_message(0x0099, 0x30, "hci0", binary) == "command 0x0099 on hci0 failed (status 0x30)");
    CHECK(mgmt_command_name(mgmt_op::kSetLe) == "Set Low Energy");
}

TEST_CASE("rfkill: a controller's switch in sysfs, soft and hard")
{
    namespace fs = std::filesystem;
    char tmpl[] = "/tmp/linuxbluetooth-test-XXXXXX";
    const fs::path root = ::mkdtemp(tmpl);
    const auto write = [&](const fs::path& rel, const std::string& text) {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
    };
    write("hci0/rfkill3/soft", "0\n");
    write("hci0/rfkill3/hard", "0\n");
    write("hci1/rfkill4/soft", "1\n");
    write("hci1/rfkill4/hard", "0\n");
    write("hci2/rfkill5/soft", "1\n");
    write("hci2/rfkill5/hard", "1\n");
    write("hci3/name", "no switch\n");
    CHECK(rfkill_state("hci0", root.string()) == RfkillState::unblocked);
    CHECK(rfkill_state("hci1", root.string()) == RfkillState::soft_blocked);
    CHECK(rfkill_state("hci2", root.string()) == RfkillState::hard_blocked);
    CHECK(rfkill_state("hci3", root.string()) == RfkillState::unblocked);
    CHECK(rfkill_state("hci9", root.string()) == RfkillState::unblocked);
    fs::remove_all(root);

    CHECK(rfkill_message("hci1", RfkillState::soft_blocked) ==
          "Bluetooth controller hci1 is blocked by rfkill; unblock it with: rfkill unblock bluetooth");
    CHECK(rfkill_message("hci2", RfkillState::hard_blocked) ==
          "Bluetooth controller hci2 is blocked by a hardware switch (rfkill hard block); turn the radio switch or key "
          "on");
    CHECK(rfkill_message("hci0", RfkillState::unblocked).empty());
}

TEST_CASE("linuxbluetooth type: registration, capabilities, probe and create")
{
    CHECK(airsight_plugin_info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(std::string(airsight_plugin_info.name) == "linuxbluetooth");
    test::HostLog log;
    test::FakeFields fields;
    test::FakeConfig config;
    test::FakeHost host{"linuxbluetooth", log, fields, config};
    const std::unique_ptr<Plugin> plugin = test::create_linked_plugin(host);
    REQUIRE(host.datasource_types.size() == 1);
    const DatasourceType& type = *host.datasource_types[0];
    CHECK(type.name() == "linuxbluetooth");
    const DatasourceCapabilities c = type.capabilities();
    CHECK(c.list_interfaces);
    CHECK(c.probe);
    CHECK(c.local);
    CHECK_FALSE(c.tune);
    CHECK_FALSE(c.hop);
    CHECK_FALSE(c.remote);
    CHECK_FALSE(c.passive);

    CHECK(type.probe(SourceDefinition::parse("hci0")));
    CHECK(type.probe(SourceDefinition::parse("hci7:name=far"))); // present or not: open() tells
    CHECK(type.probe(SourceDefinition::parse("anything:type=linuxbluetooth")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("hci0:type=linuxwifi")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("wlan0")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("/tmp/x.pcap")));

    CHECK_THROWS_AS((void)type.create(SourceDefinition::parse("wlan0:type=linuxbluetooth")), std::invalid_argument);

    // A controller this machine lacks makes a source; opening it says why it cannot capture.
    auto source = type.create(SourceDefinition::parse("hci4321:type=linuxbluetooth"));
    REQUIRE(source);
    CHECK(source->status().capture_interface == "hci4321");
    CHECK(source->status().dlt == 254);
    struct NullSink : PacketSink {
        void deliver(const CapturedFrame&) override {}
        void failed(std::string_view) override {}
        void finished() override {}
    } sink;
    try {
        source->open(sink);
        FAIL("opening a missing controller succeeded");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        // Without Bluetooth in this kernel, or without privileges, the reason differs; each names it.
        const bool named = contains(what, "Bluetooth controller hci4321 does not exist") ||
                           contains(what, "no Bluetooth support") || contains(what, "CAP_NET_");
        CHECK_MESSAGE(named, what);
    }
    source->close();
    source->close(); // idempotent
    // Without Bluetooth in the kernel the list is empty rather than an error;
    // with it, every entry names a controller (the VM test checks the contents).
    for (const InterfaceInfo& i : type.list_interfaces()) {
        CHECK_MESSAGE(controller_index(i.interface).has_value(), i.interface);
        CHECK_FALSE(i.hardware.empty());
    }
}
