#include "app/plugin_host.h"

namespace airsight::core {

PluginHostImpl::PluginHostImpl(Services& services, const PluginRecord& record)
    : services_(services), owner_("plugin:" + record.name), dir_(record.dir.string())
{
}

FieldRegistry& PluginHostImpl::fields() { return services_.fields; }

void PluginHostImpl::add_route(Route route) { services_.routes.add(std::move(route), owner_); }

MessageBus& PluginHostImpl::messages() { return services_.messages; }

void PluginHostImpl::add_packet_handler(PacketStage stage, std::string name, PacketHandler handler)
{
    services_.chain.add_handler(stage, std::move(name), std::move(handler), owner_);
}

void PluginHostImpl::add_datasource_type(std::unique_ptr<DatasourceType> type)
{
    services_.datasource_types.add(std::move(type), owner_);
}

const ConfigView& PluginHostImpl::config() const { return services_.config; }

std::string PluginHostImpl::plugin_dir() const { return dir_; }

DeviceTracker& PluginHostImpl::devices() { return services_.devices; }

DeviceLists& PluginHostImpl::device_lists() { return services_.device_lists; }

void PluginHostImpl::add_device_view(std::string id, std::string description, std::function<bool(const Device&)> select)
{
    services_.devices.add_view(DeviceView{std::move(id), std::move(description), std::move(select), owner_});
}

void PluginHostImpl::withdraw()
{
    // Nothing of the plugin's code may stay reachable once it unloads.
    services_.routes.remove_owner(owner_);
    services_.chain.remove_owner(owner_);
    services_.datasource_types.remove_owner(owner_);
    services_.devices.remove_views_of(owner_);
}

} // namespace airsight::core
