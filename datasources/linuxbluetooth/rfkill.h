// Whether rfkill blocks a controller, read from sysfs: the kernel answers a
// blocked controller's Set Powered with a plain "Failed", so the source looks
// here to tell the user what to do.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_RFKILL_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_RFKILL_H

#include <string>
#include <string_view>

namespace airsight::linuxbluetooth {

enum class RfkillState { unblocked, soft_blocked, hard_blocked };

/// The state of the rfkill switch the kernel registers under the controller
/// (`sysfs`/CONTROLLER/rfkillN/soft and hard); unblocked when there is none.
/// `sysfs` is /sys/class/bluetooth, a constructed tree in tests.
RfkillState rfkill_state(std::string_view controller, const std::string& sysfs = "/sys/class/bluetooth");

/// What to tell the user about a blocked controller ("" when unblocked).
std::string rfkill_message(std::string_view controller, RfkillState state);

} // namespace airsight::linuxbluetooth

#endif
