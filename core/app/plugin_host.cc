#include "app/plugin_host.h"

#include "logging/logging_manager.h"

#include <algorithm>
#include <chrono>
#include <thread>

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

std::uint32_t PluginHostImpl::add_packet_component(std::string name, const PacketComponentOps& ops)
{
    return services_.chain.add_component(std::move(name), ops, owner_);
}

void PluginHostImpl::add_datasource_type(std::unique_ptr<DatasourceType> type)
{
    services_.datasource_types.add(std::move(type), owner_);
}

const ConfigView& PluginHostImpl::config() const { return services_.config; }

std::string PluginHostImpl::plugin_dir() const { return dir_; }

OutputFiles& PluginHostImpl::outputs() { return services_.outputs; }

DeviceTracker& PluginHostImpl::devices() { return services_.devices; }

DeviceLists& PluginHostImpl::device_lists() { return services_.device_lists; }

void PluginHostImpl::add_device_view(std::string id, std::string description, std::function<bool(const Device&)> select)
{
    services_.devices.add_view(DeviceView{std::move(id), std::move(description), std::move(select), owner_});
}

void PluginHostImpl::withdraw()
{
    // After this, nothing reaches the plugin's objects: it is about to be
    // stopped or destroyed. The packet chain's and the tracker's removals
    // wait for running handlers under their locks; routes wait here.
    std::vector<std::shared_ptr<const Route>> routes = services_.routes.remove_owner(owner_);
    services_.chain.remove_owner(owner_);
    services_.datasource_types.remove_owner(owner_);
    services_.devices.remove_views_of(owner_);
    // Their open logs close (final device pass, flush, close) before the drivers go.
    const auto withdrawn = services_.log_drivers.remove_owner(owner_);
    if (services_.logging && !withdrawn.empty()) services_.logging->close_logs_of(withdrawn);
    wait_until_idle(routes);
}

// A request in flight holds its own reference to its route: a route whose
// only owner is `routes` has no handler running, and none can start.
void PluginHostImpl::wait_until_idle(const std::vector<std::shared_ptr<const Route>>& routes)
{
    auto busy = [&routes] {
        return std::any_of(routes.begin(), routes.end(), [](const auto& r) { return r.use_count() > 1; });
    };
    const auto start = std::chrono::steady_clock::now();
    bool said = false;
    while (busy()) {
        if (!said && std::chrono::steady_clock::now() - start > std::chrono::seconds(5)) {
            services_.messages.post("Still waiting for requests in flight to " + owner_ + " before it stops", MSG_ERROR);
            said = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

AlertTracker& PluginHostImpl::alerts() { return services_.alerts; }

void PluginHostImpl::add_log_driver(std::unique_ptr<LogDriver> driver)
{
    services_.log_drivers.add(owner_, std::move(driver));
}

const SourceDirectory& PluginHostImpl::sources() const { return services_.sources; }

StreamTracker& PluginHostImpl::streams() { return services_.streams; }
EventBus& PluginHostImpl::events() { return services_.events; }


} // namespace airsight::core
