// Reads a plugin's info record straight from its .so file, before dlopen():
// dlopen runs the library's static constructors, so a plugin built for
// another SDK (or not a plugin at all) must be judged from its bytes alone.
//
// A pure function over bytes, so it can be tested and fuzzed on any input:
// it never reads outside `file`, never allocates in proportion to what the
// file claims, and answers every malformed input with a reason.
#ifndef AIRSIGHT_CORE_PLUGINS_ELF_INFO_H
#define AIRSIGHT_CORE_PLUGINS_ELF_INFO_H

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace airsight::core {

/// What the loader needs from a plugin .so before it opens it.
struct ElfPluginInfo {
    bool ok = false;
    std::string error; // why not, when !ok; shown to the user as is

    /// The record's first member, read from any ABI's record.
    std::uint32_t sdk_abi = 0;
    /// True when the record has the size of this SDK's airsight_plugin_info;
    /// only then are `kinds`, `name`, `version` and `description` set.
    bool current_layout = false;
    std::uint32_t kinds = 0;
    std::string name, version, description;
    /// The .so defines airsight_plugin_create (the factory).
    bool has_factory = false;
};

/// Parses a 64-bit little-endian ELF shared object (the only kind accepted),
/// finds the exported `airsight_plugin_info` in its .dynsym and reads the
/// record from the file's bytes. `ok` is false, with a reason, for anything
/// else: not ELF, 32-bit or big-endian, truncated, not a shared object, no
/// such symbol, a record not stored in the file, or text not NUL-terminated.
ElfPluginInfo read_elf_plugin_info(std::span<const std::uint8_t> file);

} // namespace airsight::core

#endif
