// Writes a pcapng file: one section header, an interface per link type (the
// sim delivers radiotap and, with BLE in its world, BLE link-layer packets),
// enhanced packet blocks (encoded by the SDK's airsight/pcapng.h; this adds
// the file).
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_PCAPNG_WRITER_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_PCAPNG_WRITER_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace airsight::sim {

struct PcapngOptions {
    std::uint16_t linktype = 127;   // LINKTYPE_IEEE802_11_RADIOTAP: interface 0
    /// Another interface for each (named interface_name-<linktype>), after interface 0.
    std::vector<std::uint16_t> more_linktypes{};
    std::uint32_t snaplen = 65535;
    std::string interface_name = "sim0";
    std::string application = "airsight sim";
};

class PcapngWriter {
public:
    /// Creates (truncates) `path` and writes the section header and interface
    /// description. Throws std::runtime_error naming the path and the OS error.
    explicit PcapngWriter(const std::string& path, PcapngOptions options = {});
    /// Writes to `fd`, a file descriptor open for writing that it takes over
    /// (closed even when this throws); `path` names it in messages.
    PcapngWriter(int fd, const std::string& path, PcapngOptions options = {});
    ~PcapngWriter(); // closes; errors at this point are lost, call close() to see them
    PcapngWriter(const PcapngWriter&) = delete;
    PcapngWriter& operator=(const PcapngWriter&) = delete;

    /// Appends one packet of interface 0's link type, timestamped in µs since
    /// the epoch (the default if_tsresol). Packets longer than the snaplen are
    /// truncated, keeping their original length.
    void write(std::uint64_t ts_usec, const std::uint8_t* data, std::size_t length);
    /// Appends one packet on the interface of `linktype`; throws
    /// std::invalid_argument when the options named no such interface.
    void write(std::uint64_t ts_usec, std::uint32_t linktype, const std::uint8_t* data, std::size_t length);
    void flush();
    /// Flushes and closes; throws std::runtime_error if the data could not be written.
    void close();

    std::uint64_t packets() const { return packets_; }
    const std::string& path() const { return path_; }

private:
    void start(const PcapngOptions& options); // buffers, then write_headers()
    void write_headers(const PcapngOptions& options); // the section header and interface description
    void put(const void* data, std::size_t n);
    [[noreturn]] void fail(const char* what) const;

    std::string path_;
    std::uint32_t snaplen_;
    std::FILE* file_ = nullptr;
    std::vector<std::uint16_t> linktypes_; // per interface, in order
    std::string block_; // one packet block, encoded
    std::uint64_t packets_ = 0;
};

} // namespace airsight::sim

#endif
