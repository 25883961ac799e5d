#include "endpoints/endpoints.h"

#include <charconv>
#include <chrono>
#include <cmath>

namespace airsight::core {

double wall_clock_now()
{
    using namespace std::chrono;
    return static_cast<double>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()) / 1e6;
}

double parse_timestamp_param(std::string_view text, double now)
{
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
        throw HttpError(400, "timestamp '" + std::string(text) +
                                 "' is not a number: give seconds since the epoch, or a negative number of seconds "
                                 "before now");
    return value < 0 ? now + value : value;
}

} // namespace airsight::core
