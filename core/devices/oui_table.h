// Manufacturer names by OUI, from the IEEE registry Debian's ieee-data
// package installs (/usr/share/ieee-data/oui.txt).
#ifndef AIRSIGHT_CORE_DEVICES_OUI_TABLE_H
#define AIRSIGHT_CORE_DEVICES_OUI_TABLE_H

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

class OuiTable {
public:
    /// An empty table: every look-up says "Unknown".
    OuiTable() = default;
    /// Reads an oui.txt ("XX-XX-XX   (hex)\t\tName" lines); throws
    /// std::runtime_error when the file cannot be read.
    static OuiTable load(const std::filesystem::path& oui_txt);
    /// The default table: oui_file from the config, else Debian's path; empty
    /// (with `error` set) when it cannot be read.
    static OuiTable load_default(const std::string& configured_path, std::string& error);

    std::string_view lookup(std::uint32_t oui) const;
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::uint32_t oui;
        std::uint32_t name_offset;
        std::uint32_t name_length;
    };
    std::vector<Entry> entries_; // sorted by oui
    std::string names_;          // all names, back to back
};

} // namespace airsight::core

#endif
