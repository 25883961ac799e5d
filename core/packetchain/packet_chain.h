// The packet chain: every captured frame runs through the handlers of each
// stage in order (decap, dissect, track, observe). Per-stage counters show
// where packets go and where they fail.
//
// The chain runs on the delivering source's thread: no queue, no copy of the
// frame. Each source delivers through a Lane of its own: the lane keeps a
// copy of the handler lists, a workspace of component instances and its
// counters, so two sources' threads share no lock and no counter on the
// packet path. A registration or withdrawal while packets flow is safe: it
// takes every lane's mutex, so it waits for packets in flight and the next
// packet sees the change.
#ifndef AIRSIGHT_CORE_PACKETCHAIN_PACKET_CHAIN_H
#define AIRSIGHT_CORE_PACKETCHAIN_PACKET_CHAIN_H

#include "packetchain/current_fix.h"
#include "packetchain/duplicate_filter.h"
#include "packetchain/packet_components.h"

#include <airsight/packet.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
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
    ~PacketChain();

    /// Adds a handler to a stage; handlers of a stage run in registration order.
    void add_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner = "core");
    /// Replaces the owner's handler called `name` in its place, or adds it
    /// when there is none: no packet runs both or neither, and the old one is
    /// destroyed once no packet runs it (a handler may own what it reads).
    void set_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner);
    /// Registers a packet component type (see airsight/packet.h and
    /// PacketComponents::add); returns its slot.
    std::uint32_t add_component(std::string name, const PacketComponentOps& ops, std::string owner = "core");
    /// Withdraws the owner's handlers and component registrations; returns
    /// once no packet runs the withdrawn handlers any more.
    void remove_owner(std::string_view owner);

    /// One source's way into the chain; see the top of this file. A lane is
    /// used by one thread at a time and must not outlive its chain.
    class Lane;
    std::unique_ptr<Lane> open_lane();

    /// Runs one packet through every stage on a lane the chain keeps for
    /// callers without one (tests, tools); concurrent callers take turns.
    /// After DECAP, a frame another source delivered too is marked
    /// Packet::duplicate.
    void process(Packet& packet);

    /// The fix every packet is given (Packet::location); the GPS tracker
    /// publishes into it.
    CurrentFix& current_fix() { return current_fix_; }
    const CurrentFix& current_fix() const { return current_fix_; }

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
    using Stages = std::array<std::vector<Entry>, kPacketStageCount>;

    /// Locks every lane (packets in flight finish first) for a change of
    /// handlers or components, then hands each lane the new handler lists.
    template <typename Change> void change_lanes(Change&& change);
    void close_lane(Lane& lane);

    MessageBus& log_;
    mutable std::mutex mutex_; // guards stages_, components_, lanes_ and totals_
    Stages stages_;
    PacketComponents components_;
    std::vector<Lane*> lanes_;
    ChainCounters totals_; // of lanes closed so far
    DuplicateFilter duplicates_filter_;
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> exceptions_logged_{0};
    CurrentFix current_fix_;
    std::unique_ptr<Lane> default_lane_;
};

class PacketChain::Lane {
public:
    explicit Lane(PacketChain& chain) : chain_(chain) {}
    Lane(const Lane&) = delete;
    Lane& operator=(const Lane&) = delete;
    ~Lane() { chain_.close_lane(*this); }

    void process(Packet& packet);

private:
    friend class PacketChain;
    // Written by the lane's thread only, read by counters(): no read-modify-write.
    struct Counter {
        std::atomic<std::uint64_t> value{0};
        void bump(std::memory_order order = std::memory_order_relaxed)
        {
            value.store(value.load(std::memory_order_relaxed) + 1, order);
        }
        std::uint64_t load(std::memory_order order = std::memory_order_relaxed) const { return value.load(order); }
    };

    PacketChain& chain_;
    std::mutex mutex_;  // held while a packet runs
    Stages stages_;     // the chain's handlers, copied on every change
    PacketComponents::Workspace* workspace_ = nullptr;
    CurrentFix::Copy fix_; // what Packet::location points to while a packet runs
    Counter delivered_, processed_, duplicates_;
    std::array<Counter, kPacketStageCount> stage_packets_, stage_errors_;
};

} // namespace airsight::core

#endif
