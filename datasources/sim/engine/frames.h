// Turns transmissions into byte-exact frames: radiotap + 802.11 (link type
// 127), or for BLE the link-layer packet behind its pseudo-header (256).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_FRAMES_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_FRAMES_H

#include "ble_link.h"
#include "bytes.h"
#include "radiotap.h"
#include "transmission.h"
#include "world.h"

#include <cstdint>
#include <vector>

namespace airsight::sim {

inline constexpr std::uint32_t kDltRadiotap = 127;      // LINKTYPE_IEEE802_11_RADIOTAP
inline constexpr std::uint32_t kDltBleLlWithPhdr = 256; // LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR

/// The link type of the frame a transmission becomes.
constexpr std::uint32_t link_type_of(FrameKind kind) { return is_ble(kind) ? kDltBleLlWithPhdr : kDltRadiotap; }

struct FrameOptions {
    bool fcs = false; // append the CRC-32 FCS and set radiotap flag 0x10, as many drivers do (802.11 only)
};

class FrameBuilder {
public:
    /// `world` must outlive the builder.
    explicit FrameBuilder(const World& world, FrameOptions options = {});

    /// Replaces `out` with the frame's bytes. Reuses `out`'s capacity, so a
    /// buffer kept across calls stops allocating once it fits the largest frame.
    void build(const Transmission& tx, std::vector<std::uint8_t>& out) const;

    const FrameOptions& options() const { return options_; }

private:
    // What never changes in an AP's beacons and probe responses, built once.
    struct ApTemplate {
        std::vector<std::uint8_t> beacon_before_tim; // SSID (empty when hidden), rates, DS
        std::vector<std::uint8_t> beacon_after_tim;  // country ... vendor elements
        std::vector<std::uint8_t> probe_response_ies;
    };
    static ApTemplate make_template(const AccessPoint& ap);

    RadiotapFields radio_fields(const Transmission& tx) const;
    std::uint64_t content_key(const Transmission& tx) const;
    std::uint16_t capability(const AccessPoint& ap) const;

    // Management frames (frames_mgmt.cc).
    void management_header(ByteSink& out, std::uint8_t subtype, bool is_protected, const MacAddr& a1, const MacAddr& a2,
                           const MacAddr& a3, const Transmission& tx) const;
    void beacon(ByteSink& out, const Transmission& tx) const;
    void probe_request(ByteSink& out, const Transmission& tx) const;
    void probe_response(ByteSink& out, const Transmission& tx) const;
    void authentication(ByteSink& out, const Transmission& tx) const;
    void association_request(ByteSink& out, const Transmission& tx) const;
    void association_response(ByteSink& out, const Transmission& tx) const;
    void disassociation(ByteSink& out, const Transmission& tx) const;
    void deauthentication(ByteSink& out, const Transmission& tx) const;
    void attack(ByteSink& out, const Transmission& tx) const; // a scripted attack's frame (attacks/)

    // The drones (frames_remote_id.cc) and BLE advertisers (frames_ble.cc).
    void remote_id_beacon(ByteSink& out, const Transmission& tx) const;
    void remote_id_ble(ByteSink& out, const Transmission& tx) const;
    void ble_advertisement(ByteSink& out, const Transmission& tx) const; // and scan responses
    BleRadio ble_radio(const Transmission& tx, int signal_dbm) const;

    // Data frames (frames_data.cc).
    void data_header(ByteSink& out, std::uint8_t subtype, bool is_protected, bool power_save, const MacAddr& far_end,
                     const Transmission& tx) const;
    void eap(ByteSink& out, const Transmission& tx) const;
    void eapol_key(ByteSink& out, const Transmission& tx) const;
    void data(ByteSink& out, const Transmission& tx) const;
    void null_data(ByteSink& out, const Transmission& tx) const;
    void ping(ByteSink& out, const Transmission& tx) const;
    void encrypted_body(ByteSink& out, const Transmission& tx, std::size_t plaintext_len) const;

    const World& world_;
    FrameOptions options_;
    std::vector<ApTemplate> templates_;
};

} // namespace airsight::sim

#endif
