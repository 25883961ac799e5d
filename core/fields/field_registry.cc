#include "fields/field_registry.h"

namespace airsight::core {

bool is_valid_field_name(std::string_view name)
{
    if (name.empty() || name.size() > 256) return false;
    for (unsigned char c : name)
        if (c <= ' ' || c == '/' || c == '"' || c == '\\' || c == 0x7f) return false;
    return true;
}

const Field& FieldRegistryImpl::add(std::string_view name, FieldType type, std::string_view description)
{
    if (!is_valid_field_name(name))
        throw FieldError("invalid field name '" + std::string(name) +
                         "': names are 1-256 printable characters without spaces, '/', '\"' or '\\'");
    std::lock_guard lock(mutex_);
    if (auto it = by_name_.find(name); it != by_name_.end()) {
        const Field& existing = *it->second;
        if (existing.type != type)
            throw FieldError("field '" + std::string(name) + "' is already registered as " +
                             std::string(field_type_name(existing.type)) + ", not " +
                             std::string(field_type_name(type)));
        return existing;
    }
    fields_.push_back(Field{static_cast<std::uint32_t>(fields_.size() + 1), std::string(name), type,
                            std::string(description)});
    const Field& added = fields_.back();
    by_name_.emplace(added.name, &added);
    return added;
}

const Field* FieldRegistryImpl::find(std::string_view name) const
{
    std::lock_guard lock(mutex_);
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

std::vector<const Field*> FieldRegistryImpl::all() const
{
    std::lock_guard lock(mutex_);
    std::vector<const Field*> out;
    out.reserve(fields_.size());
    for (const Field& f : fields_) out.push_back(&f);
    return out;
}

std::size_t FieldRegistryImpl::size() const
{
    std::lock_guard lock(mutex_);
    return fields_.size();
}

} // namespace airsight::core
