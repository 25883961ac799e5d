// A captured frame kept after the packet chain is done with it: the EAPOL-Key
// frames of a handshake and an AP's latest beacon, served as dot11.eapol.packet
// and written to the handshake pcap. A Packet's bytes live only while the chain
// runs, so the record is copied, and only its first kMaxBytes.
#ifndef AIRSIGHT_PHYS_DOT11_PCAP_KEPT_FRAME_H
#define AIRSIGHT_PHYS_DOT11_PCAP_KEPT_FRAME_H

#include "dissect/cursor.h"

#include <airsight/packet.h>

#include <cstdint>
#include <vector>

namespace airsight::dot11 {

struct KeptFrame {
    /// Bytes kept of one capture record. EAPOL-Key frames and beacons with
    /// their capture header are well under it; anything longer is cut here so a
    /// device's kept frames (at most Dot11Device::kMaxHandshakeClients x
    /// kMaxEapolPerClient + 1 of them) stay bounded whatever the air holds.
    static constexpr std::size_t kMaxBytes = 4096;

    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;             // pcap link type of `data`
    std::uint32_t source_number = 0;   // kismet.datasource.source_number
    std::uint32_t original_length = 0; // on-air length of the whole record
    std::uint32_t captured_length = 0; // bytes the source captured (data holds the first kMaxBytes)
    std::vector<std::uint8_t> data;    // the record as captured, capture header included (first kMaxBytes)

    // Where the bare 802.11 frame (no capture header, no FCS) lies in `data`,
    // so the frame can also be written as plain 802.11 (DLT 105).
    std::uint32_t frame_offset = 0;
    std::uint32_t frame_length = 0;    // 0: unknown (the payload was not inside the record)
    std::uint32_t mac_header_length = 0; // the 802.11 header without the padding below
    std::uint32_t header_padding = 0;  // bytes a radiotap "data pad" inserted after the MAC header

    /// Copies what is kept of `p`, whose payload is the bare 802.11 frame.
    /// `mac_header_length` and `header_padding` describe that frame's header
    /// padding (both 0 when it has none). Reuses this object's buffer.
    void assign(const Packet& p, std::size_t mac_header_length = 0, std::size_t header_padding = 0);

    bool empty() const { return data.empty(); }
    /// The record as captured (as kept).
    Bytes captured() const { return data; }
    /// The bare 802.11 frame without capture header, header padding and FCS
    /// (what survived the kMaxBytes cut); empty when it could not be located.
    std::vector<std::uint8_t> ieee80211() const;
    /// The bare frame's on-air length, for pcap's orig_len: its captured length
    /// without header padding, plus what the capture itself left out.
    std::uint32_t ieee80211_original_length() const;
};

} // namespace airsight::dot11

#endif
