#include "gps/gps_options.h"

#include <airsight/datasource.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace airsight::core {

GpsOptions GpsOptions::parse(std::string_view text)
{
    GpsOptions d;
    d.text = std::string(text);
    d.type = std::string(text.substr(0, text.find(':')));
    if (d.type.empty()) throw std::invalid_argument("GPS definition '" + d.text + "' has no type (like gpsd:host=localhost)");
    d.options = parse_definition_options(text, "GPS definition");
    return d;
}

std::optional<std::string> GpsOptions::option(std::string_view key) const
{
    const auto it = options.find(key);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::string GpsOptions::required(std::string_view key, std::string_view what) const
{
    const std::optional<std::string> v = option(key);
    if (!v || v->empty())
        throw std::invalid_argument("GPS type " + type + " needs " + std::string(key) + "=" + std::string(what) +
                                    " (in '" + text + "')");
    return *v;
}

void GpsOptions::bad(std::string_view key, std::string_view value, std::string_view why) const
{
    throw std::invalid_argument("GPS option " + std::string(key) + "=" + std::string(value) + " " + std::string(why) +
                                " (in '" + text + "')");
}

bool GpsOptions::flag(std::string_view key, bool fallback) const
{
    const std::optional<std::string> v = option(key);
    if (!v) return fallback;
    if (*v == "true" || *v == "yes" || *v == "1") return true;
    if (*v == "false" || *v == "no" || *v == "0") return false;
    bad(key, *v, "is not true or false");
}

std::optional<double> GpsOptions::number(std::string_view key, double min, double max) const
{
    const std::optional<std::string> v = option(key);
    if (!v) return std::nullopt;
    double n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size() || !std::isfinite(n) || n < min || n > max)
        bad(key, *v, "is not a number from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
}

std::optional<std::int64_t> GpsOptions::integer(std::string_view key, std::int64_t min, std::int64_t max) const
{
    const std::optional<std::string> v = option(key);
    if (!v) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n < min || n > max)
        bad(key, *v, "is not a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
}

} // namespace airsight::core
