// Kismet's "pcapng" log class: every packet, as captured, in one pcapng
// file, with an interface per (datasource, link type).
#ifndef AIRSIGHT_PLUGINS_PCAPNG_PCAPNG_LOG_H
#define AIRSIGHT_PLUGINS_PCAPNG_PCAPNG_LOG_H

#include "interface_table.h"

#include <airsight/logging.h>

#include <cstdio>
#include <map>
#include <string>

namespace airsight::pcapng_plugin {

struct PcapngLogOptions {
    /// Kismet's pcapng_log_duplicate_packets: also log a frame another
    /// source delivered first (default true, as Kismet).
    bool log_duplicates = true;
    /// Kismet's pcapng_log_data_packets: false leaves out frames their PHY
    /// classed as data (PacketKind::data), for size (default true).
    bool log_data = true;
};

/// One open pcapng log. Not thread-safe: the logging manager calls it from
/// the log's writer thread only.
class PcapngLogFile : public LogFile {
public:
    /// Creates `request.path` exclusively (never replaces a file) and writes
    /// the section header. Throws std::runtime_error naming the path.
    PcapngLogFile(const LogOpenRequest& request, PcapngLogOptions options);
    ~PcapngLogFile() override;
    PcapngLogFile(const PcapngLogFile&) = delete;
    PcapngLogFile& operator=(const PcapngLogFile&) = delete;

    void packet(const LoggedPacket& packet) override;
    void source(const LoggedSource& source) override;
    void flush() override;
    void close() override;

    std::uint64_t packets() const { return packets_; }

private:
    void put(const std::string& bytes);
    [[noreturn]] void fail(const char* what, int error) const;

    std::string path_;
    PcapngLogOptions options_;
    std::FILE* file_ = nullptr;
    std::map<std::uint32_t, SourceInfo> sources_; // by number, as last told
    InterfaceTable interfaces_;
    std::string block_; // reused for each packet's blocks
    std::uint64_t packets_ = 0;
};

class PcapngLogDriver : public LogDriver {
public:
    explicit PcapngLogDriver(PcapngLogOptions options) : options_(options) {}
    std::string log_class() const override { return "pcapng"; }
    std::string name() const override { return "PcapNG pcap"; }
    std::string description() const override
    {
        return "every packet as captured, in pcapng, one interface per datasource and link type";
    }
    unsigned contents() const override { return LOG_PACKETS | LOG_SOURCES; }
    std::unique_ptr<LogFile> open(const LogOpenRequest& request) override;

private:
    PcapngLogOptions options_;
};

} // namespace airsight::pcapng_plugin

#endif
