// The interfaces of one pcapng section: one interface description block per
// (datasource, link type) pair, written the first time a packet needs it.
// Shared by the log file and the live streams.
#ifndef AIRSIGHT_PLUGINS_PCAPNG_INTERFACE_TABLE_H
#define AIRSIGHT_PLUGINS_PCAPNG_INTERFACE_TABLE_H

#include <airsight/sources.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace airsight::pcapng_plugin {

class InterfaceTable {
public:
    /// The interface id of packets from source `source_number` with link
    /// type `dlt`. The first time, appends its interface description block
    /// to `out`: named after the source (its name and interface), described
    /// by its UUID and definition; `source` may be null when the source is
    /// gone, and then only its number names it.
    std::uint32_t interface_for(std::uint32_t source_number, std::uint32_t dlt, const SourceInfo* source,
                                std::string& out);
    bool known(std::uint32_t source_number, std::uint32_t dlt) const
    {
        return ids_.contains({source_number, dlt});
    }
    std::size_t size() const { return ids_.size(); }

private:
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> ids_;
};

/// The if_name and if_description a source's interface gets.
std::string interface_name(const SourceInfo& source);
std::string interface_description(const SourceInfo& source);

} // namespace airsight::pcapng_plugin

#endif
