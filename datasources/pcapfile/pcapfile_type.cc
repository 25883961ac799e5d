#include "pcapfile_type.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace airsight::pcapfile {

namespace {

constexpr std::uint64_t kMaxPps = 999'999'999;

// Throws std::invalid_argument("cannot read capture file PATH: REASON") unless
// `path` is a readable regular file.
void check_readable_file(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        throw std::invalid_argument("cannot read capture file " + path + ": " + std::strerror(err));
    }
    if (S_ISDIR(st.st_mode)) throw std::invalid_argument("cannot read capture file " + path + ": " + std::strerror(EISDIR));
    if (!S_ISREG(st.st_mode)) throw std::invalid_argument("cannot read capture file " + path + ": not a regular file");
    if (::access(path.c_str(), R_OK) != 0) {
        const int err = errno;
        throw std::invalid_argument("cannot read capture file " + path + ": " + std::strerror(err));
    }
}

} // namespace

std::string PcapfileType::description() const
{
    return "Replays a pcap or pcapng capture file of 802.11, radiotap or PPI frames";
}

DatasourceCapabilities PcapfileType::capabilities() const
{
    return {.list_interfaces = false, .probe = true, .local = true, .tune = false, .hop = false};
}

bool PcapfileType::probe(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) return *type == name();
    // A Kismet log is SQLite, not a capture: the kismetdb type replays it
    // (as in Kismet, the extension tells), whichever plugin was loaded first.
    if (definition.interface.ends_with(".kismet")) return false;
    struct stat st {};
    return ::stat(definition.interface.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

PcapfileOptions PcapfileType::parse_options(const SourceDefinition& definition)
{
    definition.check_type_and_name("pcapfile");

    PcapfileOptions options;
    options.realtime = definition.flag("realtime", false); // Kismet replays as fast as possible by default
    if (auto pps = definition.whole_number("pps", kMaxPps)) {
        if (*pps == 0) throw std::invalid_argument("source option pps=0 is not a positive number of packets per second");
        options.pps = static_cast<std::uint32_t>(*pps);
        if (options.realtime) throw std::invalid_argument("source options pps= and realtime=true cannot be combined");
    }
    return options;
}

std::unique_ptr<Datasource> PcapfileType::create(const SourceDefinition& definition) const
{
    const PcapfileOptions options = parse_options(definition);
    check_readable_file(definition.interface);
    return std::make_unique<PcapfileSource>(definition.interface, options);
}

} // namespace airsight::pcapfile
