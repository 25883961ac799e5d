// The server's datasources: created from definitions (config source=, -c, or
// /datasource/add_source.cmd), opened, closed, paused and tuned on request.
// Each source delivers into the packet chain on its own thread; a paused
// source's frames are dropped (and counted), as the Kismet doc says.
//
// As in Kismet, a source that fails is opened again every
// kSourceRetryInterval while its retry= is on (retry_on_source_error), and
// sources of one type hopping over the same channels start at different
// places in the list (split_source_hopping).
#ifndef AIRSIGHT_CORE_DATASOURCES_DATASOURCE_MANAGER_H
#define AIRSIGHT_CORE_DATASOURCES_DATASOURCE_MANAGER_H

#include "datasources/datasource_types.h"
#include "datasources/managed_source.h"
#include "datasources/source_settings.h"
#include "packetchain/packet_chain.h"

#include <airsight/datasource.h>
#include <airsight/host.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace airsight::core {

class DatasourceManager {
public:
    DatasourceManager(DatasourceTypes& types, PacketChain& chain, MessageBus& bus, SourceDefaults defaults = {});
    ~DatasourceManager();

    const SourceDefaults& defaults() const { return defaults_; }

    /// Raises Kismet's SOURCEERROR alert (defined here, on `alerts`) whenever
    /// a source fails to open or fails while running. Call before any source
    /// is added; `alerts` must outlive the manager's sources.
    void raise_errors_on(AlertTracker& alerts);

    /// Creates a source and opens it, then applies its ChannelSettings when
    /// its type can tune or hop: it hops over its channels at the settings'
    /// rate (from its share of the list when split), or stays on the given
    /// (or else its first) channel. Returns its UUID. Throws
    /// std::invalid_argument when the definition names no usable type, the
    /// type refuses it, it asks for channel= on a type that cannot tune, or
    /// the opened driver refuses its channel settings: then nothing is added.
    /// A failure to open keeps the source, in error, with the reason on the
    /// record and the message bus, and a retry when retry= is on.
    std::string add(std::string_view definition);

    std::vector<SourceSnapshot> snapshot() const;
    std::optional<SourceSnapshot> find(std::string_view uuid) const;
    /// The UUID of source `number` ("" when none): no source lock is taken,
    /// so a source's own capture thread may ask (a snapshot could wait on it).
    std::string uuid_of(std::uint64_t number) const;

    /// These throw std::out_of_range for an unknown UUID, and
    /// std::invalid_argument / std::runtime_error with the driver's reason.
    /// open re-opens a failed source at once; close cancels its retries.
    void open(std::string_view uuid);
    void close(std::string_view uuid);
    void pause(std::string_view uuid);
    void resume(std::string_view uuid);
    void set_channel(std::string_view uuid, std::string_view channel);
    void set_hop(std::string_view uuid, double rate, const std::vector<std::string>& channels);

    /// Feeds every source's packet and byte rate RRDs (called once a second).
    void sample_rates(std::int64_t now_sec);
    /// Re-opens the failed sources whose retry is due by `now`, one after
    /// another on the calling thread (the server's ticker, once a second).
    void retry_due(ManagedSource::Clock::time_point now = ManagedSource::Clock::now());

    /// Closes every source.
    void close_all();
    /// Closes and forgets every source: their drivers' code lives in plugins,
    /// so this must run before those plugins unload.
    void clear();

private:
    // Shared, so a source removed meanwhile (add refusing it, clear) outlives
    // a request or a retry still using it.
    std::shared_ptr<ManagedSource> get(std::string_view uuid) const;
    std::vector<std::shared_ptr<ManagedSource>> all() const;
    /// After `source` opened: gives each open source
    /// of its type hopping over the same channels its offset in the list.
    void split_hopping(const ManagedSource& source);

    DatasourceTypes& types_;
    PacketChain& chain_;
    MessageBus& bus_;
    const SourceDefaults defaults_;
    FaultAlert fault_alert_; // set before any source is added
    mutable std::mutex mutex_; // guards sources_ and next_number_
    std::vector<std::shared_ptr<ManagedSource>> sources_;
    std::uint64_t next_number_ = 1;
    std::mutex split_mutex_; // one split at a time; taken before any source's own lock
};

} // namespace airsight::core

#endif
