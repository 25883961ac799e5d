// Network-interface facts and switches outside nl80211: up/down through
// SIOCSIFFLAGS, the driver from sysfs, whether an interface exists.
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_NETDEV_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_NETDEV_H

#include <string>

namespace airsight::linuxwifi {

/// True when the interface exists.
bool interface_exists(const std::string& name);
/// IFF_UP of the interface; throws std::runtime_error when it does not exist.
bool interface_up(const std::string& name);
/// Brings the interface up or down; throws std::runtime_error with the
/// reason (naming CAP_NET_ADMIN on EPERM).
void set_interface_up(const std::string& name, bool up);
/// The kernel driver bound to the interface's device
/// (/sys/class/net/NAME/device/driver), "unknown" when there is none.
std::string driver_of(const std::string& name, const std::string& sysfs_root = "/sys/class/net");

} // namespace airsight::linuxwifi

#endif
