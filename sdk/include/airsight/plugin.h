// airsight SDK: the one header a plugin includes.
//
// A plugin defines its class and declares itself with AIRSIGHT_PLUGIN:
//
//     #include <airsight/plugin.h>
//
//     class Hello : public airsight::Plugin {
//     public:
//         explicit Hello(airsight::PluginHost& host) { host.add_route(...); }
//     };
//
//     AIRSIGHT_PLUGIN(Hello, "hello", "1.0", "says hello", AIRSIGHT_PLUGIN_ENDPOINTS)
//
// The macro exports the plain-C info record and the factory the loader looks
// for. NAME, VERSION and DESCRIPTION must be string literals that fit the
// record (AIRSIGHT_PLUGIN_*_SIZE in abi.h, NUL included): a longer one does
// not compile. The factory catches exceptions, so a constructor that throws makes the
// plugin refused with its message rather than taking the server down.
#ifndef AIRSIGHT_PLUGIN_H
#define AIRSIGHT_PLUGIN_H

#include <airsight/abi.h>
#include <airsight/field.h>
#include <airsight/host.h>
#include <airsight/http.h>
#include <airsight/value.h>
#include <airsight/writer.h>

#include <exception>
#include <string>

extern "C" {
/// The factory's signature. Returns the new plugin, or nullptr with a reason
/// written to `error` (at most error_size bytes, NUL-terminated).
typedef airsight::Plugin* (*airsight_plugin_create_fn)(airsight::PluginHost* host, char* error,
                                                       unsigned long error_size);
}

namespace airsight::detail {
inline void copy_error(const char* what, char* error, unsigned long error_size)
{
    if (!error || error_size == 0) return;
    std::string msg = what ? what : "unknown error";
    if (msg.size() >= error_size) msg.resize(error_size - 1);
    msg.copy(error, msg.size());
    error[msg.size()] = '\0';
}
} // namespace airsight::detail

#define AIRSIGHT_PLUGIN(CLASS, NAME, VERSION, DESCRIPTION, KINDS)                                       \
    extern "C" __attribute__((visibility("default"))) const airsight_plugin_info airsight_plugin_info = { \
        AIRSIGHT_SDK_ABI, (KINDS), NAME, VERSION, DESCRIPTION};                                         \
    extern "C" __attribute__((visibility("default"))) airsight::Plugin* airsight_plugin_create(         \
        airsight::PluginHost* host, char* error, unsigned long error_size)                              \
    {                                                                                                   \
        try {                                                                                           \
            return new CLASS(*host);                                                                    \
        } catch (const std::exception& e) {                                                             \
            airsight::detail::copy_error(e.what(), error, error_size);                                  \
        } catch (...) {                                                                                 \
            airsight::detail::copy_error("unknown exception", error, error_size);                      \
        }                                                                                               \
        return nullptr;                                                                                 \
    }

#endif
