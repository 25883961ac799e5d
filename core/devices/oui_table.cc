#include "devices/oui_table.h"

#include <airsight/hex.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace airsight::core {
namespace {
constexpr const char* kDebianOuiFile = "/usr/share/ieee-data/oui.txt";
} // namespace

OuiTable OuiTable::load(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read OUI file " + path.string());
    OuiTable table;
    std::string line;
    while (std::getline(in, line)) {
        // "00-00-0C   (hex)\t\tCisco Systems, Inc"
        const std::size_t hex_tag = line.find("(hex)");
        if (hex_tag == std::string::npos || line.size() < 8 || line[2] != '-' || line[5] != '-') continue;
        std::uint32_t oui = 0;
        bool ok = true;
        for (int i : {0, 1, 3, 4, 6, 7}) {
            const int d = hex_digit_value(line[i]);
            ok = ok && d >= 0;
            oui = (oui << 4) | static_cast<std::uint32_t>(d < 0 ? 0 : d);
        }
        if (!ok) continue;
        std::size_t start = line.find_first_not_of(" \t", hex_tag + 5);
        std::size_t end = line.find_last_not_of(" \t\r");
        if (start == std::string::npos || end < start) continue;
        table.entries_.push_back(Entry{oui, static_cast<std::uint32_t>(table.names_.size()),
                                       static_cast<std::uint32_t>(end - start + 1)});
        table.names_.append(line, start, end - start + 1);
    }
    std::stable_sort(table.entries_.begin(), table.entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.oui < b.oui; });
    return table;
}

OuiTable OuiTable::load_default(const std::string& configured_path, std::string& error)
{
    const std::string path = configured_path.empty() ? kDebianOuiFile : configured_path;
    try {
        return load(path);
    } catch (const std::exception& e) {
        error = std::string(e.what()) + ": manufacturers will show as Unknown (install ieee-data or set oui_file)";
        return OuiTable();
    }
}

std::string_view OuiTable::lookup(std::uint32_t oui) const
{
    auto it = std::lower_bound(entries_.begin(), entries_.end(), oui,
                               [](const Entry& e, std::uint32_t v) { return e.oui < v; });
    if (it == entries_.end() || it->oui != oui) return "Unknown";
    return std::string_view(names_).substr(it->name_offset, it->name_length);
}

} // namespace airsight::core
