// airsight SDK: the Bluetooth LE advertisement facts a Bluetooth PHY shares
// with other plugins.
//
// A plugin cannot see another plugin's private types, so a PHY that reads BLE
// advertisements (from link-layer captures or host-side HCI reports) fills
// this small packet component in DISSECT for each advertisement it accepts
// (CRC-valid, well formed). Any plugin registers the same name and type and
// reads it from TRACK on (the UAV PHY reads Remote ID service data here):
//
//   auto key = host.register_packet_component<BtleAdvertisement>(
//       std::string(BtleAdvertisement::kComponentName));
//   if (const BtleAdvertisement* a = key.find(packet)) { ... }
//
// Every span points into the packet's bytes: valid while the packet runs.
// The packet's phy_id is the PHY that filled it (the device of `advertiser`
// lives under that PHY).
#ifndef AIRSIGHT_BTLE_COMPONENT_H
#define AIRSIGHT_BTLE_COMPONENT_H

#include <airsight/mac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace airsight {

/// The radio an advertisement came over. Remote ID tells "Bluetooth 5 Long
/// Range" (LE Coded) from legacy advertising by it.
enum class BtleRadio : std::uint8_t { unknown, le_1m, le_2m, le_coded };

/// One Service Data AD structure with a 16-bit UUID (AD type 0x16): the
/// UUID (0xFFFA is ASTM Remote ID) and the bytes after it.
struct BtleServiceData16 {
    std::uint16_t uuid = 0;
    std::span<const std::uint8_t> data;
};

struct BtleAdvertisement {
    static constexpr std::string_view kComponentName = "btle.advertisement";
    static constexpr std::size_t kMaxServiceData = 8;

    MacAddr advertiser;          // AdvA (or the reporting device's address)
    bool random_address = false; // TxAdd / the report's address type
    bool extended = false;       // BT5 extended advertising (AUX_ADV_IND, an extended report)
    BtleRadio radio = BtleRadio::unknown;
    /// The 16-bit service data structures, in advertising order (at most
    /// kMaxServiceData; `service_data_dropped` counts the rest).
    std::array<BtleServiceData16, kMaxServiceData> service_data_storage{};
    std::uint8_t service_data_count = 0;
    std::uint8_t service_data_dropped = 0;

    std::span<const BtleServiceData16> service_data() const { return {service_data_storage.data(), service_data_count}; }

    void add_service_data(std::uint16_t uuid, std::span<const std::uint8_t> data)
    {
        if (service_data_count == kMaxServiceData) {
            if (service_data_dropped < 0xff) ++service_data_dropped;
            return;
        }
        service_data_storage[service_data_count++] = {uuid, data};
    }

    /// Per packet: forget the previous advertisement (the storage is reused).
    void reset()
    {
        advertiser = MacAddr{};
        random_address = extended = false;
        radio = BtleRadio::unknown;
        service_data_count = service_data_dropped = 0;
    }
};

} // namespace airsight

#endif
