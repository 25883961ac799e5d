// The services a Server builds, without HTTP or plugins: for tests that
// register endpoints or a plugin host on the real thing.
#ifndef AIRSIGHT_TESTS_UNIT_REAL_SERVICES_H
#define AIRSIGHT_TESTS_UNIT_REAL_SERVICES_H

#include "app/plugin_host.h"
#include "config/config_file.h"
#include "util/output_directory.h"

#include <memory>

namespace airsight::test {

struct RealServices {
    core::ConfigFile config;
    core::FieldRegistryImpl fields;
    core::MessageBusImpl messages;
    core::RouteTable routes;
    core::PacketChain chain{messages};
    core::PacketRates packet_rates;
    core::SystemRates system_rates;
    core::DatasourceTypes datasource_types;
    core::DatasourceManager datasources{datasource_types, chain, messages};
    core::DeviceTrackerImpl devices{{}, messages, std::make_shared<const core::OuiTable>()};
    core::DeviceListsImpl device_lists{devices, fields, "uuid"};
    core::AlertTrackerImpl alerts{{}, messages, devices};
    core::OutputDirectory outputs{"/nonexistent-airsight-test-outputs"};
    core::LogDriverRegistry log_drivers;
    core::SourceDirectoryImpl sources{datasources};
    core::StreamTrackerImpl streams;
    core::EventBusImpl events;
    core::Services services{fields,       messages, routes,  chain,       packet_rates, system_rates,
                            datasource_types, datasources, devices, device_lists, alerts,
                            config,       outputs,  log_drivers, sources, streams, events, core::ServerInfo{}};
};

} // namespace airsight::test

#endif
