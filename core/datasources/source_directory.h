// The SDK's read-only view of the datasources (airsight/sources.h), over the
// datasource manager's snapshots.
#ifndef AIRSIGHT_CORE_DATASOURCES_SOURCE_DIRECTORY_H
#define AIRSIGHT_CORE_DATASOURCES_SOURCE_DIRECTORY_H

#include "datasources/datasource_manager.h"

#include <airsight/sources.h>

namespace airsight::core {

/// A source's description, from the manager's snapshot of it.
SourceInfo source_info(const SourceSnapshot& snapshot);

class SourceDirectoryImpl : public SourceDirectory {
public:
    explicit SourceDirectoryImpl(const DatasourceManager& manager) : manager_(manager) {}

    std::vector<SourceInfo> list() const override;
    std::optional<SourceInfo> by_number(std::uint32_t number) const override;
    std::optional<SourceInfo> by_uuid(std::string_view uuid) const override;

private:
    const DatasourceManager& manager_;
};

} // namespace airsight::core

#endif
