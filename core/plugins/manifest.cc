#include "plugins/manifest.h"
#include "util/trim.h"

#include <algorithm>
#include <fstream>
#include <vector>

namespace airsight::core {

namespace {

constexpr std::size_t max_manifest_bytes = 64 * 1024; // a manifest is a few lines

// Where a key's value goes; nullptr for keys this version does not know.
std::string* slot_for(Manifest& m, std::string_view key)
{
    if (key == "name") return &m.name;
    if (key == "description") return &m.description;
    if (key == "author") return &m.author;
    if (key == "version") return &m.version;
    if (key == "object") return &m.object;
    if (key == "js") return &m.js;
    return nullptr;
}

// object= must stay inside the plugin folder: no absolute paths, no "..".
void check_object(const std::string& object)
{
    const std::filesystem::path p(object);
    if (p.is_absolute()) throw ManifestError("object=" + object + " must be relative to the plugin folder");
    for (const auto& part : p)
        if (part == "..") throw ManifestError("object=" + object + " must not leave the plugin folder");
}

} // namespace

bool is_valid_plugin_name(std::string_view name)
{
    if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
    for (unsigned char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

Manifest parse_manifest(std::string_view text)
{
    Manifest m;
    std::vector<std::string_view> seen; // known keys given so far, to reject repeats
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;

        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const auto eq = line.find('=');
        const std::string_view key = trim(line.substr(0, eq));
        if (eq == std::string_view::npos || key.empty())
            throw ManifestError("line " + std::to_string(line_no) + ": expected key=value");

        std::string* slot = slot_for(m, key);
        if (!slot) continue; // unknown key: ignored on purpose
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            throw ManifestError("line " + std::to_string(line_no) + ": " + std::string(key) + "= given twice");
        seen.push_back(key);
        *slot = std::string(trim(line.substr(eq + 1)));
    }

    if (m.name.empty()) throw ManifestError("no name= in manifest");
    if (!is_valid_plugin_name(m.name))
        throw ManifestError("invalid plugin name '" + m.name + "': use letters, digits, '_', '.' and '-'");
    if (!m.object.empty()) check_object(m.object);
    return m;
}

Manifest read_manifest(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw ManifestError("cannot read " + file.string() + ": not a regular file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ManifestError("cannot read " + file.string());
    std::string text(max_manifest_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw ManifestError("cannot read " + file.string());
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_manifest_bytes) throw ManifestError(file.string() + " is too large for a manifest");
    return parse_manifest(text);
}

} // namespace airsight::core
