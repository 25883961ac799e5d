#include "packetchain/packet_chain.h"

#include "util/local_clock.h"

#include <airsight/host.h>

#include <algorithm>

namespace airsight::core {
namespace {
// A handler that throws on every packet must not flood the log.
constexpr std::uint64_t kMaxExceptionMessages = 20;
} // namespace

PacketChain::PacketChain(MessageBus& log) : log_(log), default_lane_(open_lane()) {}

PacketChain::~PacketChain()
{
    default_lane_.reset(); // before the members it reports to
}

std::unique_ptr<PacketChain::Lane> PacketChain::open_lane()
{
    auto lane = std::make_unique<Lane>(*this);
    std::lock_guard lock(mutex_); // released before `lane` goes, should anything below throw
    lane->workspace_ = &components_.acquire();
    lane->stages_ = stages_;
    lanes_.push_back(lane.get());
    return lane;
}

void PacketChain::close_lane(Lane& lane)
{
    if (!lane.workspace_) return; // open_lane() failed before the lane was set up
    std::lock_guard lock(mutex_);
    std::erase(lanes_, &lane);
    components_.release(*lane.workspace_);
    totals_.processed += lane.processed_.load();
    totals_.delivered += lane.delivered_.load();
    totals_.duplicates += lane.duplicates_.load();
    for (int s = 0; s < kPacketStageCount; ++s) {
        totals_.stages[s].packets += lane.stage_packets_[s].load();
        totals_.stages[s].errors += lane.stage_errors_[s].load();
    }
}

template <typename Change> void PacketChain::change_lanes(Change&& change)
{
    std::lock_guard lock(mutex_);
    std::vector<std::unique_lock<std::mutex>> held;
    held.reserve(lanes_.size());
    for (Lane* lane : lanes_) held.emplace_back(lane->mutex_);
    change();
    for (Lane* lane : lanes_) lane->stages_ = stages_;
}

void PacketChain::add_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner)
{
    if (!handler) throw std::invalid_argument("packet handler '" + name + "' is empty");
    change_lanes([&] {
        stages_[static_cast<int>(stage)].push_back(Entry{std::move(name), std::move(owner), std::move(handler)});
    });
}

void PacketChain::set_handler(PacketStage stage, std::string name, PacketHandler handler, std::string owner)
{
    if (!handler) throw std::invalid_argument("packet handler '" + name + "' is empty");
    change_lanes([&] {
        auto& entries = stages_[static_cast<int>(stage)];
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [&](const Entry& e) { return e.owner == owner && e.name == name; });
        if (it != entries.end()) it->handler = std::move(handler);
        else entries.push_back(Entry{std::move(name), std::move(owner), std::move(handler)});
    });
}

std::uint32_t PacketChain::add_component(std::string name, const PacketComponentOps& ops, std::string owner)
{
    std::uint32_t slot = 0;
    change_lanes([&] { slot = components_.add(std::move(name), ops, std::move(owner)); });
    return slot;
}

void PacketChain::remove_owner(std::string_view owner)
{
    change_lanes([&] {
        components_.remove_owner(owner);
        for (auto& stage : stages_) std::erase_if(stage, [&](const Entry& e) { return e.owner == owner; });
    });
}

void PacketChain::process(Packet& packet)
{
    default_lane_->process(packet);
}

void PacketChain::Lane::process(Packet& packet)
{
    std::lock_guard lock(mutex_);
    delivered_.bump();
    if (packet.local_sec == 0) packet.local_sec = local_now_sec();
    const bool own_location = packet.location != nullptr;
    if (!own_location) {
        // A packet that carries its own position (a test's, a remote
        // capture's) keeps it, as Kismet keeps a PPI or drone fix.
        chain_.current_fix_.refresh(fix_);
        if (fix_.fix && fix_.fix->valid()) packet.location = &*fix_.fix;
    }
    PacketComponents::bind(*workspace_, packet);
    DuplicateFilter::Probe duplicate_probe;
    for (int s = 0; s < kPacketStageCount; ++s) {
        // Duplicates are marked before tracking; the payload is hashed right
        // after decapsulation, so dissection runs while its table entry loads.
        if (PacketStage(s) == PacketStage::TRACK &&
            chain_.duplicates_filter_.check_probe(duplicate_probe, packet.source_number, packet.ts_sec,
                                                  packet.ts_usec)) {
            packet.duplicate = true;
            duplicates_.bump();
        }
        stage_packets_[s].bump();
        const bool had_error = packet.error;
        for (const Entry& e : stages_[s]) {
            try {
                e.handler(packet);
            } catch (const std::exception& ex) {
                // A malformed frame must never take the server down: count it, say why, go on.
                packet.fail("handler threw");
                if (chain_.exceptions_logged_.fetch_add(1, std::memory_order_relaxed) < kMaxExceptionMessages)
                    chain_.log_.post("packet handler '" + e.name + "' (" +
                                         std::string(packet_stage_name(PacketStage(s))) +
                                         ") failed on a packet: " + ex.what(),
                                     MSG_ERROR);
            }
        }
        if (packet.error && !had_error) stage_errors_[s].bump();
        if (PacketStage(s) == PacketStage::DECAP) duplicate_probe = chain_.duplicates_filter_.probe(packet.payload);
    }
    // The instances stay with the lane: the packet must not reach them any more.
    packet.component_storage = {};
    packet.components_attached = 0;
    if (!own_location) packet.location = nullptr; // the lane's copy changes with the next packet
    processed_.bump(std::memory_order_release);
}

ChainCounters PacketChain::counters() const
{
    std::lock_guard lock(mutex_);
    ChainCounters c = totals_;
    c.dropped = dropped_.load(std::memory_order_relaxed);
    // Every lane's processed before any delivered, so delivered - processed
    // (in flight) is never negative.
    for (const Lane* lane : lanes_) c.processed += lane->processed_.load(std::memory_order_acquire);
    for (const Lane* lane : lanes_) {
        c.delivered += lane->delivered_.load();
        c.duplicates += lane->duplicates_.load();
        for (int s = 0; s < kPacketStageCount; ++s) {
            c.stages[s].packets += lane->stage_packets_[s].load();
            c.stages[s].errors += lane->stage_errors_[s].load();
        }
    }
    return c;
}

std::vector<std::pair<PacketStage, std::string>> PacketChain::handlers() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::pair<PacketStage, std::string>> out;
    for (int s = 0; s < kPacketStageCount; ++s)
        for (const Entry& e : stages_[s]) out.emplace_back(PacketStage(s), e.name);
    return out;
}

std::vector<std::pair<std::uint32_t, std::string>> PacketChain::components() const
{
    std::lock_guard lock(mutex_);
    return components_.names();
}

} // namespace airsight::core
