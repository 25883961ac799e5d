// Kismet's field simplification plus regex filter, as REST commands carry
// them: {"fields": [...], "regex": [...]}. Shared by the dispatcher (for
// routes with Route::field_query) and the device lists.
#ifndef AIRSIGHT_CORE_QUERY_FIELD_QUERY_H
#define AIRSIGHT_CORE_QUERY_FIELD_QUERY_H

#include "query/field_spec.h"
#include "query/regex_filter.h"
#include "query/wanted_field.h"

#include <airsight/http.h>
#include <airsight/value.h>
#include <airsight/writer.h>

#include <vector>

namespace airsight::core {

struct FieldQuery {
    FieldSpec spec;
    RegexFilter filter;
    bool empty() const { return spec.empty() && filter.empty(); }
    /// The fields the spec and filter read, two levels deep (for sparse
    /// records); empty when the spec is empty (the whole record is wanted).
    std::vector<WantedField> wanted_fields() const;
    /// True when `record` passes the filter (or there is none).
    bool accepts(const Value& record) const { return filter.empty() || filter.matches(record); }
    /// Writes one record through the spec.
    void write(Writer& w, const Value& record) const;
};

/// Parses the command's `fields` and `regex` keys; throws HttpError 400 naming
/// the bad entry.
FieldQuery parse_field_query(const Request& request, const FieldRegistry& registry);

/// Writes `tree` through the query: a list keeps the elements the filter
/// accepts, each projected; an object is projected.
void write_queried(Writer& w, const Value& tree, const FieldQuery& q);

} // namespace airsight::core

#endif
