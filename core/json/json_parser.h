// Strict RFC 8259 JSON parsing into airsight::Value trees.
//
// Request bodies (`json=` commands, field specs, regex filters) arrive as JSON
// text from untrusted clients, so the parser rejects anything that is not
// exactly one valid JSON document and never recurses without bound.
#ifndef AIRSIGHT_CORE_JSON_JSON_PARSER_H
#define AIRSIGHT_CORE_JSON_JSON_PARSER_H

#include <airsight/value.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace airsight::core {

/// Deepest nesting of arrays/objects parse_json accepts.
inline constexpr int kMaxJsonDepth = 128;

/// Why a text is not JSON: "malformed JSON at offset 17: expected ',' or '}'".
/// Derives from std::runtime_error so callers may answer 400 with what().
class JsonParseError : public std::runtime_error {
public:
    JsonParseError(std::size_t offset, std::string_view problem);
    /// Byte offset into the text where the problem was found.
    std::size_t offset() const { return offset_; }

private:
    std::size_t offset_;
};

/// Parses one JSON document. Objects become Value::map() (duplicate key: last
/// wins), arrays Value::array(); integers become Int, or UInt above INT64_MAX,
/// or Double beyond uint64; other numbers Double. Throws JsonParseError.
airsight::Value parse_json(std::string_view text);

/// Length (1-4) of the well-formed UTF-8 character starting at `pos`, or 0
/// when the bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
/// truncated). Shared by the parser and the writers.
std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) noexcept;

} // namespace airsight::core

#endif
