#include "query/field_spec.h"

#include <charconv>

namespace airsight::core {

// "a number" for every numeric kind: clients do not care how we store it.
std::string describe_kind(const Value& v)
{
    if (v.is_number()) return "a number";
    return std::string(Value::kind_name(v.kind()));
}

namespace {

std::string entry_prefix(std::size_t index) { return "field spec entry " + std::to_string(index) + ": "; }

std::string element_count(std::size_t n) { return std::to_string(n) + (n == 1 ? " element" : " elements"); }

} // namespace

const Field* FieldPath::leaf_field() const
{
    const PathStep& last = steps.back();
    return last.data_key ? nullptr : last.field;
}

const std::string& FieldPath::leaf_name() const { return steps.back().name; }

FieldPath parse_field_path(std::string_view path, const FieldRegistry& registry)
{
    if (path.empty()) throw QueryError("empty path");
    FieldPath out;
    bool next_is_key = false;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view name = path.substr(start, slash == std::string_view::npos ? slash : slash - start);
        if (name.empty()) throw QueryError("empty component in path '" + std::string(path) + "'");
        const Field* field = registry.find(name);
        if (!field && !next_is_key) throw QueryError("unknown field '" + std::string(name) + "'");
        out.steps.push_back(PathStep{std::string(name), field, next_is_key});
        // Only a real field step decides what follows; after a data key the
        // element's type is unknown, so the next component must be a field.
        next_is_key = !next_is_key && field_type_is_keyed_by_data(field->type);
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

const Value* resolve_path(const Value& record, const FieldPath& path)
{
    const Value* cur = &record;
    for (const PathStep& step : path.steps) {
        switch (cur->kind()) {
        case Value::Kind::Object: cur = step.field ? cur->find(*step.field) : nullptr; break;
        case Value::Kind::Map: cur = cur->find(std::string_view(step.name)); break;
        case Value::Kind::Array: {
            std::size_t index = 0;
            const char* first = step.name.data();
            const char* last = first + step.name.size();
            const auto res = std::from_chars(first, last, index);
            cur = (res.ec == std::errc() && res.ptr == last && index < cur->size()) ? &cur->at(index) : nullptr;
            break;
        }
        default: cur = nullptr;
        }
        if (!cur) return nullptr;
    }
    return cur;
}

bool FieldSpec::add(FieldSpecEntry entry)
{
    if (!names_.insert(entry.name).second) return false;
    entries_.push_back(std::move(entry));
    return true;
}

FieldSpec parse_field_spec(const Value& spec, const FieldRegistry& registry)
{
    if (spec.kind() != Value::Kind::Array)
        throw QueryError("field spec: expected an array, got " + describe_kind(spec));
    FieldSpec out;
    for (std::size_t i = 0; i < spec.size(); ++i) {
        const Value& item = spec.at(i);
        std::string path_text;
        std::string alias;
        if (item.kind() == Value::Kind::String) {
            path_text = item.as_string();
        } else if (item.kind() == Value::Kind::Array) {
            if (item.size() != 2)
                throw QueryError(entry_prefix(i) + "expected [path, alias], got an array of " +
                                 element_count(item.size()));
            if (item.at(0).kind() != Value::Kind::String)
                throw QueryError(entry_prefix(i) + "path must be a string, got " + describe_kind(item.at(0)));
            if (item.at(1).kind() != Value::Kind::String)
                throw QueryError(entry_prefix(i) + "alias must be a string, got " + describe_kind(item.at(1)));
            path_text = item.at(0).as_string();
            alias = item.at(1).as_string();
            if (alias.empty()) throw QueryError(entry_prefix(i) + "empty alias");
        } else {
            throw QueryError(entry_prefix(i) + "expected a string or [path, alias], got " + describe_kind(item));
        }
        FieldPath path;
        try {
            path = parse_field_path(path_text, registry);
        } catch (const QueryError& e) {
            throw QueryError(entry_prefix(i) + e.what());
        }
        std::string name = alias.empty() ? path.leaf_name() : alias;
        const Field* field = path.leaf_field();
        out.add(FieldSpecEntry{std::move(path), std::move(name), field});
    }
    return out;
}

void write_projected(Writer& w, const Value& record, const FieldSpec& spec)
{
    if (spec.empty()) {
        w.value(record);
        return;
    }
    w.begin_object();
    for (const FieldSpecEntry& e : spec.entries()) {
        w.key(e.name, e.field);
        if (const Value* v = resolve_path(record, e.path))
            w.value(*v);
        else
            w.integer(0); // what Kismet writes for a path the record lacks
    }
    w.end_object();
}

} // namespace airsight::core
