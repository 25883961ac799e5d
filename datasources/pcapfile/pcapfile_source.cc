#include "pcapfile_source.h"

#include <airsight/replay_pacer.h>

#include <pcap/pcap.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>

namespace airsight::pcapfile {

namespace {

struct PcapCloser {
    void operator()(pcap_t* p) const { pcap_close(p); }
};
using PcapHandle = std::unique_ptr<pcap_t, PcapCloser>;

// The source whose reader runs on this thread, so close() from inside a sink
// callback knows not to join itself.
thread_local const PcapfileSource* tl_reading = nullptr;

// A pcapng file starts with a Section Header Block, type 0x0A0D0D0A.
constexpr unsigned char kPcapngMagic[4] = {0x0A, 0x0D, 0x0D, 0x0A};

std::string hardware_of(int fd)
{
    unsigned char magic[4] = {};
    if (fd >= 0 && ::pread(fd, magic, sizeof magic, 0) == static_cast<ssize_t>(sizeof magic) &&
        std::memcmp(magic, kPcapngMagic, sizeof magic) == 0)
        return "pcapng file";
    return "pcap file";
}

std::string hardware_of(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    std::string hardware = hardware_of(fd);
    if (fd >= 0) ::close(fd);
    return hardware;
}

std::string dlt_label(int dlt)
{
    const char* name = pcap_datalink_val_to_name(dlt);
    return std::to_string(dlt) + " (" + (name ? name : "unknown") + ")";
}

// The capture file's stdio buffer: 1 MiB reads, where stdio's default made
// one read() system call per 4 KiB (a tenth of a replay's time in syscalls).
constexpr std::size_t kReadBufferBytes = std::size_t{1} << 20;

} // namespace

bool dlt_supported(int dlt)
{
    for (std::uint32_t supported : {kDltIeee80211, kDltRadiotap, kDltPpi, kDltBleLl, kDltBleLlWithPhdr, kDltNordicBle,
                                     kDltBluetoothHciH4WithPhdr, kDltBluetoothLinuxMonitor})
        if (dlt == static_cast<int>(supported)) return true;
    return false;
}

// When to deliver each packet: realtime replays the capture's own spacing
// (ReplayPacer); pps spaces packets 1/pps apart.
struct PcapfileSource::Pacer {
    PcapfileOptions options;
    ReplayPacer realtime;
    std::chrono::steady_clock::time_point base_time;
    std::uint64_t count = 0;

    std::optional<std::chrono::steady_clock::time_point> due(std::int64_t sec, std::int64_t usec)
    {
        using namespace std::chrono;
        if (options.pps > 0) {
            const std::uint64_t index = count++;
            if (index == 0) base_time = steady_clock::now();
            // Whole seconds and the rest apart, so a long replay never overflows index * 1e9.
            const std::uint64_t whole = index / options.pps, rest = index % options.pps;
            return base_time +
                   seconds(static_cast<std::int64_t>(std::min<std::uint64_t>(whole, ReplayPacer::kMaxGapSeconds))) +
                   nanoseconds(static_cast<std::int64_t>(rest * 1'000'000'000ULL / options.pps));
        }
        if (!options.realtime) return std::nullopt; // as fast as it reads: no clock read per frame
        return realtime.due(sec, usec);
    }
};

PcapfileSource::PcapfileSource(std::string path, PcapfileOptions options)
    : path_(std::move(path)), options_(options)
{
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) bytes_total_ = static_cast<std::uint64_t>(st.st_size);
    hardware_ = hardware_of(path_);
}

PcapfileSource::~PcapfileSource()
{
    close();
    // Only when destroyed from its own reader thread (which the header
    // forbids) is the reader still joinable here; never std::terminate.
    if (reader_.joinable()) reader_.detach();
}

void PcapfileSource::open(PacketSink& sink)
{
    std::lock_guard control(control_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (running_) throw std::runtime_error("capture file " + path_ + " is already open");
    }
    // A previous run that ended by itself (or was closed from its own thread).
    if (reader_.joinable()) reader_.join();

    // Opened here rather than by libpcap, to give the stream kReadBufferBytes.
    FILE* stream = std::fopen(path_.c_str(), "rbe"); // e: close-on-exec
    if (!stream) throw std::runtime_error("cannot open capture file " + path_ + ": " + std::strerror(errno));
    std::setvbuf(stream, nullptr, _IOFBF, kReadBufferBytes);
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    PcapHandle pcap(pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_MICRO, errbuf));
    if (!pcap) {
        std::fclose(stream); // libpcap closes it only once it owns it
        throw std::runtime_error("cannot open capture file " + path_ + ": " + errbuf);
    }

    const int dlt = pcap_datalink(pcap.get());
    if (!dlt_supported(dlt))
        throw std::runtime_error("capture file " + path_ + ": linktype " + dlt_label(dlt) +
                                 " is not supported; airsight reads 802.11 (105), radiotap (127), PPI (192), Bluetooth LE link layer (251, 256, 272) and Bluetooth HCI (201, 254)");

    FILE* file = pcap_file(pcap.get());
    const int fd = file ? ::fileno(file) : -1;
    std::uint64_t total = 0;
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0) total = static_cast<std::uint64_t>(st.st_size);
    const long pos = file ? std::ftell(file) : -1;

    {
        std::lock_guard lock(mutex_);
        stop_ = false;
        running_ = true;
        finished_ = false;
        packets_ = 0;
        dlt_ = static_cast<std::uint32_t>(dlt);
        hardware_ = hardware_of(fd);
        bytes_total_ = total;
        bytes_read_ = pos > 0 ? static_cast<std::uint64_t>(pos) : 0;
    }
    try {
        reader_ = std::thread([this, p = pcap.get(), &sink] { run(p, sink); });
    } catch (...) {
        std::lock_guard lock(mutex_);
        running_ = false;
        throw;
    }
    (void)pcap.release(); // the reader owns it now
}

void PcapfileSource::close()
{
    auto request_stop = [this] {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
    };
    request_stop(); // at once, so a reader in a realtime wait or a concurrent close() is not held up
    // From inside a sink callback: the reader stops as soon as it returns.
    if (tl_reading == this) return;
    std::lock_guard control(control_mutex_);
    request_stop(); // again: an open() may have started a new reader in between
    if (reader_.joinable()) reader_.join();
}

SourceStatus PcapfileSource::status() const
{
    SourceStatus s;
    s.capture_interface = path_;
    std::lock_guard lock(mutex_);
    s.hardware = hardware_;
    s.dlt = dlt_;
    s.bytes_read = bytes_read_;
    s.bytes_total = bytes_total_;
    s.finished = finished_;
    return s;
}

std::uint64_t PcapfileSource::packets() const { return packets_.load(std::memory_order_relaxed); }

bool PcapfileSource::wait_until(std::chrono::steady_clock::time_point when)
{
    std::unique_lock lock(mutex_);
    return !wake_.wait_until(lock, when, [this] { return stop_.load(); });
}

void PcapfileSource::run(void* handle, PacketSink& sink)
{
    tl_reading = this;
    PcapHandle pcap(static_cast<pcap_t*>(handle));
    FILE* file = pcap_file(pcap.get());
    const std::uint32_t dlt = dlt_;
    Pacer pacer;
    pacer.options = options_;
    std::uint64_t delivered = 0;

    // Records progress; false once close() was asked for.
    auto progress = [&](bool at_end) {
        const long pos = file ? std::ftell(file) : -1;
        std::lock_guard lock(mutex_);
        if (pos >= 0) bytes_read_ = static_cast<std::uint64_t>(pos);
        if (at_end && !stop_.load()) finished_ = true;
        return !stop_.load();
    };

    for (;;) {
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int rc = pcap_next_ex(pcap.get(), &header, &data);
        if (rc == 1) {
            if (auto due = pacer.due(header->ts.tv_sec, header->ts.tv_usec); due && !wait_until(*due)) break;
            if (delivered % kProgressFrames == 0 ? !progress(false) : stop_.load(std::memory_order_relaxed)) break;
            CapturedFrame frame;
            frame.ts_sec = header->ts.tv_sec;
            frame.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
            frame.dlt = dlt;
            frame.data = std::span<const std::uint8_t>(data, header->caplen);
            frame.original_length = header->len;
            sink.deliver(frame);
            packets_.store(++delivered, std::memory_order_relaxed);
            continue;
        }
        if (rc == PCAP_ERROR_BREAK) { // end of file
            if (progress(true)) sink.finished();
            break;
        }
        if (rc == PCAP_ERROR) { // truncated or garbled record
            const std::string reason = "capture file " + path_ + " is damaged after " + std::to_string(delivered) +
                                       " packets: " + pcap_geterr(pcap.get());
            if (progress(false)) sink.failed(reason);
            break;
        }
        // 0 (timeout) does not happen on a file; anything else is unexpected.
        if (rc != 0) {
            if (progress(false)) sink.failed("capture file " + path_ + ": pcap_next_ex returned " + std::to_string(rc));
            break;
        }
    }

    {
        std::lock_guard lock(mutex_);
        running_ = false;
    }
    tl_reading = nullptr;
}

} // namespace airsight::pcapfile
