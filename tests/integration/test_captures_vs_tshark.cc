// Checked against reality: every capture in ../shared/captures is replayed
// through the real server (pcapfile, realtime=false) and what airsight reports
// over REST is compared with what tshark reads from the same file, computed
// here at test time: the access points (BSSIDs of beacons and probe
// responses), their SSIDs, encryption and channel, the associated clients,
// and the devices frames were sent by (TA/SA) and to (RA/DA, with received
// packet counts).
//
// Every difference is either absent or listed in kExplained below with a
// reason; an explained difference that no longer occurs fails the test too,
// so the explanations cannot rot. Broken captures are replayed as well: the
// server keeps serving, the source ends finished or in error with a reason,
// and what came before the damage is there.
#include "captures.h"
#include "rest_helpers.h"
#include "server_process.h"
#include "tshark_reference.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

// --- the explained differences ------------------------------------------------
//
// Difference keys (see compare()):
//   "AP <bssid> missing" / "AP <bssid> extra"
//   "AP <bssid> beacon|response SSID <hex> missing" / "... extra"  (hex of the SSID bytes, "" when empty)
//   "AP <bssid> beacon|response SSID <hex> crypt|channel tshark=<last> airsight=<value>"
//   "AP <bssid> device crypt|channel tshark=<last> airsight=<value>"
//   "AP <bssid> name tshark=<name> airsight=<name>"  (Kismet's rule, see ReferenceAp::name; MAC for cloaked)
//   "AP <bssid> type <type>"                 (an AP whose kismet.device.base.type is no AP type)
//   "client <bssid> <client> missing" / "... extra"
//   "client <bssid> <client> one-sided"      (in the AP's associated_client_map xor the client's client_map)
//   "probe <client> SSID <hex> missing" / "... extra"  (probe requests for a named SSID, probed_ssid_map)
//   "device <mac> missing"                   (a transmitter of a management or non-null data frame that is no device)
//   "receiver <mac> missing" / "receiver <mac> rx_total 0"
//                                            (a unicast RA or DA of a management or non-null data frame that is no
//                                             device, or one that counted no received packet)
//   "rejected <n> frames, tshark finds <m> with a bad FCS"
//
// A difference of "*" stands for every difference of its capture that no
// other entry names; it is allowed only with BAD_FCS_ONLY, which judge()
// verifies for each difference it covers.
struct Explained {
    const char* capture;
    const char* difference;
    const char* reason;
};

// A reason the test verifies: judge() checks that tshark computes a bad FCS
// for every frame behind a difference explained with it.
constexpr const char* BAD_FCS_ONLY =
    "every frame behind it has a bad FCS (the capture's authors rewrote the frames with scapy and left the old FCS; "
    "tshark computes it bad with wlan.check_checksum) and airsight drops bad-FCS frames as Kismet does "
    "(kis_dlt_radiotap.cc computes the CRC whenever radiotap says an FCS is present)";

constexpr const char* CORRUPT_IES =
    "the fuzzed beacon's IE list is malformed (tshark: Malformed Packet, RSN suite counts of 12336 that run past the "
    "element); airsight, like Kismet's IE dissector, treats a corrupt IE list as unusable: the AP is kept, with no "
    "advertised SSID record, so no encryption and no name, while tshark still reads the RSN element's version";

const Explained kExplained[] = {
    {"bad_rsn_parsing_overrides_ssid.pcap", "AP EC:17:2F:82:1E:29 missing", BAD_FCS_ONLY},
    {"bad_rsn_parsing_overrides_ssid.pcap", "device EC:17:2F:82:1E:29 missing", BAD_FCS_ONLY},
    // Every one of its 1185 probe requests has a bad FCS: no device, no probed SSID.
    {"OppoFindX3Neo-A_anonymized.pcap", "*", BAD_FCS_ONLY},
    {"ieee802.11_parse_elements_oobr.pcap", "AP 30:30:30:30:30:30 device crypt tshark=WPA2 airsight=(none)",
     CORRUPT_IES},
    {"ieee802.11_parse_elements_oobr.pcap", "AP 30:30:30:30:30:30 name tshark=MAC airsight=(empty)", CORRUPT_IES},
    {"odid_wifi_sample.pcap", "AP 50:6F:9A:01:01:79 beacon SSID \"\" extra",
     "50:6F:9A:01:01:79 is a Wi-Fi NAN cluster: its sync beacons carry no SSID element, so tshark has no wlan.ssid; "
     "Kismet (and airsight) still record the beacon as an advertised SSID of length 0 (cloaked)"},
    {"allframes.pcapng", "rejected 6 frames, tshark finds 0 with a bad FCS",
     "frames 106, 109, 111, 113, 115 and 118 are 20-byte data frames, shorter than a 24-byte data header: tshark flags "
     "them Malformed, airsight rejects them as Kismet does"},
    {"radiotap-heapoverflow.pcap", "rejected 1 frames, tshark finds 0 with a bad FCS",
     "the only record is 8 bytes of radiotap header with version 48 and a length past the data: tshark calls the "
     "header invalid and dissects no 802.11 frame, airsight rejects it at decap"},
    {"ieee802.11_meshhdr-oobr.pcap", "rejected 1 frames, tshark finds 0 with a bad FCS",
     "the only record has a radiotap header with version 48 (invalid) and an 802.11 frame of protocol version 3: "
     "tshark dissects no 802.11 fields, airsight rejects it at decap"},
};

// --- captures -------------------------------------------------------------------

struct ManifestEntry {
    std::string file;
    unsigned linktype = 0;
    std::uint64_t packets = 0;
};

// MANIFEST.tsv: file, source_repo, source_path, license, linktype ("127 IEEE802_11_RADIOTAP (pcap)"), packets, ...
std::vector<ManifestEntry> read_manifest()
{
    std::vector<ManifestEntry> out;
    std::ifstream in(captures_dir() / "MANIFEST.tsv");
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> col;
        std::stringstream s(line);
        std::string c;
        while (std::getline(s, c, '\t')) col.push_back(c);
        if (col.size() < 6) continue;
        ManifestEntry e;
        e.file = col[0];
        e.linktype = static_cast<unsigned>(std::stoul(col[4]));
        e.packets = std::stoull(col[5]);
        out.push_back(e);
    }
    return out;
}

// The manifest, or nothing after failing the test. meson runs these suites
// with --needs=...: skipped (77) as a whole when the captures or tshark are
// missing, so here a missing one is a failure.
std::optional<std::vector<ManifestEntry>> manifest_or_fail()
{
    if (!shared_capture("MANIFEST.tsv")) return std::nullopt;
    auto entries = read_manifest();
    if (entries.empty()) {
        FAIL_CHECK("MANIFEST.tsv in " << captures_dir() << " lists no captures");
        return std::nullopt;
    }
    return entries;
}

std::optional<fs::path> tshark_or_fail()
{
    auto tshark = find_tshark();
    if (!tshark) FAIL_CHECK("tshark is missing: set TSHARK or install it (Wireshark 4.x)");
    return tshark;
}

bool is_80211(unsigned linktype) { return linktype == 105 || linktype == 127; }

// --- the server side ------------------------------------------------------------

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

Value json_of_ok(const HttpResult& r)
{
    INFO("status " << r.status << " body: " << r.body.substr(0, 2000));
    REQUIRE(r.status == 200);
    Value v;
    REQUIRE_NOTHROW(v = parse_json(r.body));
    return v;
}

HttpResult post_fields(const ServerProcess& s, const std::string& uri, const std::string& json)
{
    std::string encoded;
    Poco::URI::encode(json, "+&=%#", encoded);
    return s.post(uri, "json=" + encoded);
}

const Value* member(const Value& record, const char* name)
{
    if (record.kind() != Value::Kind::Map) return nullptr;
    return record.find(name);
}

std::string string_of(const Value& record, const char* name)
{
    const Value* v = member(record, name);
    return v && v->kind() == Value::Kind::String ? v->as_string() : std::string();
}

std::uint64_t uint_of(const Value& record, const char* name)
{
    const Value* v = member(record, name);
    return v && v->is_number() ? v->as_uint() : 0;
}

// Kismet's crypt_string ("WPA2 WPA2-PSK AES-CCMP", "WEP104", "Open") reduced to
// the summary tshark's side uses: its first word is the highest version.
std::string summarise_kismet_crypt(const std::string& crypt)
{
    const std::string word = crypt.substr(0, crypt.find(' '));
    if (word.rfind("WEP", 0) == 0) return "WEP";
    if (word == "WPA1") return "WPA";
    return word.empty() ? "(none)" : word;
}

struct ObservedSsid {
    std::string crypt;   // summary of its crypt_string
    std::string channel;
};

struct ObservedAp {
    std::map<std::string, ObservedSsid> ssids; // "beacon <hex>" (advertised_ssid_map) / "response <hex>" (responded_ssid_map)
    std::string device_crypt, device_channel, type, name;
};

struct Observed {
    Value source;
    std::uint64_t devices = 0;
    std::set<std::string> macs;
    std::map<std::string, std::uint64_t> rx_total; // kismet.device.base.packets.rx_total by MAC
    std::set<std::pair<std::string, std::string>> probes; // (client, SSID hex) from probed_ssid_map
    std::map<std::string, ObservedAp> aps;
    std::set<std::pair<std::string, std::string>> ap_side_clients;     // associated_client_map
    std::set<std::pair<std::string, std::string>> client_side_clients; // client_map
};

const char* kDeviceFields = R"({"fields": [
    "kismet.device.base.macaddr", "kismet.device.base.type", "kismet.device.base.name",
    "kismet.device.base.crypt", "kismet.device.base.channel", "kismet.device.base.packets.rx_total",
    "dot11.device/dot11.device.typeset",
    "dot11.device/dot11.device.advertised_ssid_map", "dot11.device/dot11.device.responded_ssid_map",
    "dot11.device/dot11.device.associated_client_map", "dot11.device/dot11.device.client_map",
    "dot11.device/dot11.device.probed_ssid_map"]})";

void add_ssid_records(const Value* list, const char* kind, ObservedAp& ap)
{
    if (!list || list->kind() != Value::Kind::Array) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Value& r = list->at(i);
        ObservedSsid& o = ap.ssids[std::string(kind) + " " + printable_ssid_to_hex(string_of(r, "dot11.advertisedssid.ssid"))];
        o.crypt = summarise_kismet_crypt(string_of(r, "dot11.advertisedssid.crypt_string"));
        o.channel = string_of(r, "dot11.advertisedssid.channel");
    }
}

Observed observe(const ServerProcess& server)
{
    Observed o;
    o.source = wait_for_end(server);

    const Value aps = json_of_ok(post_fields(server, "/devices/views/phydot11_accesspoints/devices.json", kDeviceFields));
    for (std::size_t i = 0; i < aps.size(); ++i) {
        const Value& d = aps.at(i);
        ObservedAp& ap = o.aps[string_of(d, "kismet.device.base.macaddr")];
        add_ssid_records(member(d, "dot11.device.advertised_ssid_map"), "beacon", ap);
        add_ssid_records(member(d, "dot11.device.responded_ssid_map"), "response", ap);
        ap.device_crypt = string_of(d, "kismet.device.base.crypt");
        ap.device_channel = string_of(d, "kismet.device.base.channel");
        ap.type = string_of(d, "kismet.device.base.type");
        ap.name = string_of(d, "kismet.device.base.name");
    }

    const Value all = json_of_ok(post_fields(server, "/devices/all_devices.json", kDeviceFields));
    o.devices = all.size();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Value& d = all.at(i);
        const std::string mac = string_of(d, "kismet.device.base.macaddr");
        o.macs.insert(mac);
        o.rx_total[mac] = uint_of(d, "kismet.device.base.packets.rx_total");
        if (const Value* m = member(d, "dot11.device.probed_ssid_map"); m && m->kind() == Value::Kind::Array)
            for (std::size_t k = 0; k < m->size(); ++k)
                o.probes.insert({mac, printable_ssid_to_hex(string_of(m->at(k), "dot11.probedssid.ssid"))});
        if (const Value* m = member(d, "dot11.device.associated_client_map"); m && m->kind() == Value::Kind::Map)
            for (const auto& e : m->entries()) o.ap_side_clients.insert({mac, e.key});
        if (const Value* m = member(d, "dot11.device.client_map"); m && m->kind() == Value::Kind::Map)
            for (const auto& e : m->entries()) o.client_side_clients.insert({e.key, mac});
    }
    return o;
}

// --- the comparison ---------------------------------------------------------------

std::string join(const std::set<std::string>& s)
{
    std::string out = "{";
    for (const std::string& x : s) out += (out.size() > 1 ? "," : "") + x;
    return out + "}";
}

// An SSID's hex in a difference key: "" for the empty SSID.
std::string shown(const std::string& hex) { return hex.empty() ? "\"\"" : hex; }

bool all_bad_fcs(const std::vector<std::uint64_t>& frames, const Reference& ref)
{
    for (auto f : frames)
        if (!ref.bad_fcs_frames.count(f)) return false;
    return !frames.empty();
}

std::string frames_of(const std::vector<std::uint64_t>& frames, const Reference& ref)
{
    std::size_t bad_fcs = 0, malformed = 0;
    for (auto f : frames) {
        bad_fcs += ref.bad_fcs_frames.count(f);
        malformed += ref.malformed_frames.count(f);
    }
    std::ostringstream s;
    s << frames.size() << " frame(s), first #" << (frames.empty() ? 0 : frames.front());
    if (bad_fcs) s << ", " << bad_fcs << " with a bad FCS";
    if (malformed) s << ", " << malformed << " malformed";
    return s.str();
}

struct Comparison {
    std::map<std::string, std::string> differences; // key -> evidence
    std::set<std::string> bad_fcs_only;             // keys whose every frame has a bad FCS
    std::size_t aps_matched = 0, clients_matched = 0, ssids_matched = 0, probes_matched = 0, devices_matched = 0,
                receivers_matched = 0;
};

Comparison compare(const Reference& ref, const Observed& obs)
{
    Comparison c;
    auto differ = [&](const std::string& key, const std::string& evidence) { c.differences[key] = evidence; };

    for (const auto& [bssid, r] : ref.aps) {
        auto it = obs.aps.find(bssid);
        if (it == obs.aps.end()) {
            differ("AP " + bssid + " missing", "tshark: " + frames_of(r.frames, ref));
            if (all_bad_fcs(r.frames, ref)) c.bad_fcs_only.insert("AP " + bssid + " missing");
            continue;
        }
        ++c.aps_matched;
        const ObservedAp& a = it->second;
        const std::string ap = "AP " + bssid + " ";
        for (const auto& [key, rs] : r.ssids) {
            const std::string hex = key.substr(key.find(' ') + 1);
            const std::string label = ap + key.substr(0, key.find(' ')) + " SSID " + shown(hex);
            auto found = a.ssids.find(key);
            if (found == a.ssids.end()) {
                differ(label + " missing", describe_ssid(hex));
                continue;
            }
            ++c.ssids_matched;
            // Each SSID record holds what its last frame said.
            if (found->second.crypt != rs.last_crypt)
                differ(label + " crypt tshark=" + rs.last_crypt + " airsight=" + found->second.crypt,
                       describe_ssid(hex) + ", tshark saw " + join(rs.crypts));
            if (found->second.channel != rs.last_channel)
                differ(label + " channel tshark=" + rs.last_channel + " airsight=" + found->second.channel,
                       describe_ssid(hex));
        }
        for (const auto& [key, _] : a.ssids)
            if (!r.ssids.count(key)) {
                const std::string hex = key.substr(key.find(' ') + 1);
                differ(ap + key.substr(0, key.find(' ')) + " SSID " + shown(hex) + " extra", describe_ssid(hex));
            }
        // The device follows its last beacon or probe response.
        const std::string device_crypt = summarise_kismet_crypt(a.device_crypt);
        if (device_crypt != r.last_crypt)
            differ(ap + "device crypt tshark=" + r.last_crypt + " airsight=" + device_crypt,
                   "kismet.device.base.crypt '" + a.device_crypt + "'");
        if (a.device_channel != r.last_channel)
            differ(ap + "device channel tshark=" + r.last_channel + " airsight=" + a.device_channel, "");
        if (a.type.find("AP") == std::string::npos) differ(ap + "type " + a.type, "");
        const std::string name = a.name == bssid ? "MAC" : printable_ssid_to_hex(a.name);
        if (name != r.name)
            differ(ap + "name tshark=" + (r.name == "MAC" ? r.name : describe_ssid(r.name)) + " airsight=" +
                       (name == "MAC" ? name : describe_ssid(name)), "");
    }
    for (const auto& [bssid, a] : obs.aps)
        if (!ref.aps.count(bssid)) {
            std::set<std::string> keys;
            for (const auto& [key, _] : a.ssids) keys.insert(key);
            differ("AP " + bssid + " extra", "type '" + a.type + "', SSIDs " + join(keys));
        }

    for (const auto& [pair, link] : ref.clients) {
        if (obs.ap_side_clients.count(pair)) ++c.clients_matched;
        else {
            differ("client " + pair.first + " " + pair.second + " missing", "tshark: " + frames_of(link.frames, ref));
            if (all_bad_fcs(link.frames, ref)) c.bad_fcs_only.insert("client " + pair.first + " " + pair.second + " missing");
        }
    }
    for (const auto& pair : obs.ap_side_clients)
        if (!ref.clients.count(pair)) differ("client " + pair.first + " " + pair.second + " extra", "");
    for (const auto& [probe, link] : ref.probes)
        if (obs.probes.count(probe)) {
            ++c.probes_matched;
        } else {
            const std::string key = "probe " + probe.first + " SSID " + probe.second + " missing";
            differ(key, describe_ssid(probe.second) + ", tshark: " + frames_of(link.frames, ref));
            if (all_bad_fcs(link.frames, ref)) c.bad_fcs_only.insert(key);
        }
    for (const auto& probe : obs.probes)
        if (!ref.probes.count(probe))
            differ("probe " + probe.first + " SSID " + shown(probe.second) + " extra", describe_ssid(probe.second));
    for (const auto& [mac, link] : ref.transmitters)
        if (obs.macs.count(mac)) {
            ++c.devices_matched;
        } else {
            differ("device " + mac + " missing", "transmitter in " + frames_of(link.frames, ref));
            if (all_bad_fcs(link.frames, ref)) c.bad_fcs_only.insert("device " + mac + " missing");
        }
    for (const auto& [mac, link] : ref.receivers) {
        auto it = obs.rx_total.find(mac);
        std::string key;
        if (it == obs.rx_total.end())
            key = "receiver " + mac + " missing";
        else if (it->second == 0)
            key = "receiver " + mac + " rx_total 0";
        else {
            ++c.receivers_matched;
            continue;
        }
        differ(key, "RA/DA in " + frames_of(link.frames, ref));
        if (all_bad_fcs(link.frames, ref)) c.bad_fcs_only.insert(key);
    }
    // Frames airsight rejected (decap/dissect errors, counted on the source)
    // against the frames tshark computes a bad FCS for: airsight must not
    // throw away frames tshark reads fine.
    const std::uint64_t rejected = uint_of(obs.source, "kismet.datasource.num_error_packets");
    if (rejected != ref.bad_fcs_frames.size())
        differ("rejected " + std::to_string(rejected) + " frames, tshark finds " +
                   std::to_string(ref.bad_fcs_frames.size()) + " with a bad FCS",
               std::to_string(ref.malformed_frames.size()) + " frame(s) tshark flags malformed");
    std::set<std::pair<std::string, std::string>> one_sided;
    std::set_symmetric_difference(obs.ap_side_clients.begin(), obs.ap_side_clients.end(),
                                  obs.client_side_clients.begin(), obs.client_side_clients.end(),
                                  std::inserter(one_sided, one_sided.end()));
    for (const auto& pair : one_sided)
        differ("client " + pair.first + " " + pair.second + " one-sided",
               obs.ap_side_clients.count(pair) ? "only in the AP's associated_client_map" : "only in the client's client_map");
    return c;
}

// Checks the differences against kExplained: unexplained ones and explained
// ones that did not occur both fail.
void judge(const std::string& capture, const Comparison& c)
{
    std::map<std::string, std::string> explained;
    for (const Explained& e : kExplained)
        if (capture == e.capture) explained[e.difference] = e.reason;
    const auto wildcard = explained.find("*");
    if (wildcard != explained.end())
        REQUIRE_MESSAGE(wildcard->second == BAD_FCS_ONLY, "a \"*\" explanation is only allowed with BAD_FCS_ONLY");
    std::size_t wildcard_used = 0;
    for (const auto& [key, evidence] : c.differences) {
        auto it = explained.find(key);
        if (it == explained.end() && wildcard != explained.end() && c.bad_fcs_only.count(key)) {
            ++wildcard_used;
            continue;
        }
        if (it == explained.end()) {
            FAIL_CHECK(capture << ": unexplained difference: " << key << " [" << evidence << "]");
            continue;
        }
        MESSAGE(capture << ": explained difference: " << key << " [" << evidence << "]: " << it->second);
        if (it->second == BAD_FCS_ONLY)
            CHECK_MESSAGE(c.bad_fcs_only.count(key), capture << ": " << key << " is explained by bad FCS, but tshark "
                                                             << "finds a good FCS on some of its frames");
        explained.erase(it);
    }
    if (wildcard != explained.end()) {
        if (wildcard_used)
            MESSAGE(capture << ": " << wildcard_used << " difference(s) explained together: " << wildcard->second);
        explained.erase(wildcard->first);
        CHECK_MESSAGE(wildcard_used > 0, capture << ": the \"*\" explanation no longer covers anything (remove it)");
    }
    for (const auto& [key, reason] : explained)
        FAIL_CHECK(capture << ": explained difference no longer occurs (remove it from kExplained): " << key
                           << " (" << reason << ")");
}

// The source's end state: a file tshark reads to the end is finished without
// error; one that tshark finds cut short ends in error, with a reason, after
// the packets before the damage.
void check_source(const std::string& capture, const Reference& ref, const Observed& obs)
{
    INFO(capture << " source: finished " << uint_of(obs.source, "airsight.datasource.finished") << ", error "
                 << uint_of(obs.source, "kismet.datasource.error") << " '"
                 << string_of(obs.source, "kismet.datasource.error_reason") << "'");
    CHECK(uint_of(obs.source, "kismet.datasource.num_packets") == ref.frames);
    if (ref.cut_short) {
        CHECK(uint_of(obs.source, "kismet.datasource.error") == 1);
        CHECK(string_of(obs.source, "kismet.datasource.error_reason").find("damaged") != std::string::npos);
    } else {
        CHECK(uint_of(obs.source, "airsight.datasource.finished") == 1);
        CHECK(uint_of(obs.source, "kismet.datasource.error") == 0);
    }
}

} // namespace

TEST_CASE("every 802.11 capture: APs, SSIDs, encryption, channels and clients match tshark" *
          doctest::test_suite("needs-captures-tshark"))
{
    const auto entries = manifest_or_fail();
    if (!entries) return;
    const auto tshark = tshark_or_fail();
    if (!tshark) return;

    std::set<std::string> compared;
    for (const ManifestEntry& e : *entries) {
        if (!is_80211(e.linktype)) continue;
        INFO("capture " << e.file);
        const auto path = shared_capture(e.file);
        if (!path) continue;

        Reference ref;
        REQUIRE_NOTHROW(ref = read_reference(*tshark, *path));
        ServerProcess server(kConfig, {"-c", path->string()});
        const Observed obs = observe(server);
        compared.insert(e.file);

        check_source(e.file, ref, obs);
        const Comparison c = compare(ref, obs);
        judge(e.file, c);
        // The server keeps serving whatever the file held.
        CHECK(server.get("/system/status.json").status == 200);

        MESSAGE(e.file << ": " << ref.frames << " frames" << std::string(ref.cut_short ? " (cut short)" : "") << ", "
                       << obs.devices << " devices (" << c.devices_matched << "/" << ref.transmitters.size()
                       << " transmitters, " << c.receivers_matched << "/" << ref.receivers.size()
                       << " receivers); APs " << c.aps_matched << "/" << ref.aps.size() << " matched ("
                       << obs.aps.size() << " reported), SSID records " << c.ssids_matched << ", clients "
                       << c.clients_matched << "/" << ref.clients.size() << " matched (" << obs.ap_side_clients.size()
                       << " reported), probed SSIDs " << c.probes_matched << "/" << ref.probes.size() << " ("
                       << obs.probes.size() << " reported); " << c.differences.size() << " difference(s)");
    }
    // Every explanation names a capture that was compared.
    for (const Explained& e : kExplained)
        if (*e.capture) CHECK_MESSAGE(compared.count(e.capture), "kExplained names " << e.capture << ", which was not compared");
}

// Captures that are not 802.11 end with a source error and a reason, except
// the Bluetooth ones, which the bluetooth plugin reads: test_btle_vs_tshark.cc
// and test_hci_vs_tshark.cc compare them with tshark.
bool is_bluetooth(const ManifestEntry& e)
{
    // PPI (192) is listed by its outer link type; this one carries BLE (inner DLT 147).
    return e.linktype == 251 || e.linktype == 256 || e.linktype == 272 || e.linktype == 201 || e.linktype == 254 ||
           e.file == "pairing_and_ltk_exchange.pcap";
}

// A capture of a link type no plugin reads: Ethernet (1), one frame. The
// shared captures that are neither 802.11 nor Bluetooth are checked beside
// it, so the check runs even when every shared capture is one airsight reads.
std::filesystem::path write_ethernet_capture(const std::filesystem::path& dir)
{
    const std::filesystem::path path = dir / "ethernet.pcap";
    std::ofstream out(path, std::ios::binary);
    const unsigned char header[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                      0xff, 0xff, 0, 0, 1, 0, 0, 0};
    const unsigned char record[16 + 14] = {1, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0, 14, 0, 0, 0,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06};
    out.write(reinterpret_cast<const char*>(header), sizeof header);
    out.write(reinterpret_cast<const char*>(record), sizeof record);
    return path;
}

TEST_CASE("captures that are not 802.11 fail on their source with a reason; the server keeps serving" *
          doctest::test_suite("needs-captures"))
{
    const auto entries = manifest_or_fail();
    if (!entries) return;
    const TempDir dir;
    std::vector<std::pair<std::string, std::filesystem::path>> captures{{"ethernet.pcap (made here)", write_ethernet_capture(dir.path())}};
    for (const ManifestEntry& e : *entries) {
        if (is_80211(e.linktype) || is_bluetooth(e)) continue;
        if (const auto path = shared_capture(e.file)) captures.emplace_back(e.file + " (linktype " + std::to_string(e.linktype) + ")", *path);
    }
    for (const auto& [name, path] : captures) {
        INFO("capture " << name);
        ServerProcess server(kConfig, {"-c", path.string()});
        const Value source = wait_for_end(server);
        const std::string reason = string_of(source, "kismet.datasource.error_reason");
        MESSAGE(name << ": finished " << uint_of(source, "airsight.datasource.finished")
                     << ", error " << uint_of(source, "kismet.datasource.error") << " '" << reason << "', "
                     << uint_of(source, "kismet.datasource.num_packets") << " packets");
        CHECK(uint_of(source, "kismet.datasource.error") == 1);
        CHECK(!reason.empty());
        CHECK(server.get("/system/status.json").status == 200);
        CHECK(json_of_ok(server.get("/devices/all_devices.json")).size() == 0);
    }
}
