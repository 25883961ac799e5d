// airsight SDK: packets and the packet chain.
//
// A datasource delivers captured frames; the server wraps each in a Packet
// and runs it through the chain's stages in order. Plugins add handlers to a
// stage (through PluginHost::add_packet_handler):
//
//   DECAP    capture headers (radiotap, PPI) -> Packet::radio, Packet::payload
//   DISSECT  PHY parsing of the payload; a PHY keeps its result in phy_data
//   TRACK    device tracking (a PHY updates its devices)
//   OBSERVE  logs, streams, alert engines: read-only consumers
//
// The chain runs on the delivering source's thread, so a handler must be
// thread-safe (several sources run at once) and must not block. A Packet and
// the bytes it points to live only while the chain runs: copy what you keep.
#ifndef AIRSIGHT_PACKET_H
#define AIRSIGHT_PACKET_H

#include <airsight/radio.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace airsight {

enum class PacketStage : std::uint8_t { DECAP = 0, DISSECT = 1, TRACK = 2, OBSERVE = 3 };
inline constexpr int kPacketStageCount = 4;

constexpr std::string_view packet_stage_name(PacketStage s)
{
    switch (s) {
    case PacketStage::DECAP: return "decap";
    case PacketStage::DISSECT: return "dissect";
    case PacketStage::TRACK: return "track";
    case PacketStage::OBSERVE: return "observe";
    }
    return "unknown";
}

/// One captured frame, as a source hands it over.
struct CapturedFrame {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;                 // pcap link type of `data`
    std::span<const std::uint8_t> data;    // valid only during deliver()
    std::uint32_t original_length = 0;     // on-air length (>= data.size() when truncated)
};

struct Packet {
    // --- as captured ----------------------------------------------------
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;
    std::uint32_t source_number = 0;       // kismet.datasource.source_number of the source
    std::span<const std::uint8_t> data;
    std::uint32_t original_length = 0;

    // --- DECAP ------------------------------------------------------------
    RadioInfo radio;
    std::uint32_t payload_dlt = 0;         // link type of `payload` (105 for 802.11); 0 until decapsulated
    std::span<const std::uint8_t> payload;

    // --- after DECAP ---------------------------------------------------------
    /// Another source delivered the same frame (same payload bytes, packet
    /// times within a second). Trackers count a frame once: for a duplicate
    /// they record only that this source heard the transmitter (seen-by and
    /// signal), and PHYs should not record it again (e.g. as an EAPOL frame).
    bool duplicate = false;

    // --- any stage ----------------------------------------------------------
    /// Set by a handler that found the packet malformed; later stages still
    /// run (a tracker may count the error against a device) but the chain
    /// counts it as an error of that stage.
    bool error = false;
    std::string_view error_reason;         // static text, for the log
    /// A PHY's dissection, shared between that PHY's own handlers.
    const void* phy_data = nullptr;
    std::uint32_t phy_id = 0;              // which PHY claimed the packet (0: none)

    void fail(std::string_view reason)
    {
        error = true;
        error_reason = reason;
    }
};

using PacketHandler = std::function<void(Packet&)>;

} // namespace airsight

#endif
