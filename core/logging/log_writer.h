// One open log's writer thread: every call to its LogFile runs here, in the
// order the records were queued (airsight/logging.h, "Threads").
//
// Packets are bounded by bytes: when the queue holds more than its limit, the
// capture thread that queues waits until the writer catches up (counted in
// waits()); a packet is never dropped while the log is open. The writer takes
// the whole queue at once and writes it as a batch, so at most twice the
// limit is in memory (the batch, and the queue filling behind it). Other records
// are rare and queue without a bound. flush() runs at least once a second
// while anything was written. A call that throws stops the log: the reason
// is reported (naming the path), close() is still called, and later records
// are refused (push returns false).
#ifndef AIRSIGHT_CORE_LOGGING_LOG_WRITER_H
#define AIRSIGHT_CORE_LOGGING_LOG_WRITER_H

#include "logging/log_record_copies.h"

#include <airsight/logging.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace airsight::core {

class LogWriter {
public:
    /// Told why the log stopped (a LogFile call threw), from the writer thread.
    using Report = std::function<void(const std::string& text)>;
    /// Small on purpose: what is queued is lost when the server is killed,
    /// and a kill -9 may lose at most about a second. 1 MiB is a few
    /// thousand frames, milliseconds of a log's writing, yet enough that a
    /// writer takes packets in batches rather than one wake-up each.
    static constexpr std::size_t kDefaultQueueBytes = 1u << 20;

    LogWriter(std::unique_ptr<LogFile> file, std::string path, Report report,
              std::size_t queue_bytes = kDefaultQueueBytes,
              std::chrono::milliseconds flush_interval = std::chrono::seconds(1));
    ~LogWriter();
    LogWriter(const LogWriter&) = delete;
    LogWriter& operator=(const LogWriter&) = delete;

    /// Queues a packet, waiting while the queue is full. False: the log has
    /// stopped (it failed or is closing) and will not log it.
    bool push_packet(std::shared_ptr<const PacketCopy> packet);
    /// Queues any other record. False: the log has stopped.
    bool push(LogItem item);
    /// Writes what is queued, flushes, closes the file and ends the thread.
    /// Safe to call twice, and after a failure.
    void close();

    /// Still taking records: not failed, not closed.
    bool running() const { return !stopped_.load(std::memory_order_acquire); }
    /// Why the log stopped on its own ("" while running or closed on request).
    std::string failure() const;
    /// Times a capture thread waited for room in the queue.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }
    const std::string& path() const { return path_; }

private:
    void run();
    /// Calls the file; on an exception, stops the log. False when it stopped.
    template <typename Call> bool guarded(const char* what, Call&& call);
    void write(const LogItem& item);
    static std::size_t cost(const LogItem& item);

    std::unique_ptr<LogFile> file_;
    const std::string path_;
    const Report report_;
    const std::size_t queue_bytes_;
    const std::chrono::milliseconds flush_interval_;

    mutable std::mutex mutex_;
    std::condition_variable work_;  // the writer waits for records
    std::condition_variable space_; // capture threads wait for room
    std::deque<LogItem> queue_;
    std::size_t bytes_ = 0;
    bool closing_ = false;
    std::string failure_;
    std::atomic<bool> stopped_{false};
    std::atomic<std::uint64_t> waits_{0};
    std::thread thread_;
};

} // namespace airsight::core

#endif
