// A plugin's manifest.conf: Kismet's plugin description format.
//
//     # comment
//     name=hello                 required; letters, digits, '_', '.', '-'
//     description=Says hello
//     author=Someone
//     version=1.0
//     object=hello.so            optional: the .so, relative to the plugin folder
//     js=hello,/plugin/hello/js/hello.js   optional: a UI module, kept verbatim
//
// Unknown keys are ignored (newer manifests stay loadable); malformed lines
// and repeated keys are errors, so a typo refuses the plugin with a reason
// instead of silently loading something else.
#ifndef AIRSIGHT_CORE_PLUGINS_MANIFEST_H
#define AIRSIGHT_CORE_PLUGINS_MANIFEST_H

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight::core {

struct Manifest {
    std::string name;
    std::string description;
    std::string author;
    std::string version;
    std::string object; // empty for web-only plugins
    std::string js;
};

/// Why a manifest cannot be used; the message is shown to the user as is.
class ManifestError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// True when `name` is a usable plugin name: [A-Za-z0-9_.-]+, at most 64
/// characters, and not "." or ".." (names become URL path segments).
bool is_valid_plugin_name(std::string_view name);

/// Parses manifest text; throws ManifestError naming the line at fault.
Manifest parse_manifest(std::string_view text);

/// Reads and parses a manifest file; throws ManifestError when it cannot.
Manifest read_manifest(const std::filesystem::path& file);

} // namespace airsight::core

#endif
