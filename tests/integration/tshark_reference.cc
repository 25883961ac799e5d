#include "tshark_reference.h"
#include "text_fields.h"

#include "server_process.h"

#include <airsight/hex.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace airsight::test {
namespace fs = std::filesystem;

namespace {

// The fields of the one tshark pass, in column order.
enum Column {
    c_frame, c_type_subtype, c_ds, c_bssid, c_ta, c_ra, c_sa, c_da, c_ssid, c_privacy, c_rsn_version, c_rsn_akms,
    c_wpa_version, c_ds_channel, c_ht_primary, c_radio_channel, c_fcs_status, c_malformed, c_count
};
constexpr std::array<const char*, c_count> kFields{
    "frame.number", "wlan.fc.type_subtype", "wlan.fc.ds", "wlan.bssid", "wlan.ta", "wlan.ra", "wlan.sa", "wlan.da",
    "wlan.ssid", "wlan.fixed.capabilities.privacy", "wlan.rsn.version", "wlan.rsn.akms.type",
    "wlan.wfa.ie.wpa.version", "wlan.ds.current_channel", "wlan.ht.info.primarychannel", "wlan_radio.channel",
    "wlan.fcs.status", "_ws.malformed",
};

std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// The first of tshark's comma-joined occurrences.
std::string first(const std::string& field) { return field.substr(0, field.find(',')); }

std::optional<unsigned long> number(const std::string& field)
{
    const std::string f = first(field);
    if (f.empty()) return std::nullopt;
    try {
        return std::stoul(f, nullptr, 0); // tshark 4.0 prints type_subtype and ds in hex ("0x0008")
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool usable_unicast(const std::string& mac)
{
    if (mac.size() != 17) return false;
    if (mac == "00:00:00:00:00:00") return false;
    const unsigned first_octet = static_cast<unsigned>(std::stoul(mac.substr(0, 2), nullptr, 16));
    return (first_octet & 1) == 0; // group bit clear
}

bool truthy(const std::string& field)
{
    const std::string f = first(field);
    return f == "1" || f == "True" || f == "true";
}

} // namespace

std::optional<fs::path> find_tshark()
{
    if (const char* env = std::getenv("TSHARK"); env && *env) {
        if (::access(env, X_OK) == 0) return fs::path(env);
        return std::nullopt;
    }
    const char* path = std::getenv("PATH");
    for (const std::string& dir : split(path ? path : "/usr/bin:/bin", ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / "tshark";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

std::string encryption_summary(bool rsn, const std::vector<unsigned>& rsn_akms, bool wpa_ie, bool privacy)
{
    if (rsn) {
        for (unsigned akm : rsn_akms)
            if (akm == 8 || akm == 9 || akm == 12 || akm == 13 || akm == 18 || akm == 24 || akm == 25) return "WPA3";
        return "WPA2";
    }
    if (wpa_ie) return "WPA";
    if (privacy) return "WEP";
    return "Open";
}

std::string printable_ssid_to_hex(const std::string& printable)
{
    std::string out;
    for (std::size_t i = 0; i < printable.size(); ++i) {
        auto byte = static_cast<unsigned char>(printable[i]);
        if (printable[i] == '\\' && i + 3 < printable.size() && printable[i + 1] == 'x' &&
            airsight::hex_digit_value(printable[i + 2]) >= 0 && airsight::hex_digit_value(printable[i + 3]) >= 0) {
            byte = static_cast<unsigned char>(airsight::hex_digit_value(printable[i + 2]) * 16 +
                                              airsight::hex_digit_value(printable[i + 3]));
            i += 3;
        }
        out += airsight::hex_digit(byte >> 4);
        out += airsight::hex_digit(byte);
    }
    return out;
}

std::string describe_ssid(const std::string& hex)
{
    if (hex.empty()) return "(empty)";
    std::string text;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        const int b = airsight::hex_digit_value(hex[i]) * 16 + airsight::hex_digit_value(hex[i + 1]);
        if (b >= 0x20 && b < 0x7f) {
            text += static_cast<char>(b);
        } else {
            text += "\\x";
            text += hex.substr(i, 2);
        }
    }
    return "'" + text + "'";
}

Reference read_reference(const fs::path& tshark, const fs::path& capture)
{
    TempDir dir;
    const fs::path err = dir.path() / "tshark.stderr";
    // -n: no name resolution. wlan.check_checksum: have tshark verify the FCS
    // (it does not by default), so bad-FCS frames can be named.
    std::string cmd = shell_quote(tshark.string()) + " -n -r " + shell_quote(capture.string()) +
                      " -o wlan.check_checksum:TRUE -T fields -E separator=/t -E occurrence=a -E aggregator=,";
    for (const char* f : kFields) cmd += std::string(" -e ") + f;
    cmd += " 2>" + shell_quote(err.string());

    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + cmd);
    std::string out;
    std::array<char, 65536> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(pipe);

    Reference ref;
    {
        std::ifstream in(err);
        std::stringstream s;
        s << in.rdbuf();
        ref.diagnostics = s.str();
    }
    ref.cut_short = ref.diagnostics.find("cut short") != std::string::npos;
    if (out.empty() && status != 0)
        throw std::runtime_error("tshark failed on " + capture.string() + ": " + ref.diagnostics);

    std::istringstream lines(out);
    std::string line;
    // Null frames link a client to its BSS only when other frames made both
    // devices (Kismet creates no device from a null frame): decided at the end.
    std::set<std::string> made_by_other_frames;
    std::vector<std::pair<std::pair<std::string, std::string>, unsigned long>> null_links;
    while (std::getline(lines, line)) {
        std::vector<std::string> col = split(line, '\t');
        if (col.size() < c_count) col.resize(c_count);
        const auto frame = number(col[c_frame]);
        if (!frame) continue;
        ++ref.frames;
        if (number(col[c_fcs_status]) == 0ul) ref.bad_fcs_frames.insert(*frame);
        if (!col[c_malformed].empty()) ref.malformed_frames.insert(*frame);

        const auto type_subtype = number(col[c_type_subtype]);
        if (!type_subtype) continue;
        const std::string bssid = upper(first(col[c_bssid]));
        if (*type_subtype < 0x10 || (*type_subtype >= 0x20 && *type_subtype <= 0x2f)) {
            std::string tx = upper(first(col[c_ta]));
            if (tx.empty()) tx = upper(first(col[c_sa]));
            // Null and QoS-null frames (0x24, 0x2c) name no device: Kismet
            // creates none from them (they are often corrupt), it only counts
            // them for devices other frames made.
            if (*type_subtype != 0x24 && *type_subtype != 0x2c) {
                if (usable_unicast(tx)) ref.transmitters[tx].frames.push_back(*frame);
                for (int c : {c_ta, c_ra, c_sa, c_da, c_bssid}) made_by_other_frames.insert(upper(first(col[c])));
                const std::string sa = upper(first(col[c_sa]));
                std::set<std::string> receivers{upper(first(col[c_ra])), upper(first(col[c_da]))};
                for (const std::string& rx : receivers)
                    if (usable_unicast(rx) && rx != tx && rx != sa) ref.receivers[rx].frames.push_back(*frame);
            }
        }

        // Beacons (0x08) and probe responses (0x05): the AP's advertisement.
        if (*type_subtype == 0x08 || *type_subtype == 0x05) {
            if (!usable_unicast(bssid)) continue;
            ReferenceAp& ap = ref.aps[bssid];
            ap.frames.push_back(*frame);
            std::vector<unsigned> akms;
            for (const std::string& a : split(col[c_rsn_akms], ','))
                if (auto v = number(a)) akms.push_back(static_cast<unsigned>(*v));
            const std::string crypt = encryption_summary(!col[c_rsn_version].empty(), akms,
                                                         !col[c_wpa_version].empty(), truthy(col[c_privacy]));
            std::string channel = first(col[c_ds_channel]);
            if (channel.empty()) channel = first(col[c_ht_primary]);
            if (channel.empty()) channel = first(col[c_radio_channel]);
            ap.last_crypt = crypt;
            if (!channel.empty()) ap.last_channel = channel;
            std::string ssid = first(col[c_ssid]);
            const bool has_element = !ssid.empty();
            if (ssid == "<MISSING>") ssid.clear(); // tshark's text for a zero-length SSID element
            const std::string key = (*type_subtype == 0x08 ? "beacon " : "response ") + ssid;
            if (ap.named.insert(key).second)
                ap.name = ssid.find_first_not_of('0') == std::string::npos ? "MAC" : ssid;
            if (!has_element) continue;
            ReferenceSsid& r = ap.ssids[key];
            r.crypts.insert(crypt);
            r.last_crypt = crypt;
            if (!channel.empty()) r.last_channel = channel;
            continue;
        }
        // Probe requests (0x04) for a named SSID.
        if (*type_subtype == 0x04) {
            const std::string client = upper(first(col[c_sa]));
            const std::string ssid = first(col[c_ssid]);
            if (usable_unicast(client) && !ssid.empty() && ssid != "<MISSING>")
                ref.probes[{client, ssid}].frames.push_back(*frame);
            continue;
        }
        // (Re)association requests (0x00, 0x02): the sender joins the BSS.
        if (*type_subtype == 0x00 || *type_subtype == 0x02) {
            const std::string client = upper(first(col[c_sa]));
            if (usable_unicast(bssid) && usable_unicast(client) && client != bssid)
                ref.clients[{bssid, client}].frames.push_back(*frame);
            continue;
        }
        // Data frames (0x20-0x2f) to or from the DS, not 4-address WDS ones:
        // the client is the unicast address that is not the BSSID.
        if (*type_subtype >= 0x20 && *type_subtype <= 0x2f) {
            const auto ds = number(col[c_ds]);
            if (!ds || (*ds != 1 && *ds != 2)) continue;
            const std::string client = upper(first(*ds == 1 ? col[c_ta] : col[c_ra]));
            if (!usable_unicast(bssid) || !usable_unicast(client) || client == bssid) continue;
            if (*type_subtype == 0x24 || *type_subtype == 0x2c)
                null_links.push_back({{bssid, client}, *frame});
            else
                ref.clients[{bssid, client}].frames.push_back(*frame);
        }
    }
    for (const auto& [link, frame] : null_links)
        if (made_by_other_frames.count(link.first) && made_by_other_frames.count(link.second))
            ref.clients[link].frames.push_back(frame);
    if (ref.frames == 0 && status != 0)
        throw std::runtime_error("tshark read no frames from " + capture.string() + ": " + ref.diagnostics);
    return ref;
}

} // namespace airsight::test
