#include "interface_table.h"

#include <airsight/pcapng.h>

namespace airsight::pcapng_plugin {

std::string interface_name(const SourceInfo& source)
{
    // Kismet names a source after its interface by default; when the user
    // named it otherwise, both matter to someone reading the capture.
    if (source.name.empty() || source.name == source.interface) return source.interface;
    if (source.interface.empty()) return source.name;
    return source.name + "/" + source.interface;
}

std::string interface_description(const SourceInfo& source)
{
    return "airsight datasource " + source.uuid + " (" + source.definition + ")";
}

std::uint32_t InterfaceTable::interface_for(std::uint32_t source_number, std::uint32_t dlt, const SourceInfo* source,
                                            std::string& out)
{
    const auto key = std::make_pair(source_number, dlt);
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(ids_.size());
    const std::string name = source ? interface_name(*source) : "source " + std::to_string(source_number);
    const std::string description =
        source ? interface_description(*source) : "airsight datasource " + std::to_string(source_number) + " (gone)";
    pcapng::append_interface(out, {.linktype = dlt, .snaplen = 0, .name = name, .description = description});
    ids_.emplace(key, id);
    return id;
}

} // namespace airsight::pcapng_plugin
