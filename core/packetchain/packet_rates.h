// The packet chain's rates over time, as Kismet serves them at
// /packetchain/packet_stats: one RRD per counter, sampled once a second.
#ifndef AIRSIGHT_CORE_PACKETCHAIN_PACKET_RATES_H
#define AIRSIGHT_CORE_PACKETCHAIN_PACKET_RATES_H

#include "packetchain/packet_chain.h"
#include "stats/sampled_rrd.h"

namespace airsight::core {

class PacketRates {
public:
    /// Adds what the counters grew by since the last call.
    void sample(const ChainCounters& c, std::int64_t now_sec);

    SampledRrd peak{RrdCombine::MAX}; // packets per second; minutes and hours keep the peak
    SampledRrd packets;               // packets per second
    SampledRrd errors;                // packets a stage found malformed
    SampledRrd duplicates;            // packets another source delivered too
    SampledRrd queued{RrdCombine::LAST}; // packets inside the chain when sampled
    SampledRrd dropped;               // packets lost before the chain (paused sources)
    SampledRrd processed;             // packets that went through every stage
};

} // namespace airsight::core

#endif
