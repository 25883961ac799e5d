// Regex filters: the `regex` key of Kismet requests,
// [[multifield, regex], ...]. A record matches when ANY term matches.
//
// Patterns are compiled once per request with PCRE2 (UTF, JIT when the
// library has it; the SDK's PcrePattern) and then tried against every record,
// possibly from several threads at once.
#ifndef AIRSIGHT_CORE_QUERY_REGEX_FILTER_H
#define AIRSIGHT_CORE_QUERY_REGEX_FILTER_H

#include "query/field_spec.h"

#include <airsight/field.h>
#include <airsight/pcre_pattern.h>
#include <airsight/value.h>

#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

/// A list of (multifield path, compiled pattern) terms; copies share the compiled patterns.
class RegexFilter {
public:
    /// True when the filter has no terms. An empty filter matches nothing
    /// (any of no terms), as in Kismet: callers that treat "no regex" as
    /// "everything" must check empty() first.
    bool empty() const { return terms_.empty(); }
    std::size_t size() const { return terms_.size(); }

    /// True when any term's pattern matches a string found along its path.
    /// The path expands over every element of an Array and every value of a
    /// Map met along the way (and at its end); non-strings never match.
    /// Safe to call from several threads at once.
    bool matches(const Value& record) const;

    /// Compiles and appends a term. Throws QueryError "pattern 'x' does not
    /// compile at offset N: <pcre2 message>".
    void add(FieldPath path, std::string_view pattern);
    /// The paths of every term, in order.
    std::vector<FieldPath> paths() const;

private:
    struct Term {
        FieldPath path;
        std::string pattern;
        PcrePattern regex;
    };
    std::vector<Term> terms_;
};

/// Parses [[multifield, regex], ...]. Throws QueryError naming the entry:
/// "regex entry 1: unknown field 'x'", "regex entry 0: expected [field, regex],
/// got a string", "regex entry 1: pattern '(' does not compile at offset 1: ...".
RegexFilter parse_regex_filter(const Value& spec, const FieldRegistry& registry);

} // namespace airsight::core

#endif
