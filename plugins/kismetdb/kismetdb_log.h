// The "kismet" log class: Kismet's kismetdb SQLite log (Kismet Unified Log).
//
// Speed: one transaction is open between two flush() calls (the manager
// flushes at least once a second), every insert reuses its prepared
// statement and binds the frame without copying it, packets go in
// kRowsPerInsert rows per INSERT (SQLite's per-statement work is as much as
// its per-row work), the pages are 64 KiB (fewer, cheaper page splits and
// WAL frames for a table that only grows), and the file is in WAL mode with
// synchronous=NORMAL: a commit appends to the WAL without an fsync, and a
// killed process loses only the uncommitted last second.
// close() checkpoints and returns the file to journal_mode=DELETE, so what
// is left is one self-contained .kismet file, as Kismet leaves it.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_LOG_H
#define AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_LOG_H

#include "sqlite_handle.h"

#include <airsight/host.h>
#include <airsight/logging.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace airsight::kismetdb {

/// What the log writes, from Kismet's kis_log_* keys.
struct KismetLogOptions {
    /// LogContents bits the driver asks for: kis_log_packets, kis_log_devices,
    /// kis_log_alerts, kis_log_messages, kis_log_datasources remove theirs
    /// when false (all default true, as in kismet_logging.conf).
    unsigned contents = LOG_PACKETS | LOG_DEVICES | LOG_ALERTS | LOG_MESSAGES | LOG_SOURCES | LOG_SNAPSHOTS;
    /// kis_log_duplicate_packets (Kismet's default: true): a frame another
    /// source delivered first is logged too, under the same packetid.
    bool log_duplicate_packets = true;
    /// kis_log_data_packets (default true): false leaves out frames their
    /// PHY classed as data (PacketKind::data), for size.
    bool log_data_packets = true;
    /// Kismet's rolling log for long-running sensors: rows older than this
    /// many seconds are deleted while the log runs (0: kept). Packets (and
    /// data) are checked every 15 s, the rest every 60 s, as Kismet does;
    /// devices go by their last_time, the rest by ts_sec.
    struct Timeouts {
        std::uint64_t packets = 0;   // kis_log_packet_timeout
        std::uint64_t devices = 0;   // kis_log_device_timeout
        std::uint64_t messages = 0;  // kis_log_message_timeout
        std::uint64_t alerts = 0;    // kis_log_alert_timeout
        std::uint64_t snapshots = 0; // kis_log_snapshot_timeout
    } timeouts;

    /// Reads the keys; throws std::invalid_argument for a value that is not
    /// a boolean ("config kis_log_packets=maybe is not true or false") or,
    /// for a timeout, not a number of seconds.
    static KismetLogOptions from_config(const ConfigView& config);
};

class KismetLogDriver final : public LogDriver {
public:
    explicit KismetLogDriver(KismetLogOptions options = {}) : options_(options) {}
    std::string log_class() const override { return "kismet"; }
    std::string name() const override { return "Kismet Unified Log"; }
    std::string description() const override;
    unsigned contents() const override { return options_.contents; }
    std::unique_ptr<LogFile> open(const LogOpenRequest& request) override;

private:
    const KismetLogOptions options_;
};

/// One open kismetdb log. Not thread-safe: the manager calls it from its
/// writer thread only. Every call that cannot write throws
/// std::runtime_error("kismetdb log PATH: cannot write ...: SQLite's reason");
/// what earlier flushes committed stays readable.
class KismetLog final : public LogFile {
public:
    /// Creates the file (never replacing one: O_CREAT|O_EXCL), writes the
    /// schema and `request.sources`, commits, and opens the first
    /// transaction. Throws std::runtime_error naming the path and the reason
    /// (the folder is missing or read-only, the file exists, ...); then no
    /// file is left behind.
    KismetLog(const LogOpenRequest& request, KismetLogOptions options);
    /// Closes without throwing when close() was not called.
    ~KismetLog() override;

    KismetLog(const KismetLog&) = delete;
    KismetLog& operator=(const KismetLog&) = delete;

    /// Packets per multi-row INSERT.
    static constexpr std::size_t kRowsPerInsert = 32;

    void packet(const LoggedPacket& packet) override;
    void packets(std::span<const LoggedPacket> batch) override;
    void devices(std::span<const LoggedDevice> changed) override;
    void alert(const LoggedAlert& alert) override;
    void message(const LoggedMessage& message) override;
    void source(const LoggedSource& source) override;
    void snapshot(const LoggedSnapshot& snapshot) override;
    /// Commits the open transaction and begins the next; deletes expired
    /// rows when their check is due (KismetLogOptions::timeouts).
    void flush() override;
    /// Deletes every row older than its timeout at `now_sec` (wall clock),
    /// whatever the schedule; flush() calls it when due.
    void expire(std::int64_t now_sec);
    /// Commits, checkpoints the WAL into the file, switches it back to
    /// journal_mode=DELETE and closes. Idempotent.
    void close() override;

    const std::string& path() const { return path_; }

private:
    struct Statements;
    /// Runs a bound statement to completion; throws naming `what` on failure.
    void step(sqlite3_stmt* statement, const char* what);
    /// The source, destination and transmitter MACs as text.
    using MacTexts = std::array<std::array<char, 17>, 3>;
    /// Binds one packet's 24 columns from column `first` on; its MACs are
    /// written to `macs`, which must live until the statement steps.
    static void bind_packet(sqlite3_stmt* statement, int first, const LoggedPacket& p, MacTexts& macs);
    [[noreturn]] void fail(const std::string& what) const;
    /// Throws std::runtime_error("kismetdb log PATH is closed") after close().
    void require_open() const;
    /// Runs the expiry deletes due at `now_sec`: packets every 15 s, the rest every 60 s.
    void expire_due(std::int64_t now_sec);
    /// The packets and data tables, by kis_log_packet_timeout.
    void expire_packets(std::int64_t now_sec);
    /// Devices, messages, alerts and snapshots, each by its own timeout.
    void expire_others(std::int64_t now_sec);
    void expire_table(const char* table, const char* time_column, std::uint64_t timeout, std::int64_t now_sec);
    void close_quietly() noexcept;

    std::string path_;
    KismetLogOptions options_;
    Database db_;
    std::unique_ptr<Statements> statements_;
    std::int64_t next_packet_expiry_ = 0, next_other_expiry_ = 0; // wall clock; 0: at the first flush + interval
};

} // namespace airsight::kismetdb

#endif
