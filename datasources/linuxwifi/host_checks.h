// Checks of the machine around a capture: the process's capabilities, and
// the daemons (NetworkManager, wpa_supplicant) that would fight over the
// interface's mode and channel. Each reads a root directory it is given
// (/proc, /run) so tests feed it a constructed tree.
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_HOST_CHECKS_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_HOST_CHECKS_H

#include <string>

namespace airsight::linuxwifi {

/// Empty when this process holds CAP_NET_ADMIN and CAP_NET_RAW (effective);
/// otherwise a message naming what is missing and the setcap command that
/// grants it.
std::string missing_capabilities_message(const std::string& interface);

/// The same message for a given set of missing capability names
/// ("CAP_NET_RAW"), comma-separated; pure, for tests.
std::string capabilities_message(const std::string& interface, const std::string& missing, const std::string& binary);

/// A warning when NetworkManager or wpa_supplicant run and may manage
/// `interface` (NetworkManager unless its device state file says
/// managed=false; wpa_supplicant when started for it or for no named
/// interface), empty otherwise. `proc` is /proc, `nm_run` /run/NetworkManager.
std::string interface_manager_warning(const std::string& interface, unsigned ifindex, const std::string& proc = "/proc",
                                      const std::string& nm_run = "/run/NetworkManager");

} // namespace airsight::linuxwifi

#endif
