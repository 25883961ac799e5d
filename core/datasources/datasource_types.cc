#include "datasources/datasource_types.h"

#include <stdexcept>

namespace airsight::core {

void DatasourceTypes::add(std::unique_ptr<DatasourceType> type, std::string owner)
{
    if (!type) throw std::invalid_argument("datasource type is null");
    std::lock_guard lock(mutex_);
    for (const Entry& e : types_)
        if (e.type->name() == type->name())
            throw std::invalid_argument("datasource type '" + type->name() + "' is already registered by " + e.owner);
    types_.push_back(Entry{std::shared_ptr<DatasourceType>(std::move(type)), std::move(owner)});
}

void DatasourceTypes::remove_owner(std::string_view owner)
{
    std::lock_guard lock(mutex_);
    std::erase_if(types_, [&](const Entry& e) { return e.owner == owner; });
}

std::shared_ptr<DatasourceType> DatasourceTypes::find(std::string_view name) const
{
    std::lock_guard lock(mutex_);
    for (const Entry& e : types_)
        if (e.type->name() == name) return e.type;
    return nullptr;
}

std::shared_ptr<DatasourceType> DatasourceTypes::choose(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) {
        if (auto found = find(*type)) return found;
        std::string known;
        for (const auto& t : all()) known += (known.empty() ? "" : ", ") + t->name();
        throw std::invalid_argument("no datasource type '" + *type + "' (known: " + (known.empty() ? "none" : known) +
                                    ")");
    }
    for (const auto& t : all())
        if (t->capabilities().probe && t->probe(definition)) return t;
    throw std::invalid_argument("no datasource type accepts '" + definition.interface +
                                "': name one with type=... (see /datasource/types.json)");
}

std::vector<std::shared_ptr<DatasourceType>> DatasourceTypes::all() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<DatasourceType>> out;
    for (const Entry& e : types_) out.push_back(e.type);
    return out;
}

} // namespace airsight::core
