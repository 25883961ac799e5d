// airsight SDK: device lists as REST replies.
//
// The device tracker (devices.h) only stores devices; this service renders
// the devices a plugin selects the way every /devices/ endpoint does, so a
// plugin route such as /phy/phy80211/clients-of/KEY/clients answers with the
// same `fields`, `regex` and `last_time` options and output formats.
#ifndef AIRSIGHT_DEVICE_LISTS_H
#define AIRSIGHT_DEVICE_LISTS_H

#include <airsight/devices.h>
#include <airsight/function_ref.h>
#include <airsight/http.h>
#include <airsight/value.h>

namespace airsight {

class DeviceLists {
public:
    virtual ~DeviceLists() = default;
    /// A reply listing the devices `select` accepts (nullptr: every device), honouring the request's
    /// `fields`, `regex` and `last_time` options. `select` runs before list()
    /// returns, with the tracker locked: it must not call the tracker. The
    /// records are rendered later, in bounded chunks, while the reply is
    /// written; a device forgotten in between is left out. Throws HttpError
    /// 400 on a bad option.
    virtual Reply list(const Request& request, FunctionRef<bool(const Device&)> select) = 0;
    /// The whole record of one device, as /devices/by-key/KEY/device.json
    /// serves it (kismet.device.base.* and every component). Call it with
    /// the device locked: inside DeviceTracker::update or with_device. For
    /// an event's content (events.h), built only when someone listens.
    virtual Value record(const Device& device) const = 0;
};

} // namespace airsight

#endif
