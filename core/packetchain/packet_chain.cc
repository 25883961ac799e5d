#include "packetchain/packet_chain.h"

#include <airsight/host.h>

#include <mutex>

namespace airsight::core {
namespace {
// A handler that throws on every packet must not flood the log.
constexpr std::uint64_t kMaxExceptionMessages = 20;
} // namespace

PacketChain::PacketChain(MessageBus& log) : log_(log) {}

void PacketChain::add_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner)
{
    if (!handler) throw std::invalid_argument("packet handler '" + name + "' is empty");
    std::unique_lock lock(mutex_);
    stages_[static_cast<int>(stage)].push_back(Entry{std::move(name), std::move(owner), std::move(handler)});
}

std::uint32_t PacketChain::add_component(std::string name, const PacketComponentOps& ops, std::string owner)
{
    std::unique_lock lock(mutex_);
    return components_.add(std::move(name), ops, std::move(owner));
}

void PacketChain::remove_owner(std::string_view owner)
{
    std::unique_lock lock(mutex_);
    components_.remove_owner(owner);
    for (auto& stage : stages_) std::erase_if(stage, [&](const Entry& e) { return e.owner == owner; });
}

void PacketChain::process(Packet& packet)
{
    delivered_.fetch_add(1, std::memory_order_relaxed);
    std::shared_lock lock(mutex_);
    PacketComponents::Workspace& workspace = components_.acquire();
    PacketComponents::bind(workspace, packet);
    for (int s = 0; s < kPacketStageCount; ++s) {
        AtomicCounters& counters = counters_[s];
        counters.packets.fetch_add(1, std::memory_order_relaxed);
        const bool had_error = packet.error;
        for (const Entry& e : stages_[s]) {
            try {
                e.handler(packet);
            } catch (const std::exception& ex) {
                // A malformed frame must never take the server down: count it, say why, go on.
                packet.fail("handler threw");
                if (exceptions_logged_.fetch_add(1, std::memory_order_relaxed) < kMaxExceptionMessages)
                    log_.post("packet handler '" + e.name + "' (" + std::string(packet_stage_name(PacketStage(s))) +
                                  ") failed on a packet: " + ex.what(),
                              MSG_ERROR);
            }
        }
        if (packet.error && !had_error) counters.errors.fetch_add(1, std::memory_order_relaxed);
        if (PacketStage(s) == PacketStage::DECAP && !packet.payload.empty() &&
            duplicates_filter_.check(packet.payload, packet.source_number, packet.ts_sec, packet.ts_usec)) {
            packet.duplicate = true;
            duplicates_.fetch_add(1, std::memory_order_relaxed);
        }
    }
    // The instances go back to the pool: the packet must not reach them any more.
    packet.component_storage = {};
    packet.components_attached = 0;
    components_.release(workspace);
    processed_.fetch_add(1, std::memory_order_release);
}

ChainCounters PacketChain::counters() const
{
    ChainCounters c;
    // processed before delivered, so delivered - processed (in flight) is never negative.
    c.processed = processed_.load(std::memory_order_acquire);
    c.delivered = delivered_.load(std::memory_order_acquire);
    c.dropped = dropped_.load(std::memory_order_relaxed);
    c.duplicates = duplicates_.load(std::memory_order_relaxed);
    for (int s = 0; s < kPacketStageCount; ++s) {
        c.stages[s].packets = counters_[s].packets.load(std::memory_order_relaxed);
        c.stages[s].errors = counters_[s].errors.load(std::memory_order_relaxed);
    }
    return c;
}

std::vector<std::pair<PacketStage, std::string>> PacketChain::handlers() const
{
    std::shared_lock lock(mutex_);
    std::vector<std::pair<PacketStage, std::string>> out;
    for (int s = 0; s < kPacketStageCount; ++s)
        for (const Entry& e : stages_[s]) out.emplace_back(PacketStage(s), e.name);
    return out;
}

} // namespace airsight::core

namespace airsight::core {

std::vector<std::pair<std::uint32_t, std::string>> PacketChain::components() const
{
    std::shared_lock lock(mutex_);
    return components_.names();
}

} // namespace airsight::core
