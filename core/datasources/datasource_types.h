// The datasource types plugins registered ("pcapfile", "sim", ...), and the
// choice of type for a definition: its type= option, else the first type
// whose probe() accepts it.
#ifndef AIRSIGHT_CORE_DATASOURCES_DATASOURCE_TYPES_H
#define AIRSIGHT_CORE_DATASOURCES_DATASOURCE_TYPES_H

#include <airsight/datasource.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace airsight::core {

class DatasourceTypes {
public:
    /// Throws std::invalid_argument when a type of that name exists.
    void add(std::unique_ptr<DatasourceType> type, std::string owner = "core");
    void remove_owner(std::string_view owner);

    /// The type for a definition; throws std::invalid_argument with the reason
    /// (unknown type= name, or no type accepts the interface).
    std::shared_ptr<DatasourceType> choose(const SourceDefinition& definition) const;
    std::shared_ptr<DatasourceType> find(std::string_view name) const;
    std::vector<std::shared_ptr<DatasourceType>> all() const;

private:
    struct Entry {
        std::shared_ptr<DatasourceType> type;
        std::string owner;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> types_;
};

} // namespace airsight::core

#endif
