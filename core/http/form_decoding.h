// Decoding of query strings and application/x-www-form-urlencoded bodies.
#ifndef AIRSIGHT_CORE_HTTP_FORM_DECODING_H
#define AIRSIGHT_CORE_HTTP_FORM_DECODING_H

#include <map>
#include <string>
#include <string_view>

namespace airsight::core {

using FormFields = std::map<std::string, std::string, std::less<>>;

/// Percent-decodes `text` ('+' is a space). Throws std::invalid_argument on a
/// malformed escape such as "%G1" or a trailing "%4".
std::string percent_decode(std::string_view text);

/// Parses "a=1&b=two" into fields; a repeated name keeps the last value.
/// Throws std::invalid_argument (with the offending part) on bad escapes.
FormFields parse_form(std::string_view body);

} // namespace airsight::core

#endif
