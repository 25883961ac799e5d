#include "query/regex_filter.h"

#include <charconv>
#include <stdexcept>

namespace airsight::core {

namespace {

// Walks `path` from step i, expanding Arrays and Maps, and tries `regex` on
// every string it ends at.
bool any_match(const Value& v, const FieldPath& path, std::size_t i, const PcrePattern& regex)
{
    const bool at_end = i == path.steps.size();
    switch (v.kind()) {
    case Value::Kind::String: return at_end && regex.found_in(v.as_string());
    case Value::Kind::Array: {
        if (!at_end && path.steps[i].data_key) { // an explicit index selects one element
            const std::string& name = path.steps[i].name;
            std::size_t index = 0;
            const auto res = std::from_chars(name.data(), name.data() + name.size(), index);
            if (res.ec == std::errc() && res.ptr == name.data() + name.size())
                return index < v.size() && any_match(v.at(index), path, i + 1, regex);
        }
        for (std::size_t k = 0; k < v.size(); ++k)
            if (any_match(v.at(k), path, i, regex)) return true;
        return false;
    }
    case Value::Kind::Map:
        if (!at_end)
            if (const Value* child = v.find(std::string_view(path.steps[i].name)))
                return any_match(*child, path, i + 1, regex);
        for (const auto& e : v.entries())
            if (any_match(*e.value(), path, i, regex)) return true;
        return false;
    case Value::Kind::Object:
        if (!at_end && path.steps[i].field)
            if (const Value* child = v.find(*path.steps[i].field)) return any_match(*child, path, i + 1, regex);
        return false;
    default: return false;
    }
}

std::string entry_prefix(std::size_t index) { return "regex entry " + std::to_string(index) + ": "; }

} // namespace

void RegexFilter::add(FieldPath path, std::string_view pattern)
{
    try {
        terms_.push_back(Term{std::move(path), std::string(pattern), PcrePattern(pattern, PcrePattern::Encoding::utf8)});
    } catch (const std::invalid_argument& e) {
        throw QueryError("pattern '" + std::string(pattern) + "' " + e.what());
    }
}

bool RegexFilter::matches(const Value& record) const
{
    for (const Term& t : terms_)
        if (any_match(record, t.path, 0, t.regex)) return true;
    return false;
}

RegexFilter parse_regex_filter(const Value& spec, const FieldRegistry& registry)
{
    if (spec.kind() != Value::Kind::Array) throw QueryError("regex: expected an array, got " + describe_kind(spec));
    RegexFilter out;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        const Value& item = spec.at(i);
        if (item.kind() != Value::Kind::Array)
            throw QueryError(entry_prefix(i) + "expected [field, regex], got " + describe_kind(item));
        if (item.size() != 2)
            throw QueryError(entry_prefix(i) + "expected [field, regex], got an array of " +
                             std::to_string(item.size()) + (item.size() == 1 ? " element" : " elements"));
        if (item.at(0).kind() != Value::Kind::String)
            throw QueryError(entry_prefix(i) + "field must be a string, got " + describe_kind(item.at(0)));
        if (item.at(1).kind() != Value::Kind::String)
            throw QueryError(entry_prefix(i) + "regex must be a string, got " + describe_kind(item.at(1)));
        try {
            out.add(parse_field_path(item.at(0).as_string(), registry), item.at(1).as_string());
        } catch (const QueryError& e) {
            throw QueryError(entry_prefix(i) + e.what());
        }
    }
    return out;
}

std::vector<FieldPath> RegexFilter::paths() const
{
    std::vector<FieldPath> out;
    for (const Term& t : terms_) out.push_back(t.path);
    return out;
}

} // namespace airsight::core
