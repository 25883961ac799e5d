// The PluginHost one plugin sees: it forwards to the server's services and
// remembers what the plugin registered, so a plugin that fails (or unloads)
// can be withdrawn without leaving routes into unmapped code.
#pragma once

#include "app/services.h"
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
    void add_datasource_type(std::unique_ptr<DatasourceType> type) override;
    DeviceTracker& devices() override;
    DeviceLists& device_lists() override;
    void add_device_view(std::string id, std::string description, std::function<bool(const Device&)> select) override;
    const ConfigView& config() const override;
    std::string plugin_dir() const override;

    void withdraw() override;

private:
    Services& services_;
    std::string owner_; // owner tag of everything it registers: "plugin:<name>"
    std::string dir_;
};

} // namespace airsight::core
