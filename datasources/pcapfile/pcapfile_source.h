// The pcapfile datasource: replays a pcap or pcapng file through libpcap on a
// reader thread of its own, as fast as the packet chain takes the frames or
// (realtime=true) at the pace they were captured.
#ifndef AIRSIGHT_DATASOURCES_PCAPFILE_PCAPFILE_SOURCE_H
#define AIRSIGHT_DATASOURCES_PCAPFILE_PCAPFILE_SOURCE_H

#include <airsight/datasource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace airsight::pcapfile {

/// The link types airsight can decode: 802.11, radiotap and PPI (dot11, and
/// bluetooth for PPI around BLE); BLE link layer bare, with libbtbb's radio
/// header and nRF Sniffer's; HCI with H4's direction header and the Linux
/// HCI monitor's (bluetooth).
inline constexpr std::uint32_t kDltIeee80211 = 105;
inline constexpr std::uint32_t kDltRadiotap = 127;
inline constexpr std::uint32_t kDltPpi = 192;
inline constexpr std::uint32_t kDltBleLl = 251;
inline constexpr std::uint32_t kDltBleLlWithPhdr = 256;
inline constexpr std::uint32_t kDltNordicBle = 272;
inline constexpr std::uint32_t kDltBluetoothHciH4WithPhdr = 201;
inline constexpr std::uint32_t kDltBluetoothLinuxMonitor = 254;
bool dlt_supported(int dlt);

struct PcapfileOptions {
    /// Replay at capture pace (Kismet's realtime=; default false, as in Kismet).
    bool realtime = false;
    /// At most this many packets per second (Kismet's pps=; 0: no limit).
    std::uint32_t pps = 0;
};

class PcapfileSource final : public airsight::Datasource {
public:
    explicit PcapfileSource(std::string path, PcapfileOptions options = {});
    /// Closes (stops and joins the reader). Do not destroy a source from
    /// inside its own sink callbacks.
    ~PcapfileSource() override;

    PcapfileSource(const PcapfileSource&) = delete;
    PcapfileSource& operator=(const PcapfileSource&) = delete;

    /// Opens the file and starts the reader thread, which delivers every
    /// record, then calls sink.finished() at the end of the file, or
    /// sink.failed() when a record cannot be read (damaged file). Throws
    /// std::runtime_error when the file cannot be opened (pcap's reason) or
    /// holds a link type airsight cannot decode, and when already running.
    /// After close() a source can be opened again (it replays from the start).
    void open(airsight::PacketSink& sink) override;
    /// Stops the reader promptly (also during a realtime wait) and joins it.
    /// Idempotent; callable from any thread, including from inside the sink
    /// (then it only stops: nothing more is delivered once the callback returns).
    void close() override;
    /// Thread-safe. bytes_read is the file position of libpcap's reader
    /// (ftell on pcap_file()), read every kProgressFrames frames (a syscall
    /// per frame would cost more than decoding it) and at the end, so it
    /// equals bytes_total once finished.
    airsight::SourceStatus status() const override;

    const std::string& path() const { return path_; }
    const PcapfileOptions& options() const { return options_; }
    /// Frames delivered since the last open().
    std::uint64_t packets() const;

    /// Frames between two reads of the file position.
    static constexpr std::uint64_t kProgressFrames = 1024;

private:
    struct Pacer;
    void run(void* pcap, airsight::PacketSink& sink);
    /// Waits until `when` or close(); false when closed.
    bool wait_until(std::chrono::steady_clock::time_point when);

    const std::string path_;
    const PcapfileOptions options_;

    std::mutex control_mutex_; // serializes open() and the joining part of close()
    std::thread reader_;

    mutable std::mutex mutex_; // guards everything below but the atomics
    std::condition_variable wake_;
    std::atomic<bool> stop_{false}; // written under mutex_ (for wake_), read per frame without it
    bool running_ = false;
    std::string hardware_;
    std::uint32_t dlt_ = 0;
    std::uint64_t bytes_read_ = 0;
    std::uint64_t bytes_total_ = 0;
    std::atomic<std::uint64_t> packets_{0};
    bool finished_ = false;
};

} // namespace airsight::pcapfile

#endif
