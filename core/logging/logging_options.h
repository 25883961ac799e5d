// The logging settings, with Kismet's keys (kismet_logging.conf):
// enable_logging, log_prefix, log_title, log_template, log_types,
// kis_log_device_rate and kis_log_gps_track. Read once at start; a value
// that cannot work stops the start with what to fix.
#ifndef AIRSIGHT_CORE_LOGGING_LOGGING_OPTIONS_H
#define AIRSIGHT_CORE_LOGGING_LOGGING_OPTIONS_H

#include "config/config_file.h"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace airsight::core {

struct LoggingOptions {
    static constexpr const char* kDefaultTemplate = "%p/%n-%D-%t-%i.%l";

    bool enabled = true;                 // enable_logging
    std::filesystem::path prefix;        // log_prefix; default: output_dir
    std::string title = "Kismet";        // log_title
    std::string log_template = kDefaultTemplate;
    std::vector<std::string> types{"kismet"}; // log_types, comma lists, in order, each once
    /// log_types was written by the operator (config or command line), not
    /// the built-in default: a class no plugin provides is then fatal.
    bool types_configured = false;
    std::chrono::seconds device_rate{30}; // kis_log_device_rate
    bool gps_track = true;                 // kis_log_gps_track: GPS snapshots every 10 s

    /// Reads the keys; `output_dir` is the default log_prefix. Throws
    /// ConfigError for a malformed template or a bad number.
    static LoggingOptions from_config(const ConfigFile& config, const std::filesystem::path& output_dir);
};

/// Makes sure logs can be created in `prefix`: creates it (and its parents)
/// when missing, then checks it is a folder the server may write. Throws
/// ConfigError naming the path and the system's reason.
void ensure_log_prefix(const std::filesystem::path& prefix);

} // namespace airsight::core

#endif
