// The options of a linuxwifi source definition ("wlan0:channel=6,ht_channels=false").
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_OPTIONS_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_OPTIONS_H

#include "channel.h"
#include "wiphy_channels.h"

#include <airsight/datasource.h>

#include <optional>
#include <string>
#include <vector>

namespace airsight::linuxwifi {

struct LinuxWifiOptions {
    std::optional<std::string> channel;  // channel=: start (and stay) there
    std::vector<std::string> channels;   // channels=A/B/C: hop over these only
    ChannelChoice choice;                 // ht_channels=, vht_channels=, band24ghz=, band5ghz=, band6ghz=
    std::string vif;                      // vif=: the monitor interface's name ("" = Kismet's naming)
    bool ignore_primary = false;          // ignoreprimary=: leave the parent interface up
};

/// Throws std::invalid_argument naming the option for a bad value (a
/// channel that is no 802.11 channel, a flag that is not true or false, a
/// vif= that is no interface name). channel_hop= and channel_hop_speed= are
/// the server's (DatasourceManager applies them once the source is open).
LinuxWifiOptions parse_options(const airsight::SourceDefinition& definition);

/// Kismet's monitor interface name for `interface`: NAME + "mon" when that
/// fits in an interface name (15 characters), else "kismon" + the first
/// number `taken` refuses.
std::string monitor_name(const std::string& interface, bool (*taken)(const std::string&));

} // namespace airsight::linuxwifi

#endif
