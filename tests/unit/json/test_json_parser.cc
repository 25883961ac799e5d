// parse_json: every value kind, escapes, number ranges, and the exact error
// messages (with offsets) for malformed input.
#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

using airsight::Value;
using airsight::core::JsonParseError;
using airsight::core::parse_json;
using airsight::core::utf8_sequence_length;
using Kind = Value::Kind;

namespace {

// The error message parse_json gives for `text`, or "no error".
std::string error_of(std::string_view text)
{
    try {
        parse_json(text);
    } catch (const JsonParseError& e) {
        return e.what();
    }
    return "no error";
}

std::string nested(int depth, char open, char close)
{
    return std::string(static_cast<std::size_t>(depth), open) + std::string(static_cast<std::size_t>(depth), close);
}

} // namespace

TEST_CASE("literals")
{
    CHECK(parse_json("null").is_null());
    CHECK(parse_json("true").as_bool() == true);
    CHECK(parse_json("false").kind() == Kind::Bool);
    CHECK(parse_json("false").as_bool() == false);
}

TEST_CASE("integers: Int, UInt above INT64_MAX, Double beyond uint64")
{
    CHECK(parse_json("0").kind() == Kind::Int);
    CHECK(parse_json("-12").as_int() == -12);
    Value max = parse_json("9223372036854775807");
    CHECK(max.kind() == Kind::Int);
    CHECK(max.as_int() == std::numeric_limits<std::int64_t>::max());
    Value min = parse_json("-9223372036854775808");
    CHECK(min.kind() == Kind::Int);
    CHECK(min.as_int() == std::numeric_limits<std::int64_t>::min());
    Value above = parse_json("9223372036854775808");
    CHECK(above.kind() == Kind::UInt);
    CHECK(above.as_uint() == 9223372036854775808ull);
    Value umax = parse_json("18446744073709551615");
    CHECK(umax.kind() == Kind::UInt);
    CHECK(umax.as_uint() == std::numeric_limits<std::uint64_t>::max());
    Value beyond = parse_json("18446744073709551616");
    CHECK(beyond.kind() == Kind::Double);
    CHECK(beyond.as_double() == 18446744073709551616.0);
    Value below = parse_json("-9223372036854775809");
    CHECK(below.kind() == Kind::Double);
    CHECK(below.as_double() == -9223372036854775808.0);
}

TEST_CASE("numbers with fraction or exponent are Double")
{
    CHECK(parse_json("1.5").kind() == Kind::Double);
    CHECK(parse_json("1.5").as_double() == 1.5);
    CHECK(parse_json("1e3").kind() == Kind::Double);
    CHECK(parse_json("1e3").as_double() == 1000.0);
    CHECK(parse_json("-2.5E-2").as_double() == -0.025);
    CHECK(parse_json("1E+2").as_double() == 100.0);
    Value negzero = parse_json("-0.0");
    CHECK(negzero.kind() == Kind::Double);
    CHECK(std::signbit(negzero.as_double()));
    CHECK(parse_json("1e-400").as_double() == 0.0); // underflow is zero, not an error
    CHECK(parse_json("0.0000001e-400").as_double() == 0.0);
    CHECK(error_of("1e400") == "malformed JSON at offset 0: number out of range");
    CHECK(error_of("[-1e400]") == "malformed JSON at offset 1: number out of range");
}

TEST_CASE("strings and escapes")
{
    CHECK(parse_json(R"("plain")").as_string() == "plain");
    CHECK(parse_json(R"("\"\\\/\b\f\n\r\t")").as_string() == "\"\\/\b\f\n\r\t");
    CHECK(parse_json(R"("\u0041\u00e9\u20AC")").as_string() == "A\xc3\xa9\xe2\x82\xac");
    CHECK(parse_json(R"("\ud83d\ude00")").as_string() == "\xf0\x9f\x98\x80");
    CHECK(parse_json(R"("\u0000")").as_string() == std::string(1, '\0'));
    CHECK(parse_json("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"").as_string() == "caf\xc3\xa9 \xf0\x9f\x98\x80");
    CHECK(parse_json(R"("")").as_string().empty());
}

TEST_CASE("string errors")
{
    CHECK(error_of(R"("\ud800")") == "malformed JSON at offset 1: lone high surrogate");
    CHECK(error_of(R"("\ud800\u0041")") == "malformed JSON at offset 1: lone high surrogate");
    CHECK(error_of(R"("ab\udc00")") == "malformed JSON at offset 3: lone low surrogate");
    CHECK(error_of(R"("\x")") == "malformed JSON at offset 1: invalid escape '\\x'");
    CHECK(error_of(R"("\u12G4")") == "malformed JSON at offset 5: expected 4 hex digits after \\u");
    CHECK(error_of("\"a\nb\"") == "malformed JSON at offset 2: control character in a string");
    CHECK(error_of("\"a\xff\"") == "malformed JSON at offset 2: invalid UTF-8 in a string");
    CHECK(error_of("\"\xc0\xaf\"") == "malformed JSON at offset 1: invalid UTF-8 in a string"); // overlong '/'
    CHECK(error_of("\"\xed\xa0\x80\"") == "malformed JSON at offset 1: invalid UTF-8 in a string"); // surrogate
    CHECK(error_of("\"abc") == "malformed JSON at offset 4: unexpected end of input in a string");
}

TEST_CASE("arrays and objects")
{
    Value v = parse_json(R"( {"a": 1, "b": [true, null, "x"], "c": {"d": -1.5}, "e": [], "f": {}} )");
    REQUIRE(v.kind() == Kind::Map);
    REQUIRE(v.size() == 5);
    CHECK(v.entries()[0].key == "a");
    CHECK(v.entries()[4].key == "f");
    CHECK(v.find("a")->as_int() == 1);
    const Value& b = *v.find("b");
    REQUIRE(b.kind() == Kind::Array);
    REQUIRE(b.size() == 3);
    CHECK(b.at(0).as_bool());
    CHECK(b.at(1).is_null());
    CHECK(b.at(2).as_string() == "x");
    CHECK(v.find("c")->find("d")->as_double() == -1.5);
    CHECK(v.find("e")->kind() == Kind::Array);
    CHECK(v.find("e")->size() == 0);
    CHECK(v.find("f")->kind() == Kind::Map);
    CHECK(v.find("f")->size() == 0);
}

TEST_CASE("duplicate keys: last wins")
{
    Value v = parse_json(R"({"a": 1, "b": 2, "a": 3})");
    REQUIRE(v.size() == 2);
    CHECK(v.find("a")->as_int() == 3);
}

TEST_CASE("whitespace around and inside is fine")
{
    Value v = parse_json(" \t\r\n[ 1 ,\n2 ] \n");
    CHECK(v.size() == 2);
}

TEST_CASE("syntax errors name the offset and the problem")
{
    CHECK(error_of("") == "malformed JSON at offset 0: empty input");
    CHECK(error_of("  \n") == "malformed JSON at offset 3: no value, only whitespace");
    CHECK(error_of(R"({"a":1 "b":2})") == "malformed JSON at offset 7: expected ',' or '}'");
    CHECK(error_of(R"({"a" 1})") == "malformed JSON at offset 5: expected ':'");
    CHECK(error_of("{1:2}") == "malformed JSON at offset 1: expected a string key");
    CHECK(error_of(R"({"a":1,})") == "malformed JSON at offset 7: expected a string key");
    CHECK(error_of("[1,]") == "malformed JSON at offset 3: expected a value");
    CHECK(error_of("[1 2]") == "malformed JSON at offset 3: expected ',' or ']'");
    CHECK(error_of("[1") == "malformed JSON at offset 2: unexpected end of input, expected ',' or ']'");
    CHECK(error_of(R"({"a":)") == "malformed JSON at offset 5: unexpected end of input, expected a value");
    CHECK(error_of("01") == "malformed JSON at offset 1: leading zero in a number");
    CHECK(error_of("1.") == "malformed JSON at offset 2: unexpected end of input, expected a digit after '.'");
    CHECK(error_of("1.e5") == "malformed JSON at offset 2: expected a digit after '.'");
    CHECK(error_of("1e") == "malformed JSON at offset 2: unexpected end of input, expected a digit in the exponent");
    CHECK(error_of("-x") == "malformed JSON at offset 1: expected a digit");
    CHECK(error_of("+1") == "malformed JSON at offset 0: expected a value");
    CHECK(error_of(".5") == "malformed JSON at offset 0: expected a value");
    CHECK(error_of("tru") == "malformed JSON at offset 0: expected a value");
    CHECK(error_of("NaN") == "malformed JSON at offset 0: expected a value");
    CHECK(error_of("'a'") == "malformed JSON at offset 0: expected a value");
}

TEST_CASE("anything after the value is an error")
{
    CHECK(error_of("1 2") == "malformed JSON at offset 2: unexpected data after the value");
    CHECK(error_of("{} x") == "malformed JSON at offset 3: unexpected data after the value");
    CHECK(error_of("[]]") == "malformed JSON at offset 2: unexpected data after the value");
    CHECK(error_of("truex") == "malformed JSON at offset 4: unexpected data after the value");
    CHECK(error_of(std::string_view("1\0", 2)) == "malformed JSON at offset 1: unexpected data after the value");
}

TEST_CASE("nesting: 128 levels parse, 129 fail, deeper never overflows")
{
    CHECK_NOTHROW(parse_json(nested(128, '[', ']')));
    CHECK(error_of(nested(129, '[', ']')) == "malformed JSON at offset 128: nesting deeper than 128");
    CHECK(error_of(nested(1000000, '[', ']')) == "malformed JSON at offset 128: nesting deeper than 128");

    std::string objects;
    for (int i = 0; i < 128; ++i) objects += R"({"a":)";
    CHECK_NOTHROW(parse_json(objects + "1" + std::string(128, '}')));
    objects += R"({"a":)";
    CHECK(error_of(objects + "1" + std::string(129, '}')) ==
          "malformed JSON at offset 640: nesting deeper than 128");
}

TEST_CASE("JsonParseError is a runtime_error and keeps the offset")
{
    try {
        parse_json("[1,,2]");
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        const auto* pe = dynamic_cast<const JsonParseError*>(&e);
        REQUIRE(pe != nullptr);
        CHECK(pe->offset() == 3);
    }
}

TEST_CASE("utf8_sequence_length")
{
    using namespace std::string_view_literals;
    CHECK(utf8_sequence_length("a"sv, 0) == 1);
    CHECK(utf8_sequence_length("\xc3\xa9"sv, 0) == 2);
    CHECK(utf8_sequence_length("\xe2\x82\xac"sv, 0) == 3);
    CHECK(utf8_sequence_length("\xf0\x9f\x98\x80"sv, 0) == 4);
    CHECK(utf8_sequence_length("\xe2\x82"sv, 0) == 0);     // truncated
    CHECK(utf8_sequence_length("\x80"sv, 0) == 0);         // lone continuation
    CHECK(utf8_sequence_length("\xc1\xbf"sv, 0) == 0);     // overlong
    CHECK(utf8_sequence_length("\xed\xbf\xbf"sv, 0) == 0); // surrogate
    CHECK(utf8_sequence_length("\xf4\x90\x80\x80"sv, 0) == 0); // above U+10FFFF
    CHECK(utf8_sequence_length("\xff"sv, 0) == 0);
}

TEST_CASE("an object with many keys parses in linear time, duplicates last-wins")
{
    std::string text = "{";
    for (int i = 0; i < 200000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
    text += ",\"k7\":\"again\"}";
    const airsight::Value v = airsight::core::parse_json(text);
    CHECK(v.size() == 200000);
    CHECK(v.find("k7")->as_string() == "again");
    CHECK(v.find("k199999")->as_int() == 199999);
}
