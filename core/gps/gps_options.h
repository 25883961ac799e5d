// A GPS definition as Kismet writes it in kismet.conf or /gps/add_gps:
// "gps=TYPE:name=...,priority=...,opt=value,..." (values may be quoted).
// Accessors refuse a bad value with a message naming the option.
#ifndef AIRSIGHT_CORE_GPS_GPS_OPTIONS_H
#define AIRSIGHT_CORE_GPS_GPS_OPTIONS_H

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace airsight::core {

struct GpsOptions {
    std::string text; // as given
    std::string type; // before the ':'
    std::map<std::string, std::string, std::less<>> options; // keys lower-case

    /// Throws std::invalid_argument naming what is wrong.
    static GpsOptions parse(std::string_view text);

    std::optional<std::string> option(std::string_view key) const;
    /// The option's value; throws "GPS type gpsd needs host=..." when absent or empty.
    std::string required(std::string_view key, std::string_view what) const;
    /// true/false/yes/no/1/0.
    bool flag(std::string_view key, bool fallback) const;
    /// A finite decimal number from `min` to `max`.
    std::optional<double> number(std::string_view key, double min, double max) const;
    /// A whole number from `min` to `max`.
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) const;

    [[noreturn]] void bad(std::string_view key, std::string_view value, std::string_view why) const;
};

} // namespace airsight::core

#endif
