#include "ids/frame_alerts.h"

#include "ids/frame_alert_event.h"
#include "phy/dot11_device.h"

#include <airsight/printable.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <string>

namespace airsight::dot11::ids {

namespace {

// Kismet's limits and signatures (phy_80211_dissectors.cc, phy_80211_packetsignatures.h).
constexpr std::size_t kMaxSsidLength = 32;
constexpr std::size_t kDsParameterLength = 1;
constexpr std::size_t kMaxExtendedCapabilitiesLength = 15;
constexpr std::size_t kMaxWmmLength = 24;             // the IE body, OUI included
constexpr std::size_t kMaxWmmTspecs = 4;
constexpr std::size_t kMaxRsnPairwise = 1024;
constexpr std::size_t kMaxP2pAbsenceLength = 28;      // rtlwifi holds 2 descriptors: (28 - 2) / 13
constexpr unsigned kMaxNeighborChannel = 224;
constexpr std::size_t kMaxEapolLength = 512;
constexpr std::size_t kMaxAesKeyDataLength = 0x80;
constexpr std::size_t kMaxKeyDataLength = 0x101;
constexpr std::uint32_t kMsfBroadcomOui = 0x90e975;   // the Broadcom exploit's beacon source
constexpr std::uint32_t kKarmaOui = 0x001337;
constexpr std::size_t kNetgearSignatureOffset = 1180; // from the start of the 802.11 frame
constexpr std::array<std::uint8_t, 4> kNetgearSignature{0x6a, 0x39, 0x58, 0x01};

constexpr std::uint8_t kActionRadioMeasurement = 5;
constexpr std::uint8_t kIeNeighborReport = 52;
constexpr std::size_t kNeighborChannelOffset = 11;    // BSSID 6, BSSID info 4, operating class 1
constexpr std::uint8_t kEapolTypeKey = 3;
constexpr std::uint8_t kKeyDescriptorRsn = 2;
constexpr std::uint8_t kKeyVersionAesSha1 = 2;
constexpr std::size_t kRsnKeyFixedLength = 95;        // descriptor type through key data length

std::string num(std::size_t n) { return std::to_string(n); }

bool has_format_sequence(Bytes ssid)
{
    for (std::size_t i = 0; i + 1 < ssid.size(); ++i) {
        if (ssid[i] != '%') continue;
        const std::uint8_t c = ssid[i + 1];
        if (c == 's' || c == 'n' || c == 'p' || c == '@') return true;
    }
    return false;
}

bool equals(Bytes bytes, std::string_view text)
{
    return bytes.size() == text.size() && std::equal(bytes.begin(), bytes.end(), text.begin());
}

// The channel an alert names: the one the frame advertises, else the one it
// was heard on.
} // namespace

FrameAlertOptions frame_alert_options(const ConfigView& config, MessageBus& messages)
{
    FrameAlertOptions options;
    if (const auto text = config.value("dot11_max_signal")) {
        int value = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (ec == std::errc() && end == text->data() + text->size())
            options.max_signal_dbm = value;
        else
            messages.post("dot11_max_signal '" + *text + "' is not a whole number of dBm; using " +
                              std::to_string(options.max_signal_dbm),
                          MSG_ERROR);
    }
    for (const std::string& line : config.values("ssidcanary")) {
        try {
            options.canaries.add(line);
        } catch (const std::invalid_argument& e) {
            messages.post(std::string(e.what()) + "; this canary is ignored", MSG_ERROR);
        }
    }
    return options;
}

FrameAlerts::FrameAlerts(AlertTracker& alerts, std::int64_t phy, FrameAlertOptions options)
    : alerts_(alerts), refs_(define_frame_alerts(alerts, phy)), options_(std::move(options))
{
}

template <typename Text> void FrameAlerts::raise(AlertRef ref, const Packet& p, const Dissection& d, Text&& text) const
{
    if (!alerts_.would_raise(ref)) return;
    char digits[8];
    const std::string_view channel = frame_alert_channel(p, d.has_ies ? d.ies.channel() : 0, digits);
    const std::string body = text();
    alerts_.raise(ref, frame_alert_event(p, d.frame, channel, body));
}

void FrameAlerts::observe(const Packet& p, const Dissection& d) const
{
    if (!d.dissected) return;
    // Every source's copy: the signal is the source's own (its amplifier).
    if (p.radio.signal_dbm && *p.radio.signal_dbm > options_.max_signal_dbm && *p.radio.signal_dbm < 0) {
        const int dbm = *p.radio.signal_dbm;
        raise(refs_.overpowered, p, d, [&] {
            return "Frame heard at " + std::to_string(dbm) + " dBm, above the threshold of " +
                   std::to_string(options_.max_signal_dbm) +
                   " dBm (dot11_max_signal); an over-driven external amplifier loses frames.";
        });
    }
    if (p.duplicate) return; // the first source's copy was judged already
    const Frame& f = d.frame;
    if (f.is_management())
        management(p, d);
    else if (f.eapol)
        eapol(p, d);
}

void FrameAlerts::management(const Packet& p, const Dissection& d) const
{
    const Frame& f = d.frame;
    if (f.mgmt.truncated) return;
    switch (f.fc.subtype) {
    case mgmt_subtype::beacon:
        // Kismet's frame dissector looks for these on every beacon.
        if (f.roles.source.oui() == kMsfBroadcomOui)
            raise(refs_.msfbcomssid, p, d, [&] {
                return "Beacon from " + f.roles.source.str() +
                       " shaped like the Metasploit attack on Broadcom drivers";
            });
        if (p.payload.size() >= kNetgearSignatureOffset + kNetgearSignature.size() &&
            std::equal(kNetgearSignature.begin(), kNetgearSignature.end(), p.payload.begin() + kNetgearSignatureOffset))
            raise(refs_.msfnetgearbeacon, p, d, [&] {
                return "Over-sized beacon from " + f.roles.source.str() +
                       " carrying the Metasploit Netgear driver attack's options";
            });
        advertisement(p, d, true);
        break;
    case mgmt_subtype::probe_resp: advertisement(p, d, false); break;
    case mgmt_subtype::probe_req:
        if (d.has_ies) ie_anomalies(p, d, false);
        if (d.new_ssid && !options_.canaries.empty()) ssid_checks(p, d, "probing for");
        break;
    case mgmt_subtype::assoc_req:
    case mgmt_subtype::reassoc_req:
        if (d.has_ies) ie_anomalies(p, d, false);
        break;
    case mgmt_subtype::assoc_resp:
        // Kismet means to count TSPECs here but never dissects the IEs of an
        // association response; raised as the alert describes.
        if (d.has_ies && !d.ies.truncated && d.ies.extremes.wmm_tspec_count > kMaxWmmTspecs)
            raise(refs_.wmmtspec, p, d, [&] {
                return "Access point " + f.roles.bssid.str() + " sent an association response with " +
                       num(d.ies.extremes.wmm_tspec_count) +
                       " WMM TSPEC elements (more than 4), as in the CVE-2017-11013 attack on Atheros drivers";
            });
        break;
    case mgmt_subtype::action:
        if (!f.fc.protected_frame && f.mgmt.action_category == kActionRadioMeasurement) neighbor_report(p, d);
        break;
    default: break;
    }
}

// Beacons and probe responses: Kismet reads their IEs only when they differ
// from the AP's last advertisement, and checks SSIDs only when new to the AP.
void FrameAlerts::advertisement(const Packet& p, const Dissection& d, bool beacon) const
{
    if (!d.has_ies || !d.advert_changed) return;
    ie_anomalies(p, d, beacon);
    if (d.ies.kismet_corrupt) return; // Kismet stops at IEs it cannot read
    const Frame& f = d.frame;
    if (!beacon && f.roles.source.oui() == kKarmaOui)
        raise(refs_.karmaoui, p, d, [&] {
            return "Probe response from " + f.roles.source.str() +
                   " in OUI 00:13:37, the mark of a Karma impersonation attack";
        });
    if (d.new_ssid) ssid_checks(p, d, beacon ? "advertising" : "responding for");
}

void FrameAlerts::ie_anomalies(const Packet& p, const Dissection& d, bool beacon) const
{
    const Ies& ies = d.ies;
    if (ies.truncated) return; // Kismet drops an IE list that runs past the frame before looking at any IE
    const IeExtremes& x = ies.extremes;
    const Frame& f = d.frame;
    const auto from = [&] { return f.roles.source.str() + " (BSSID " + f.roles.bssid.str() + ")"; };
    if (x.longest_ssid > kMaxSsidLength)
        raise(refs_.longssid, p, d, [&] {
            return "Frame from " + from() + " carries a " + num(x.longest_ssid) +
                   "-byte SSID, over the 32 allowed: an attack on drivers that mishandle it, or heavy corruption";
        });
    if (x.msf_rates_signature)
        raise(refs_.msfdlinkrate, p, d, [&] {
            return "Frame from " + from() + " has a rates field shaped like the Metasploit D-Link driver attack";
        });
    if (x.longest_ds_parameters > kDsParameterLength)
        raise(refs_.badfixlenie, p, d, [&] {
            return "Frame from " + from() + " to " + f.roles.dest.str() + " has a DS parameter IE (3) of " +
                   num(x.longest_ds_parameters) +
                   " bytes where 1 is fixed: an unknown overflow attempt or a misconfigured device";
        });
    if (x.most_rsn_pairwise > kMaxRsnPairwise)
        raise(refs_.rsnloop, p, d, [&] {
            return "Frame from " + from() + " has an RSN IE declaring " + num(x.most_rsn_pairwise) +
                   " pairwise ciphers, as in the CVE-2017-9714 attack on Atheros drivers";
        });
    if (x.longest_extended_capabilities > kMaxExtendedCapabilitiesLength)
        raise(refs_.qcomextended, p, d, [&] {
            return "Frame from " + from() + " has an extended capabilities IE (127) of " +
                   num(x.longest_extended_capabilities) +
                   " bytes (usually 10 to 15), as in the CVE-2019-10539 attack on Qualcomm drivers";
        });
    if (beacon && x.longest_wmm > kMaxWmmLength)
        raise(refs_.wmmoverflow, p, d, [&] {
            return "Access point " + f.roles.bssid.str() + " beacons a " + num(x.longest_wmm) +
                   "-byte WMM IE (24 at most), as in the Broadpwn attack on Broadcom chips";
        });
    if (x.longest_p2p_absence > kMaxP2pAbsenceLength)
        raise(refs_.rtlwifip2p, p, d, [&] {
            return "Wi-Fi Direct frame from " + from() + " has a " + num(x.longest_p2p_absence) +
                   "-byte Notice of Absence, longer than the rtlwifi driver holds (CVE-2019-17666)";
        });
}

void FrameAlerts::ssid_checks(const Packet& p, const Dissection& d, std::string_view verb) const
{
    const Bytes ssid = d.ies.ssid;
    if (ssid.empty()) return;
    const Frame& f = d.frame;
    const bool probe = f.fc.subtype == mgmt_subtype::probe_req;
    const MacAddr& who = probe ? f.roles.source : f.roles.bssid;
    if (!probe) {
        if (has_format_sequence(ssid))
            raise(refs_.formatstring, p, d, [&] {
                return "Access point " + who.str() + " is " + std::string(verb) + " SSID \"" + printable_text(ssid) +
                       "\", whose printf format sequences crash some devices";
            });
        if (equals(ssid, "AirJack"))
            raise(refs_.airjackssid, p, d, [&] {
                return "Access point " + who.str() + " is " + std::string(verb) +
                       " SSID \"AirJack\", the mark of old tools that disrupt networks";
            });
    }
    if (options_.canaries.empty() || !alerts_.would_raise(refs_.ssidcanary)) return;
    const std::string printable = printable_text(ssid);
    for (const SsidCanaries::Canary& canary : options_.canaries.canaries())
        if (canary.matches(printable))
            raise(refs_.ssidcanary, p, d, [&] {
                return "Device " + who.str() + " is " + std::string(verb) + " canary SSID \"" + printable + "\" (" +
                       canary.name + ": " + canary.pattern + ")";
            });
}

// An 802.11k radio measurement action frame: category, action, dialog
// token, then IEs; a neighbor report naming a channel above 224.
void FrameAlerts::neighbor_report(const Packet& p, const Dissection& d) const
{
    const Bytes body = d.frame.body;
    if (body.size() < 3) return;
    unsigned highest = 0;
    const bool complete = for_each_ie(body.subspan(3), [&](const InformationElement& ie) {
        if (ie.id == kIeNeighborReport && ie.data.size() > kNeighborChannelOffset + 1)
            highest = std::max<unsigned>(highest, ie.data[kNeighborChannelOffset]);
    });
    if (!complete || highest <= kMaxNeighborChannel) return; // Kismet drops a truncated list whole
    raise(refs_.bcom11kchan, p, d, [&] {
        return "Access point " + d.frame.roles.bssid.str() + " sent an 802.11k neighbor report naming channel " +
               num(highest) + ", above the highest (224): an attack on Broadcom chips in mobile devices";
    });
}

void FrameAlerts::eapol(const Packet& p, const Dissection& d) const
{
    const Frame& f = d.frame;
    const Eapol& e = *f.eapol;
    // Kismet reads EAPOL-Key frames from plain (QoS) data frames, and only
    // when the whole 802.1X body the header announces was captured.
    if (e.type != kEapolTypeKey || (f.fc.subtype != data_subtype::data && f.fc.subtype != data_subtype::qos_data) ||
        f.llc_payload.size() < 4 + std::size_t{e.length})
        return;
    if (e.length > kMaxEapolLength)
        raise(refs_.rtl8195vd1406, p, d, [&] {
            return "EAPOL key frame from " + f.roles.source.str() + " is " + num(e.length) +
                   " bytes long; over 512 bytes overflows Realtek 8195 devices";
        });
    if (!e.key) return;
    const EapolKey& k = *e.key;
    // A third handshake message (install, ack, from the AP) with a key too
    // long for any real one.
    if (k.descriptor_type != kKeyDescriptorRsn || k.key_data_truncated || k.key_data_length == 0 ||
        kRsnKeyFixedLength + k.key_data_length > e.length || !k.install() || !k.ack() ||
        f.distribution != Distribution::from_ds)
        return;
    if (k.descriptor_version() == kKeyVersionAesSha1 && k.key_data_length > kMaxAesKeyDataLength)
        raise(refs_.vdoo202027302, p, d, [&] {
            return "Handshake from " + f.roles.bssid.str() + " carries a " + num(k.key_data_length) +
                   "-byte AES key, as in the CVE-2020-27302 attack on Realtek 8710C modules";
        });
    else if (k.key_data_length > kMaxKeyDataLength)
        raise(refs_.vdoo202027301, p, d, [&] {
            return "Handshake from " + f.roles.bssid.str() + " carries a " + num(k.key_data_length) +
                   "-byte key, as in the CVE-2020-27301 attack on Realtek 8710C modules";
        });
}

} // namespace airsight::dot11::ids
