#include "pcapfile_type.h"

#include <airsight/readable_file.h>

#include <sys/stat.h>

#include <stdexcept>

namespace airsight::pcapfile {

namespace {

constexpr std::uint64_t kMaxPps = 999'999'999;

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
    if (const std::string why = unreadable_file_reason(definition.interface); !why.empty())
        throw std::invalid_argument("cannot read capture file " + definition.interface + ": " + why);
    return std::make_unique<PcapfileSource>(definition.interface, options);
}

} // namespace airsight::pcapfile
