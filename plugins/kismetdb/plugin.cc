// The kismetdb plugin: Kismet's "kismet" log class (the kismetdb SQLite log)
// and the kismetdb datasource type that replays such logs.
#include "kismetdb_log.h"
#include "kismetdb_type.h"

#include <airsight/plugin.h>

#include <memory>

namespace {

class KismetdbPlugin : public airsight::Plugin {
public:
    explicit KismetdbPlugin(airsight::PluginHost& host)
    {
        using namespace airsight::kismetdb;
        host.add_log_driver(std::make_unique<KismetLogDriver>(KismetLogOptions::from_config(host.config())));
        host.add_datasource_type(std::make_unique<KismetdbType>());
    }
};

} // namespace

AIRSIGHT_PLUGIN(KismetdbPlugin, "kismetdb", "1.0",
                "Kismet's kismetdb log (log class \"kismet\") and the kismetdb source that replays .kismet files",
                AIRSIGHT_PLUGIN_LOG | AIRSIGHT_PLUGIN_DATASOURCE)
