// Kismet's channel tracker (kismet.channeltracker.*, what the web UI's
// channel graphs read): per frequency the packets, bytes and active devices
// per second as RRDs, and the signal heard there.
//
// The packet path only adds to atomic running totals (FrequencyCounts: no
// lock, several sources at once); the one-second ticker turns what they grew
// by into RRD samples, as the packet chain's rates are sampled, and counts
// the devices last heard on each frequency within the past 30 s (Kismet's
// device_decay) in one pass over the tracker.
#ifndef AIRSIGHT_CORE_STATS_CHANNEL_TRACKER_H
#define AIRSIGHT_CORE_STATS_CHANNEL_TRACKER_H

#include "stats/frequency_counts.h"
#include "stats/sampled_rrd.h"

#include <airsight/devices.h>
#include <airsight/packet.h>
#include <airsight/rrd.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace airsight::core {

class ChannelTracker {
public:
    /// A device counts on its frequency this long after it was last heard.
    static constexpr std::int64_t kDeviceDecaySec = 30;

    struct Channel {
        std::uint32_t khz = 0;
        std::uint64_t packets = 0, bytes = 0; // since the start
        FrequencyCounts::Signal signal;       // of the packets that had one
        Rrd packets_rrd{RrdCombine::SUM};     // per second
        Rrd data_rrd{RrdCombine::SUM};        // bytes per second
        Rrd device_rrd{RrdCombine::LAST};     // devices active on the frequency, sampled each second
    };

    /// Counts a packet on its frequency (none: not counted). Any thread.
    void count(const Packet& p)
    {
        counts_.add(p.radio.freq_khz, p.data.size(), p.radio.signal_dbm ? *p.radio.signal_dbm : 0);
    }

    /// Once a second: RRD samples at `now_sec` (local clock), devices per
    /// frequency from `devices`.
    void tick(std::int64_t now_sec, const DeviceTracker& devices);

    /// Every frequency heard so far, by kHz.
    std::vector<Channel> channels() const;

private:
    struct Rates {
        SampledRrd packets{RrdCombine::SUM};
        SampledRrd bytes{RrdCombine::SUM};
        SampledRrd devices{RrdCombine::LAST};
    };

    FrequencyCounts counts_;
    mutable std::mutex mutex_; // rates_
    std::map<std::uint32_t, Rates> rates_;
};

} // namespace airsight::core

#endif
