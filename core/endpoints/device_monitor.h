// Kismet's device monitor: /devices/monitor.ws and
// /devices/views/[VIEW]/monitor.ws. A client asks
//   {"monitor": "*" | device key | MAC, "request": id, "rate": seconds, "fields": [...]}
// and receives, at most every `rate` seconds, one text message per
// monitored device changed since the previous send (the device's record,
// summarised by `fields`); {"cancel": id} ends a request. The server's
// one-second ticker runs the due requests (tick()); the messages only queue,
// so a client that does not read is closed by its websocket, never waited for.
#ifndef AIRSIGHT_CORE_ENDPOINTS_DEVICE_MONITOR_H
#define AIRSIGHT_CORE_ENDPOINTS_DEVICE_MONITOR_H

#include "services/services.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace airsight::core {

class DeviceMonitor {
public:
    explicit DeviceMonitor(Services& services);

    /// Registers the two websocket routes.
    void register_routes();
    /// Sends what the due requests have to send; the server's ticker calls it once a second.
    void tick();

    /// One request of one client.
    struct Watch {
        std::uint64_t session = 0;
        std::int64_t request = 0;
        std::string target; // "*", a key or a MAC, as sent
        std::function<bool(const Device&)> select; // the devices it monitors (view and target)
        std::int64_t rate_sec = 1;
        std::int64_t next_due = 0;      // local seconds
        std::uint64_t since = 0;        // local seconds of the last send (0: every device)
        DeviceListOptions options;      // the fields
        std::shared_ptr<WebSocketPeer> peer;
        std::atomic<bool> cancelled{false};
    };

    void add(std::shared_ptr<Watch> watch);
    void cancel(std::uint64_t session, std::int64_t request);
    void remove_session(std::uint64_t session);
    std::uint64_t new_session_id() { return next_session_.fetch_add(1); }
    Services& services() { return services_; }

private:
    void run(Watch& watch, std::int64_t now);

    Services& services_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<Watch>> watches_;
    std::atomic<std::uint64_t> next_session_{1};
};

} // namespace airsight::core

#endif
