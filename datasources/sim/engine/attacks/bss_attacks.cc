#include "engine/attacks/bss_attacks.h"

#include "engine/channels.h"
#include "engine/ies.h"

#include <string_view>

namespace airsight::sim {
namespace {

constexpr std::uint8_t kBeacon = 8;

// How a forged beacon departs from the target's own.
struct Forgery {
    MacAddr bssid{};                    // zero: the target's
    int channel = 0;                    // advertised (DS, HT, VHT); 0: the target's
    bool open = false;                  // no RSN/WPA element, no privacy bit
    bool sae = false;                   // WPA3-SAE instead of the target's security
    std::uint16_t interval_tu = 0;      // 0: the target's (kBeaconIntervalUsec)
    std::string_view country{};         // two letters; empty: the target's (the sim's APs say US)
    bool ibss = false;                  // the IBSS capability instead of ESS
    std::uint64_t tsf_offset_usec = 0;  // added to the target's TSF (another clock)
};

// The target's beacon as FrameBuilder writes it (frames.cc), element by
// element, with the forgery's changes; the TIM is left out.
void forged_beacon(const AttackFrame& f, ByteSink& out, const Forgery& forgery)
{
    const AccessPoint& ap = f.target;
    const MacAddr bssid = forgery.bssid.is_zero() ? ap.bssid : forgery.bssid;
    const int channel = forgery.channel ? forgery.channel : ap.channel;
    const bool five = is_5ghz(channel);
    const Security security = forgery.open ? Security::Open : forgery.sae ? Security::Wpa3Sae : ap.security;
    attack_mgmt_header(out, kBeacon, f, kBroadcastMac, bssid, bssid);
    // The target's clock, so that only the BSSTIMESTAMP attack looks like a second transmitter.
    out.le64(ap.tsf_at_start + (f.ts_usec - f.world.config.start_usec) + forgery.tsf_offset_usec);
    out.le16(forgery.interval_tu ? forgery.interval_tu : static_cast<std::uint16_t>(kBeaconIntervalUsec / 1024));
    std::uint16_t capability = forgery.ibss ? 0x0002 : 0x0001;
    if (encrypts_data(security)) capability |= 0x0010;
    if (!five) capability |= 0x0020 | 0x0400;
    out.le16(capability);
    ie::ssid(out, ap.hidden ? std::string_view{} : std::string_view{ap.ssid});
    ie::supported_rates(out, five);
    ie::ds_parameter(out, channel);
    // The sim's country element, with another code when forged.
    const std::size_t country_at = out.size();
    ie::country(out, five);
    if (!forgery.country.empty()) {
        out.at(country_at + 2)[0] = static_cast<std::uint8_t>(forgery.country[0]);
        out.at(country_at + 3)[0] = static_cast<std::uint8_t>(forgery.country[1]);
    }
    if (!five) {
        ie::erp(out);
        ie::extended_rates(out);
    }
    ie::rsn(out, security);
    if (ap.ht) {
        ie::ht_capabilities(out, five);
        ie::ht_operation(out, channel);
    }
    if (ap.vht) {
        ie::vht_capabilities(out);
        ie::vht_operation(out, channel);
    }
    if (security == Security::WpaTkip) ie::wpa(out);
    if (ap.ht) ie::wmm_parameter(out);
    if (ap.wps) ie::wps(out, ap, false);
}

int another_channel(int channel)
{
    if (is_5ghz(channel)) return channel == 36 ? 44 : 36;
    return channel == 6 ? 11 : 6;
}

void chanchange(const AttackFrame& f, ByteSink& out)
{
    forged_beacon(f, out, {.channel = another_channel(f.target.channel)});
}

// Another clock: the forged beacons and the target's alternate, each out of
// step with the one before by about a day.
void bsstimestamp(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.tsf_offset_usec = 86'400'000'000}); }

void apspoof(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.bssid = kApspoofMac}); }
void cryptodrop(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.open = true}); }
void advcryptchange(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.sae = true}); }
void beaconrate(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.interval_tu = 200}); }
void dot11d(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.country = "DE"}); }
void adhocconflict(const AttackFrame& f, ByteSink& out) { forged_beacon(f, out, {.ibss = true}); }

constexpr AttackSpec kChanchange{
    .name = "chanchange",
    .alerts = "CHANCHANGE",
    .description = "beacons with the target's BSSID advertise another channel",
    .period_usec = 5'000'000,
    .build = chanchange,
};
constexpr AttackSpec kBsstimestamp{
    .name = "bsstimestamp",
    .alerts = "BSSTIMESTAMP",
    .description = "a second transmitter beacons with the target's BSSID and its own clock",
    .period_usec = 10'000'000,
    .frames_per_burst = 10,
    .spacing_usec = 100'000, // about the beacon interval: the two alternate
    .build = bsstimestamp,
};
constexpr AttackSpec kApspoof{
    .name = "apspoof",
    .alerts = "APSPOOF",
    .description = "another MAC advertises the target's SSID (with apspoof= naming the target's BSSID as valid)",
    .period_usec = 5'000'000,
    .build = apspoof,
};
constexpr AttackSpec kCryptodrop{
    .name = "cryptodrop",
    .alerts = "CRYPTODROP,ADVCRYPTCHANGE", // the target's next beacon brings its encryption back
    .description = "beacons with the target's BSSID advertise an open network",
    .period_usec = 5'000'000,
    .build = cryptodrop,
};
constexpr AttackSpec kAdvcryptchange{
    .name = "advcryptchange",
    .alerts = "ADVCRYPTCHANGE",
    .description = "beacons with the target's BSSID advertise WPA3-SAE",
    .period_usec = 5'000'000,
    .build = advcryptchange,
};
constexpr AttackSpec kBeaconrate{
    .name = "beaconrate",
    .alerts = "BEACONRATE",
    .description = "beacons with the target's BSSID advertise a beacon interval of 200 TU",
    .period_usec = 5'000'000,
    .build = beaconrate,
};
constexpr AttackSpec kDot11d{
    .name = "dot11d",
    .alerts = "DOT11D",
    .description = "beacons with the target's BSSID advertise the 802.11d country DE",
    .period_usec = 5'000'000,
    .build = dot11d,
};
constexpr AttackSpec kAdhocconflict{
    .name = "adhocconflict",
    .alerts = "ADHOCCONFLICT",
    .description = "beacons with the target's BSSID advertise an ad-hoc (IBSS) network",
    .period_usec = 5'000'000,
    .build = adhocconflict,
};

constexpr const AttackSpec* kAttacks[] = {&kChanchange, &kBsstimestamp, &kApspoof,  &kCryptodrop,
                                          &kAdvcryptchange, &kBeaconrate, &kDot11d, &kAdhocconflict};

} // namespace

std::span<const AttackSpec* const> bss_attacks() { return kAttacks; }

} // namespace airsight::sim
