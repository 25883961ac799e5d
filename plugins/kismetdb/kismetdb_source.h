// The kismetdb datasource: replays the packets table of a .kismet log
// (Kismet's kismetdb source), in the order the server that wrote it logged
// them, as fast as the packet chain takes them or (realtime=true) at the
// pace they were captured. The other tables are not replayed.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_SOURCE_H
#define AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_SOURCE_H

#include "sqlite_handle.h"

#include <airsight/datasource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace airsight::kismetdb {

struct KismetdbSourceOptions {
    /// Replay at capture pace (Kismet's realtime=; default false).
    bool realtime = false;
};

/// The oldest kismetdb version the source reads (the newest is kLogVersion,
/// the one the log writes): the packets tables of them all hold ts_sec,
/// ts_usec, dlt and packet; packet_full_len came in 9.
inline constexpr int kOldestReadableVersion = 1;

class KismetdbSource final : public Datasource {
public:
    explicit KismetdbSource(std::string path, KismetdbSourceOptions options = {});
    /// Closes (stops and joins the reader). Do not destroy a source from
    /// inside its own sink callbacks.
    ~KismetdbSource() override;

    KismetdbSource(const KismetdbSource&) = delete;
    KismetdbSource& operator=(const KismetdbSource&) = delete;

    /// Checks the file and starts the reader thread, which delivers every
    /// row of the packets table, then calls sink.finished(), or
    /// sink.failed() with SQLite's reason when a row cannot be read (a
    /// damaged page): what was delivered stays. Throws std::runtime_error
    /// naming the path when the file is not an SQLite database, holds no
    /// KISMET or packets table (not a kismetdb log), or has a db_version
    /// this reader does not know; and when already running.
    void open(PacketSink& sink) override;
    /// Stops the reader promptly (also during a realtime wait) and joins it.
    /// Idempotent; callable from any thread, also from inside the sink.
    void close() override;
    /// Thread-safe. bytes_read advances with the rows read (the file's size
    /// times the share of rowids done), and equals bytes_total once finished.
    SourceStatus status() const override;

    /// Frames delivered since the last open().
    std::uint64_t packets() const { return packets_.load(std::memory_order_relaxed); }
    /// The log's KISMET.db_version, once opened.
    int db_version() const;

private:
    void run(Database db, Statement rows, PacketSink& sink);
    bool wait_until(std::chrono::steady_clock::time_point when);

    const std::string path_;
    const KismetdbSourceOptions options_;

    std::mutex control_mutex_; // serializes open() and the joining part of close()
    std::thread reader_;

    mutable std::mutex mutex_; // guards everything below but the atomics
    std::condition_variable wake_;
    std::atomic<bool> stop_{false};
    bool running_ = false;
    bool finished_ = false;
    int db_version_ = 0;
    std::uint32_t dlt_ = 0;
    std::int64_t last_rowid_ = 0; // the packets table's largest rowid, for progress
    std::uint64_t bytes_read_ = 0;
    std::uint64_t bytes_total_ = 0;
    std::atomic<std::uint64_t> packets_{0};
};

} // namespace airsight::kismetdb

#endif
