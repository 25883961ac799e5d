#include "app/plugin_host.h"

namespace airsight::core {

PluginHostImpl::PluginHostImpl(Services& services, const PluginRecord& record)
    : services_(services), owner_("plugin:" + record.name), dir_(record.dir.string())
{
}

FieldRegistry& PluginHostImpl::fields() { return services_.fields; }

void PluginHostImpl::add_route(Route route) { services_.routes.add(std::move(route), owner_); }

MessageBus& PluginHostImpl::messages() { return services_.messages; }

const ConfigView& PluginHostImpl::config() const { return services_.config; }

std::string PluginHostImpl::plugin_dir() const { return dir_; }

void PluginHostImpl::withdraw() { services_.routes.remove_owner(owner_); }

} // namespace airsight::core
