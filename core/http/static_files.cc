#include "http/static_files.h"

#include <fstream>
#include <sstream>

namespace airsight::core {
namespace fs = std::filesystem;

std::string_view content_type_for(const fs::path& file)
{
    static const std::map<std::string, std::string_view, std::less<>> types{
        {".html", "text/html; charset=utf-8"},  {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},    {".json", "application/json"},
        {".svg", "image/svg+xml"},              {".png", "image/png"},
        {".jpg", "image/jpeg"},                 {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                  {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},  {".map", "application/json"},
        {".woff", "font/woff"},                 {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},                   {".wasm", "application/wasm"},
    };
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<fs::path> resolve_static(const fs::path& root, std::string_view url_path)
{
    fs::path relative;
    std::size_t i = 0;
    while (i < url_path.size()) {
        std::size_t j = url_path.find('/', i);
        if (j == std::string_view::npos) j = url_path.size();
        std::string_view seg = url_path.substr(i, j - i);
        if (!seg.empty()) {
            // ".." climbs out; ".x" hides dotfiles; NUL and '\' have no business in a path.
            if (seg.front() == '.' || seg.find('\0') != std::string_view::npos ||
                seg.find('\\') != std::string_view::npos)
                return std::nullopt;
            relative /= std::string(seg);
        }
        i = j + 1;
    }
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    fs::path candidate = canonical_root / relative;
    if (fs::is_directory(candidate, ec)) candidate /= "index.html";
    const fs::path resolved = fs::canonical(candidate, ec);
    if (ec || !fs::is_regular_file(resolved, ec)) return std::nullopt;
    // A symlink inside the root must not lead outside it.
    auto [root_end, _] = std::mismatch(canonical_root.begin(), canonical_root.end(), resolved.begin(), resolved.end());
    if (root_end != canonical_root.end()) return std::nullopt;
    return resolved;
}

StaticFiles::StaticFiles(fs::path webroot) : webroot_(std::move(webroot)) {}

void StaticFiles::add_plugin_dir(std::string name, fs::path httpd_dir)
{
    std::lock_guard lock(mutex_);
    plugin_dirs_[std::move(name)] = std::move(httpd_dir);
}

std::optional<Reply> StaticFiles::serve(std::string_view url_path) const
{
    fs::path root = webroot_;
    std::string_view rest = url_path;
    constexpr std::string_view plugin_prefix = "/plugin/";
    if (rest.substr(0, plugin_prefix.size()) == plugin_prefix) {
        rest.remove_prefix(plugin_prefix.size());
        const std::size_t slash = rest.find('/');
        const std::string_view name = rest.substr(0, slash);
        std::lock_guard lock(mutex_);
        auto it = plugin_dirs_.find(name);
        if (it == plugin_dirs_.end()) return std::nullopt;
        root = it->second;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    if (root.empty()) return std::nullopt;
    const auto file = resolve_static(root, rest);
    if (!file) return std::nullopt;
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw HttpError(403, "cannot read " + std::string(url_path));
    std::ostringstream data;
    data << in.rdbuf();
    return Reply::bytes(std::string(content_type_for(*file)), data.str());
}

} // namespace airsight::core
