// Small text helpers the tests that read tshark's field output share.
#ifndef AIRSIGHT_TESTS_INTEGRATION_TEXT_FIELDS_H
#define AIRSIGHT_TESTS_INTEGRATION_TEXT_FIELDS_H

#include <cctype>
#include <string>
#include <vector>

namespace airsight::test {

/// `s` cut at every `sep`; an empty string gives one empty field.
inline std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = s.find(sep, start)) != std::string::npos; start = end + 1)
        out.emplace_back(s, start, end - start);
    out.emplace_back(s, start);
    return out;
}

/// ASCII upper case (tshark prints MACs in lower case, airsight in upper).
inline std::string upper(std::string s)
{
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

/// Non-empty, printable ASCII without a backslash: text tshark and airsight
/// print alike (tshark escapes the rest its own way).
inline bool printable_ascii(const std::string& s)
{
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7E || c == '\\') return false;
    return !s.empty();
}

} // namespace airsight::test

#endif
