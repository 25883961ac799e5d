#include "logging/log_writer.h"

#include <algorithm>
#include <exception>
#include <type_traits>

namespace airsight::core {
namespace {
template <class> inline constexpr bool kAlwaysFalse = false;

/// Packets per LogFile::packets() call: big enough that a log amortises its
/// per-call work, small enough that flushes stay on time.
constexpr std::size_t kPacketsPerCall = 256;

std::size_t cost(const LogItem& item)
{
    std::size_t bytes = 0;
    if (const auto* devices = std::get_if<std::vector<LoggedDevice>>(&item))
        for (const LoggedDevice& d : *devices) bytes += sizeof(LoggedDevice) + d.json.size() + d.key.size();
    return bytes; // the others are rare, and unbounded: see the header
}
} // namespace

void LogWriter::Queue::clear()
{
    packets.clear();
    others.clear();
    other_bytes = 0;
}

LogWriter::LogWriter(std::unique_ptr<LogFile> file, std::string path, Report report, std::size_t queue_bytes,
                     std::chrono::milliseconds flush_interval)
    : file_(std::move(file)),
      path_(std::move(path)),
      report_(std::move(report)),
      queue_bytes_(queue_bytes),
      flush_interval_(flush_interval),
      thread_([this] { run(); })
{
}

LogWriter::~LogWriter() { close(); }

void LogWriter::wait_for_room(std::unique_lock<std::mutex>& lock, std::size_t size)
{
    // One record larger than the whole bound still goes in, alone.
    const auto room = [&] { return closing_ || stopped_ || filling_.empty() || filling_.bytes() + size <= queue_bytes_; };
    if (room()) return;
    waits_.fetch_add(1, std::memory_order_relaxed);
    space_.wait(lock, room);
}

bool LogWriter::push_packet(const Packet& packet, std::uint64_t id, std::string_view source_uuid,
                            std::string_view phy_name)
{
    std::unique_lock lock(mutex_);
    wait_for_room(lock, packet.data.size() + PacketBatch::kRecordBytes);
    if (closing_ || stopped_) return false;
    const bool was_empty = filling_.empty();
    filling_.packets.append(packet, id, source_uuid, phy_name);
    // A busy writer takes this batch when it finishes the one it writes, and
    // an idle one gathers for a moment after the first record: wake it only
    // for that first record and when the batch is worth taking (a wake-up
    // per packet would trade places between the threads per packet).
    if (writer_idle_ && (was_empty || filling_.bytes() >= gather_bytes())) work_.notify_one();
    return true;
}

bool LogWriter::push(LogItem item)
{
    const std::size_t size = cost(item);
    std::unique_lock lock(mutex_);
    if (size > 0) wait_for_room(lock, size);
    if (closing_ || stopped_) return false;
    filling_.other_bytes += size;
    filling_.others.emplace_back(filling_.packets.size(), std::move(item));
    if (writer_idle_) work_.notify_one();
    return true;
}

void LogWriter::close()
{
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        work_.notify_one();
        space_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    filling_.clear();
    filling_.packets.release();
}

std::string LogWriter::failure() const
{
    std::lock_guard lock(mutex_);
    return failure_;
}

template <typename Call> bool LogWriter::guarded(const char* what, Call&& call)
{
    std::string reason;
    try {
        call();
        return true;
    } catch (const std::exception& e) {
        reason = e.what();
    } catch (...) {
        reason = "an exception that is not a std::exception";
    }
    {
        std::lock_guard lock(mutex_);
        failure_ = reason;
        stopped_.store(true, std::memory_order_release);
        filling_.clear();
        space_.notify_all();
    }
    report_("Log " + path_ + " stopped: its " + what + " failed: " + reason);
    try {
        file_->close();
    } catch (const std::exception& e) {
        report_("Log " + path_ + " could not be closed after that: " + e.what());
    } catch (...) {
        report_("Log " + path_ + " could not be closed after that");
    }
    file_.reset();
    return false;
}

void LogWriter::write_item(const LogItem& item)
{
    std::visit(
        [this](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::vector<LoggedDevice>>) file_->devices(v);
            else if constexpr (std::is_same_v<T, LoggedAlert>) file_->alert(v);
            else if constexpr (std::is_same_v<T, LoggedMessage>) file_->message(v);
            else if constexpr (std::is_same_v<T, LoggedSource>) file_->source(v);
            else if constexpr (std::is_same_v<T, LoggedSnapshot>) file_->snapshot(v);
            else static_assert(kAlwaysFalse<T>, "every LogItem is written");
        },
        item);
}

bool LogWriter::flush_if_due(bool now)
{
    using Clock = std::chrono::steady_clock;
    if (!dirty_ || (!now && Clock::now() - last_flush_ < flush_interval_)) return true;
    dirty_ = false;
    last_flush_ = Clock::now();
    return guarded("flush()", [&] { file_->flush(); });
}

bool LogWriter::write(const Queue& queue)
{
    static constexpr const char* kCalls[] = {"devices()", "alert()", "message()", "source()", "snapshot()"};
    std::size_t written = 0;
    const auto packets_until = [&](std::size_t end) {
        while (written < end) {
            const std::size_t stop = std::min(end, written + kPacketsPerCall);
            views_.clear();
            for (std::size_t i = written; i < stop; ++i) views_.push_back(queue.packets.at(i));
            if (!guarded("packets()", [&] { file_->packets(views_); })) return false;
            written = stop;
            dirty_ = true;
            if (!flush_if_due(false)) return false;
        }
        return true;
    };
    for (const auto& entry : queue.others) {
        const LogItem& item = entry.second; // not a structured binding: lambdas below capture it
        if (!packets_until(entry.first)) return false;
        if (!guarded(kCalls[item.index()], [&] { write_item(item); })) return false;
        dirty_ = true;
        if (!flush_if_due(false)) return false;
    }
    return packets_until(queue.packets.size());
}

void LogWriter::run()
{
    Queue taken;
    std::unique_lock lock(mutex_);
    for (;;) {
        if (filling_.empty()) {
            if (closing_) break;
            writer_idle_ = true;
            if (dirty_) work_.wait_until(lock, last_flush_ + flush_interval_);
            else work_.wait(lock);
            if (filling_.empty()) {
                writer_idle_ = false;
                lock.unlock();
                const bool ok = flush_if_due(false);
                lock.lock();
                if (!ok) return;
                continue;
            }
            // Woken by a first record: gather a batch for a moment, so a
            // writer faster than capture takes packets by the thousand.
            work_.wait_for(lock, kGatherTime,
                           [&] { return closing_ || stopped_ || filling_.bytes() >= gather_bytes(); });
            writer_idle_ = false;
        }
        // Everything queued at once: one lock and one wake-up of waiting
        // capture threads per batch, not per packet. The emptied batch goes
        // back to be filled, its memory kept.
        std::swap(taken, filling_);
        space_.notify_all();
        lock.unlock();
        const bool ok = write(taken);
        taken.clear();
        if (!ok) return;
        lock.lock();
    }
    lock.unlock();
    if (!flush_if_due(true)) return;
    // close() is the last call whatever it does: its exception is only reported.
    try {
        file_->close();
    } catch (const std::exception& e) {
        {
            std::lock_guard failed(mutex_);
            failure_ = e.what();
        }
        report_("Log " + path_ + " failed to close: " + e.what());
    }
    file_.reset();
    stopped_.store(true, std::memory_order_release);
}

} // namespace airsight::core
