#include "alerts/alert_options.h"

#include "util/trim.h"

#include <charconv>
#include <stdexcept>

namespace airsight::core {
namespace {

AlertRate rate_of(std::string_view text, const char* what)
{
    const std::optional<AlertRate> rate = AlertRate::parse(trim(text));
    if (!rate)
        throw std::invalid_argument(std::string(what) + " '" + std::string(text) +
                                    "' is not a rate: give N/sec, N/min, N/hour or N/day (e.g. 10/min)");
    return *rate;
}

} // namespace

std::string alert_name_key(std::string_view name)
{
    std::string key(trim(name));
    for (char& c : key)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return key;
}

AlertRates parse_alert_rates(std::string_view throttle, std::string_view burst)
{
    AlertRates rates{rate_of(throttle, "throttle"), rate_of(burst, "burst")};
    if (alert_unit_seconds(rates.burst.unit) > alert_unit_seconds(rates.limit.unit))
        throw std::invalid_argument("the burst's time unit ('" + std::string(burst) +
                                    "') must not be longer than the throttle's ('" + std::string(throttle) + "')");
    return rates;
}

void add_alert_line(AlertOptions& options, std::string_view line)
{
    try {
        const std::size_t first = line.find(',');
        const std::size_t second = first == std::string_view::npos ? first : line.find(',', first + 1);
        if (second == std::string_view::npos || line.find(',', second + 1) != std::string_view::npos)
            throw std::invalid_argument("expected NAME,throttle,burst (e.g. DEAUTHFLOOD,10/min,2/sec)");
        const std::string name = alert_name_key(line.substr(0, first));
        if (name.empty()) throw std::invalid_argument("the alert name is empty");
        options.rates[name] = parse_alert_rates(line.substr(first + 1, second - first - 1), line.substr(second + 1));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("alert=" + std::string(line) + ": " + e.what());
    }
}

AlertOptions AlertOptions::from_config(const ConfigView& config)
{
    AlertOptions options;
    if (const std::optional<std::string> backlog = config.value("alertbacklog")) {
        const std::string_view text = trim(*backlog);
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n > 1'000'000)
            throw std::invalid_argument("alertbacklog=" + *backlog + ": give a whole number of alerts to keep (0 to 1000000)");
        options.backlog = n;
    }
    for (const std::string& line : config.values("alert")) add_alert_line(options, line);
    return options;
}

} // namespace airsight::core
