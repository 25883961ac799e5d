// What the server decides for its sources, apart from the drivers: the
// kismet.conf defaults, what a definition asks for (channel=, channel_hop=,
// channel_hop_speed=, retry=), and the channel plan the manager keeps per
// source so that a re-opened source gets the same channels again.
#ifndef AIRSIGHT_CORE_DATASOURCES_SOURCE_SETTINGS_H
#define AIRSIGHT_CORE_DATASOURCES_SOURCE_SETTINGS_H

#include <airsight/datasource.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace airsight::core {

/// Kismet's interval between a source's failure and the next attempt to open it.
inline constexpr std::chrono::seconds kSourceRetryInterval{5};

/// How new sources behave when their definition does not say (kismet.conf's
/// channel_hop, channel_hop_speed, split_source_hopping, retry_on_source_error).
struct SourceDefaults {
    bool hop = true;           // hop over the source's channels; false: stay on its first one
    double hop_rate = 5.0;     // channels per second
    bool split_hopping = true; // sources of one type hopping over the same channels start apart
    bool retry = true;         // re-open a source that failed
};

/// What one source is told about channels once open: its definition's
/// channel=, channel_hop= and channel_hop_speed= (Kismet's option names;
/// also their older forms hop= and hop_rate=), else the server's defaults.
/// Throws std::invalid_argument for a bad value.
struct ChannelSettings {
    std::optional<std::string> channel; // lock to this channel
    bool hop = true;
    double hop_rate = 5.0;

    static ChannelSettings of(const SourceDefinition& definition, const SourceDefaults& defaults);
};

/// The definition's retry= (Kismet's), else the server's default. Throws
/// std::invalid_argument when it is not true or false.
bool retry_of(const SourceDefinition& definition, const SourceDefaults& defaults);

/// What a source hops over when nobody names the channels: its hop list,
/// else every channel it has.
inline const std::vector<std::string>& hop_list_of(const SourceStatus& status)
{
    return status.hop_channels.empty() ? status.channels : status.hop_channels;
}

/// The channels the manager last gave an open source, re-applied whenever it
/// opens again: a lock, or a hop list with its rate and its split offset.
struct ChannelPlan {
    bool decided = false;               // set from the settings and the driver at the first open
    std::optional<std::string> locked;  // locked to this channel (else hopping, when the list is not empty)
    double hop_rate = 0;                // channels per second
    std::vector<std::string> hop_channels; // in the source's own order, before the split's rotation
    std::size_t hop_offset = 0;         // where this source starts in hop_channels (kismet.datasource.hop_offset)
    bool hop_split = false;             // the list is split with other sources (kismet.datasource.hop_split)

    bool hopping() const { return !locked && !hop_channels.empty(); }
    /// hop_channels started at hop_offset: what the driver is given, since
    /// Datasource::set_hop takes a list and no offset.
    std::vector<std::string> hop_order() const;
};

/// Kismet's split: with `sources` sources hopping over the same `channels`
/// channels, the one at `index` (0-based) starts channels / sources * index
/// channels into the list.
constexpr std::size_t split_offset(std::size_t channels, std::size_t sources, std::size_t index)
{
    return sources == 0 ? 0 : channels / sources * index;
}

} // namespace airsight::core

#endif
