#include "logging/logging_options.h"

#include "logging/log_template.h"
#include "util/trim.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <unistd.h>

namespace airsight::core {
namespace fs = std::filesystem;

LoggingOptions LoggingOptions::from_config(const ConfigFile& config, const fs::path& output_dir)
{
    LoggingOptions o;
    o.enabled = config.get_bool("enable_logging", true);
    const std::string prefix = config.get_string("log_prefix", "");
    o.prefix = fs::absolute(prefix.empty() ? output_dir : fs::path(prefix)).lexically_normal();
    o.title = config.get_string("log_title", "Kismet");
    o.log_template = config.get_string("log_template", kDefaultTemplate);
    try {
        check_log_template(o.log_template);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(std::string(e.what()) + " (" + config.origin("log_template") + ")");
    }
    const std::vector<std::string> lines = config.values("log_types");
    if (!lines.empty()) {
        o.types_configured = true;
        o.types.clear();
        for (const std::string& line : lines) {
            std::size_t start = 0;
            while (start <= line.size()) {
                const std::size_t comma = std::min(line.find(',', start), line.size());
                std::string t(trim(std::string_view(line).substr(start, comma - start), " \t"));
                std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
                if (!t.empty() && std::find(o.types.begin(), o.types.end(), t) == o.types.end())
                    o.types.push_back(std::move(t));
                start = comma + 1;
            }
        }
    }
    o.device_rate = std::chrono::seconds(config.get_uint("kis_log_device_rate", 30, 1, 86400));
    o.gps_track = config.get_bool("kis_log_gps_track", true);
    return o;
}

void ensure_log_prefix(const fs::path& prefix)
{
    std::error_code ec;
    if (fs::exists(prefix, ec) && !fs::is_directory(prefix, ec))
        throw ConfigError("log_prefix " + prefix.string() + " is not a folder (set log_prefix= to a folder)");
    fs::create_directories(prefix, ec);
    if (ec)
        throw ConfigError("log_prefix " + prefix.string() + " cannot be created: " + ec.message() +
                          " (set log_prefix= to a folder the server may write)");
    if (!fs::is_directory(prefix, ec))
        throw ConfigError("log_prefix " + prefix.string() + " is not a folder (set log_prefix= to a folder)");
    if (::access(prefix.c_str(), W_OK | X_OK) != 0)
        throw ConfigError("log_prefix " + prefix.string() + " is not writable: " + std::strerror(errno) +
                          " (set log_prefix= to a folder the server may write)");
}

} // namespace airsight::core
