// The linuxwifi datasource type (Kismet's "linuxwifi"): definitions naming a
// Linux Wi-Fi interface, e.g. "wlan0", "wlan0mon", "wlan1:type=linuxwifi,channel=6".
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_LINUXWIFI_TYPE_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_LINUXWIFI_TYPE_H

#include <airsight/datasource.h>

#include <memory>
#include <string>
#include <vector>

namespace airsight::linuxwifi {

class LinuxWifiType final : public airsight::DatasourceType {
public:
    std::string name() const override { return "linuxwifi"; }
    std::string description() const override;
    airsight::DatasourceCapabilities capabilities() const override;
    /// True when the definition names type=linuxwifi, or (without type=) its
    /// interface is an nl80211 (Wi-Fi) interface, in any mode.
    bool probe(const airsight::SourceDefinition& definition) const override;
    /// Every nl80211 interface; hardware reads "DRIVER (phyN, MODE; channels A B C ...)".
    std::vector<airsight::InterfaceInfo> list_interfaces() const override;
    /// Throws std::invalid_argument for a bad option value, and for an
    /// existing interface that is not a Wi-Fi one. A missing interface is
    /// accepted: open() reports it, and succeeds once it appears.
    std::unique_ptr<airsight::Datasource> create(const airsight::SourceDefinition& definition) const override;
};

} // namespace airsight::linuxwifi

#endif
