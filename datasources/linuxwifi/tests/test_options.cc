// Definition options, Kismet's monitor interface naming, the capability
// message and the interface-manager warning (from a constructed /proc), and
// the type's registration and capabilities.
#include "../host_checks.h"
#include "../linuxwifi_type.h"
#include "../netdev.h"
#include "../options.h"
#include "fakes.h" // tests/unit/plugins: the host the plugin tests use
#include "linked_plugin.h"

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>


using namespace airsight;
using namespace airsight::linuxwifi;
namespace fs = std::filesystem;

namespace {

LinuxWifiOptions parse(const std::string& text) { return parse_options(SourceDefinition::parse(text)); }

std::string error_of(const std::string& text)
{
    try {
        (void)parse(text);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

struct TempDir {
    fs::path path;
    TempDir()
    {
        char tmpl[] = "/tmp/linuxwifi-test-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const fs::path& rel, const std::string& text)
    {
        fs::create_directories((path / rel).parent_path());
        std::ofstream(path / rel, std::ios::binary) << text;
    }
};

std::set<std::string> g_taken;
bool taken(const std::string& name) { return g_taken.count(name) != 0; }

} // namespace

TEST_CASE("options: defaults")
{
    const LinuxWifiOptions o = parse("wlan0");
    CHECK_FALSE(o.channel);
    CHECK(o.channels.empty());
    CHECK(o.choice.ht);
    CHECK(o.choice.vht);
    CHECK_FALSE(o.choice.band_2_4);
    CHECK(o.vif.empty());
    CHECK_FALSE(o.ignore_primary);
}

TEST_CASE("options: Kismet's channel, width, band and interface options")
{
    const LinuxWifiOptions o = parse("wlan0:channel=6HT40+,channels=1/6/11/36VHT80/6,"
                                     "ht_channels=false,vht_channels=no,band5ghz=true,vif=mon7,ignoreprimary=true");
    CHECK(o.channel == "6HT40+");
    CHECK(o.channels == std::vector<std::string>{"1", "6", "11", "36VHT80"});
    CHECK_FALSE(o.choice.ht);
    CHECK_FALSE(o.choice.vht);
    CHECK(o.choice.band_5);
    CHECK_FALSE(o.choice.band_2_4);
    CHECK(o.vif == "mon7");
    CHECK(o.ignore_primary);
    // Kismet's own form: a quoted, comma-separated list.
    CHECK(parse("wlan0:channels=\"1,6,36HT40+\",channel_hop=true").channels ==
          std::vector<std::string>{"1", "6", "36HT40+"});
}

TEST_CASE("options: bad values are refused naming the option")
{
    CHECK(error_of("wlan0:channel=15").find("source option channel=15 is not usable: '15' is not an 802.11 channel") == 0);
    CHECK(error_of("wlan0:channel=").find("channel= is empty") != std::string::npos);
    CHECK(error_of("wlan0:channels=1/x/6").find("source option channels=1/x/6 is not usable: 'x'") == 0);
    CHECK(error_of("wlan0:channels=1//6").find("empty entry") != std::string::npos);
    CHECK(error_of("wlan0:channels=\"1,,6\"").find("empty entry") != std::string::npos);
    CHECK(error_of("wlan0:channels=6VHT80").find("only in the 5 GHz band") != std::string::npos);
    CHECK(error_of("wlan0:ignoreprimary=maybe").find("ignoreprimary=maybe is not true or false") != std::string::npos);
    CHECK(error_of("wlan0:ht_channels=2").find("is not true or false") != std::string::npos);
    CHECK(error_of("wlan0:vif=a/b").find("vif=a/b is not an interface name") != std::string::npos);
    CHECK(error_of("wlan0:vif=averyveryverylongname").find("not an interface name") != std::string::npos);
    CHECK(error_of("wlan0:type=pcapfile").find("type=pcapfile is not linuxwifi") != std::string::npos);
    CHECK(error_of("wlan0:name=").find("name= is empty") != std::string::npos);
}

TEST_CASE("options: Kismet's monitor interface names")
{
    g_taken.clear();
    CHECK(monitor_name("wlan0", taken) == "wlan0mon");
    CHECK(monitor_name("wlx001122334455", taken) == "kismon0"); // 15 + 3 does not fit in 15
    CHECK(monitor_name("abcdefghijkl", taken) == "abcdefghijklmon");
    CHECK(monitor_name("abcdefghijklm", taken) == "kismon0");
    g_taken = {"kismon0", "kismon1"};
    CHECK(monitor_name("wlx001122334455", taken) == "kismon2");
    for (int i = 0; i < 100; ++i) g_taken.insert("kismon" + std::to_string(i));
    CHECK_THROWS_AS(monitor_name("wlx001122334455", taken), std::runtime_error);
}

TEST_CASE("host checks: the capability message names what is missing and the setcap command")
{
    const std::string m = capabilities_message("wlan0", "CAP_NET_RAW", "/usr/bin/airsight");
    CHECK(m.find("capturing from wlan0 needs the capabilities CAP_NET_ADMIN and CAP_NET_RAW") == 0);
    CHECK(m.find("lacks CAP_NET_RAW") != std::string::npos);
    CHECK(m.find("setcap cap_net_admin,cap_net_raw+eip /usr/bin/airsight") != std::string::npos);
    // This process, against the kernel's own account (/proc/self/status CapEff).
    std::ifstream status("/proc/self/status");
    std::string line;
    unsigned long long effective = 0;
    while (std::getline(status, line))
        if (line.starts_with("CapEff:")) effective = std::stoull(line.substr(7), nullptr, 16);
    const bool admin = (effective >> 12) & 1, raw = (effective >> 13) & 1; // CAP_NET_ADMIN, CAP_NET_RAW
    const std::string self = missing_capabilities_message("wlan0");
    CHECK(self.empty() == (admin && raw));
    CHECK((self.find("lacks CAP_NET_ADMIN") != std::string::npos) == !admin);
    CHECK((self.find("CAP_NET_RAW.") != std::string::npos) == !raw);
}

TEST_CASE("host checks: NetworkManager and wpa_supplicant that may manage the interface are named")
{
    TempDir t;
    const std::string proc = (t.path / "proc").string(), run = (t.path / "run").string();
    t.write("proc/self/comm", "bash\n");
    t.write("proc/100/comm", "bash\n");
    CHECK(interface_manager_warning("wlan0", 3, proc, run).empty());

    t.write("proc/200/comm", "NetworkManager\n");
    std::string w = interface_manager_warning("wlan0", 3, proc, run);
    CHECK(w.find("NetworkManager (pid 200) may manage wlan0") != std::string::npos);
    CHECK(w.find("nmcli device set wlan0 managed no") != std::string::npos);
    t.write("run/devices/3", "[device]\nmanaged=false\n");
    CHECK(interface_manager_warning("wlan0", 3, proc, run).empty());

    t.write("proc/300/comm", "wpa_supplicant\n");
    t.write("proc/300/cmdline", std::string("wpa_supplicant\0-B\0-iwlan1\0-c\0/etc/w.conf\0", 42));
    CHECK(interface_manager_warning("wlan0", 3, proc, run).empty()); // runs for wlan1 only
    t.write("proc/301/comm", "wpa_supplicant\n");
    t.write("proc/301/cmdline", std::string("wpa_supplicant\0-i\0wlan0\0", 24));
    w = interface_manager_warning("wlan0", 3, proc, run);
    CHECK(w.find("wpa_supplicant (pid 301) may control wlan0") != std::string::npos);
    CHECK(w.find("pid 300") == std::string::npos);
    t.write("proc/302/comm", "wpa_supplicant\n");
    t.write("proc/302/cmdline", std::string("wpa_supplicant\0-u\0", 18)); // D-Bus: any interface
    CHECK(interface_manager_warning("wlan0", 3, proc, run).find("pid 302") != std::string::npos);
}

TEST_CASE("netdev: the driver comes from sysfs")
{
    TempDir t;
    fs::create_directories(t.path / "drivers" / "mac80211_hwsim");
    fs::create_directories(t.path / "net" / "wlan0" / "device");
    fs::create_symlink(t.path / "drivers" / "mac80211_hwsim", t.path / "net" / "wlan0" / "device" / "driver");
    CHECK(driver_of("wlan0", (t.path / "net").string()) == "mac80211_hwsim");
    CHECK(driver_of("eth9", (t.path / "net").string()) == "unknown");
    CHECK(interface_exists("lo"));
    CHECK_FALSE(interface_exists("nosuchif0"));
}

TEST_CASE("linuxwifi type: registration, capabilities, probe and create")
{
    CHECK(airsight_plugin_info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(std::string(airsight_plugin_info.name) == "linuxwifi");
    test::HostLog log;
    test::FakeFields fields;
    test::FakeConfig config;
    test::FakeHost host{"linuxwifi", log, fields, config};
    const std::unique_ptr<Plugin> plugin = test::create_linked_plugin(host);
    REQUIRE(host.datasource_types.size() == 1);
    const DatasourceType& type = *host.datasource_types[0];
    CHECK(type.name() == "linuxwifi");
    const DatasourceCapabilities c = type.capabilities();
    CHECK(c.list_interfaces);
    CHECK(c.probe);
    CHECK(c.tune);
    CHECK(c.hop);
    CHECK(c.local);
    CHECK_FALSE(c.remote);
    CHECK_FALSE(c.passive);

    CHECK(type.probe(SourceDefinition::parse("anything:type=linuxwifi")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("wlan0:type=pcapfile")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("lo"))); // exists, not Wi-Fi
    CHECK_FALSE(type.probe(SourceDefinition::parse("/tmp/x.pcap")));
    CHECK_FALSE(type.probe(SourceDefinition::parse("nosuchif0")));

    // A non-wireless interface named with type=linuxwifi: a clear refusal.
    try {
        (void)type.create(SourceDefinition::parse("lo:type=linuxwifi"));
        FAIL("lo was accepted");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "interface lo is not a Wi-Fi interface (no nl80211 phy); linuxwifi captures "
                                       "from Wi-Fi cards such as wlan0");
    }
    CHECK_THROWS_AS((void)type.create(SourceDefinition::parse("wlan0:channel=99")), std::invalid_argument);

    // A missing interface makes a source (it may appear later); opening it says why it cannot.
    auto source = type.create(SourceDefinition::parse("nosuchif0:type=linuxwifi"));
    REQUIRE(source);
    struct NullSink : PacketSink {
        void deliver(const CapturedFrame&) override {}
        void failed(std::string_view) override {}
        void finished() override {}
    } sink;
    try {
        source->open(sink);
        FAIL("opening a missing interface succeeded");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        // Without nl80211 in this kernel, or without privileges, the reason differs; each names it.
        const bool named = what.find("interface nosuchif0 does not exist") != std::string::npos ||
                           what.find("nl80211 is not available") != std::string::npos ||
                           what.find("CAP_NET_ADMIN") != std::string::npos;
        CHECK_MESSAGE(named, what);
    }
    CHECK_THROWS_AS(source->set_channel("6"), std::invalid_argument); // not open
    source->close();
    // Without Wi-Fi hardware (this machine), the list is empty rather than an error.
    (void)type.list_interfaces();
}
