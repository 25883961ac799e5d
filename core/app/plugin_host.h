// The PluginHost one plugin sees: it forwards to the server's services and
// tags what the plugin registers with its owner, so a plugin that fails or
// stops can be withdrawn: no route, packet handler or view reaches it after.
#ifndef AIRSIGHT_CORE_APP_PLUGIN_HOST_H
#define AIRSIGHT_CORE_APP_PLUGIN_HOST_H

#include "services/services.h"
#include "http/static_files.h"
#include "plugins/plugin_loader.h"

namespace airsight::core {

class PluginHostImpl : public PluginHostSession {
public:
    PluginHostImpl(Services& services, const PluginRecord& record);

    FieldRegistry& fields() override;
    void add_route(Route route) override;
    MessageBus& messages() override;
    void add_packet_handler(PacketStage stage, std::string name, PacketHandler handler) override;
    std::uint32_t add_packet_component(std::string name, const PacketComponentOps& ops) override;
    void add_datasource_type(std::unique_ptr<DatasourceType> type) override;
    DeviceTracker& devices() override;
    DeviceLists& device_lists() override;
    void add_device_view(std::string id, std::string description, std::function<bool(const Device&)> select) override;
    const ConfigView& config() const override;
    std::string plugin_dir() const override;
    OutputFiles& outputs() override;
    AlertTracker& alerts() override;
    void add_log_driver(std::unique_ptr<LogDriver> driver) override;
    const SourceDirectory& sources() const override;
    StreamTracker& streams() override;
    EventBus& events() override;

    /// Takes back routes, packet handlers, datasource types and device views;
    /// returns once no request to one of its routes is still being served.
    void withdraw() override;

private:
    void wait_until_idle(const std::vector<std::shared_ptr<const Route>>& routes);

    Services& services_;
    std::string owner_; // owner tag of everything it registers: "plugin:<name>"
    std::string dir_;
};

} // namespace airsight::core

#endif
