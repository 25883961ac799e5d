#include "packetchain/packet_rates.h"

namespace airsight::core {

void PacketRates::sample(const ChainCounters& c, std::int64_t now_sec)
{
    std::uint64_t stage_errors = 0;
    for (const StageCounters& s : c.stages) stage_errors += s.errors;
    peak.add_total(c.delivered, now_sec);
    packets.add_total(c.delivered, now_sec);
    errors.add_total(stage_errors, now_sec);
    duplicates.add_total(c.duplicates, now_sec);
    queued.add_value(static_cast<double>(c.delivered - c.processed), now_sec);
    dropped.add_total(c.dropped, now_sec);
    processed.add_total(c.processed, now_sec);
}

} // namespace airsight::core
