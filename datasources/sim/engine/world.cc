#include "world.h"

#include "attacks/attack.h"
#include "channels.h"
#include "prng.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace airsight::sim {
namespace {

// One of each kind of network an IDS should recognise. APs take these in turn;
// indices 0/9 and 3/8 share an SSID so clients can roam between them.
struct Profile {
    const char* ssid;
    Security security;
    bool hidden;
    bool wps;
};
constexpr Profile kProfiles[] = {
    {"Home Network", Security::Wpa2Psk, false, true},
    {"Café Lumière", Security::Open, false, false}, // non-ASCII UTF-8 and a space
    {"Aurora", Security::Wpa3Sae, false, false},
    {"CorpNet", Security::Wpa2Enterprise, false, false},
    {"OldLink", Security::Wep, false, false},
    {"LegacyWPA", Security::WpaTkip, false, true},
    {"OpenSecure", Security::Owe, false, false},
    {"LabHidden", Security::Wpa2Psk, true, false},
    {"CorpNet", Security::Wpa2Enterprise, false, false},
    {"Home Network", Security::Wpa2Psk, false, false},
};
constexpr int kProfileCount = static_cast<int>(std::size(kProfiles));

struct Vendor {
    std::uint8_t oui[3];
    const char* name;
};
// Real manufacturers' OUIs, so the IDS's manufacturer look-up has work to do.
constexpr Vendor kApVendors[] = {
    {{0x00, 0x0B, 0x86}, "Aruba"},   {{0x00, 0x18, 0x0A}, "Cisco Meraki"},
    {{0x24, 0xA4, 0x3C}, "Ubiquiti"}, {{0x50, 0xC7, 0xBF}, "TP-Link"},
    {{0xA0, 0x04, 0x60}, "Netgear"},  {{0xC8, 0xD7, 0x19}, "Cisco-Linksys"},
};
constexpr Vendor kClientVendors[] = {
    {{0xA4, 0x83, 0xE7}, "Apple"},  {{0x3C, 0xA9, 0xF4}, "Intel"},
    {{0x5C, 0x0A, 0x5B}, "Samsung"}, {{0xF4, 0xF5, 0xD8}, "Google"},
};
// Public BLE addresses of beacon and sensor makers (Texas Instruments, Minew).
constexpr Vendor kBleVendors[] = {{{0xC8, 0xFD, 0x19}, "Texas Instruments"}, {{0xAC, 0x23, 0x3F}, "Minew"}};
// Remote ID modules' Wi-Fi (Espressif: most add-on broadcast modules).
constexpr Vendor kDroneVendor = {{0x84, 0xCC, 0xA8}, "Espressif"};
constexpr Vendor kRouterVendor = {{0x00, 0x14, 0x6C}, "Netgear"};
constexpr Vendor kEvilTwinVendor = {{0x00, 0xC0, 0xCA}, "ALFA"};

class MacFactory {
public:
    explicit MacFactory(Prng& prng) : prng_(prng) {}

    MacAddr vendor(const Vendor& v)
    {
        for (;;) {
            MacAddr m;
            std::copy(std::begin(v.oui), std::end(v.oui), m.bytes.begin());
            for (int i = 3; i < 6; ++i) m.bytes[i] = static_cast<std::uint8_t>(prng_.next());
            if (used_.insert(m).second) return m;
        }
    }

    /// A BLE static random address: the two most significant bits set (Core spec Vol 6 Part B 1.3.2.1).
    MacAddr static_random()
    {
        for (;;) {
            MacAddr m;
            for (auto& b : m.bytes) b = static_cast<std::uint8_t>(prng_.next());
            m.bytes[0] |= 0xC0;
            if (used_.insert(m).second) return m;
        }
    }

    /// A randomized MAC: locally administered, unicast.
    MacAddr randomized()
    {
        for (;;) {
            MacAddr m;
            for (auto& b : m.bytes) b = static_cast<std::uint8_t>(prng_.next());
            m.bytes[0] = static_cast<std::uint8_t>((m.bytes[0] & 0xFC) | 0x02);
            if (used_.insert(m).second) return m;
        }
    }

private:
    Prng& prng_;
    std::set<MacAddr> used_; // MACs stay unique across the whole world
};

void check(const WorldConfig& config)
{
    if (config.access_points < 0 || config.clients < 0 || config.ble_advertisers < 0 || config.drones < 0)
        throw std::invalid_argument("sim world: access_points, clients, ble_advertisers and drones must not be negative");
    if (config.channels.empty()) throw std::invalid_argument("sim world: no channels");
    for (int c : config.channels)
        if (!is_valid_channel(c)) throw std::invalid_argument("sim world: unknown channel " + std::to_string(c));
}

AccessPoint make_ap(int index, int channel, Prng& prng, MacFactory& macs)
{
    const Profile& p = kProfiles[index % kProfileCount];
    const int round = index / kProfileCount; // later rounds get "Name 2", "Name 3", ...
    const Vendor& vendor = kApVendors[prng.below(std::size(kApVendors))];
    AccessPoint ap;
    ap.bssid = macs.vendor(vendor);
    ap.vendor = vendor.name;
    ap.ssid = round == 0 ? p.ssid : std::string(p.ssid) + " " + std::to_string(round + 1);
    ap.hidden = p.hidden;
    ap.security = p.security;
    ap.wps = p.wps;
    ap.channel = channel;
    ap.freq_mhz = channel_freq_mhz(channel);
    ap.signal_dbm = static_cast<int>(prng.between(-85, -35));
    ap.ht = p.security != Security::Wep && p.security != Security::WpaTkip;
    ap.vht = ap.ht && is_5ghz(channel);
    ap.gateway = macs.vendor(kRouterVendor);
    ap.tsf_at_start = static_cast<std::uint64_t>(prng.between(60'000'000, 30LL * 86'400'000'000));
    ap.first_beacon_usec = prng.below(kBeaconIntervalUsec);
    ap.dtim_period = static_cast<std::uint8_t>(prng.chance(50) ? 1 : 3);
    return ap;
}

// An open AP named like a real one, on another channel: the classic evil twin.
AccessPoint make_evil_twin(const World& world, Prng& prng, MacFactory& macs)
{
    const AccessPoint& victim = world.aps.front();
    AccessPoint twin;
    twin.bssid = macs.vendor(kEvilTwinVendor);
    twin.vendor = kEvilTwinVendor.name;
    twin.ssid = victim.ssid;
    twin.security = Security::Open;
    twin.spoofed = true;
    twin.channel = victim.channel;
    for (int c : world.config.channels)
        if (c != victim.channel) { twin.channel = c; break; }
    if (twin.channel == victim.channel) twin.channel = victim.channel == 6 ? 11 : 6; // one-channel worlds
    twin.freq_mhz = channel_freq_mhz(twin.channel);
    twin.signal_dbm = static_cast<int>(prng.between(-55, -40)); // attackers sit close
    twin.ht = true;
    twin.vht = is_5ghz(twin.channel);
    twin.gateway = macs.vendor(kEvilTwinVendor);
    twin.subnet = 200;
    twin.tsf_at_start = prng.below(600'000'000); // freshly booted
    twin.first_beacon_usec = prng.below(kBeaconIntervalUsec);
    return twin;
}

// Remote ID beacons go out on 2.4 GHz, channel 6 where the world has it.
int drone_channel(const std::vector<int>& channels)
{
    if (std::find(channels.begin(), channels.end(), 6) != channels.end()) return 6;
    for (int c : channels)
        if (!is_5ghz(c)) return c;
    return channels.front();
}

} // namespace

std::string_view security_name(Security s)
{
    switch (s) {
    case Security::Open: return "open";
    case Security::Wep: return "wep";
    case Security::WpaTkip: return "wpa-tkip";
    case Security::Wpa2Psk: return "wpa2-psk";
    case Security::Wpa2Enterprise: return "wpa2-enterprise";
    case Security::Wpa3Sae: return "wpa3-sae";
    case Security::Owe: return "owe";
    }
    return "?";
}

int rsn_akm(Security s)
{
    switch (s) {
    case Security::Wpa2Psk: return 2;
    case Security::Wpa2Enterprise: return 1;
    case Security::Wpa3Sae: return 8;
    case Security::Owe: return 18;
    default: return 0;
    }
}

bool uses_rsn(Security s) { return rsn_akm(s) != 0; }
bool requires_mfp(Security s) { return s == Security::Wpa3Sae || s == Security::Owe; }
bool encrypts_data(Security s) { return s != Security::Open; }
bool has_four_way_handshake(Security s) { return s == Security::WpaTkip || uses_rsn(s); }

int World::roam_partner(int ap) const
{
    const AccessPoint& from = aps[static_cast<std::size_t>(ap)];
    for (std::size_t i = 0; i < aps.size(); ++i) {
        const AccessPoint& other = aps[i];
        if (static_cast<int>(i) != ap && !other.spoofed && other.ssid == from.ssid && other.security == from.security)
            return static_cast<int>(i);
    }
    return -1;
}

World make_world(const WorldConfig& config)
{
    check(config);
    World world;
    world.config = config;
    Prng prng(mix(config.seed, 0x776f726c64)); // "world"
    MacFactory macs(prng);

    // A seeded order of the channels; AP i takes order[i % n], so every channel gets APs.
    std::vector<int> order = config.channels;
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[prng.below(i)]);

    for (int i = 0; i < config.access_points; ++i)
        world.aps.push_back(make_ap(i, order[static_cast<std::size_t>(i) % order.size()], prng, macs));
    for (std::size_t i = 0; i < world.aps.size(); ++i) { // one subnet and router per SSID: roaming keeps both
        AccessPoint& ap = world.aps[i];
        ap.subnet = static_cast<int>(i % 200);
        for (std::size_t j = 0; j < i; ++j)
            if (world.aps[j].ssid == ap.ssid) {
                ap.subnet = world.aps[j].subnet;
                ap.gateway = world.aps[j].gateway;
                break;
            }
    }
    const int real_aps = config.access_points;
    if (config.misbehaviour_spoofed_ap && real_aps > 0) world.aps.push_back(make_evil_twin(world, prng, macs));
    if (config.misbehaviour_deauth_flood && real_aps > 0) world.flood_target = 0;
    for (const std::string& name : config.attacks) {
        const AttackSpec* attack = find_attack(name);
        if (attack == nullptr)
            throw std::invalid_argument("unknown attack '" + name + "' (known: " + attack_names() + ")");
        if (real_aps == 0) throw std::invalid_argument("attack '" + name + "' needs an access point to aim at");
        if (attack->frames_per_burst < 1 || attack->frames_per_burst > 255 || attack->build == nullptr)
            throw std::logic_error("attack '" + name + "' is defined wrong: 1-255 frames a burst and a builder");
        world.attacks.push_back(attack);
    }

    int joined = 0;
    for (int i = 0; i < config.clients; ++i) {
        Client c;
        c.probe_only = real_aps == 0 || i % 4 == 3;
        c.randomized_mac = c.probe_only || i % 3 == 1;
        c.mac = c.randomized_mac ? macs.randomized() : macs.vendor(kClientVendors[prng.below(std::size(kClientVendors))]);
        c.signal_dbm = static_cast<int>(prng.between(-80, -40));
        if (!c.probe_only) {
            c.home_ap = joined++ % real_aps; // round robin: every AP gets clients
            const int subnet = world.aps[static_cast<std::size_t>(c.home_ap)].subnet;
            c.ipv4 = (192u << 24) | (168u << 16) | (static_cast<std::uint32_t>(subnet) << 8) | static_cast<std::uint32_t>(10 + i % 240);
        }
        world.clients.push_back(c);
    }

    // Drawn after everything above, so adding them leaves the Wi-Fi world of a seed as it was.
    for (int i = 0; i < config.ble_advertisers; ++i) {
        const bool random = ble_uses_random_address(ble_profile_of(i));
        const MacAddr address = random ? macs.static_random() : macs.vendor(kBleVendors[prng.below(std::size(kBleVendors))]);
        world.ble_advertisers.push_back(make_ble_advertiser(i, address, random, prng));
    }
    for (int i = 0; i < config.drones; ++i) {
        const MacAddr wifi = macs.vendor(kDroneVendor);
        const MacAddr ble = macs.static_random();
        Drone d = make_drone(i, drone_channel(config.channels), wifi, ble, prng);
        d.freq_mhz = channel_freq_mhz(d.channel);
        world.drones.push_back(std::move(d));
    }
    return world;
}

const std::vector<std::string>& remembered_ssids()
{
    static const std::vector<std::string> names{"xfinitywifi", "Starbucks WiFi", "eduroam", "HOME-5G", "attwifi"};
    return names;
}

} // namespace airsight::sim
