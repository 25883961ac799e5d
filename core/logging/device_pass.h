// One log's device passes: the devices changed since its last pass, as logs
// receive them (LoggedDevice), each with its whole record as
// /devices/by-key/KEY/device.json serves it.
//
// Mod times are whole seconds, so a pass cannot tell a device changed in the
// second of the last pass, after it, from one it already sent: it remembers
// the packet counts of the devices it sent from that second, and sends such a
// device again only when its count moved.
#ifndef AIRSIGHT_CORE_LOGGING_DEVICE_PASS_H
#define AIRSIGHT_CORE_LOGGING_DEVICE_PASS_H

#include "devices/device_tracker.h"

#include <airsight/logging.h>
#include <airsight/value.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace airsight::core {

/// A device's whole record (called with the device locked; the pass
/// writes it as JSON after the lock, as the REST listings do).
using DeviceRecord = std::function<Value(const Device& device, const std::string& phy_name)>;

/// A device as a log receives it, without its JSON.
LoggedDevice logged_device(const Device& d, const std::string& phy_name, const LocationFields* locations);

class DevicePass {
public:
    /// Devices rendered at a time: a pass over 100,000 devices hands them
    /// to the log in pieces, so the log writes while the pass renders and
    /// the records in memory stay bounded.
    static constexpr std::size_t kChunk = 256;
    /// Calls `sink` with the devices changed since the last call (every
    /// device, the first time), kChunk at a time, with no device locked;
    /// `now_sec` is the local clock at the start of this pass. Calls from
    /// several threads (the ticker's pass, a closing log's last) take turns.
    void next(const DeviceTrackerImpl& devices, const DeviceRecord& record, std::uint64_t now_sec,
              const std::function<void(std::vector<LoggedDevice>&&)>& sink);

private:
    std::mutex mutex_; // one pass at a time
    std::uint64_t since_ = 0;
    std::unordered_map<std::string, std::uint64_t> edge_; // key -> packets, of devices sent with mod_time >= since_
};

} // namespace airsight::core

#endif
