// The drones' frames: Remote ID in Wi-Fi beacons and in BLE advertising.
#include "ble_link.h"
#include "channels.h"
#include "drone_remote_id.h"
#include "frames.h"
#include "ies.h"

#include <array>

namespace airsight::sim {
namespace {

const MacAddr kBroadcast{{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}};
constexpr std::uint8_t kVendorIe = 0xDD, kServiceData16 = 0x16;
constexpr std::uint8_t kAstmOui[] = {0xFA, 0x0B, 0xBC};
constexpr std::uint16_t kAstmRemoteIdUuid = 0xFFFA;
constexpr std::uint8_t kBasicIdSerial = 1;

} // namespace

rid::Message drone_message(const Drone& d, rid::Type type, std::uint64_t ts_usec, std::uint64_t start_usec)
{
    switch (type) {
    case rid::Type::BasicId: return rid::basic_id(kBasicIdSerial, d.ua_type, d.serial);
    case rid::Type::Location: {
        const DronePose p = drone_pose(d, ts_usec - start_usec);
        rid::Location l;
        l.status = 2; // airborne
        l.direction_deg = p.direction_deg;
        l.speed_mps = p.speed_mps;
        l.vertical_mps = p.vertical_mps;
        l.lat = p.lat;
        l.lon = p.lon;
        l.altitude_geo_m = p.altitude_m;
        l.height_m = p.height_m;
        l.time_usec = ts_usec;
        return rid::location(l);
    }
    case rid::Type::System: {
        rid::System s;
        s.operator_location_type = 0; // the take-off point
        s.operator_lat = d.takeoff_lat;
        s.operator_lon = d.takeoff_lon;
        s.operator_altitude_geo_m = d.ground_altitude_m;
        s.time_usec = ts_usec;
        return rid::system(s);
    }
    case rid::Type::OperatorId: return rid::operator_id(d.operator_id);
    case rid::Type::Pack: break;
    }
    return rid::basic_id(kBasicIdSerial, d.ua_type, d.serial);
}

rid::Type drone_ble_message_type(std::uint32_t event)
{
    static constexpr rid::Type kCycle[] = {rid::Type::Location, rid::Type::BasicId, rid::Type::Location,
                                           rid::Type::System,   rid::Type::Location, rid::Type::OperatorId};
    return kCycle[event % std::size(kCycle)];
}

void append_remote_id_vendor_ie(ByteSink& out, const Drone& d, std::uint8_t counter, std::uint64_t ts_usec,
                                std::uint64_t start_usec)
{
    const std::array<rid::Message, 4> pack{drone_message(d, rid::Type::BasicId, ts_usec, start_usec),
                                           drone_message(d, rid::Type::Location, ts_usec, start_usec),
                                           drone_message(d, rid::Type::System, ts_usec, start_usec),
                                           drone_message(d, rid::Type::OperatorId, ts_usec, start_usec)};
    out.u8(kVendorIe);
    out.u8(static_cast<std::uint8_t>(3 + 1 + 1 + 3 + pack.size() * rid::kMessageSize));
    out.bytes(kAstmOui, sizeof kAstmOui);
    out.u8(rid::kAppCode);
    out.u8(counter);
    rid::append_pack(out, pack);
}

std::vector<std::uint8_t> remote_id_ble_data(const Drone& d, std::uint32_t event, std::uint64_t ts_usec,
                                             std::uint64_t start_usec)
{
    std::vector<std::uint8_t> data;
    ByteSink out(data);
    out.u8(static_cast<std::uint8_t>(1 + 2 + 1 + 1 + rid::kMessageSize)); // AD length: type to the end
    out.u8(kServiceData16);
    out.le16(kAstmRemoteIdUuid);
    out.u8(rid::kAppCode);
    out.u8(static_cast<std::uint8_t>(event));
    const rid::Message m = drone_message(d, drone_ble_message_type(event), ts_usec, start_usec);
    out.bytes(m.data(), m.size());
    return data;
}

void FrameBuilder::remote_id_beacon(ByteSink& out, const Transmission& tx) const
{
    const Drone& d = world_.drones[tx.value];
    const bool five = is_5ghz(d.channel);
    management_header(out, 8, false, kBroadcast, d.wifi_mac, d.wifi_mac, tx); // subtype 8: beacon
    const std::uint64_t since_start = tx.ts_usec - world_.config.start_usec;
    out.le64(since_start); // the module's TSF: switched on with the world
    out.le16(static_cast<std::uint16_t>(kDroneBeaconIntervalUsec / 1024)); // TUs
    out.le16(five ? 0x0001 : 0x0401);                                      // ESS (+ short slot time on 2.4 GHz)
    ie::ssid(out, "RID-" + d.serial);
    ie::supported_rates(out, five);
    ie::ds_parameter(out, d.channel);
    ie::tim(out, 0, 1);
    append_remote_id_vendor_ie(out, d, static_cast<std::uint8_t>(tx.session), tx.ts_usec, world_.config.start_usec);
}

void FrameBuilder::remote_id_ble(ByteSink& out, const Transmission& tx) const
{
    const Drone& d = world_.drones[tx.value];
    const std::vector<std::uint8_t> data = remote_id_ble_data(d, tx.session, tx.ts_usec, world_.config.start_usec);
    append_ble_advertising(out, ble_radio(tx, d.signal_dbm), BlePdu::AdvNonconnInd, true, d.ble_address, data);
}

} // namespace airsight::sim
