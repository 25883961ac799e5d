// The part the gpsd, serial and TCP drivers share: one thread that opens a
// stream (a socket, a tty), reads it line by line, and when it is lost or
// cannot be opened tries again with a backoff of 1, 2, 4 ... 30 s (Kismet's
// reconnect=true, the default; with reconnect=false it gives up). A stream
// silent for 30 s counts as lost. stop() wakes the thread at once, also
// while it waits to connect or to retry.
#ifndef AIRSIGHT_CORE_GPS_LINE_STREAM_GPS_H
#define AIRSIGHT_CORE_GPS_LINE_STREAM_GPS_H

#include "gps/gps_driver.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace airsight::core {

class LineStreamGps : public GpsDriver {
public:
    explicit LineStreamGps(bool reconnect) : reconnect_(reconnect) {}
    ~LineStreamGps() override;

    void start(GpsSink& sink) final;
    void stop() final;

    static constexpr std::chrono::seconds kMaxBackoff{30};
    static constexpr std::chrono::seconds kSilenceLimit{30};
    static constexpr std::size_t kMaxLine = 4096;

protected:
    /// Opens the stream; throws std::runtime_error with the reason. May wait
    /// (a TCP connect), but returns early, throwing, once stopping() is true.
    virtual int open_stream() = 0;
    /// Called once per opened stream, e.g. to send a request; throws on a
    /// write error.
    virtual void on_open(int fd) { (void)fd; }
    /// One line, without its line end; report through `sink`.
    virtual void on_line(std::string_view line, GpsSink& sink) = 0;
    /// "gpsd localhost:2947", for messages.
    virtual std::string endpoint() const = 0;

    bool stopping() const { return stopping_.load(); }
    /// The fd stop() makes readable, for a driver's own waits.
    int wake_fd() const { return wake_fd_; }
    /// Connects a TCP socket to host:port, waiting at most 5 s; throws.
    int connect_tcp(const std::string& host, const std::string& port) const;

private:
    void run();
    /// Reads until the stream is lost; returns why.
    std::string read_lines(int fd);
    /// Sleeps up to `delay`; false when stopping.
    bool wait(std::chrono::milliseconds delay) const;

    const bool reconnect_;
    GpsSink* sink_ = nullptr;
    int wake_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace airsight::core

#endif
