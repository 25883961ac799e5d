// Wireshark's own dissectors judge the frames: a capture of the simulated
// world must dissect cleanly and show exactly the world's networks, security
// and handshakes. Without tshark meson reports them skipped, unless CI=true.
#include "engine/pcapng_writer.h"
#include "engine/radio.h"
#include "prerequisites.h"
#include "tshark.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

using namespace airsight::sim;
using namespace airsight::sim::test;
namespace fs = std::filesystem;

// meson runs these as their own test with --needs=tshark, skipped (77) as a
// whole without tshark (tests/unit/prerequisites.h); so here tshark is there.

TEST_SUITE_BEGIN("needs-tshark");

namespace {

// The -e fields of every analysis, in this order.
enum Field { kSubtype, kBssid, kSa, kDa, kSsid, kRsnAkms, kWpaVersion, kMsgNr, kKeyInfo, kAuthAlg, kFieldCount };
constexpr const char* kFields[] = {"wlan.fc.type_subtype", "wlan.bssid", "wlan.sa", "wlan.da", "wlan.ssid",
                                   "wlan.rsn.akms.type", "wlan.wfa.ie.wpa.version", "wlan_rsna_eapol.keydes.msgnr",
                                   "wlan_rsna_eapol.keydes.key_info", "wlan.fixed.auth.alg"};
constexpr int kBeacon = 0x08, kProbeResponse = 0x05, kDeauth = 0x0c;
const std::string kBroadcast = "ff:ff:ff:ff:ff:ff";

struct Analysis {
    World world;
    std::size_t frames = 0;
    CommandResult problems; // frames tshark finds malformed, with a bad FCS or an error
    CommandResult fcs_good;
    CommandResult fields;
    std::vector<std::vector<std::string>> rows;
};

std::string lower_mac(const airsight::MacAddr& m)
{
    std::string s = m.str();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string tshark(const fs::path& file, const std::string& args)
{
    return airsight::test::tshark_program() + " -n -r '" + file.string() + "' -o wlan.check_checksum:TRUE " + args;
}

Analysis analyse(const WorldConfig& config, std::size_t frames)
{
    const fs::path file = fs::temp_directory_path() / ("sim-validity-" + std::to_string(::getpid()) + "-" + std::to_string(config.seed) + ".pcapng");
    const std::string err = file.string() + ".err";
    Radio radio(config, {.fcs = true});
    radio.listen_all(); // the whole world, so every handshake is complete
    Analysis a{radio.world(), 0, {}, {}, {}, {}};
    {
        PcapngWriter writer(file.string());
        SimFrame f;
        while (a.frames < frames && radio.next_frame(f)) {
            writer.write(f.ts_usec, f.bytes.data(), f.bytes.size());
            ++a.frames;
        }
        writer.close();
    }
    a.problems = run_command(tshark(file, "-Y '_ws.malformed || wlan.fcs.status == 0 || _ws.expert.severity == error' -T fields -e frame.number"), err);
    a.fcs_good = run_command(tshark(file, "-Y 'wlan.fcs.status == 1' -T fields -e frame.number"), err);
    std::string fields = "-T fields -E separator=/t -E occurrence=a -E aggregator=,";
    for (const char* f : kFields) fields += std::string(" -e ") + f;
    a.fields = run_command(tshark(file, fields), err);
    a.rows = split_rows(a.fields.out);
    fs::remove(file);
    return a;
}

// One capture for all checks: tshark is the slow part.
const Analysis& busy_capture()
{
    static const Analysis a = [] {
        WorldConfig config;
        config.seed = 11;
        config.misbehaviour_deauth_flood = true;
        config.misbehaviour_spoofed_ap = true;
        return analyse(config, 5000);
    }();
    return a;
}

int subtype(const std::vector<std::string>& row) { return std::stoi(row.at(kSubtype), nullptr, 16); }

} // namespace

TEST_CASE("tshark: no malformed frames, every FCS good")
{
    const Analysis& a = busy_capture();
    REQUIRE_MESSAGE(a.problems.status == 0, a.problems.err);
    CHECK_MESSAGE(a.problems.out.empty(), "frames tshark finds broken: ", a.problems.out.substr(0, 200));
    REQUIRE_MESSAGE(a.fcs_good.status == 0, a.fcs_good.err);
    CHECK(split_rows(a.fcs_good.out).size() == a.frames); // proves the FCS was checked at all
    REQUIRE_MESSAGE(a.fields.status == 0, a.fields.err);
    REQUIRE(a.rows.size() == a.frames);
    for (const auto& row : a.rows) REQUIRE(row.size() == kFieldCount);
}

TEST_CASE("tshark: the checks catch a corrupt frame")
{
    const fs::path file = fs::temp_directory_path() / ("sim-corrupt-" + std::to_string(::getpid()) + ".pcapng");
    Radio radio(WorldConfig{}, {.fcs = true});
    radio.listen_all();
    {
        PcapngWriter writer(file.string());
        SimFrame f;
        for (int i = 0; i < 10 && radio.next_frame(f); ++i) {
            if (i == 5) f.bytes[f.bytes.size() / 2] ^= 0x01;
            writer.write(f.ts_usec, f.bytes.data(), f.bytes.size());
        }
    }
    const auto r = run_command(tshark(file, "-Y 'wlan.fcs.status == 0' -T fields -e frame.number"), file.string() + ".err");
    fs::remove(file);
    CHECK(r.out == "6\n");
}

TEST_CASE("tshark: BSSIDs and SSIDs are the world's; hidden SSIDs only in probe responses")
{
    const Analysis& a = busy_capture();
    std::set<std::string> world_bssids, world_ssids;
    std::map<std::string, const AccessPoint*> by_bssid;
    for (const AccessPoint& ap : a.world.aps) {
        world_bssids.insert(lower_mac(ap.bssid));
        world_ssids.insert(ap.ssid);
        by_bssid[lower_mac(ap.bssid)] = &ap;
    }
    std::set<std::string> beacon_bssids, all_bssids, ssids;
    std::set<std::string> revealed; // hidden APs whose name a probe response gave away
    for (const auto& row : a.rows) {
        const std::string& bssid = row.at(kBssid);
        if (!bssid.empty() && bssid != kBroadcast) all_bssids.insert(bssid);
        const int st = subtype(row);
        if (st != kBeacon && st != kProbeResponse) continue;
        const std::string ssid = from_hex(row.at(kSsid));
        REQUIRE_MESSAGE(by_bssid.count(bssid), "unknown BSSID ", bssid);
        const AccessPoint& ap = *by_bssid[bssid];
        if (st == kBeacon) {
            beacon_bssids.insert(bssid);
            CHECK_MESSAGE(ssid == (ap.hidden ? "" : ap.ssid), "beacon of ", bssid);
        } else {
            CHECK_MESSAGE(ssid == ap.ssid, "probe response of ", bssid);
            if (ap.hidden) revealed.insert(bssid);
        }
        if (!ssid.empty()) ssids.insert(ssid);
    }
    CHECK(beacon_bssids == world_bssids);
    CHECK(all_bssids == world_bssids);
    CHECK(ssids == world_ssids);
    for (const AccessPoint& ap : a.world.aps)
        if (ap.hidden) CHECK_MESSAGE(revealed.count(lower_mac(ap.bssid)), "no probe response revealed ", ap.ssid);
}

TEST_CASE("tshark: advertised AKMs match each AP's security")
{
    const Analysis& a = busy_capture();
    std::map<std::string, std::set<std::string>> akms;
    std::map<std::string, bool> wpa_ie;
    for (const auto& row : a.rows) {
        if (subtype(row) != kBeacon) continue;
        for (const std::string& akm : split_list(row.at(kRsnAkms))) akms[row.at(kBssid)].insert(akm);
        wpa_ie[row.at(kBssid)] = wpa_ie[row.at(kBssid)] || !row.at(kWpaVersion).empty();
    }
    for (const AccessPoint& ap : a.world.aps) {
        const std::string bssid = lower_mac(ap.bssid);
        std::set<std::string> expected;
        if (rsn_akm(ap.security) != 0) expected.insert(std::to_string(rsn_akm(ap.security)));
        CHECK_MESSAGE(akms[bssid] == expected, ap.ssid, " (", security_name(ap.security), ")");
        CHECK_MESSAGE(wpa_ie[bssid] == (ap.security == Security::WpaTkip), ap.ssid);
    }
}

TEST_CASE("tshark: every client of a WPA/WPA2/WPA3/OWE network completes a 4-way handshake")
{
    const Analysis& a = busy_capture();
    // msgnr -> key info as tshark reads it, per client
    std::map<std::string, std::map<int, std::string>> seen;
    std::set<std::string> sae_clients;
    for (const auto& row : a.rows) {
        if (!row.at(kAuthAlg).empty() && row.at(kAuthAlg) == "3") sae_clients.insert(row.at(kSa));
        if (row.at(kMsgNr).empty()) continue;
        const int msg = std::stoi(row.at(kMsgNr));
        const std::string& client = (msg == 1 || msg == 3) ? row.at(kDa) : row.at(kSa);
        seen[client][msg] = row.at(kKeyInfo);
    }
    int checked = 0;
    for (const Client& c : a.world.clients) {
        if (c.probe_only) continue;
        const Security security = a.world.aps[static_cast<std::size_t>(c.home_ap)].security;
        if (!has_four_way_handshake(security)) continue;
        const std::string mac = lower_mac(c.mac);
        // Key descriptor version 2 (WPA2: HMAC-SHA1), 1 (WPA: HMAC-MD5), 0 (AKM-defined: SAE, OWE).
        std::map<int, std::string> expected{{1, "0x008a"}, {2, "0x010a"}, {3, "0x13ca"}, {4, "0x030a"}};
        if (security == Security::WpaTkip) expected = {{1, "0x0089"}, {2, "0x0109"}, {3, "0x01c9"}, {4, "0x0109"}};
        if (security == Security::Wpa3Sae || security == Security::Owe) expected = {{1, "0x0088"}, {2, "0x0108"}, {3, "0x13c8"}, {4, "0x0308"}};
        CHECK_MESSAGE(seen[mac] == expected, "client ", mac, " of a ", security_name(security), " network");
        if (security == Security::Wpa3Sae) CHECK_MESSAGE(sae_clients.count(mac), "no SAE authentication from ", mac);
        ++checked;
    }
    CHECK(checked >= 8);
}

TEST_CASE("tshark: deauth flood frames appear only when the flood is on")
{
    const Analysis& flood = busy_capture();
    const std::string target = lower_mac(flood.world.aps.at(static_cast<std::size_t>(flood.world.flood_target)).bssid);
    int forged = 0;
    for (const auto& row : flood.rows)
        if (subtype(row) == kDeauth) {
            CHECK(row.at(kDa) == kBroadcast);
            CHECK(row.at(kBssid) == target);
            ++forged;
        }
    CHECK(forged >= 100);

    WorldConfig quiet;
    quiet.seed = 11;
    const Analysis calm = analyse(quiet, 2000);
    REQUIRE_MESSAGE(calm.fields.status == 0, calm.fields.err);
    REQUIRE(calm.rows.size() == 2000);
    int deauths = 0;
    for (const auto& row : calm.rows) deauths += subtype(row) == kDeauth;
    CHECK(deauths == 0);
}

TEST_CASE("tshark: the disconnect group's attacks are the messages they claim to be")
{
    const fs::path file = fs::temp_directory_path() / ("sim-attacks-" + std::to_string(::getpid()) + ".pcapng");
    WorldConfig config;
    config.seed = 5;
    config.attacks = {"deauthflood", "disassoctraffic", "noclientmfp", "noncedegrade", "noncereuse",
                      "wpsbrute", "dhcpclientid", "dhcpnamechange", "dhcposchange", "dhcpconflict"};
    Radio radio(config, {.fcs = true});
    radio.listen_all();
    {
        PcapngWriter writer(file.string());
        SimFrame f;
        for (int i = 0; i < 1500 && radio.next_frame(f); ++i) writer.write(f.ts_usec, f.bytes.data(), f.bytes.size());
    }
    const std::string err = file.string() + ".err";
    // The frames tshark finds for a display filter.
    const auto count = [&](const std::string& filter) {
        const CommandResult r = run_command(tshark(file, "-Y '" + filter + "' -T fields -e frame.number"), err);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        return split_rows(r.out).size();
    };
    const std::string target = lower_mac(radio.world().aps.at(0).bssid);
    const std::string station = "02:ba:dc:0d:e0:";
    CHECK(count("_ws.malformed || wlan.fcs.status == 0 || _ws.expert.severity == error") == 0);
    CHECK(count("wlan.fc.type_subtype == 0x0c && wlan.sa == " + station + "03 && wlan.bssid == " + target) == 12);
    CHECK(count("wlan.fc.type_subtype == 0x0a && wlan.sa == " + station + "04") == 1);
    CHECK(count("wlan.fc.type == 2 && wlan.sa == " + station + "04") == 2);
    CHECK(count("wlan.fc.type_subtype == 0 && wlan.sa == " + station + "05 && wlan.rsn.capabilities.mfpc == 0") == 1);
    CHECK(count("eapol.keydes.type == 2 && wlan_rsna_eapol.keydes.key_info.key_type == 0 && wlan.sa == " + station +
                "06") == 1);
    CHECK(count("wlan_rsna_eapol.keydes.msgnr == 1 && wlan.da == " + station + "07") == 2);
    CHECK(count("eap.code == 1 && wps.message_type == 0x07 && wlan.sa == " + target) == 6);
    CHECK(count("dhcp.option.dhcp == 1 && dhcp.option.type == 61 && wlan.sa == " + station + "09") == 3);
    CHECK(count("dhcp.option.hostname && wlan.sa == " + station + "0a") == 2);
    CHECK(count("dhcp.option.vendor_class_id && wlan.sa == " + station + "0b") == 2);
    CHECK(count("dhcp.option.dhcp == 2 && dhcp.option.subnet_mask && dhcp.ip.your") == 2);
    fs::remove(file);
    fs::remove(err);
}

TEST_SUITE_END();
