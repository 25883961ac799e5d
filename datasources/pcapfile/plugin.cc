// The pcapfile plugin: registers the pcapfile datasource type.
#include "pcapfile_type.h"

#include <airsight/plugin.h>

#include <memory>

namespace {

class PcapfilePlugin : public airsight::Plugin {
public:
    explicit PcapfilePlugin(airsight::PluginHost& host)
    {
        host.add_datasource_type(std::make_unique<airsight::pcapfile::PcapfileType>());
    }
};

} // namespace

AIRSIGHT_PLUGIN(PcapfilePlugin, "pcapfile", "1.0", "Replays pcap and pcapng capture files (Kismet's pcapfile source)",
                AIRSIGHT_PLUGIN_DATASOURCE)
