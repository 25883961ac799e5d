// The dot11.device component: what 802.11 adds to a tracked device. Typed
// and bounded, so a client costs little; it becomes a Kismet-shaped record
// (dot11.device.*) only when served.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_DOT11_DEVICE_H
#define AIRSIGHT_PHYS_DOT11_PHY_DOT11_DEVICE_H

#include "phy/dot11_fields.h"
#include "pcap/kept_frame.h"
#include "phy/mac_set.h"

#include <airsight/devices.h>
#include <airsight/small_vector.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airsight::dot11 {

/// The PHY's name, and its hash in Kismet's device keys.
inline constexpr std::string_view kDot11PhyName = "IEEE802.11";
inline constexpr std::uint32_t kDot11PhyHash = DeviceKey::hash_phy_name(kDot11PhyName);

/// The Kismet device key of the 802.11 device with that MAC. Computed when
/// served rather than stored, which saves a heap string per client record.
inline std::string dot11_device_key(const MacAddr& mac) { return DeviceKey{kDot11PhyHash, mac}.str(); }

/// dot11.device.typeset bits, as Kismet defines them.
namespace device_type {
inline constexpr std::uint64_t beacon_ap = 1, adhoc = 2, client = 4, wired = 8, wds = 16, turbocell = 32,
                               inferred_wireless = 64, inferred_wired = 128, probe_ap = 256;
}

/// An SSID an AP advertised (beacon) or answered with (probe response).
struct AdvertisedSsid {
    std::string ssid;            // printable
    std::uint32_t ssid_length = 0; // original bytes
    std::uint64_t ssid_hash = 0;
    bool beacon = false, probe_response = false, cloaked = false;
    std::uint8_t ie_channel = 0;   // the channel the IEs named (DS, else HT primary); 0: none (ids/bss_alerts)
    std::string channel, ht_mode, country;
    std::uint64_t ht_center_1 = 0, ht_center_2 = 0, channel_width = 0;
    std::uint64_t first_time = 0, last_time = 0;
    std::uint64_t crypt_bitfield = 0, crypt_set = 0;
    std::string crypt_string;
    double max_rate = 0;
    std::uint32_t beacon_rate = 0; // beacons per second the interval implies, rounded up (Kismet's)
    std::uint32_t ietag_checksum = 0;
    bool mfp_required = false, mfp_supported = false;
    bool dot11r = false;
    std::uint16_t dot11r_domain = 0;
    bool qbss = false;
    std::uint16_t qbss_stations = 0;
    double channel_utilization = 0;
    bool wps = false;
    std::uint8_t wps_version = 0;
    std::uint32_t wps_state = 0;
    std::uint16_t wps_config_methods = 0;
    std::string wps_device_name;
};

struct ProbedSsid {
    std::string ssid;
    std::uint32_t ssid_length = 0;
    MacAddr bssid;
    std::uint64_t first_time = 0, last_time = 0;
    std::uint64_t crypt_bitfield = 0, crypt_set = 0;
    std::string crypt_string;
    bool mfp_required = false, mfp_supported = false;
};

/// A client's view of one BSS it talked to (dot11.client.*).
struct ClientRecord {
    MacAddr bssid;
    std::uint64_t first_time = 0, last_time = 0;
    std::uint64_t datasize = 0, datasize_retry = 0, num_fragments = 0, num_retries = 0;
};

struct EapolRecord {
    double timestamp = 0;
    std::uint8_t direction = 0; // 1: from the AP (FromDS), 2: to the AP (ToDS)
    std::uint8_t message_num = 0;
    std::uint64_t replay_counter = 0;
    bool install = false;
    std::string nonce;          // hex
    std::string pmkid;          // hex, empty if none
    std::uint64_t sequence = 0; // arrival order at this AP, across its clients
    KeptFrame packet;           // the frame, for dot11.eapol.packet and the handshake pcap
};

class Dot11Device : public DeviceComponent {
public:
    /// Bounds that keep one device's memory in check whatever the air holds.
    static constexpr std::size_t kMaxSsids = 64, kMaxClients = 4096, kMaxEapolPerClient = 16, kMaxHandshakeClients = 256;

    /// Shares the fields: a device outlives the plugin object that made it
    /// (the tracker keeps devices, and may render them, after plugins stop).
    explicit Dot11Device(std::shared_ptr<const Dot11Fields> fields) : fields_(std::move(fields)) {}
    Value to_value() const override;
    Value member(const Field& field) const override;

    // What a client's data frame updates first, together (the tracker
    // prefetches a component's first lines; see Device in devices.h).
    std::uint64_t typeset = 0;
    std::uint64_t num_fragments = 0, num_retries = 0, datasize = 0, datasize_retry = 0;
    MacAddr last_bssid;
    bool has_last_bssid = false;
    SmallVector<ClientRecord, 1> client_of;  // BSSes this device talked to as a client (usually one: inline)

    std::uint64_t client_disconnects = 0, client_disconnects_last = 0;
    std::uint64_t bss_timestamp = 0, last_beacon_timestamp = 0;
    std::uint32_t beacon_fingerprint = 0, probe_fingerprint = 0, response_fingerprint = 0;
    std::vector<AdvertisedSsid> advertised;   // beacons
    std::vector<AdvertisedSsid> responded;    // probe responses
    int last_beaconed = -1;                   // index into advertised
    std::vector<ProbedSsid> probed;
    int last_probed = -1;
    MacSet associated_clients;
    std::vector<std::pair<MacAddr, std::vector<EapolRecord>>> handshakes; // per client
    std::uint64_t eapol_count = 0;            // EAPOL-Key frames recorded so far (numbers their sequence)
    /// The latest beacon, or the latest probe response while no beacon was
    /// seen: the handshake pcap's first frame, from which tools learn the ESSID.
    /// Allocated for access points only, so a client costs a pointer.
    std::unique_ptr<KeptFrame> ssid_frame;
    bool ssid_frame_is_beacon = false;
    // What the BSS detectors (ids/bss_alerts) keep between advertisements;
    // they fill the padding after ssid_frame_is_beacon, so cost no byte.
    std::uint8_t bss_mode = 0;              // the last advertisement's: 0 unknown, 1 ESS, 2 IBSS
    std::uint8_t bss_ts_invalid_count = 0;  // BSS timestamps out of step, in a row
    std::uint32_t bss_ts_invalid_last = 0;  // when the last one was seen (packet seconds)

    /// One entry of dot11.device.advertised_ssid_map / responded_ssid_map
    /// (dot11.advertisedssid.*), and of probed_ssid_map (dot11.probedssid.*):
    /// also an event's content (phy/dot11_events.h).
    Value advertised_record(const AdvertisedSsid& a) const;
    Value probed_record(const ProbedSsid& p) const;

private:
    Value packet_record(const KeptFrame& k) const;
    std::shared_ptr<const Dot11Fields> fields_;
};

} // namespace airsight::dot11

#endif
