// One frame on the air, described by what it means rather than by its bytes.
// The timeline produces these cheaply for every channel; the frame builder
// turns only the ones a radio hears into bytes.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_TRANSMISSION_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_TRANSMISSION_H

#include <cstdint>

namespace airsight::sim {

enum class FrameKind : std::uint8_t {
    Beacon,
    ProbeRequest,     // ap >= 0: directed at that AP's SSID; else wildcard, or remembered SSID value-1
    ProbeResponse,
    Authentication,   // step = transaction sequence; value = algorithm (0 open, 3 SAE)
    AssocRequest,
    AssocResponse,
    ReassocRequest,   // value = index of the AP the client leaves
    ReassocResponse,
    Eap,              // 802.1X: step 1 identity request, 2 identity response, 3 success
    EapolKey,         // step = 4-way handshake message 1..4; value = replay counter
    Data,             // a ping: request to the DS, reply from it; value = ping sequence
    NullData,         // step = power-management bit
    Disassociation,   // value = reason code
    Deauthentication, // value = reason code
    Attack,           // value = index into World::attacks; step = frame in the burst; session = burst
    RemoteIdBeacon,   // a drone's Wi-Fi beacon with Remote ID; value = drone; session = beacon number
    // BLE advertising (link type 256, not 802.11): channel = BLE channel 37..39.
    BleAdvertisement, // value = index into World::ble_advertisers; session = advertising event
    BleScanResponse,  // value = the advertiser
    RemoteIdBle,      // value = drone; session = advertising event (message counter and type)
};

/// BLE packets: heard by the sensor's BLE sniffer, built without radiotap.
constexpr bool is_ble(FrameKind kind)
{
    return kind == FrameKind::BleAdvertisement || kind == FrameKind::BleScanResponse || kind == FrameKind::RemoteIdBle;
}

enum class Sender : std::uint8_t { Ap, Client, Attacker, Drone, Ble };

struct Transmission {
    std::uint64_t ts_usec = 0;
    int channel = 0;           // 802.11 channel; for BLE kinds the BLE channel index (37, 38, 39)
    FrameKind kind = FrameKind::Beacon;
    Sender sender = Sender::Ap;
    std::uint8_t step = 0;
    std::uint16_t seq = 0;     // 802.11 sequence number, per transmitter, set when it leaves the timeline
    int ap = -1;               // the BSS involved (index into World::aps)
    int client = -1;           // the station involved (index into World::clients); -1: none/broadcast
    std::uint32_t value = 0;
    std::uint32_t session = 0; // the client's connection number: keys nonces so M1 and M3 agree
};

} // namespace airsight::sim

#endif
