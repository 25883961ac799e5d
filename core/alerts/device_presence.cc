#include "alerts/device_presence.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::core {
namespace {

std::uint64_t timeout(const ConfigView& config, std::string_view key)
{
    const auto text = config.value(key);
    if (!text) return 60;
    if (text->empty() || text->size() > 9 || !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw std::invalid_argument(std::string(key) + "=" + *text + ": expected a number of seconds");
    return std::stoull(*text);
}

DevicePresenceOptions::Target parse_target(const std::string& line, std::string_view key)
{
    const auto bad = [&] {
        return std::invalid_argument(std::string(key) + "=" + line +
                                     ": expected a MAC address (AA:BB:CC:DD:EE:FF) or a MAC and mask "
                                     "(AA:BB:CC:00:00:00/FF:FF:FF:00:00:00)");
    };
    const std::size_t slash = line.find('/');
    const std::string_view mac_text = std::string_view(line).substr(0, slash);
    const auto mac = MacAddr::parse(mac_text);
    if (!mac || mac_text.size() != 17) throw bad();
    DevicePresenceOptions::Target t;
    t.mac = *mac;
    if (slash != std::string::npos) {
        const std::string_view mask_text = std::string_view(line).substr(slash + 1);
        const auto mask = MacAddr::parse(mask_text);
        if (!mask || mask_text.size() != 17) throw bad();
        t.mask = mask->value();
    }
    return t;
}

} // namespace

DevicePresenceOptions DevicePresenceOptions::from_config(const ConfigView& config)
{
    DevicePresenceOptions o;
    o.found_timeout_sec = timeout(config, "devicefound_timeout");
    o.lost_timeout_sec = timeout(config, "devicelost_timeout");
    const auto add = [&](std::string_view key, bool lost) {
        for (const std::string& line : config.values(key)) {
            Target t = parse_target(line, key);
            auto same = std::find_if(o.targets.begin(), o.targets.end(),
                                     [&](const Target& x) { return x.mac == t.mac && x.mask == t.mask; });
            Target& into = same == o.targets.end() ? o.targets.emplace_back(t) : *same;
            (lost ? into.lost : into.found) = true;
        }
    };
    add("devicefound", false);
    add("devicelost", true);
    return o;
}

DevicePresenceAlerts::DevicePresenceAlerts(DevicePresenceOptions options, AlertTracker& alerts,
                                           DeviceTrackerImpl& devices)
    : options_(std::move(options)), alerts_(alerts), devices_(devices)
{
    // Kismet's definitions (any PHY, its default rates); our descriptions.
    found_ = alerts_.define({.name = "DEVICEFOUND", .alert_class = "SYSTEM", .severity = AlertSeverity::HIGH,
                             .description = "A device named by a devicefound= line was seen, for the first time or "
                                            "after devicefound_timeout seconds without a packet."});
    lost_ = alerts_.define({.name = "DEVICELOST", .alert_class = "SYSTEM", .severity = AlertSeverity::HIGH,
                            .description = "A device named by a devicelost= line, seen before, has sent no packet "
                                           "for devicelost_timeout seconds."});
}

const DevicePresenceOptions::Target* DevicePresenceAlerts::target(const MacAddr& mac) const
{
    for (const auto& t : options_.targets)
        if ((mac.value() & t.mask) == (t.mac.value() & t.mask)) return &t;
    return nullptr;
}

bool DevicePresenceAlerts::watches(const MacAddr& mac) const { return target(mac) != nullptr; }

void DevicePresenceAlerts::appeared(const DeviceAppearance& device)
{
    const auto* t = target(device.mac);
    if (!t) return;
    if (t->lost) {
        std::lock_guard lock(present_mutex_);
        const bool known = std::any_of(present_.begin(), present_.end(), [&](const DeviceAppearance& p) {
            return p.phy_id == device.phy_id && p.mac == device.mac;
        });
        if (!known) present_.push_back(device);
    }
    if (t->found && alerts_.would_raise(found_)) {
        const std::string text = "Watched device " + device.mac.str() + " (" + device.name + ") is in range";
        alerts_.raise(found_, {.source = device.mac, .channel = device.channel, .text = text});
    }
}

void DevicePresenceAlerts::check_lost(std::uint64_t now_sec)
{
    std::vector<DeviceAppearance> lost;
    {
        std::lock_guard lock(present_mutex_);
        if (present_.empty()) return;
        std::erase_if(present_, [&](DeviceAppearance& p) {
            std::uint64_t last = 0;
            const bool tracked = devices_.with_device(p.phy_id, p.mac, [&](Device& d) {
                last = d.mod_time;
                if (!d.channel.empty()) p.channel = d.channel;
            });
            if (tracked && last + options_.lost_timeout_sec >= now_sec) return false;
            lost.push_back(std::move(p));
            return true;
        });
    }
    for (const DeviceAppearance& p : lost) {
        const std::string text = "Watched device " + p.mac.str() + " (" + p.name + ") sent nothing for " +
                                 std::to_string(options_.lost_timeout_sec) + " seconds";
        alerts_.raise(lost_, {.source = p.mac, .channel = p.channel, .text = text});
    }
}

} // namespace airsight::core
