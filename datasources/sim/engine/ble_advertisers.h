// Bluetooth LE advertisers of the simulated world: beacons, sensors, tags and
// PCs that advertise on channels 37-39. Each is a fixed description drawn from
// the seed; its advertising data is built once here, byte-exact, so the frame
// builder only wraps it and tests compare against it.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_BLE_ADVERTISERS_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_BLE_ADVERTISERS_H

#include "prng.h"

#include <airsight/mac.h>

#include <cstdint>
#include <string>
#include <vector>

namespace airsight::sim {

/// Advertising PDU types (Core spec Vol 6 Part B 2.3), as the PDU header's low nibble.
enum class BlePdu : std::uint8_t { AdvInd = 0x0, AdvNonconnInd = 0x2, ScanRsp = 0x4 };

/// What an advertiser is, which decides what it advertises.
enum class BleProfile : std::uint8_t {
    Sensor,        // ADV_IND: flags, name, TX power, 16-bit services; scan response: company data
    IBeacon,       // ADV_IND: flags, Apple iBeacon; scan response: name, TX power
    Tag,           // ADV_NONCONN_IND: flags, name, company data
    MicrosoftCdp,  // ADV_NONCONN_IND: a Windows PC's Connected Devices Platform beacon, no name
};

/// The largest advertising data a legacy PDU carries.
inline constexpr std::size_t kMaxLegacyAdvData = 31;
/// How far apart the three PDUs of one advertising event go out (37, 38, 39).
inline constexpr std::uint64_t kBleChannelSpacingUsec = 1'000;

struct BleAdvertiser {
    BleProfile profile = BleProfile::Sensor;
    MacAddr address;             // as printed (most significant octet first)
    bool random_address = false; // static random (TxAdd 1), else public
    std::string name;            // complete local name; empty for MicrosoftCdp
    std::uint8_t flags = 0;      // the Flags AD's value; 0: no Flags AD
    std::int8_t tx_power_dbm = 0;
    std::uint16_t company_id = 0;                // manufacturer-specific data's company
    std::vector<std::uint8_t> manufacturer_data; // after the company ID
    std::vector<std::uint16_t> service_uuids;    // complete list of 16-bit service UUIDs (may be empty)
    BlePdu pdu = BlePdu::AdvInd;                 // AdvInd or AdvNonconnInd
    std::vector<std::uint8_t> adv_data;          // the advertising PDU's AD structures (<= 31 bytes)
    std::vector<std::uint8_t> scan_response_data; // empty: sends no scan response
    std::uint64_t interval_usec = 0;             // advInterval, 100 ms - 1 s (plus advDelay 0-10 ms)
    std::uint64_t first_usec = 0;                // first advertising event after the start
    int signal_dbm = -70;
};

/// Advertiser `index` of the world: the profile rotates (every kind appears),
/// the rest comes from `prng`. The caller picks the address (unique in the world).
BleAdvertiser make_ble_advertiser(int index, const MacAddr& address, bool random_address, Prng& prng);
/// Which profile advertiser `index` gets, and whether its address is random.
BleProfile ble_profile_of(int index);
bool ble_uses_random_address(BleProfile profile);

} // namespace airsight::sim

#endif
