#define PCRE2_CODE_UNIT_WIDTH 8
#include "query/regex_filter.h"

#include <pcre2.h>

#include <charconv>
#include <new>

namespace airsight::core {

namespace {

// One match-data block per thread: pcre2_match writes into it, so sharing it
// between threads would race. One ovector pair is enough to learn "matched".
pcre2_match_data* thread_match_data()
{
    struct Holder {
        pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
        ~Holder() { pcre2_match_data_free(data); }
    };
    thread_local Holder holder;
    if (!holder.data) throw std::bad_alloc();
    return holder.data;
}

bool match_string(const pcre2_code* code, const std::string& subject)
{
    const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                               thread_match_data(), nullptr);
    return rc >= 0; // 0: matched, ovector too small; < 0: no match or a limit hit
}

// Walks `path` from step i, expanding Arrays and Maps, and tries `code` on
// every string it ends at.
bool any_match(const Value& v, const FieldPath& path, std::size_t i, const pcre2_code* code)
{
    const bool at_end = i == path.steps.size();
    switch (v.kind()) {
    case Value::Kind::String: return at_end && match_string(code, v.as_string());
    case Value::Kind::Array: {
        if (!at_end && path.steps[i].data_key) { // an explicit index selects one element
            const std::string& name = path.steps[i].name;
            std::size_t index = 0;
            const auto res = std::from_chars(name.data(), name.data() + name.size(), index);
            if (res.ec == std::errc() && res.ptr == name.data() + name.size())
                return index < v.size() && any_match(v.at(index), path, i + 1, code);
        }
        for (std::size_t k = 0; k < v.size(); ++k)
            if (any_match(v.at(k), path, i, code)) return true;
        return false;
    }
    case Value::Kind::Map:
        if (!at_end)
            if (const Value* child = v.find(std::string_view(path.steps[i].name)))
                return any_match(*child, path, i + 1, code);
        for (const auto& e : v.entries())
            if (any_match(*e.value(), path, i, code)) return true;
        return false;
    case Value::Kind::Object:
        if (!at_end && path.steps[i].field)
            if (const Value* child = v.find(*path.steps[i].field)) return any_match(*child, path, i + 1, code);
        return false;
    default: return false;
    }
}

std::string entry_prefix(std::size_t index) { return "regex entry " + std::to_string(index) + ": "; }

} // namespace

void RegexFilter::CodeFree::operator()(pcre2_real_code_8* code) const noexcept { pcre2_code_free(code); }

void RegexFilter::add(FieldPath path, std::string_view pattern)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
    if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw QueryError("pattern '" + std::string(pattern) + "' does not compile at offset " +
                         std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
    }
    std::unique_ptr<pcre2_real_code_8, CodeFree> owned(code);
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // optional speed-up; the interpreter works without it
    terms_.push_back(Term{std::move(path), std::string(pattern), std::move(owned)});
}

bool RegexFilter::matches(const Value& record) const
{
    for (const Term& t : terms_)
        if (any_match(record, t.path, 0, t.code.get())) return true;
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
