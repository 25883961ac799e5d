#include "datasources/source_settings.h"

#include <algorithm>
#include <stdexcept>

namespace airsight::core {

ChannelSettings ChannelSettings::of(const SourceDefinition& definition, const SourceDefaults& defaults)
{
    ChannelSettings s;
    s.channel = definition.option("channel");
    if (s.channel && s.channel->empty()) throw std::invalid_argument("source option channel= is empty");
    s.hop = definition.flag("channel_hop", defaults.hop);
    s.hop_rate = definition.hop_rate("channel_hop_speed").value_or(defaults.hop_rate);
    return s;
}

bool retry_of(const SourceDefinition& definition, const SourceDefaults& defaults)
{
    return definition.flag("retry", defaults.retry);
}

std::vector<std::string> ChannelPlan::hop_order() const
{
    std::vector<std::string> order = hop_channels;
    if (!order.empty())
        std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(hop_offset % order.size()), order.end());
    return order;
}

} // namespace airsight::core
