#include "kismetdb_source.h"

#include "kismetdb_schema.h"

#include <airsight/replay_pacer.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <stdexcept>

namespace airsight::kismetdb {

namespace {

// The source whose reader runs on this thread, so close() from inside a sink
// callback knows not to join itself.
thread_local const KismetdbSource* tl_reading = nullptr;

// Every SQLite database starts with these 16 bytes (the file format's header string).
constexpr char kSqliteMagic[16] = "SQLite format 3";

// Frames between two progress updates (each takes the lock).
constexpr std::uint64_t kProgressFrames = 1024;

bool has_sqlite_header(const std::string& path, std::string& why)
{
    std::FILE* f = std::fopen(path.c_str(), "rbe");
    if (!f) {
        why = std::strerror(errno);
        return false;
    }
    char head[16] = {};
    const std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    if (n == sizeof head && std::memcmp(head, kSqliteMagic, sizeof head) == 0) return true;
    why = "not an SQLite database";
    return false;
}

} // namespace

KismetdbSource::KismetdbSource(std::string path, KismetdbSourceOptions options)
    : path_(std::move(path)), options_(options)
{
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) bytes_total_ = static_cast<std::uint64_t>(st.st_size);
}

KismetdbSource::~KismetdbSource()
{
    close();
    if (reader_.joinable()) reader_.detach(); // only when destroyed from its own reader (forbidden)
}

int KismetdbSource::db_version() const
{
    std::lock_guard lock(mutex_);
    return db_version_;
}

void KismetdbSource::open(PacketSink& sink)
{
    std::lock_guard control(control_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (running_) throw std::runtime_error("kismetdb log " + path_ + " is already open");
    }
    if (reader_.joinable()) reader_.join();

    std::string why;
    if (!has_sqlite_header(path_, why)) throw std::runtime_error("cannot replay kismetdb log " + path_ + ": " + why);

    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK) throw std::runtime_error("cannot open kismetdb log " + path_ + ": " + sqlite_reason(raw));
    const std::string unreadable = "cannot read kismetdb log " + path_;

    // Which of the two tables the replay needs are there.
    std::set<std::string> tables;
    {
        Statement names = prepare(db.get(), "SELECT name FROM sqlite_master WHERE type='table'", unreadable);
        int step = SQLITE_OK;
        while ((step = sqlite3_step(names.get())) == SQLITE_ROW)
            tables.insert(reinterpret_cast<const char*>(sqlite3_column_text(names.get(), 0)));
        if (step != SQLITE_DONE) throw std::runtime_error(unreadable + ": " + sqlite_reason(db.get()));
    }
    for (const char* table : {"KISMET", "packets"})
        if (!tables.contains(table))
            throw std::runtime_error("cannot replay " + path_ + ": an SQLite database but not a kismetdb log (it has no " +
                                     table + " table)");

    int version = 0;
    {
        Statement v = prepare(db.get(), "SELECT db_version FROM KISMET", unreadable);
        const int step = sqlite3_step(v.get());
        if (step == SQLITE_ROW) version = sqlite3_column_int(v.get(), 0);
        else if (step != SQLITE_DONE) throw std::runtime_error(unreadable + ": " + sqlite_reason(db.get()));
    }
    if (version < kOldestReadableVersion || version > kLogVersion)
        throw std::runtime_error("cannot replay kismetdb log " + path_ + ": its db_version is " +
                                 std::to_string(version) + "; airsight reads versions " +
                                 std::to_string(kOldestReadableVersion) + " to " + std::to_string(kLogVersion));

    // Rowid order is the order the writing server logged them in (Kismet's own
    // replay sorts by time, which needs the whole table sorted first).
    Statement rows = prepare(db.get(),
                             version >= 9 ? "SELECT rowid, ts_sec, ts_usec, dlt, packet, packet_full_len FROM packets "
                                            "ORDER BY rowid"
                                          : "SELECT rowid, ts_sec, ts_usec, dlt, packet, packet_len FROM packets "
                                            "ORDER BY rowid",
                             "cannot replay " + path_ + ": its packets table is not a kismetdb one");
    std::int64_t last_rowid = 0;
    std::uint32_t first_dlt = 0;
    {
        Statement extent = prepare(db.get(),
                                   "SELECT (SELECT MAX(rowid) FROM packets), (SELECT dlt FROM packets ORDER BY rowid "
                                   "LIMIT 1)",
                                   unreadable);
        const int step = sqlite3_step(extent.get());
        if (step != SQLITE_ROW) throw std::runtime_error(unreadable + ": " + sqlite_reason(db.get()));
        last_rowid = sqlite3_column_int64(extent.get(), 0);
        first_dlt = static_cast<std::uint32_t>(sqlite3_column_int64(extent.get(), 1));
    }

    struct stat st {};
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
        running_ = true;
        finished_ = false;
        packets_ = 0;
        db_version_ = version;
        dlt_ = first_dlt;
        last_rowid_ = last_rowid;
        bytes_read_ = 0;
        if (::stat(path_.c_str(), &st) == 0) bytes_total_ = static_cast<std::uint64_t>(st.st_size);
    }
    try {
        reader_ = std::thread([this, d = std::move(db), r = std::move(rows), &sink]() mutable {
            run(std::move(d), std::move(r), sink);
        });
    } catch (...) {
        std::lock_guard lock(mutex_);
        running_ = false;
        throw;
    }
}

void KismetdbSource::close()
{
    auto request_stop = [this] {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
    };
    request_stop();
    if (tl_reading == this) return; // from inside a sink callback: the reader stops when it returns
    std::lock_guard control(control_mutex_);
    request_stop();
    if (reader_.joinable()) reader_.join();
}

SourceStatus KismetdbSource::status() const
{
    SourceStatus s;
    s.capture_interface = path_;
    s.hardware = "kismetdb log";
    std::lock_guard lock(mutex_);
    s.dlt = dlt_;
    s.bytes_read = bytes_read_;
    s.bytes_total = bytes_total_;
    s.finished = finished_;
    return s;
}

bool KismetdbSource::wait_until(std::chrono::steady_clock::time_point when)
{
    std::unique_lock lock(mutex_);
    return !wake_.wait_until(lock, when, [this] { return stop_.load(); });
}

void KismetdbSource::run(Database db, Statement rows, PacketSink& sink)
{
    tl_reading = this;
    ReplayPacer pacer;
    std::uint64_t delivered = 0;
    std::int64_t rowid = 0;
    sqlite3_stmt* s = rows.get();

    // Records progress; false once close() was asked for.
    auto progress = [&](std::int64_t at_rowid, bool at_end) {
        std::lock_guard lock(mutex_);
        if (at_end) bytes_read_ = bytes_total_;
        else if (last_rowid_ > 0)
            bytes_read_ = static_cast<std::uint64_t>(static_cast<double>(bytes_total_) *
                                                     std::clamp(static_cast<double>(at_rowid) / last_rowid_, 0.0, 1.0));
        if (at_end && !stop_.load()) finished_ = true;
        return !stop_.load();
    };

    for (;;) {
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            rowid = sqlite3_column_int64(s, 0);
            // Microseconds out of range (a hand-made or damaged row) are clamped into it.
            const std::int64_t sec = sqlite3_column_int64(s, 1);
            const std::int64_t usec = std::clamp<std::int64_t>(sqlite3_column_int64(s, 2), 0, 999'999);
            if (options_.realtime)
                if (auto due = pacer.due(sec, usec); due && !wait_until(*due)) break;
            if (delivered % kProgressFrames == 0 ? !progress(rowid, false) : stop_.load(std::memory_order_relaxed))
                break;
            CapturedFrame frame;
            frame.ts_sec = sec;
            frame.ts_usec = static_cast<std::uint32_t>(usec);
            frame.dlt = static_cast<std::uint32_t>(sqlite3_column_int64(s, 3));
            const void* blob = sqlite3_column_blob(s, 4);
            const int size = sqlite3_column_bytes(s, 4);
            frame.data = std::span<const std::uint8_t>(static_cast<const std::uint8_t*>(blob),
                                                       blob ? static_cast<std::size_t>(size) : 0);
            // A NULL or short full length (older logs, hand-made rows): the captured length.
            const std::int64_t full = sqlite3_column_int64(s, 5);
            frame.original_length = static_cast<std::uint32_t>(
                std::clamp<std::int64_t>(full, static_cast<std::int64_t>(frame.data.size()), UINT32_MAX));
            sink.deliver(frame);
            packets_.store(++delivered, std::memory_order_relaxed);
            continue;
        }
        if (rc == SQLITE_DONE) {
            if (progress(0, true)) sink.finished();
            break;
        }
        const std::string reason = "kismetdb log " + path_ + " is damaged after " + std::to_string(delivered) +
                                   " packets: " + sqlite_reason(db.get());
        if (progress(rowid, false)) sink.failed(reason);
        break;
    }
    rows.reset();
    db.reset();
    {
        std::lock_guard lock(mutex_);
        running_ = false;
    }
    tl_reading = nullptr;
}

} // namespace airsight::kismetdb
