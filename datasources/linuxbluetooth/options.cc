#include "options.h"

#include <charconv>
#include <stdexcept>
#include <string>

namespace airsight::linuxbluetooth {

std::optional<std::uint16_t> controller_index(std::string_view interface)
{
    if (!interface.starts_with("hci")) return std::nullopt;
    const std::string_view digits = interface.substr(3);
    if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value >= 0xffff) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

std::uint16_t parse_definition(const SourceDefinition& definition)
{
    definition.check_type_and_name("linuxbluetooth");
    if (auto index = controller_index(definition.interface)) return *index;
    throw std::invalid_argument("'" + definition.interface +
                                "' is not a Bluetooth controller name; linuxbluetooth captures from controllers "
                                "named hciN, such as hci0 (see /sys/class/bluetooth)");
}

} // namespace airsight::linuxbluetooth
