// Field specifications: the `fields` key of Kismet requests, which limits
// the members returned per record ("kismet.device.base.signal/
// kismet.common.signal.last_signal_dbm", ["path", "alias"], ...).
//
// A spec is parsed and checked against the field registry once per request,
// then applied to every record with write_projected().
#ifndef AIRSIGHT_CORE_QUERY_FIELD_SPEC_H
#define AIRSIGHT_CORE_QUERY_FIELD_SPEC_H

#include <airsight/field.h>
#include <airsight/value.h>
#include <airsight/writer.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace airsight::core {

/// A malformed field spec or regex filter; what() names the entry and the
/// problem ("field spec entry 2: unknown field 'x'"). Answer it with 400.
class QueryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A value's kind for error messages: "a string", "an array", "a number"
/// (for every numeric kind), "an object", "null", "a boolean".
std::string describe_kind(const Value& v);

/// One component of a path.
struct PathStep {
    std::string name;   // as written
    const Field* field; // the registered field of that name, or nullptr
    bool data_key;      // follows a keyed-by-data field: a map key or array index
};

/// A parsed path: field names joined by '/', with map keys / array indexes
/// after keyed-by-data fields. Never empty.
struct FieldPath {
    std::vector<PathStep> steps;

    /// The last component's Field, or nullptr when it is a data key.
    const Field* leaf_field() const;
    /// The last component as written.
    const std::string& leaf_name() const;
};

/// Parses "a/b/c". Every component must be a registered field name, except
/// one right after a field whose type is keyed by data (not validated).
/// Throws QueryError: "empty path", "empty component in path 'a//b'",
/// "unknown field 'x'".
FieldPath parse_field_path(std::string_view path, const FieldRegistry& registry);

/// The value at `path` in `record`, or nullptr when it is missing. Walks
/// Object members by Field, Map entries by key, Array elements by decimal index.
const Value* resolve_path(const Value& record, const FieldPath& path);

/// One requested member: where to read it and the name to write it under.
struct FieldSpecEntry {
    FieldPath path;
    std::string name;   // the alias, or else the path's last component
    const Field* field; // passed to Writer::key (the path's leaf field, also for aliases)
};

/// A parsed field spec; an empty spec means "the whole record".
class FieldSpec {
public:
    bool empty() const { return entries_.empty(); }
    /// The entries in spec order; a name that repeats is kept once (first wins).
    const std::vector<FieldSpecEntry>& entries() const { return entries_; }
    /// Appends an entry unless its name is already taken; returns whether it was added.
    bool add(FieldSpecEntry entry);

private:
    std::vector<FieldSpecEntry> entries_;
    std::unordered_set<std::string> names_; // keeps add() linear for huge specs
};

/// Parses the JSON array of a request's `fields` key: each entry a path
/// string or a [path, alias] pair of strings. Throws QueryError naming the
/// entry: "field spec entry 0: expected a string or [path, alias], got a number".
FieldSpec parse_field_spec(const Value& spec, const FieldRegistry& registry);

/// Writes `record` limited to `spec`: an object with one member per entry, in
/// order; a path missing on the record is written as 0 (as Kismet does). An
/// empty spec writes the whole record.
void write_projected(Writer& w, const Value& record, const FieldSpec& spec);

} // namespace airsight::core

#endif
