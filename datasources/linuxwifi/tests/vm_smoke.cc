// Runs inside the hwsim VM (tests/vm-smoke.sh): the linuxwifi type against a
// real kernel wireless stack with mac80211_hwsim radios wlan0 and wlan1.
// list_interfaces; open wlan0 and wlan1 on channel 6; a beacon injected on
// wlan1's monitor interface is captured on wlan0's (radiotap); a channel the
// phy lacks is refused; hopping shows in the status; deleting the monitor
// interface fails the source with the reason, and it opens again; close
// removes the monitor interface and restores wlan0. Prints what it checks;
// exit status 0 when everything held.
#include "../linuxwifi_type.h"
#include "../netdev.h"
#include "../nl80211_control.h"

#include <linux/capability.h>
#include <linux/nl80211.h>
#include <pcap/pcap.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace airsight;
using namespace airsight::linuxwifi;
using namespace std::chrono_literals;

namespace {

int g_failures = 0;

void check(bool ok, const std::string& what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    std::fflush(stdout);
    if (!ok) ++g_failures;
}

struct Sink : PacketSink {
    std::atomic<int> frames{0};
    std::atomic<int> marked{0}; // frames carrying the test beacon's SSID
    std::mutex mutex;
    std::string failure;
    void deliver(const CapturedFrame& f) override
    {
        ++frames;
        static const char kSsid[] = "airsight-smoke";
        const std::string_view bytes(reinterpret_cast<const char*>(f.data.data()), f.data.size());
        if (f.dlt == 127 && bytes.find(kSsid) != std::string_view::npos) ++marked;
    }
    void failed(std::string_view reason) override
    {
        std::lock_guard lock(mutex);
        failure = std::string(reason);
    }
    void finished() override {}
    std::string failure_text()
    {
        std::lock_guard lock(mutex);
        return failure;
    }
};

// A beacon with radiotap header, SSID "airsight-smoke", channel 6.
std::vector<unsigned char> beacon()
{
    std::vector<unsigned char> f = {0, 0, 8, 0, 0, 0, 0, 0}; // radiotap: no fields
    const unsigned char header[] = {0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0x5a, 1,
                                    2,    0, 0, 0, 0x5a, 1,    0x10, 0};
    f.insert(f.end(), header, header + sizeof header);
    const unsigned char fixed[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x01, 0};
    f.insert(f.end(), fixed, fixed + 12);
    const char ssid[] = "airsight-smoke";
    f.push_back(0);
    f.push_back(sizeof ssid - 1);
    f.insert(f.end(), ssid, ssid + sizeof ssid - 1);
    const unsigned char rates[] = {1, 1, 0x82, 3, 1, 6};
    f.insert(f.end(), rates, rates + sizeof rates);
    return f;
}

bool wait_for(const std::function<bool()>& cond, std::chrono::milliseconds limit)
{
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (cond()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return cond();
}

unsigned iftype(const std::string& name)
{
    Nl80211 nl;
    const auto r = nl.interface(name);
    return r ? r->iftype : ~0u;
}

unsigned frequency(const std::string& name)
{
    Nl80211 nl;
    const auto r = nl.interface(name);
    return r ? r->frequency : 0;
}

} // namespace

int main()
{
    LinuxWifiType type;

    const auto list = type.list_interfaces();
    bool saw_wlan0 = false;
    for (const auto& i : list) {
        std::printf("     interface %s: %s\n", i.interface.c_str(), i.hardware.c_str());
        if (i.interface == "wlan0") saw_wlan0 = i.hardware.starts_with("mac80211_hwsim (phy") &&
                                                i.hardware.find(", managed; channels 1 ") != std::string::npos &&
                                                i.hardware.find(" 36 ") != std::string::npos;
    }
    check(saw_wlan0, "list_interfaces shows wlan0 with its driver, phy, mode and channels");
    check(type.probe(SourceDefinition::parse("wlan0")), "probe claims wlan0");
    check(!type.probe(SourceDefinition::parse("lo")), "probe leaves lo alone");

    auto a = type.create(SourceDefinition::parse("wlan0:channel=6"));
    auto b = type.create(SourceDefinition::parse("wlan1:channel=6"));
    Sink sa, sb;
    try {
        a->open(sa);
        a->set_channel("6");
        b->open(sb);
        b->set_channel("6");
    } catch (const std::exception& e) {
        check(false, std::string("open wlan0 and wlan1: ") + e.what());
        return 1;
    }
    SourceStatus st = a->status();
    check(st.capture_interface == "wlan0mon", "capture interface is wlan0mon (" + st.capture_interface + ")");
    check(iftype("wlan0mon") == NL80211_IFTYPE_MONITOR, "wlan0mon is a monitor interface");
    check(st.hardware == "mac80211_hwsim", "hardware is the driver (" + st.hardware + ")");
    check(st.dlt == 127, "link type is radiotap");
    check(st.channel == "6", "status shows channel 6 (" + st.channel + ")");
    check(!interface_up("wlan0"), "the parent wlan0 is down while capturing");

    // Inject on wlan1mon; wlan0mon hears it (hwsim radios on one channel hear each other).
    char err[PCAP_ERRBUF_SIZE] = "";
    pcap_t* inject = pcap_open_live("wlan1mon", 65535, 0, 100, err);
    check(inject != nullptr, std::string("open wlan1mon for injection ") + err);
    const auto frame = beacon();
    for (int i = 0; i < 20 && inject != nullptr && sa.marked == 0; ++i) {
        pcap_inject(inject, frame.data(), frame.size());
        std::this_thread::sleep_for(50ms);
    }
    check(wait_for([&] { return sa.marked.load() > 0; }, 2s),
          "wlan0mon captured the beacon injected on wlan1mon (" + std::to_string(sa.marked) + ")");

    // Refusals change nothing.
    bool refused = false;
    try {
        a->set_channel("173");
    } catch (const std::invalid_argument& e) {
        refused = std::string(e.what()).find("channel 173") != std::string::npos;
        std::printf("     set_channel(173): %s\n", e.what());
    }
    check(refused && a->status().channel == "6", "set_channel refuses a channel the phy lacks or has disabled");
    refused = false;
    try {
        a->set_channel("6VHT80");
    } catch (const std::invalid_argument& e) {
        refused = true;
    }
    check(refused && a->status().channel == "6", "set_channel refuses 6VHT80 and stays on 6");

    // Hop over 1/6/11 fast, then lock on 11.
    a->set_hop(20, {"1", "6", "11"});
    st = a->status();
    check(st.hopping && st.hop_channels == std::vector<std::string>{"1", "6", "11"}, "set_hop shows hopping");
    std::set<unsigned> heard;
    for (int i = 0; i < 40; ++i) {
        heard.insert(frequency("wlan0mon"));
        std::this_thread::sleep_for(15ms);
    }
    check(heard.count(2412) + heard.count(2437) + heard.count(2462) >= 2,
          "the radio really hops (" + std::to_string(heard.size()) + " frequencies seen)");
    check(sa.failure_text().empty(), "hopping keeps the source running (" + sa.failure_text() + ")");
    a->set_channel("11");
    check(!a->status().hopping && a->status().channel == "11", "set_channel(11) stops hopping");
    check(frequency("wlan0mon") == 2462, "the radio is on 2462 MHz (" + std::to_string(frequency("wlan0mon")) + ")");
    a->set_channel("36VHT80");
    {
        Nl80211 nl;
        const auto r = nl.interface("wlan0mon");
        check(r && r->frequency == 5180 && r->center_frequency == 5210 && a->status().channel == "36VHT80",
              "36VHT80 tunes 5180 MHz in the 80 MHz channel centred on 5210 MHz (" +
                  (r ? std::to_string(r->frequency) + ", " + std::to_string(r->center_frequency) : "") + ")");
    }
    a->set_channel("11");

    // The monitor interface vanishes: the source fails with the reason.
    {
        Nl80211 nl;
        const auto mon = nl.interface("wlan0mon");
        if (mon) nl.delete_interface(mon->ifindex, "wlan0mon");
    }
    const auto deleted = std::chrono::steady_clock::now();
    const bool noticed = wait_for([&] { return !sa.failure_text().empty(); }, 10s);
    check(noticed, "deleting wlan0mon fails the source (after " +
                       std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now() - deleted).count()) + " ms)");
    check(sa.failure_text().find("wlan0mon") != std::string::npos && sa.failure_text().find("disappeared") != std::string::npos,
          "the reason names it: " + sa.failure_text());
    a->close();
    Sink sa2;
    try {
        a->open(sa2);
        check(a->status().capture_interface == "wlan0mon", "open() again recreates wlan0mon");
    } catch (const std::exception& e) {
        check(false, std::string("open() again: ") + e.what());
    }

    a->close();
    b->close();
    if (inject != nullptr) pcap_close(inject);
    check(!interface_exists("wlan0mon") && !interface_exists("wlan1mon"), "close removes the monitor interfaces");
    check(iftype("wlan0") == NL80211_IFTYPE_STATION, "wlan0 is managed again");

    // An interface already in monitor mode is captured from directly and left as it was.
    try {
        Nl80211 nl;
        const auto w1 = nl.interface("wlan1");
        set_interface_up("wlan1", false);
        nl.set_iftype(w1->ifindex, "wlan1", NL80211_IFTYPE_MONITOR);
        auto m = type.create(SourceDefinition::parse("wlan1"));
        Sink sm;
        m->open(sm);
        check(m->status().capture_interface == "wlan1" && interface_up("wlan1"), "a monitor-mode wlan1 is captured directly");
        m->close();
        check(iftype("wlan1") == NL80211_IFTYPE_MONITOR && !interface_up("wlan1"), "close leaves it in monitor mode, down again");
    } catch (const std::exception& e) {
        check(false, std::string("monitor-mode wlan1: ") + e.what());
    }

    // A missing interface: a clear error, and nothing is created.
    try {
        auto gone = type.create(SourceDefinition::parse("wlan7:type=linuxwifi"));
        Sink sg;
        gone->open(sg);
        check(false, "opening missing wlan7 succeeded");
    } catch (const std::runtime_error& e) {
        check(std::string(e.what()) == "interface wlan7 does not exist (card unplugged or renamed?)",
              std::string("opening missing wlan7: ") + e.what());
    }

    // Without CAP_NET_ADMIN and CAP_NET_RAW (dropped from this process's
    // effective set, as a server run by a plain user has them): a clear refusal.
    {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct data[2] = {};
        ::syscall(SYS_capget, &header, data);
        data[0].effective &= ~((1u << CAP_NET_ADMIN) | (1u << CAP_NET_RAW));
        check(::syscall(SYS_capset, &header, data) == 0, "drop CAP_NET_ADMIN and CAP_NET_RAW");
        auto p = type.create(SourceDefinition::parse("wlan0"));
        Sink sp;
        try {
            p->open(sp);
            check(false, "opening without capabilities succeeded");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            check(what.find("lacks CAP_NET_ADMIN and CAP_NET_RAW") != std::string::npos &&
                      what.find("setcap cap_net_admin,cap_net_raw+eip /") != std::string::npos,
                  "without capabilities: " + what);
        }
        check(!interface_exists("wlan0mon"), "nothing was created");
        check(!type.list_interfaces().empty(), "listing interfaces needs no privilege");
    }

    std::printf("%d failure(s)\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
