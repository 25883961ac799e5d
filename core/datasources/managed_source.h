// One source the DatasourceManager runs: the driver's Datasource plus what
// the server keeps about it (counters, error, retry state, channel plan). It
// is the driver's PacketSink, so frames go from the driver's thread straight
// into the packet chain.
//
// Threads: open/close/tune and retries take op_mutex_ (one at a time per
// source; a driver's open and close are never concurrent). The driver's
// thread calls deliver/failed/finished, which never take op_mutex_, so a
// driver may report a failure from inside open() or while it is being closed.
#ifndef AIRSIGHT_CORE_DATASOURCES_MANAGED_SOURCE_H
#define AIRSIGHT_CORE_DATASOURCES_MANAGED_SOURCE_H

#include "datasources/source_settings.h"
#include "packetchain/packet_chain.h"
#include "stats/sampled_rrd.h"

#include <airsight/datasource.h>
#include <airsight/host.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace airsight::core {

/// A copy of one source's state, for the REST API.
struct SourceSnapshot {
    std::uint64_t number = 0; // 1-based, in order of creation
    std::string uuid;
    std::string name;
    std::string definition;
    std::string interface;
    std::shared_ptr<DatasourceType> type;
    bool running = false;     // open and capturing
    bool paused = false;
    bool error = false;
    std::string error_reason;
    bool retry = false;                   // re-opened after a failure (retry=)
    std::uint32_t retry_attempts = 0;     // failures since it last opened
    std::uint32_t total_retry_attempts = 0;
    std::uint64_t packets = 0;       // frames delivered into the chain
    std::uint64_t error_packets = 0; // ... that the chain found malformed
    std::uint64_t dropped = 0;       // frames lost while paused
    Rrd packets_rrd;                 // frames per second
    Rrd datasize_rrd;                // captured bytes per second
    /// From the driver, except hop_channels: the plan's list, before the
    /// split's rotation, as Kismet shows it beside hop_offset.
    SourceStatus status;
    std::size_t hop_offset = 0;
    bool hop_split = false;
};

class ManagedSource final : public PacketSink {
public:
    using Clock = std::chrono::steady_clock;

    enum class Opened : std::uint8_t {
        Yes,
        Failed,          // in error; retried when retry= is on
        ChannelsRefused, // the driver refused the definition's channels (first open only; nothing retried)
    };

    ManagedSource(std::uint64_t number, SourceDefinition definition, ChannelSettings channels, bool retry,
                  std::shared_ptr<DatasourceType> type, std::unique_ptr<Datasource> driver, PacketChain& chain,
                  MessageBus& bus);
    ~ManagedSource() override;

    const std::string& uuid() const { return uuid_; }
    std::uint64_t number() const { return number_; }
    const std::string& type_name() const { return type_name_; }

    /// The first open, from DatasourceManager::add.
    Opened open_first();
    /// Opens on request (a failed source is closed and opened again at once);
    /// cancels a pending retry. An open, healthy source is left alone.
    Opened open();
    /// Closes on request; cancels a pending retry.
    void close();
    /// Re-opens a failed source whose retry is due at `now`. True when it opened.
    bool retry_if_due(Clock::time_point now);

    void pause(bool paused) { paused_ = paused; }
    /// Throw std::invalid_argument when closed or the driver refuses.
    void set_channel(std::string_view channel);
    void set_hop(double rate, const std::vector<std::string>& channels);

    /// Its hop list, when it is open, running and hopping (a candidate for splitting).
    std::optional<std::vector<std::string>> hopping_over() const;
    /// Starts its hop at `offset` into `channels`, if it still hops over that
    /// list; `split`: the list is shared with other sources.
    void split_hop(const std::vector<std::string>& channels, std::size_t offset, bool split);

    SourceSnapshot snapshot() const;
    void sample_rates(std::int64_t now_sec);

    // --- PacketSink, called on the driver's thread ---------------------------
    void deliver(const CapturedFrame& frame) override;
    void failed(std::string_view reason) override;
    void finished() override;

private:
    Opened open_locked(bool first, bool reopen);
    void close_driver_locked();
    void decide_plan_locked();
    void apply_plan_locked();
    /// Error state, and a retry when retry= is on and the source is wanted open.
    void fault(const std::string& reason);

    const std::uint64_t number_;
    const std::string uuid_;
    const SourceDefinition definition_;
    const ChannelSettings settings_;
    const bool retry_;
    const std::shared_ptr<DatasourceType> type_;
    const std::string type_name_;
    PacketChain& chain_;
    MessageBus& bus_;
    std::string name_;

    mutable std::mutex op_mutex_; // serializes open/close/tune; guards driver_, open_, plan_, last_status_
    std::unique_ptr<Datasource> driver_;
    const std::unique_ptr<PacketChain::Lane> lane_; // the driver's thread delivers through it
    bool open_ = false;
    ChannelPlan plan_;
    SourceStatus last_status_; // what a closed source last reported

    mutable std::mutex state_mutex_; // guards what the driver's thread changes, below
    bool error_ = false;
    std::string error_reason_;
    bool wanted_ = false;                     // open was asked for and no close since
    std::optional<Clock::time_point> retry_at_; // a retry is pending
    std::uint32_t retry_attempts_ = 0;
    std::uint32_t total_retry_attempts_ = 0;

    std::atomic<bool> running_{false};
    std::atomic<bool> paused_{false};
    std::atomic<std::uint64_t> packets_{0};
    std::atomic<std::uint64_t> error_packets_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> bytes_{0};
    SampledRrd packets_rrd_;
    SampledRrd datasize_rrd_;
};

} // namespace airsight::core

#endif
