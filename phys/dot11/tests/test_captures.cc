// Real captures: every record of every 802.11 capture is decapsulated and
// parsed (no crash, malformed records counted), then compared frame by frame
// with what tshark reports for the same file, run now rather than pasted.
// Any difference must be listed in `explanations` with its reason.
#include "capture_support.h"
#include "dissect/decap.h"
#include "dissect/frame.h"
#include "dissect/ie.h"
#include "prerequisites.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

// What we report per frame, in tshark's text forms.
struct OurFrame {
    int type_subtype = -1;        // -1: not even a frame control field
    bool advertisement = false;   // beacon or probe response whose IEs we parsed
    bool ies_parsed = false;      // management frame whose IEs we parsed
    bool has_addresses = false;   // the MAC header parsed
    bool has_roles = false;       // management or data: SA/DA/BSSID are defined
    std::string ra, ta, sa, da, header_bssid;
    std::string bssid, ssid_hex, channel, akms, pairwise;
    bool eapol_key = false;       // an EAPOL-Key frame we parsed
    std::string message, replay, nonce, pmkid;
};

struct Mismatch {
    std::string check;
    unsigned frame = 0;           // 0: the file as a whole
    std::string ours, theirs;
};

// A difference to tshark that is understood. frame 0 covers every frame of the file.
struct Explanation {
    std::string_view file;
    std::string_view check;
    unsigned frame;
    std::string_view reason;
};

constexpr Explanation explanations[] = {
    {"ieee802.11_parse_elements_oobr.pcap", "rsn", 1,
     "fuzzed IEs: tshark abandons the frame at its first malformed RSN IE (exception), we go on and "
     "parse the later RSN IEs in the garbage"},
};

std::string join_types(const SuiteList& list)
{
    std::string out;
    for (Suite s : list.view()) {
        if (!out.empty()) out += ',';
        out += std::to_string(suite::type_of(s));
    }
    return out;
}

std::string first_token(const std::string& s) { return s.substr(0, s.find(',')); }

// tshark prints an empty byte field (a zero-length SSID) as "<MISSING>".
std::string tshark_ssid(const std::string& s)
{
    const std::string first = first_token(s);
    return first == "<MISSING>" ? std::string() : first;
}

bool has_ies(const Frame& f)
{
    using namespace mgmt_subtype;
    const std::uint8_t st = f.fc.subtype;
    return f.is_management() && !f.fc.protected_frame && !f.mgmt.truncated &&
           (st == assoc_req || st == assoc_resp || st == reassoc_req || st == reassoc_resp || st == probe_req ||
            st == probe_resp || st == beacon);
}

// Addresses in tshark's terms (wlan.ra/ta/sa/da/bssid). Kismet's roles are the
// same for management and data frames except that Kismet substitutes the
// source for a zero ad-hoc BSSID; the raw header address is compared here.
void record_addresses(const Frame& f, OurFrame& out)
{
    out.has_addresses = true;
    if (const auto ra = f.receiver_address()) out.ra = tshark_mac(*ra);
    if (const auto ta = f.transmitter_address()) out.ta = tshark_mac(*ta);
    if (!f.is_management() && !f.is_data()) return;
    out.has_roles = true;
    out.sa = tshark_mac(f.roles.source);
    out.da = tshark_mac(f.roles.dest);
    if (f.is_data() && f.distribution == Distribution::adhoc) {
        out.header_bssid = tshark_mac(f.addr[2]);
    } else if (f.distribution != Distribution::inter_ds) {
        out.header_bssid = tshark_mac(f.roles.bssid);
    }
}

struct FileResult {
    std::vector<OurFrame> frames;
    std::map<std::string, unsigned> decap_errors;
    std::map<std::string, unsigned> not_80211;  // sound records carrying something else, by reason
    unsigned frame_errors = 0;
    unsigned kismet_corrupt = 0;
};

FileResult dissect_file(const PcapRecords& pcap)
{
    FileResult r;
    for (const auto& record : pcap.records) {
        OurFrame out;
        const Decapped d = decap(pcap.dlt, record);
        if (!d.ok) {
            ++(d.not_80211 ? r.not_80211 : r.decap_errors)[d.error];
            r.frames.push_back(out);
            continue;
        }
        if (d.frame.size() >= 1) out.type_subtype = ((d.frame[0] >> 2) & 0x03) << 4 | (d.frame[0] >> 4);
        const Frame f = parse_frame(d.frame, d.extras.header_padded);
        if (!f.ok) ++r.frame_errors;
        if (f.kismet_corrupt) ++r.kismet_corrupt;
        if (f.ok) record_addresses(f, out);
        if (f.eapol && f.eapol->key) {
            const EapolKey& k = *f.eapol->key;
            out.eapol_key = true;
            out.message = std::to_string(k.message_number());
            out.replay = std::to_string(k.replay_counter);
            out.nonce = airsight::hex_string(k.nonce);
            out.pmkid = airsight::hex_string(k.pmkid);
        }
        if (f.ok && has_ies(f)) {
            const Ies ies = parse_ies(f.mgmt.ies);
            out.ies_parsed = true;
            out.akms = join_types(ies.rsn.akms);
            out.pairwise = join_types(ies.rsn.pairwise);
            if (ies.extra_rsn) {  // tshark lists the suites of every RSN IE
                out.akms += "," + join_types(ies.extra_rsn->akms);
                out.pairwise += "," + join_types(ies.extra_rsn->pairwise);
            }
            if (f.is_beacon() || f.is_probe_response()) {
                out.advertisement = true;
                out.bssid = tshark_mac(f.roles.bssid);
                out.ssid_hex = airsight::hex_string(ies.ssid);
                // tshark's wlan.ds.current_channel is the DS IE; channel() must give it whenever there is one.
                out.channel = ies.ds_channel ? std::to_string(ies.channel()) : "";
            }
        }
        r.frames.push_back(out);
    }
    return r;
}

enum Column {
    col_number, col_type_subtype, col_bssid, col_ssid, col_channel, col_akms, col_pairwise,
    col_ra, col_ta, col_sa, col_da, col_eapol_message, col_eapol_replay, col_eapol_nonce, col_eapol_pmkid, col_count
};
const std::vector<std::string> tshark_columns = {
    "frame.number", "wlan.fc.type_subtype", "wlan.bssid", "wlan.ssid", "wlan.ds.current_channel",
    "wlan.rsn.akms.type", "wlan.rsn.pcs.type", "wlan.ra", "wlan.ta", "wlan.sa", "wlan.da",
    "wlan_rsna_eapol.keydes.msgnr", "eapol.keydes.replay_counter", "wlan_rsna_eapol.keydes.nonce",
    "wlan.rsn.ie.pmkid"};

std::vector<Mismatch> compare_with_tshark(const FileResult& ours, std::vector<std::vector<std::string>> rows)
{
    std::vector<Mismatch> out;
    for (auto& row : rows) row.resize(col_count);
    if (rows.size() != ours.frames.size())
        out.push_back({"records", 0, std::to_string(ours.frames.size()), std::to_string(rows.size())});

    std::map<int, unsigned> our_counts, their_counts;
    std::set<std::pair<std::string, std::string>> our_adverts, their_adverts;
    const std::size_t n = std::min(rows.size(), ours.frames.size());
    for (std::size_t i = 0; i < n; ++i) {
        const OurFrame& o = ours.frames[i];
        const auto& t = rows[i];
        const unsigned number = static_cast<unsigned>(i + 1);
        const int their_ts = t[col_type_subtype].empty() ? -1 : std::stoi(t[col_type_subtype], nullptr, 0);
        ++our_counts[o.type_subtype];
        ++their_counts[their_ts];
        if (o.type_subtype != their_ts)
            out.push_back({"type_subtype", number, std::to_string(o.type_subtype), std::to_string(their_ts)});

        const bool their_advert = their_ts == 0x05 || their_ts == 0x08;
        if (o.advertisement) our_adverts.insert({o.bssid, o.ssid_hex});
        if (their_advert) their_adverts.insert({t[col_bssid], tshark_ssid(t[col_ssid])});
        if (o.advertisement && their_advert) {
            if (o.bssid != t[col_bssid] || o.ssid_hex != tshark_ssid(t[col_ssid]))
                out.push_back({"advertisement", number, o.bssid + " " + o.ssid_hex, t[col_bssid] + " " + t[col_ssid]});
            if (o.channel != first_token(t[col_channel]))
                out.push_back({"channel", number, o.channel, t[col_channel]});
        } else if (o.advertisement != their_advert) {
            out.push_back({"advertisement", number, o.advertisement ? "parsed" : "not parsed",
                           their_advert ? "beacon/probe response" : "other"});
        }
        if (o.has_addresses && (o.ra != t[col_ra] || o.ta != t[col_ta]))
            out.push_back({"ra/ta", number, o.ra + " " + o.ta, t[col_ra] + " " + t[col_ta]});
        if (o.has_roles && (o.sa != t[col_sa] || o.da != t[col_da] || o.header_bssid != first_token(t[col_bssid])))
            out.push_back({"sa/da/bssid", number, o.sa + " " + o.da + " " + o.header_bssid,
                           t[col_sa] + " " + t[col_da] + " " + t[col_bssid]});
        const bool their_eapol = !t[col_eapol_replay].empty();
        if (o.eapol_key || their_eapol) {
            const std::string ours_key = o.message + " " + o.replay + " " + o.nonce + " " + o.pmkid;
            const std::string their_key = t[col_eapol_message] + " " + t[col_eapol_replay] + " " +
                                          t[col_eapol_nonce] + " " + t[col_eapol_pmkid];
            if (ours_key != their_key) out.push_back({"eapol", number, ours_key, their_key});
        }
        if (o.ies_parsed && (o.akms != t[col_akms] || o.pairwise != t[col_pairwise]))
            out.push_back({"rsn", number, "akm " + o.akms + " pcs " + o.pairwise,
                           "akm " + t[col_akms] + " pcs " + t[col_pairwise]});
    }
    if (our_counts != their_counts) out.push_back({"type_subtype_counts", 0, "differ", "differ"});
    if (our_adverts != their_adverts) out.push_back({"advertised_set", 0, "differ", "differ"});
    return out;
}

const Explanation* find_explanation(std::string_view file, const Mismatch& m)
{
    for (const Explanation& e : explanations)
        if (e.file == file && e.check == m.check && (e.frame == 0 || e.frame == m.frame)) return &e;
    return nullptr;
}

} // namespace

// meson runs this suite as its own test with --needs=captures,tshark: it is
// skipped (77) as a whole when either is missing, so here both must be there.
TEST_CASE("real captures: dissected without crashes and equal to tshark" * doctest::test_suite("needs-captures-tshark"))
{
    const std::filesystem::path dir = airsight::test::captures_dir();
    const std::vector<ManifestEntry> manifest = read_manifest(dir);
    REQUIRE_MESSAGE(!manifest.empty(), "MANIFEST.tsv missing or empty in " << dir.string());

    std::set<std::pair<std::string, std::string>> used_explanations;
    unsigned files_checked = 0;
    for (const ManifestEntry& entry : manifest) {
        CAPTURE(entry.file);
        if (entry.linktype != dlt_ieee802_11 && entry.linktype != dlt_radiotap && entry.linktype != dlt_ppi) {
            MESSAGE(entry.file << ": linktype " << entry.linktype << " is Bluetooth, not 802.11 - skipped");
            continue;
        }
        std::string error;
        const auto pcap = read_pcap(dir / entry.file, error);
        REQUIRE_MESSAGE(pcap, entry.file << ": libpcap cannot open it: " << error);
        CHECK(pcap->dlt == entry.linktype);

        const FileResult ours = dissect_file(*pcap);
        std::ostringstream errors;
        for (const auto& [text, count] : ours.decap_errors) errors << " [" << count << "x " << text << "]";
        MESSAGE(entry.file << ": " << ours.frames.size() << " records, decap errors:" << errors.str()
                           << " frame errors: " << ours.frame_errors << ", Kismet-corrupt: " << ours.kismet_corrupt
                           << (pcap->stopped_by.empty() ? "" : ", libpcap stopped: " + pcap->stopped_by));

        // The Ubertooth PPI capture wraps Bluetooth LE: every record is sound but not 802.11, no error.
        if (entry.linktype == dlt_ppi && entry.file == "pairing_and_ltk_exchange.pcap") {
            CHECK(ours.decap_errors.empty());
            CHECK(ours.not_80211.size() == 1);
            CHECK(ours.not_80211.count("PPI carries DLT 147, not 802.11") == 1);
            CHECK(ours.not_80211.begin()->second == ours.frames.size());
            continue;
        }
        CHECK(ours.not_80211.empty());

        const auto rows = tshark_fields(dir / entry.file, tshark_columns);
        REQUIRE_MESSAGE(rows, "could not run tshark on " << entry.file);
        ++files_checked;
        // Unexplained differences, reported per check with a few examples each.
        std::map<std::string, std::vector<const Mismatch*>> unexplained;
        const std::vector<Mismatch> mismatches = compare_with_tshark(ours, *rows);
        for (const Mismatch& m : mismatches) {
            if (const Explanation* e = find_explanation(entry.file, m)) {
                used_explanations.insert({std::string(e->file), std::string(e->check)});
                continue;
            }
            unexplained[m.check].push_back(&m);
        }
        for (const auto& [check, list] : unexplained) {
            std::ostringstream examples;
            for (std::size_t i = 0; i < list.size() && i < 3; ++i)
                examples << "\n  frame " << list[i]->frame << ": ours [" << list[i]->ours << "] tshark [" << list[i]->theirs << "]";
            FAIL_CHECK(entry.file << ": " << list.size() << " unexplained '" << check << "' differences" << examples.str());
        }
    }
    CHECK(files_checked > 15);
    // Every explanation must still be needed, so the list cannot hide a fixed (or new) behaviour.
    for (const Explanation& e : explanations) {
        if (e.file.empty()) continue;
        CHECK_MESSAGE(used_explanations.count({std::string(e.file), std::string(e.check)}) == 1,
                      "explanation no longer needed: " << e.file << " " << e.check);
    }
}
