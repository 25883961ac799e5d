// The logging manager: turns the log drivers plugins registered
// (airsight/logging.h) into open logs, and feeds each what its driver asked
// for. Logs open at start (log_types=, before any source opens, so the first
// packet is logged) or on request (/logging/...); each has a writer thread
// (LogWriter).
//
// Feeding costs nothing that no open log wants: the packet chain's OBSERVE
// handler, the message-bus subscriber and the alert observer are registered
// only while some open log wants packets, messages or alerts, each holding
// the writers it feeds. Each log copies a packet into its own queue
// (LogWriter). A ticker thread of the manager's own runs the device passes
// (every kis_log_device_rate seconds), the GPS snapshots (every 10 s, as
// Kismet's GPS tracker), notices source state changes (within a second) and
// reaps logs that failed.
#ifndef AIRSIGHT_CORE_LOGGING_LOGGING_MANAGER_H
#define AIRSIGHT_CORE_LOGGING_LOGGING_MANAGER_H

#include "alerts/alert_tracker.h"
#include "datasources/datasource_manager.h"
#include "datasources/source_directory.h"
#include "devices/device_tracker.h"
#include "logging/device_pass.h"
#include "logging/log_driver_registry.h"
#include "logging/log_writer.h"
#include "logging/logging_options.h"
#include "logging/name_table.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"
#include "stats/ticker.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace airsight::core {

/// What the manager reads and how it renders records as the REST API does.
struct LoggingInputs {
    LogDriverRegistry& drivers;
    PacketChain& chain;
    MessageBusImpl& messages;
    AlertTrackerImpl& alerts;
    DatasourceManager& datasources;
    DeviceTrackerImpl& devices;
    std::function<std::string(const AlertRecord&)> alert_json{};   // as /alerts/all_alerts
    std::function<std::string(const SourceSnapshot&)> source_json{}; // as /datasource/by-uuid/UUID/source.json
    DeviceRecord device_record{};                                  // as /devices/by-key/KEY/device.json
    /// The GPS snapshot records (one per GPS), every 10 s while a log wants snapshots.
    std::function<std::vector<LoggedSnapshot>()> gps_snapshots{};
    /// The user's home folder (%h).
    std::string home{};
    std::int64_t start_sec = 0; // the server's start (%d %D %t %T)
    std::size_t queue_bytes = LogWriter::kDefaultQueueBytes;
};

/// A log the manager opened (kismet.logfile.*): open ones, and those closed
/// or failed since.
struct LogEntry {
    std::string uuid;
    std::string log_class;
    std::string description; // the driver's name
    std::string path;
    std::string log_template;
    bool open = false;
};

/// Why a log could not be opened, with the HTTP status that says it.
class LogOpenError : public std::runtime_error {
public:
    LogOpenError(int status, const std::string& what) : std::runtime_error(what), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

class LoggingManager {
public:
    LoggingManager(LoggingInputs inputs, LoggingOptions options);
    ~LoggingManager();
    LoggingManager(const LoggingManager&) = delete;
    LoggingManager& operator=(const LoggingManager&) = delete;

    /// Opens the log_types logs when logging is enabled, and starts the
    /// ticker. Throws ConfigError when log_prefix cannot take logs, when an
    /// operator-named log type has no driver, or a configured log fails to
    /// open; a built-in default type with no driver is only reported.
    void start();

    /// Opens a log of `log_class` now; `title` empty: log_title. Throws
    /// LogOpenError: 404 no such class, 400 a singleton already open or the
    /// driver refused, 500 no free file name.
    LogEntry open_log(std::string_view log_class, std::string title = {});
    /// Closes the open log with this UUID (any case). Throws
    /// std::out_of_range when no open log has it.
    LogEntry close_log(std::string_view uuid);
    /// Every log opened this run, in order.
    std::vector<LogEntry> logs() const;

    /// Closes the logs of these drivers (their plugin is withdrawing them).
    void close_logs_of(const std::vector<std::shared_ptr<LogDriver>>& drivers);
    /// Final device pass, then flush and close every open log; stops the
    /// ticker. Call after the sources stop and before plugins stop.
    void close_all();
    /// Logs the sources' records now rather than at the next tick: the
    /// server calls it before it removes its sources at stop, so a source
    /// added (or finished) less than a second before still gets its row.
    void record_sources();

    /// One ticker step (public for tests): reaps failed logs; then, when due,
    /// source changes, GPS snapshots and a device pass.
    void tick(std::int64_t now_sec);
    /// A device pass now, for every log that wants devices. It holds none of
    /// the manager's locks: a pass over many devices, waiting for a slow log,
    /// holds up no open, close or listing (but that log's close).
    void device_pass();

    const LoggingOptions& options() const { return options_; }

private:
    struct OpenLog {
        LogEntry entry;
        std::shared_ptr<LogDriver> driver;
        unsigned contents = 0;
        std::shared_ptr<LogWriter> writer;
        std::shared_ptr<DevicePass> devices; // null: the log wants no devices
    };
    /// What one log's device pass needs, held while the pass runs unlocked.
    struct PassTarget {
        std::shared_ptr<DevicePass> devices;
        std::shared_ptr<LogWriter> writer;
    };
    using Writers = std::vector<std::shared_ptr<LogWriter>>;
    static constexpr std::size_t kContentKinds = 6; // LogContents bits

    LogEntry open_locked(const std::shared_ptr<LogDriver>& driver, std::string title);
    void close_locked(OpenLog& log, bool final_pass);
    /// The open logs that want devices (control_mutex_ held).
    std::vector<PassTarget> pass_targets_locked() const;
    /// A device pass for each target, one after the other.
    void run_passes(const std::vector<PassTarget>& targets);
    /// Brings the per-content writer lists, and the hooks that hold them, in
    /// line with the open logs after a change.
    void rewire_locked();
    /// The writers of open logs that want `bit` (control_mutex_ held).
    const Writers& writers_for(unsigned bit) const;
    void on_packet(const Writers& writers, Packet& packet);
    void on_message(const Writers& writers, const Message& message);
    void on_alert(const Writers& writers, const AlertRecord& alert);
    void poll_sources();
    std::vector<LoggedSource> current_sources() const;
    LoggedSource logged_source(const SourceSnapshot& s) const;
    std::string_view source_uuid(std::uint32_t number);
    std::string_view phy_name(std::uint32_t phy_id);

    LoggingInputs in_;
    const LoggingOptions options_;

    // open/close/tick. A hook change made under it waits for the records in
    // flight, so the packet, message and alert paths never take it.
    mutable std::mutex control_mutex_;
    std::vector<OpenLog> logs_;        // guarded by control_mutex_; closed ones stay, open=false
    std::uint64_t message_hook_ = 0, alert_hook_ = 0; // observer ids; 0: none
    std::map<std::string, std::string> source_states_; // uuid -> state seen last
    std::int64_t next_device_pass_ = 0, next_snapshot_ = 0;

    // The writers each content goes to, by LogContents bit index; guarded by
    // control_mutex_. The packet handler and the message and alert observers
    // each hold a copy of theirs (no lock per record), replaced in place on a
    // change, so a closed log's writer goes with the last copy that held it.
    std::array<Writers, kContentKinds> wanted_;

    NameTable source_uuids_, phy_names_;
    std::atomic<std::uint64_t> next_packet_id_{1};
    std::unique_ptr<Ticker> ticker_;
};

} // namespace airsight::core

#endif
