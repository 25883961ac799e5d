// What the kismetdb tests share: a scratch folder, frames to log, a sink
// recording a replay, and (sqlite_reader.h) reading a log back with the
// plain SQLite API.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_TESTS_KISMETDB_TEST_SUPPORT_H
#define AIRSIGHT_PLUGINS_KISMETDB_TESTS_KISMETDB_TEST_SUPPORT_H

#include "kismetdb_log.h"
#include "sqlite_reader.h"

#include <airsight/datasource.h>
#include <airsight/logging.h>

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace airsight::kismetdb::test {

/// A fresh folder under TMPDIR, removed with its contents.
class ScratchDir {
public:
    ScratchDir()
    {
        std::string tmpl = (std::filesystem::temp_directory_path() / "kismetdb-test-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~ScratchDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

/// A plain 802.11 beacon-like frame (DLT 105) of `size` bytes whose bytes
/// depend on `seed`, so every frame differs.
inline std::vector<std::uint8_t> built_frame(std::uint32_t seed, std::size_t size = 64)
{
    std::vector<std::uint8_t> f(size);
    for (std::size_t i = 0; i < size; ++i) f[i] = static_cast<std::uint8_t>((seed * 131 + i * 7) & 0xff);
    if (size >= 2) {
        f[0] = 0x80; // beacon
        f[1] = 0x00;
    }
    return f;
}

inline LogOpenRequest open_request(const std::string& path)
{
    LogOpenRequest r;
    r.path = path;
    r.uuid = "5fe308bd-0000-0000-0000-000000000001";
    r.title = "test";
    r.start_sec = 1700000000;
    return r;
}

/// Records what a replay delivers. Thread-safe.
class RecordingSink : public PacketSink {
public:
    struct Frame {
        std::int64_t ts_sec;
        std::uint32_t ts_usec, dlt, original_length;
        std::vector<std::uint8_t> data;
    };
    void deliver(const CapturedFrame& f) override
    {
        std::lock_guard lock(mutex_);
        frames_.push_back(Frame{f.ts_sec, f.ts_usec, f.dlt, f.original_length, {f.data.begin(), f.data.end()}});
    }
    void failed(std::string_view reason) override
    {
        std::lock_guard lock(mutex_);
        failure_ = std::string(reason);
        ended_ = true;
        cv_.notify_all();
    }
    void finished() override
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
        ended_ = true;
        cv_.notify_all();
    }
    /// Waits until finished() or failed(); false after `timeout`.
    bool wait(std::chrono::milliseconds timeout = std::chrono::seconds(60))
    {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [this] { return ended_; });
    }
    std::vector<Frame> frames() const
    {
        std::lock_guard lock(mutex_);
        return frames_;
    }
    bool is_finished() const
    {
        std::lock_guard lock(mutex_);
        return finished_;
    }
    std::string failure() const
    {
        std::lock_guard lock(mutex_);
        return failure_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Frame> frames_;
    std::string failure_;
    bool finished_ = false, ended_ = false;
};

} // namespace airsight::kismetdb::test

#endif
