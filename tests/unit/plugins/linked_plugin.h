// The plugin a test executable links in (the entry points its AIRSIGHT_PLUGIN
// defines), created through them as the loader would create it from its .so.
#ifndef AIRSIGHT_TESTS_UNIT_PLUGINS_LINKED_PLUGIN_H
#define AIRSIGHT_TESTS_UNIT_PLUGINS_LINKED_PLUGIN_H

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <memory>

extern "C" airsight::Plugin* airsight_plugin_create(airsight::PluginHost* host, char* error, unsigned long error_size);
extern "C" const struct airsight_plugin_info airsight_plugin_info;

namespace airsight::test {

/// The linked plugin, created on `host`; the test stops with the plugin's own
/// error when it refuses.
inline std::unique_ptr<Plugin> create_linked_plugin(PluginHost& host)
{
    char error[256] = {};
    std::unique_ptr<Plugin> plugin(airsight_plugin_create(&host, error, sizeof error));
    REQUIRE_MESSAGE(plugin != nullptr, error);
    return plugin;
}

} // namespace airsight::test

#endif
