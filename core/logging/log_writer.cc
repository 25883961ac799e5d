#include "logging/log_writer.h"

#include <exception>
#include <type_traits>

namespace airsight::core {
namespace {
template <class> inline constexpr bool kAlwaysFalse = false;
} // namespace

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

std::size_t LogWriter::cost(const LogItem& item)
{
    if (const auto* p = std::get_if<std::shared_ptr<const PacketCopy>>(&item)) return (*p)->cost();
    return 0; // unbounded: see the header
}

bool LogWriter::push_packet(std::shared_ptr<const PacketCopy> packet)
{
    const std::size_t size = packet->cost();
    std::unique_lock lock(mutex_);
    // One packet larger than the whole bound still goes in, alone.
    if (!closing_ && !stopped_ && bytes_ > 0 && bytes_ + size > queue_bytes_) {
        waits_.fetch_add(1, std::memory_order_relaxed);
        space_.wait(lock, [&] { return closing_ || stopped_ || bytes_ == 0 || bytes_ + size <= queue_bytes_; });
    }
    if (closing_ || stopped_) return false;
    bytes_ += size;
    queue_.emplace_back(std::move(packet));
    work_.notify_one();
    return true;
}

bool LogWriter::push(LogItem item)
{
    std::lock_guard lock(mutex_);
    if (closing_ || stopped_) return false;
    bytes_ += cost(item);
    queue_.push_back(std::move(item));
    work_.notify_one();
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
        queue_.clear();
        bytes_ = 0;
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

void LogWriter::write(const LogItem& item)
{
    std::visit(
        [this](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::shared_ptr<const PacketCopy>>) file_->packet(v->view());
            else if constexpr (std::is_same_v<T, std::vector<LoggedDevice>>) file_->devices(v);
            else if constexpr (std::is_same_v<T, LoggedAlert>) file_->alert(v);
            else if constexpr (std::is_same_v<T, LoggedMessage>) file_->message(v);
            else if constexpr (std::is_same_v<T, LoggedSource>) file_->source(v);
            else if constexpr (std::is_same_v<T, LoggedSnapshot>) file_->snapshot(v);
            else static_assert(kAlwaysFalse<T>, "every LogItem is written");
        },
        item);
}

void LogWriter::run()
{
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_flush = Clock::now();
    bool dirty = false;
    const auto flush_if_due = [&](bool now) {
        if (!dirty || (!now && Clock::now() - last_flush < flush_interval_)) return true;
        dirty = false;
        last_flush = Clock::now();
        return guarded("flush()", [&] { file_->flush(); });
    };

    static constexpr const char* kCalls[] = {"packet()", "devices()", "alert()", "message()", "source()", "snapshot()"};
    std::deque<LogItem> batch;
    std::unique_lock lock(mutex_);
    for (;;) {
        if (queue_.empty()) {
            if (closing_) break;
            if (dirty) work_.wait_until(lock, last_flush + flush_interval_);
            else work_.wait(lock);
            if (queue_.empty()) {
                lock.unlock();
                const bool ok = flush_if_due(false);
                lock.lock();
                if (!ok) return;
                continue;
            }
        }
        // Everything queued at once: one lock and one wake-up of waiting
        // capture threads per batch, not per packet (a capture thread woken
        // for each record would trade places with this one all the time).
        batch.swap(queue_);
        bytes_ = 0;
        space_.notify_all();
        lock.unlock();
        for (const LogItem& item : batch) {
            if (!guarded(kCalls[item.index()], [&] { write(item); })) return;
            dirty = true;
            if (!flush_if_due(false)) return;
        }
        batch.clear();
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
