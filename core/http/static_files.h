// Static content: the web UI under /, and each plugin's httpd/ folder under
// /plugin/<name>/. Paths are confined to their root: no "..", no symlink
// escapes, no hidden files.
#ifndef AIRSIGHT_CORE_HTTP_STATIC_FILES_H
#define AIRSIGHT_CORE_HTTP_STATIC_FILES_H

#include <airsight/http.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::core {

/// The MIME type for a file name's extension ("text/html; charset=utf-8", ...).
std::string_view content_type_for(const std::filesystem::path& file);

/// Resolves a URL path (already percent-decoded, relative to a root) to a
/// file inside `root`; nothing if it is unsafe or not a regular file. A
/// directory resolves to its index.html.
std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root, std::string_view url_path);

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path webroot);

    /// Serves plugin content: /plugin/<name>/... maps to `httpd_dir`.
    void add_plugin_dir(std::string name, std::filesystem::path httpd_dir);

    /// The reply for a GET of `url_path`, or nothing when no file matches;
    /// a path that tries to leave its root matches nothing (a 404, which
    /// tells a prober no more than a missing file does).
    std::optional<Reply> serve(std::string_view url_path) const;

private:
    std::filesystem::path webroot_;
    mutable std::mutex mutex_;
    std::map<std::string, std::filesystem::path, std::less<>> plugin_dirs_;
};

} // namespace airsight::core

#endif
