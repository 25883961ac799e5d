// The simulated RF world: access points and clients, BLE advertisers and
// Remote ID drones, generated from a seed.
// The world is a fixed description; what its members do over time is the
// timeline's business (timeline.h, client_script.h).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_WORLD_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_WORLD_H

#include "ble_advertisers.h"
#include "drones.h"

#include <airsight/mac.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::sim {

/// 2023-11-14T22:13:20Z: a fixed start so captures of a seed never change.
inline constexpr std::uint64_t kDefaultStartUsec = 1'700'000'000'000'000ULL;
/// 100 TU, the beacon interval of every simulated AP.
inline constexpr std::uint64_t kBeaconIntervalUsec = 102'400;

struct WorldConfig {
    std::uint64_t seed = 1;
    int access_points = 10;  // 10 covers every security profile once (see world.cc)
    int clients = 20;
    int ble_advertisers = 0; // 0 by default, so worlds (and captures) of a seed keep their bytes
    int drones = 0;
    bool misbehaviour_deauth_flood = false; // broadcast deauths with a real AP's BSSID
    bool misbehaviour_spoofed_ap = false;   // an open twin of a real SSID on another channel
    std::vector<std::string> attacks{};     // names from the attack catalogue (attacks/attack.h)
    std::vector<int> channels{1, 6, 11, 36, 44, 149};
    std::uint64_t start_usec = kDefaultStartUsec;
};

enum class Security : std::uint8_t {
    Open,
    Wep,
    WpaTkip,        // WPA1: vendor WPA IE, TKIP, PSK
    Wpa2Psk,        // RSN, CCMP, AKM 2
    Wpa2Enterprise, // RSN, CCMP, AKM 1 (802.1X)
    Wpa3Sae,        // RSN, CCMP, AKM 8, MFP required
    Owe,            // RSN, CCMP, AKM 18, MFP required
};

std::string_view security_name(Security s);
/// The RSN AKM suite type (00-0F-AC:n) an AP advertises; 0 when it sends no RSN element.
int rsn_akm(Security s);
bool uses_rsn(Security s);
/// Management frame protection required (SAE and OWE).
bool requires_mfp(Security s);
/// Data frames are encrypted (everything but Open).
bool encrypts_data(Security s);
/// A 4-way handshake follows association (WPA, WPA2, WPA3, OWE).
bool has_four_way_handshake(Security s);

struct AccessPoint {
    MacAddr bssid;
    std::string ssid;            // the real name, also for hidden APs
    bool hidden = false;         // beacons carry an empty SSID; probe responses reveal it
    Security security = Security::Open;
    int channel = 0;
    std::uint32_t freq_mhz = 0;
    int signal_dbm = -60;        // as a capture at the sensor would see it
    bool ht = false;             // 802.11n (never with WEP or TKIP)
    bool vht = false;            // 802.11ac (5 GHz HT APs)
    bool wps = false;
    bool spoofed = false;        // the evil twin of misbehaviour_spoofed_ap
    std::string vendor;          // for the WPS manufacturer attribute
    MacAddr gateway;             // the wired router behind the AP (one per SSID): source/destination of data
    int subnet = 0;              // 192.168.<subnet>.0/24, shared by APs of one SSID
    std::uint64_t tsf_at_start = 0;   // the AP's TSF (uptime, µs) at the world's start
    std::uint64_t first_beacon_usec = 0; // offset of the first beacon after the start
    std::uint8_t dtim_period = 1;
};

struct Client {
    MacAddr mac;
    bool randomized_mac = false; // locally administered, as phones use for privacy
    bool probe_only = false;     // scans and asks for remembered networks, never joins
    int home_ap = -1;            // the AP it joins first (index into World::aps)
    int signal_dbm = -65;
    std::uint32_t ipv4 = 0;      // host byte order
};

struct AttackSpec;

struct World {
    WorldConfig config;
    std::vector<AccessPoint> aps;  // real APs first, then the spoofed twin if any
    std::vector<Client> clients;
    std::vector<BleAdvertiser> ble_advertisers;
    std::vector<Drone> drones;
    int flood_target = -1;         // AP whose BSSID the deauth flood forges; -1 without flood
    std::vector<const AttackSpec*> attacks; // config.attacks, looked up; they aim at aps[0]

    /// Another real AP with the same SSID and security (where a client may roam), or -1.
    int roam_partner(int ap) const;
    /// Transmitters with their own 802.11 sequence numbers: APs, clients, the flooder, then the drones.
    std::size_t transmitter_count() const { return aps.size() + clients.size() + 1 + drones.size(); }
    /// Whether anything sends BLE (the packets of link type 256).
    bool has_ble() const { return !ble_advertisers.empty() || !drones.empty(); }
};

/// Builds the world a config describes; same config, same world.
/// Throws std::invalid_argument for negative counts, unknown channels or
/// attacks, or attacks in a world without access points.
World make_world(const WorldConfig& config);

/// SSIDs probe-only clients ask for: networks remembered from elsewhere.
const std::vector<std::string>& remembered_ssids();

} // namespace airsight::sim

#endif
