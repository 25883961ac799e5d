// airsight SDK: the binary contract between the server and a plugin .so.
//
// A plugin exports exactly two symbols:
//   - `airsight_plugin_info`, a constant airsight_plugin_info of plain C types;
//   - `airsight_plugin_create`, the factory (see airsight/plugin.h).
// The loader reads and checks the info (ABI number, name) before it calls
// anything in the .so, so a plugin built against another SDK is refused with
// a reason instead of crashing the server.
#ifndef AIRSIGHT_ABI_H
#define AIRSIGHT_ABI_H

#include <stdint.h>

/* Bumped whenever a change to any SDK header breaks binary compatibility.
 * The loader accepts only plugins built with exactly this number. */
#define AIRSIGHT_SDK_ABI 3u

/* Human-readable SDK version, for messages and the pkg-config file. */
#define AIRSIGHT_SDK_VERSION "0.3.0"

#define AIRSIGHT_PLUGIN_INFO_SYMBOL "airsight_plugin_info"
#define AIRSIGHT_PLUGIN_CREATE_SYMBOL "airsight_plugin_create"

/* What a plugin provides; informational, shown in /plugins/all_plugins. */
enum airsight_plugin_kind {
    AIRSIGHT_PLUGIN_ENDPOINTS = 1u << 0, /* REST routes */
    AIRSIGHT_PLUGIN_FIELDS = 1u << 1,    /* tracked fields */
    AIRSIGHT_PLUGIN_PHY = 1u << 2,       /* PHY handler */
    AIRSIGHT_PLUGIN_DATASOURCE = 1u << 3,/* datasource driver */
    AIRSIGHT_PLUGIN_LOG = 1u << 4,       /* log driver */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Describes a plugin. Plain C so any version of the loader can read it. */
struct airsight_plugin_info {
    uint32_t sdk_abi;        /* AIRSIGHT_SDK_ABI the plugin was built with */
    uint32_t kinds;          /* bitwise OR of airsight_plugin_kind */
    const char* name;        /* must equal the manifest's name= */
    const char* version;     /* plugin version, free text */
    const char* description; /* one line */
};

#ifdef __cplusplus
}
#endif

#endif
