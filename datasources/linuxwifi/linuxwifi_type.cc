#include "linuxwifi_type.h"

#include "linuxwifi_source.h"
#include "netdev.h"
#include "nl80211_control.h"
#include "options.h"

#include <filesystem>
#include <map>
#include <optional>

namespace airsight::linuxwifi {

namespace {

// A Wi-Fi interface has a phy80211 link in sysfs; asking sysfs spares a
// netlink round trip for every definition probed.
bool is_wifi_interface(const std::string& name)
{
    std::error_code ec;
    return !name.empty() && name.find('/') == std::string::npos &&
           std::filesystem::exists(std::filesystem::path("/sys/class/net") / name / "phy80211", ec);
}

} // namespace

std::string LinuxWifiType::description() const
{
    return "Linux Wi-Fi interfaces in monitor mode (nl80211 and libpcap), with channel control";
}

DatasourceCapabilities LinuxWifiType::capabilities() const
{
    return {.list_interfaces = true, .probe = true, .local = true, .tune = true, .hop = true};
}

bool LinuxWifiType::probe(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) return *type == name();
    return is_wifi_interface(definition.interface);
}

std::vector<InterfaceInfo> LinuxWifiType::list_interfaces() const
{
    std::optional<Nl80211> nl;
    try {
        nl.emplace();
    } catch (const std::runtime_error&) {
        return {}; // no nl80211 (no cfg80211 in this kernel): no Wi-Fi interfaces to offer
    }
    // Past this point a failure (a refused dump, say without CAP_NET_ADMIN)
    // is an error the caller reports, not an empty list.
    std::vector<InterfaceInfo> out;
    std::map<int, WiphyInfo> phys;
    for (const InterfaceRecord& r : nl->interfaces()) {
        auto it = phys.find(r.wiphy);
        if (it == phys.end()) {
            try {
                it = phys.emplace(r.wiphy, nl->wiphy(r.wiphy)).first;
            } catch (const Nl80211Error&) {
                continue; // the phy went away between the two dumps
            }
        }
        std::string channels;
        for (const std::string& c : offered_channels(it->second)) channels += (channels.empty() ? "" : " ") + c;
        out.push_back(InterfaceInfo{
            .interface = r.name,
            .flags = "",
            .hardware = driver_of(r.name) + " (" + it->second.name + ", " + iftype_name(r.iftype) +
                        "; channels " + channels + ")",
        });
    }
    return out;
}

std::unique_ptr<Datasource> LinuxWifiType::create(const SourceDefinition& definition) const
{
    LinuxWifiOptions options = parse_options(definition);
    const std::string& interface = definition.interface;
    if (interface_exists(interface) && !is_wifi_interface(interface))
        throw std::invalid_argument("interface " + interface + " is not a Wi-Fi interface (no nl80211 phy); linuxwifi "
                                    "captures from Wi-Fi cards such as wlan0");
    return std::make_unique<LinuxWifiSource>(interface, std::move(options));
}

} // namespace airsight::linuxwifi
