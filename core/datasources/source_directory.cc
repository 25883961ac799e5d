#include "datasources/source_directory.h"

#include "util/ascii_case.h"

namespace airsight::core {

SourceInfo source_info(const SourceSnapshot& s)
{
    SourceInfo info;
    info.number = static_cast<std::uint32_t>(s.number);
    info.uuid = s.uuid;
    info.name = s.name;
    info.type = s.type ? s.type->name() : std::string();
    info.definition = s.definition;
    info.interface = s.interface;
    info.capture_interface = s.status.capture_interface;
    info.hardware = s.status.hardware;
    info.dlt = s.status.dlt;
    info.running = s.running;
    return info;
}

std::vector<SourceInfo> SourceDirectoryImpl::list() const
{
    std::vector<SourceInfo> out;
    for (const SourceSnapshot& s : manager_.snapshot()) out.push_back(source_info(s));
    return out;
}

std::optional<SourceInfo> SourceDirectoryImpl::by_number(std::uint32_t number) const
{
    // A handful of sources: a scan of the snapshot is cheaper than keeping an index in step.
    for (const SourceSnapshot& s : manager_.snapshot())
        if (s.number == number) return source_info(s);
    return std::nullopt;
}

std::optional<SourceInfo> SourceDirectoryImpl::by_uuid(std::string_view uuid) const
{
    for (const SourceSnapshot& s : manager_.snapshot())
        if (iequals(s.uuid, uuid)) return source_info(s);
    return std::nullopt;
}

} // namespace airsight::core
