// The server's datasources: created from definitions (config source=, -c, or
// /datasource/add_source.cmd), opened, closed, paused and tuned on request.
// Each source delivers into the packet chain on its own thread; a paused
// source's frames are dropped (and counted), as the Kismet doc says.
#ifndef AIRSIGHT_CORE_DATASOURCES_DATASOURCE_MANAGER_H
#define AIRSIGHT_CORE_DATASOURCES_DATASOURCE_MANAGER_H

#include "datasources/datasource_types.h"
#include "packetchain/packet_chain.h"
#include "stats/sampled_rrd.h"

#include <airsight/datasource.h>
#include <airsight/host.h>

#include <atomic>
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
    std::uint64_t packets = 0;       // frames delivered into the chain
    std::uint64_t error_packets = 0; // ... that the chain found malformed
    std::uint64_t dropped = 0;       // frames lost while paused
    Rrd packets_rrd;                 // frames per second
    Rrd datasize_rrd;                // captured bytes per second
    SourceStatus status;             // from the driver
};

/// How new sources use their channels when their definition does not say
/// (kismet.conf's channel_hop and channel_hop_speed).
struct ChannelDefaults {
    bool hop = true;       // hop over the source's channels; false: stay on its first one
    double hop_rate = 5.0; // channels per second
};

/// What one source is told about channels once open: its definition's
/// channel=, channel_hop= and channel_hop_speed= (Kismet's option names),
/// else the server's defaults. Throws std::invalid_argument for a bad value.
struct ChannelSettings {
    std::optional<std::string> channel; // lock to this channel
    bool hop = true;
    double hop_rate = 5.0;

    static ChannelSettings of(const SourceDefinition& definition, const ChannelDefaults& defaults);
};

class DatasourceManager {
public:
    DatasourceManager(DatasourceTypes& types, PacketChain& chain, MessageBus& bus, ChannelDefaults defaults = {});
    ~DatasourceManager();

    const ChannelDefaults& channel_defaults() const { return defaults_; }

    /// Raises Kismet's SOURCEERROR alert (defined here, on `alerts`) whenever
    /// a source fails to open or fails while running. Call before any source
    /// is added; `alerts` must outlive the manager's sources.
    void raise_errors_on(AlertTracker& alerts);

    /// Creates a source and opens it, then applies its ChannelSettings when
    /// its type can tune or hop: it hops over its channels at the settings'
    /// rate, or stays on the given (or else its first) channel. Returns its
    /// UUID. Throws std::invalid_argument for channel= on a type that cannot
    /// tune. Throws
    /// std::invalid_argument when the definition names no usable type or the
    /// type refuses it (nothing is added). A failure to open keeps the source,
    /// in error, with the reason on the record and the message bus.
    std::string add(std::string_view definition);

    std::vector<SourceSnapshot> snapshot() const;
    std::optional<SourceSnapshot> find(std::string_view uuid) const;

    /// These throw std::out_of_range for an unknown UUID, and
    /// std::invalid_argument / std::runtime_error with the driver's reason.
    void open(std::string_view uuid);
    void close(std::string_view uuid);
    void pause(std::string_view uuid);
    void resume(std::string_view uuid);
    void set_channel(std::string_view uuid, std::string_view channel);
    void set_hop(std::string_view uuid, double rate, const std::vector<std::string>& channels);

    /// Feeds every source's packet and byte rate RRDs (called once a second).
    void sample_rates(std::int64_t now_sec);

    /// Closes every source.
    void close_all();
    /// Closes and forgets every source: their drivers' code lives in plugins,
    /// so this must run before those plugins unload.
    void clear();

private:
    class Source;
    Source& get(std::string_view uuid) const;

    DatasourceTypes& types_;
    PacketChain& chain_;
    MessageBus& bus_;
    AlertTracker* alerts_ = nullptr;
    AlertRef source_error_;
    const ChannelDefaults defaults_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Source>> sources_;
    std::uint64_t next_number_ = 1;
};

} // namespace airsight::core

#endif
