// Kismet's 802.11 alerts on the shared real captures. Each 802.11
// capture is replayed through what the server runs for it: the packet chain
// with the dot11 PHY's decap/dissect/track handlers and all its detector
// groups (phys/dot11/ids/dot11_alerts.h) in OBSERVE, into the core's device tracker and
// alert tracker with Kismet's default rates. The alert tracker's clock is the
// capture's time (the packet being processed), as it would be were the file
// heard live: the server replays a file as fast as it reads it, so its wall
// clock would squeeze minutes of capture into a second and the throttle's
// counts would depend on the machine's speed.
//
// How the expected numbers were derived (independently of this code): tshark
// lists each frame's time, type/subtype, SA, DA, BSSID, reason code and RSN
// MFP-capable bit (tshark -T fields -e frame.time_epoch -e wlan.fc.type -e
// wlan.fc.subtype -e wlan.sa -e wlan.da -e wlan.bssid -e
// wlan.fixed.reason_code -e wlan.rsn.capabilities.mfpc), and a short script
// (derive_disconnect_alerts.py, beside this file) applied Kismet's
// conditions and then Kismet's throttle (alertracker.cc check_times) in
// capture time:
//  - DEAUTHFLOOD (5/min, burst 2/sec): per BSSID, a deauthentication or
//    disassociation within 1 s (whole seconds) of the previous one adds one,
//    a later one restarts the count at 1; past 10 the alert is raised and the
//    count restarts. handshake_has_1234: 768 deauthentications in network
//    18:d6:c7:6d:6b:18 (640 from the AP, 128 from its client) in ~35 s give
//    76 candidates, 4 sent; pmkid-not-recognized: 6,145 deauthentications
//    between AP 8c:de:f9:d0:b4:61 and client 60:7e:a4:4c:ee:73 over ~6
//    minutes, 610 candidates, 16 sent; wep_64_ptw: 2,683 disassociations
//    over ~94 s, 267 candidates, 5 sent. ("Sent" is after the throttle: its
//    counts restart only once a whole period passes without an alert, so a
//    steady flood is held to 5 alerts until it pauses for a minute.)
//  - BCASTDISCON (5/min, 2/sec): a disconnect to ff:ff:ff:ff:ff:ff.
//    handshake_has_1234: 512 candidates, 4 sent; allframes: 2; pmkid: 1.
//  - DISCONCODEINVALID/DEAUTHCODEINVALID: no capture has a reason code in
//    25-31 or above 45 (and DEAUTHCODEINVALID is silenced, 0/min).
//  - DISASSOCTRAFFIC (10/min, 1/sec): data whose SA, a station (not the
//    BSSID), sent a deauthentication or disassociation less than 10 s (whole
//    seconds) before. Kismet's current code defines no such alert (only its
//    kismet_alerts.conf line is left); the condition is its 2004-2011 one
//    (finitestate.cc), which remembered the AP's own disconnects too.
//    handshake_has_1234: 2 candidates, 1 sent; pmkid: 54, 5; wpa-psk-linksys:
//    232, 5; wpa2-psk-linksys: 158, 5.
//  - NOCLIENTMFP (10/min, 1/sec): an association request whose RSN IE lacks
//    the MFP-capable bit (WPA1-only requests have no RSN IE). pmkid: 139
//    candidates, 42 sent; wpa2-psk-linksys: 3, 2; test1: 2; capture_wds: 1;
//    handshake_has_1234: 1.
//  - NONCEDEGRADE and NONCEREUSE are silenced by Kismet's defaults (0/min),
//    and no capture holds DHCP or WPS registration: none of those is raised.
//  - The frame-fingerprint and per-AP groups raise nothing on these
//    captures: none holds an exploit signature, and no AP changes channel,
//    crypto, country, beacon rate, mode or clock within a capture.
#include "alerts/alert_tracker.h"
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "ids/dot11_alerts.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"
#include "phy/dot11_fields.h"
#include "phy/dot11_phy.h"
#include "prerequisites.h"

#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

using namespace airsight;

namespace {

using Counts = std::map<std::string, int>;

// What the table above derives, per capture; a capture not listed raises none.
const std::map<std::string, Counts> expected = {
    {"allframes.pcapng", {{"BCASTDISCON", 2}}},
    {"capture_wds-01.cap", {{"NOCLIENTMFP", 1}}},
    {"handshake_has_1234.cap", {{"BCASTDISCON", 4}, {"DEAUTHFLOOD", 4}, {"DISASSOCTRAFFIC", 1}, {"NOCLIENTMFP", 1}}},
    {"pmkid-not-recognized.cap", {{"BCASTDISCON", 1}, {"DEAUTHFLOOD", 16}, {"DISASSOCTRAFFIC", 5}, {"NOCLIENTMFP", 42}}},
    {"test1.pcap", {{"NOCLIENTMFP", 2}}},
    {"wep_64_ptw.cap", {{"DEAUTHFLOOD", 5}}},
    {"wpa-psk-linksys.cap", {{"DISASSOCTRAFFIC", 5}}},
    {"wpa2-psk-linksys.cap", {{"DISASSOCTRAFFIC", 5}, {"NOCLIENTMFP", 2}}},
};

// The server's pieces for one capture, the alert tracker's clock reading `now`.
struct Replay {
    double now = 0;
    core::FieldRegistryImpl fields;
    core::MessageBusImpl messages{50};
    core::PacketChain chain{messages};
    core::DeviceTrackerImpl devices{core::DeviceTrackerOptions{}, messages, std::make_shared<const core::OuiTable>()};
    core::AlertTrackerImpl alerts{core::AlertOptions{.backlog = 100000, .rates = {}}, messages, devices, [this] { return now; }};
    std::shared_ptr<const dot11::Dot11Fields> dot11_fields = std::make_shared<const dot11::Dot11Fields>(fields);
    PacketComponent<dot11::Dissection> dissection{
        chain.add_component("dot11.dissection", PacketComponent<dot11::Dissection>::ops(), "dot11")};
    dot11::Dot11Phy phy{devices, dot11_fields, dissection};
    dot11::ids::Dot11Alerts detectors{alerts, phy, {}, {}}; // every group, as the plugin runs them (no canaries, no apspoof= rules)

    Replay()
    {
        chain.add_handler(PacketStage::DECAP, "dot11 decap", [this](Packet& p) { phy.decap(p); }, "dot11");
        chain.add_handler(PacketStage::DISSECT, "dot11 dissect", [this](Packet& p) { phy.dissect(p); }, "dot11");
        chain.add_handler(PacketStage::TRACK, "dot11 track", [this](Packet& p) { phy.track(p); }, "dot11");
        chain.add_handler(PacketStage::OBSERVE, "dot11 alerts", [this](Packet& p) { detectors.observe(p); }, "dot11");
    }

    // Every record libpcap reads, in order; the alert clock follows each one.
    void run(const std::string& path)
    {
        char error[PCAP_ERRBUF_SIZE] = {};
        pcap_t* pcap = pcap_open_offline(path.c_str(), error);
        REQUIRE_MESSAGE(pcap != nullptr, path << ": " << error);
        const auto dlt = static_cast<std::uint32_t>(pcap_datalink(pcap));
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        while (pcap_next_ex(pcap, &header, &data) == 1) {
            Packet p;
            p.ts_sec = header->ts.tv_sec;
            p.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
            p.dlt = dlt;
            p.source_number = 1;
            p.data = std::span<const std::uint8_t>(data, header->caplen);
            p.original_length = header->len;
            now = static_cast<double>(p.ts_sec) + p.ts_usec / 1e6;
            chain.process(p);
        }
        pcap_close(pcap); // a file cut short mid-record (pmkid-not-recognized.cap) ends where libpcap stops
    }

    Counts sent() const
    {
        Counts out;
        for (const core::AlertRecord& r : alerts.backlog()) ++out[r.header];
        return out;
    }
};

std::string text(const Counts& c)
{
    std::ostringstream out;
    for (const auto& [name, n] : c) out << name << "=" << n << " ";
    return out.str();
}

} // namespace

TEST_SUITE("needs-captures")
{
    TEST_CASE("The shared 802.11 captures raise the 802.11 alerts Kismet's conditions and rates give")
    {
        const std::filesystem::path dir = test::captures_dir();
        std::ifstream manifest(dir / "MANIFEST.tsv");
        std::string line;
        std::getline(manifest, line); // the header
        int replayed = 0;
        while (std::getline(manifest, line)) {
            const std::string file = line.substr(0, line.find('\t'));
            std::istringstream columns(line);
            std::string column;
            for (int i = 0; i < 5; ++i) std::getline(columns, column, '\t');
            const int linktype = std::atoi(column.c_str()); // 105 802.11, 127 radiotap, 192 PPI
            if (linktype != 105 && linktype != 127 && linktype != 192) continue;
            CAPTURE(file);
            Replay replay;
            replay.run((dir / file).string());
            const auto it = expected.find(file);
            const Counts want = it == expected.end() ? Counts{} : it->second;
            const Counts got = replay.sent();
            CHECK_MESSAGE(got == want, "expected " << text(want) << "got " << text(got));
            ++replayed;
        }
        CHECK(replayed >= 20);
        for (const auto& [file, counts] : expected) CHECK_MESSAGE(std::filesystem::exists(dir / file), file);
    }
}
