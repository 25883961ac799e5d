#include <airsight/printable.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace airsight;

namespace {

std::string printable(std::vector<std::uint8_t> bytes) { return printable_text(bytes); }

} // namespace

TEST_CASE("printable text: ASCII and well-formed UTF-8 stay as sent")
{
    CHECK(printable({}).empty());
    CHECK(printable({'T', 'h', 'e', 'r', 'm', 'o', ' ', '~'}) == "Thermo ~");
    CHECK(printable({0xC3, 0xA9}) == "\xC3\xA9");                     // é, two bytes
    CHECK(printable({0xE2, 0x82, 0xAC}) == "\xE2\x82\xAC");           // €, three
    CHECK(printable({0xF0, 0x9F, 0x93, 0xB6}) == "\xF0\x9F\x93\xB6"); // a phone emoji, four
}

TEST_CASE("printable text: control bytes and what is no UTF-8 become \\xNN")
{
    CHECK(printable({0x00}) == "\\x00");
    CHECK(printable({'a', 0x1F, 'b', 0x7F}) == "a\\x1Fb\\x7F");
    CHECK(printable({0xFF, 0xFE}) == "\\xFF\\xFE");
    CHECK(printable({0xC0, 0xAF}) == "\\xC0\\xAF");             // overlong '/'
    CHECK(printable({0xF5, 0x80, 0x80, 0x80}) == "\\xF5\\x80\\x80\\x80"); // past U+10FFFF
    CHECK(printable({'x', 0xE2, 0x82}) == "x\\xE2\\x82");       // cut short at the end
    CHECK(printable({0xE2, 'A', 0xAC}) == "\\xE2A\\xAC");       // a continuation byte missing
    CHECK(printable({0x80}) == "\\x80");                        // a lone continuation byte
    CHECK(printable({0xE0, 0x80, 0xAF}) == "\\xE0\\x80\\xAF");     // overlong, three bytes
    CHECK(printable({0xF0, 0x80, 0x80, 0xAF}) == "\\xF0\\x80\\x80\\xAF"); // overlong, four
    CHECK(printable({0xED, 0xA0, 0x80}) == "\\xED\\xA0\\x80");     // the surrogate U+D800
    CHECK(printable({0xF4, 0x90, 0x80, 0x80}) == "\\xF4\\x90\\x80\\x80"); // U+110000
    CHECK(printable({0xED, 0x9F, 0xBF}) == "\xED\x9F\xBF");   // U+D7FF, just below: kept
    CHECK(printable({0xF4, 0x8F, 0xBF, 0xBF}) == "\xF4\x8F\xBF\xBF"); // U+10FFFF: kept
}

TEST_CASE("printable text: append_printable adds to what the string holds")
{
    std::string out = "name: ";
    const std::vector<std::uint8_t> bytes{'h', 'i', 0x01};
    append_printable(out, bytes);
    CHECK(out == "name: hi\\x01");
    CHECK(utf8_length_at(bytes, 0) == 1);
}
