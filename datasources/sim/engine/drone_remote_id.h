// What a simulated drone says in Remote ID, and how each carrier wraps it:
// a Wi-Fi beacon's vendor IE (FA:0B:BC type 0x0D: counter and a message pack
// of Basic ID, Location, System and Operator ID) and BLE legacy advertising
// (service data 0xFFFA: application code 0x0D, counter, one message, the
// types in turn).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_DRONE_REMOTE_ID_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_DRONE_REMOTE_ID_H

#include "bytes.h"
#include "drones.h"
#include "remote_id.h"

#include <cstdint>
#include <vector>

namespace airsight::sim {

/// Message `type` (Basic ID, Location, System or Operator ID) of `drone` at
/// `ts_usec`, the world having started at `start_usec`.
rid::Message drone_message(const Drone& drone, rid::Type type, std::uint64_t ts_usec, std::uint64_t start_usec);

/// The message type of BLE advertising event `event`: Location every other
/// event (at least once a second at the drones' 100-300 ms intervals), the
/// others in between.
rid::Type drone_ble_message_type(std::uint32_t event);

/// The beacon's vendor element: DD, length, FA:0B:BC, 0x0D, counter, the pack.
void append_remote_id_vendor_ie(ByteSink& out, const Drone& drone, std::uint8_t counter, std::uint64_t ts_usec,
                                std::uint64_t start_usec);

/// The BLE advertising data: one Service Data AD (UUID 0xFFFA), 31 bytes.
std::vector<std::uint8_t> remote_id_ble_data(const Drone& drone, std::uint32_t event, std::uint64_t ts_usec,
                                             std::uint64_t start_usec);

} // namespace airsight::sim

#endif
