// IE walk and the simple fixed-layout IEs; security, vendor and PHY IEs live
// in their own files.
#include "ie.h"

#include "ie_parts.h"

#include <airsight/crc32.h>

#include <algorithm>

namespace airsight::dot11 {

namespace {

void mark_kismet_corrupt(Ies& out, std::string_view reason)
{
    if (out.kismet_corrupt) return;  // keep the first reason
    out.kismet_corrupt = true;
    out.kismet_corrupt_reason = reason;
}

// Rate codes Kismet recognises (500 kb/s units, basic-rate bit removed); others are skipped.
bool kismet_known_rate(std::uint8_t code)
{
    static constexpr std::uint8_t known[] = {2, 3, 4, 5, 6, 9, 11, 12, 18, 22, 24, 27, 36, 44, 48, 54, 66, 72, 96, 108};
    return std::find(std::begin(known), std::end(known), code) != std::end(known);
}

void apply_rates(Bytes rates, Ies& out)
{
    // Old Metasploit D-Link exploit signature inside a rates IE: Kismet drops the frame.
    static constexpr std::uint8_t msf_signature[] = {0x75, 0xeb, 0x49};
    if (std::search(rates.begin(), rates.end(), std::begin(msf_signature), std::end(msf_signature)) != rates.end()) {
        out.extremes.msf_rates_signature = true;
        mark_kismet_corrupt(out, "rates IE carries the MSF D-Link exploit signature");
    }
    for (std::uint8_t code : rates) {
        if (code == 0xff) continue;  // HT PHY membership selector
        const std::uint8_t rate = code & 0x7f;
        if (kismet_known_rate(rate)) out.max_legacy_rate_mbps = std::max(out.max_legacy_rate_mbps, rate / 2.0);
    }
}

void apply_country(Bytes data, Ies& out)
{
    if (data.size() < 3 || out.country) return;
    Country country;
    country.code = {static_cast<char>(data[0]), static_cast<char>(data[1])};
    country.environment = static_cast<char>(data[2]);
    country.triplets = data.subspan(3);
    out.country = country;
}

void apply_cisco_ccx(Bytes data, Ies& out)
{
    // CCX1: 10 bytes we do not interpret, then a 16-byte NUL-padded AP name.
    if (data.size() < 26) return;
    const Bytes name = data.subspan(10, 16);
    const auto end = std::find(name.begin(), name.end(), std::uint8_t{0});
    out.cisco_ap_name = name.first(static_cast<std::size_t>(end - name.begin()));
}

void note_longest(std::uint8_t& longest, std::size_t length)
{
    longest = std::max(longest, static_cast<std::uint8_t>(length)); // an IE body is at most 255 bytes
}

void apply(const InformationElement& ie, Ies& out)
{
    const Bytes d = ie.data;
    switch (ie.id) {
    case ie_id::ssid:
        ++out.ssid_count;
        note_longest(out.extremes.longest_ssid, d.size());
        if (!out.has_ssid) {
            out.has_ssid = true;
            out.ssid = d;
        }
        if (d.size() > 32) mark_kismet_corrupt(out, "SSID longer than 32 bytes");
        break;
    case ie_id::supported_rates:
        if (out.supported_rates.empty()) out.supported_rates = d;
        apply_rates(d, out);
        break;
    case ie_id::extended_rates:
        if (out.extended_rates.empty()) out.extended_rates = d;
        apply_rates(d, out);
        break;
    case ie_id::ds_parameters:
        if (!d.empty() && !out.ds_channel) out.ds_channel = d[0];
        note_longest(out.extremes.longest_ds_parameters, d.size());
        if (d.size() > 1) mark_kismet_corrupt(out, "DS parameter IE longer than 1 byte");
        break;
    case ie_id::tim:
        if (d.size() >= 3 && !out.tim) out.tim = Tim{d[0], d[1], d[2], d.subspan(3)};
        break;
    case ie_id::country: apply_country(d, out); break;
    case ie_id::qbss_load:
        if (d.size() < 5) {
            mark_kismet_corrupt(out, "QBSS load IE shorter than 5 bytes");
        } else if (!out.qbss) {
            out.qbss = QbssLoad{load_le16(d.data()), d[2], load_le16(d.data() + 3)};
        }
        break;
    case ie_id::power_constraint:
        if (!d.empty() && !out.power_constraint) out.power_constraint = d[0];
        break;
    case ie_id::tpc_report:
        if (d.size() >= 2 && !out.tpc_tx_power) out.tpc_tx_power = static_cast<std::int8_t>(d[0]);
        break;
    case ie_id::rsn: {
        SecurityIe parsed = parse_rsn_ie(d);
        out.extremes.most_rsn_pairwise = std::max(out.extremes.most_rsn_pairwise, parsed.pairwise.declared);
        if (parsed.malformed) mark_kismet_corrupt(out, "RSN IE malformed");
        if (out.rsn_count++ == 0) {
            out.rsn = parsed;
        } else {
            out.extra_rsn = parsed;
        }
        break;
    }
    case ie_id::mobility_domain:
        if (d.size() < 3) {
            mark_kismet_corrupt(out, "mobility domain IE shorter than 3 bytes");
        } else if (!out.mobility_domain) {
            out.mobility_domain = MobilityDomain{load_le16(d.data()), d[2]};
        }
        break;
    case ie_id::mesh_id:
        if (out.mesh_id.empty()) out.mesh_id = d;
        break;
    case ie_id::extended_capabilities:
        if (out.extended_capabilities.empty()) out.extended_capabilities = d;
        note_longest(out.extremes.longest_extended_capabilities, d.size());
        break;
    case ie_id::cisco_ccx: apply_cisco_ccx(d, out); break;
    case ie_id::rsn_extension:
        if (out.rsn_extension.empty()) out.rsn_extension = d;
        break;
    case ie_id::vendor:
    case ie_id::vendor_150: {
        const std::string_view rejected = apply_vendor_ie(ie.id, d, out);
        if (!rejected.empty()) mark_kismet_corrupt(out, rejected);
        break;
    }
    default: {
        const std::string_view rejected = apply_phy_ie(ie, out);
        if (!rejected.empty()) mark_kismet_corrupt(out, rejected);
        break;
    }
    }
}

} // namespace

void SuiteList::push(Suite s)
{
    if (count < capacity) {
        items[count++] = s;
    } else {
        overflow = true;
    }
}

bool SuiteList::contains(Suite s) const
{
    const auto v = view();
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool Ies::ssid_cloaked() const
{
    return !has_ssid || std::all_of(ssid.begin(), ssid.end(), [](std::uint8_t b) { return b == 0; });
}

bool Ies::has_vendor(std::uint32_t oui, std::uint8_t type) const
{
    const auto v = vendor_ies();
    return std::any_of(v.begin(), v.end(), [&](const VendorIe& e) { return e.oui == oui && e.type == type; });
}

bool Ies::extended_capability(unsigned bit) const
{
    const std::size_t byte = bit / 8;
    return byte < extended_capabilities.size() && (extended_capabilities[byte] >> (bit % 8)) & 1;
}

Ies parse_ies(Bytes ies)
{
    Ies out;
    out.checksum = crc32(ies);
    const bool complete = for_each_ie(ies, [&](const InformationElement& ie) {
        ++out.count;
        apply(ie, out);
    });
    if (!complete) {
        out.truncated = true;
        mark_kismet_corrupt(out, "IE list truncated");
    }
    return out;
}

} // namespace airsight::dot11
