// airsight SDK: the server's datasources, as other plugins see them.
//
// Logs and packet streams name the source of each packet (its UUID, its
// interface and link type) and filter by it; they read that here. Sources
// themselves belong to the server (datasource.h): this view only reads.
#ifndef AIRSIGHT_SOURCES_H
#define AIRSIGHT_SOURCES_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight {

/// One datasource, described (kismet.datasource.* of its record).
struct SourceInfo {
    std::uint32_t number = 0;      // kismet.datasource.source_number; Packet::source_number
    std::string uuid;              // kismet.datasource.uuid
    std::string name;              // kismet.datasource.name
    std::string type;              // its DatasourceType's name ("pcapfile", "linuxwifi", ...)
    std::string definition;        // kismet.datasource.definition, as given
    std::string interface;         // kismet.datasource.interface
    std::string capture_interface; // kismet.datasource.capture_interface ("" when the driver said none)
    std::string hardware;          // kismet.datasource.hardware
    /// The link type its frames carry (kismet.datasource.dlt): what a pcapng
    /// interface block declares. 0 until the source first opened.
    std::uint32_t dlt = 0;
    bool running = false;          // open and capturing
};

/// Read access to the server's datasources; thread-safe. Every call returns
/// a copy, so nothing is held: a source may be added or closed right after.
class SourceDirectory {
public:
    virtual ~SourceDirectory() = default;
    /// Every source, in order of creation.
    virtual std::vector<SourceInfo> list() const = 0;
    /// The source with this number (Packet::source_number), if any.
    virtual std::optional<SourceInfo> by_number(std::uint32_t number) const = 0;
    /// The source with this UUID (any case), if any.
    virtual std::optional<SourceInfo> by_uuid(std::string_view uuid) const = 0;
};

} // namespace airsight

#endif
