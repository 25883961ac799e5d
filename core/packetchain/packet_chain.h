// The packet chain: every captured frame runs through the handlers of each
// stage in order (decap, dissect, track, observe). Per-stage counters show
// where packets go and where they fail.
//
// The chain runs on the delivering source's thread: no queue, no copy of the
// frame. Handlers are registered at start-up; a registration or withdrawal
// while packets flow is safe (a shared lock guards the handler lists).
// Each packet borrows a workspace of component instances for its trip.
#ifndef AIRSIGHT_CORE_PACKETCHAIN_PACKET_CHAIN_H
#define AIRSIGHT_CORE_PACKETCHAIN_PACKET_CHAIN_H

#include "packetchain/duplicate_filter.h"
#include "packetchain/packet_components.h"

#include <airsight/packet.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <vector>

namespace airsight {
class MessageBus;
}

namespace airsight::core {

struct StageCounters {
    std::uint64_t packets = 0; // packets that reached the stage
    std::uint64_t errors = 0;  // packets a handler of the stage marked malformed (or that threw)
};

struct ChainCounters {
    std::uint64_t delivered = 0;  // frames sources delivered
    std::uint64_t processed = 0;  // ... that went through every stage
    std::uint64_t duplicates = 0; // ... that another source had delivered too
    std::uint64_t dropped = 0;    // frames dropped before the chain (paused sources)
    std::array<StageCounters, kPacketStageCount> stages{};
};

class PacketChain {
public:
    explicit PacketChain(MessageBus& log);

    /// Adds a handler to a stage; handlers of a stage run in registration order.
    void add_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner = "core");
    /// Registers a packet component type (see airsight/packet.h and
    /// PacketComponents::add); returns its slot.
    std::uint32_t add_component(std::string name, const PacketComponentOps& ops, std::string owner = "core");
    /// Withdraws the owner's handlers and component registrations.
    void remove_owner(std::string_view owner);

    /// Runs one packet through every stage. After DECAP, a frame another
    /// source delivered too is marked Packet::duplicate.
    void process(Packet& packet);

    /// Counts a frame that was dropped before the chain (a paused source).
    void count_dropped() { dropped_.fetch_add(1, std::memory_order_relaxed); }

    ChainCounters counters() const;
    /// Handler names per stage, for listings.
    std::vector<std::pair<PacketStage, std::string>> handlers() const;
    /// Registered component names by slot, for listings.
    std::vector<std::pair<std::uint32_t, std::string>> components() const;

private:
    struct Entry {
        std::string name;
        std::string owner;
        PacketHandler handler;
    };
    struct AtomicCounters {
        std::atomic<std::uint64_t> packets{0};
        std::atomic<std::uint64_t> errors{0};
    };

    MessageBus& log_;
    mutable std::shared_mutex mutex_;
    std::array<std::vector<Entry>, kPacketStageCount> stages_;
    PacketComponents components_; // changed under the exclusive lock, used under the shared one
    DuplicateFilter duplicates_filter_;
    std::atomic<std::uint64_t> delivered_{0};
    std::atomic<std::uint64_t> processed_{0};
    std::atomic<std::uint64_t> duplicates_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::array<AtomicCounters, kPacketStageCount> counters_;
    std::atomic<std::uint64_t> exceptions_logged_{0};
};

} // namespace airsight::core

#endif
