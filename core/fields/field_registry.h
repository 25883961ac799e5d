// The server's registry of tracked fields (implements airsight::FieldRegistry).
#ifndef AIRSIGHT_CORE_FIELDS_FIELD_REGISTRY_H
#define AIRSIGHT_CORE_FIELDS_FIELD_REGISTRY_H

#include <airsight/field.h>

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace airsight::core {

class FieldRegistryImpl : public FieldRegistry {
public:
    const Field& add(std::string_view name, FieldType type, std::string_view description) override;
    const Field* find(std::string_view name) const override;
    std::vector<const Field*> all() const override;
    std::size_t size() const;

    /// Registers a field or throws; a shorthand for the core's own tables.
    const Field& operator()(std::string_view name, FieldType type, std::string_view description)
    {
        return add(name, type, description);
    }

private:
    mutable std::mutex mutex_;
    std::deque<Field> fields_; // deque: pointers stay valid as it grows
    std::unordered_map<std::string_view, const Field*> by_name_; // views into fields_
};

/// True when `name` is a usable field name: non-empty, no '/', no spaces or
/// control characters (a '/' would make it unreachable in field specs).
bool is_valid_field_name(std::string_view name);

} // namespace airsight::core

#endif
