// One open log's writer thread: every call to its LogFile runs here, in the
// order the records were queued (airsight/logging.h, "Threads").
//
// Packets are copied into a PacketBatch (no allocation per packet once it has
// grown) and bounded by bytes: when the batch being filled holds the limit,
// the capture thread waits until the writer takes it (counted in waits()); a
// packet is never dropped while the log is open. The writer swaps the whole
// batch out at once and hands it to LogFile::packets(), so at most twice the
// limit is in memory (the batch being written and the one filling behind
// it). Device records count against the same limit, and the device pass
// waits for room as capture does; other records are rare and queue without
// a bound. flush() runs at least once a second while anything was written.
// A call that throws stops the log: the reason is reported (naming the
// path), close() is still called, and later records are refused (push
// returns false).
#ifndef AIRSIGHT_CORE_LOGGING_LOG_WRITER_H
#define AIRSIGHT_CORE_LOGGING_LOG_WRITER_H

#include "logging/packet_batch.h"

#include <airsight/logging.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace airsight::core {

/// One call other than packets that a writer thread makes on its LogFile.
using LogItem = std::variant<std::vector<LoggedDevice>, LoggedAlert, LoggedMessage, LoggedSource, LoggedSnapshot>;

class LogWriter {
public:
    /// Told why the log stopped (a LogFile call threw), from the writer thread.
    using Report = std::function<void(const std::string& text)>;
    /// Small on purpose: what is queued is lost when the server is killed,
    /// and a kill -9 may lose at most about a second. 1 MiB is a few
    /// thousand frames, milliseconds of a log's writing, yet enough that a
    /// writer takes packets in batches rather than one wake-up each.
    static constexpr std::size_t kDefaultQueueBytes = 1u << 20;
    /// How long an idle writer, woken by a record, waits for a batch worth
    /// taking (gather_bytes()) before it writes what it has.
    static constexpr std::chrono::milliseconds kGatherTime{10};

    LogWriter(std::unique_ptr<LogFile> file, std::string path, Report report,
              std::size_t queue_bytes = kDefaultQueueBytes,
              std::chrono::milliseconds flush_interval = std::chrono::seconds(1));
    ~LogWriter();
    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    /// Queues a copy of `packet`, waiting while the queue is full.
    /// `source_uuid` and `phy_name` must outlive the writer (they are not
    /// copied). False: the log has stopped (it failed or is closing).
    bool push_packet(const Packet& packet, std::uint64_t id, std::string_view source_uuid,
                     std::string_view phy_name);
    /// Queues any other record; device records wait for room as packets do.
    /// False: the log has stopped.
    bool push(LogItem item);
    /// Writes what is queued, flushes, closes the file and ends the thread.
    /// Safe to call twice, and after a failure.
    void close();

    /// Still taking records: not failed, not closed.
    bool running() const { return !stopped_.load(std::memory_order_acquire); }
    /// Why the log stopped on its own ("" while running or closed on request).
    std::string failure() const;
    /// Times a capture thread (or a device pass) waited for room in the queue.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }
    const std::string& path() const { return path_; }

private:
    /// What the writer takes at once: packets, and the other records each
    /// with the number of packets queued before it (so the order is kept).
    struct Queue {
        PacketBatch packets;
        std::vector<std::pair<std::size_t, LogItem>> others;
        std::size_t other_bytes = 0; // device records' JSON
        bool empty() const { return packets.empty() && others.empty(); }
        std::size_t bytes() const { return packets.bytes() + other_bytes; }
        void clear();
    };

    /// A batch worth waking an idle writer for.
    std::size_t gather_bytes() const { return queue_bytes_ / 4; }
    void run();
    /// Writes one taken queue in order. False: the log stopped.
    bool write(const Queue& queue);
    /// Flushes when anything was written and the interval passed (or `now`).
    /// False: the log stopped.
    bool flush_if_due(bool now);
    /// Waits (lock held) until `size` more bytes fit, or the log stops.
    void wait_for_room(std::unique_lock<std::mutex>& lock, std::size_t size);
    /// Calls the file; on an exception, stops the log. False when it stopped.
    template <typename Call> bool guarded(const char* what, Call&& call);
    void write_item(const LogItem& item);

    std::unique_ptr<LogFile> file_;
    const std::string path_;
    const Report report_;
    const std::size_t queue_bytes_;
    const std::chrono::milliseconds flush_interval_;

    mutable std::mutex mutex_;
    std::condition_variable work_;  // the writer waits for records
    std::condition_variable space_; // capture threads wait for room
    Queue filling_;                 // guarded by mutex_; the writer swaps it with its own
    bool writer_idle_ = false;      // guarded by mutex_: the writer waits for work_
    bool closing_ = false;
    std::string failure_;
    std::atomic<bool> stopped_{false};
    std::atomic<std::uint64_t> waits_{0};
    // The writer thread's own.
    bool dirty_ = false; // written since the last flush
    std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
    std::vector<LoggedPacket> views_; // one packets() call's batch
    std::thread thread_;
};

} // namespace airsight::core

#endif
