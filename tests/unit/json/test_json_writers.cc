// The JSON writers: exact expected output for .json, .ekjson/.itjson and
// .prettyjson, number and string formatting, and misuse detection.
#include "fields/field_registry.h"
#include "json/json_parser.h"
#include "json/json_writers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

using namespace airsight;
using namespace airsight::core;

namespace {

template <typename W> std::string write_with(const Value& v)
{
    std::string out;
    W w(out);
    w.value(v);
    return out;
}

std::string ek(const Value& v) { return write_with<EkJsonWriter>(v); }
std::string pretty(const Value& v) { return write_with<PrettyJsonWriter>(v); }

std::string number(double d)
{
    std::string out;
    append_json_number(out, d);
    return out;
}

std::string quoted(std::string_view s)
{
    std::string out;
    append_json_string(out, s);
    return out;
}

// A small device-like registry for the writers that print field names.
struct Fields {
    FieldRegistryImpl reg;
    const Field& percentage = reg("kismet.system.battery.percentage", FieldType::Int32, "remaining battery percentage");
    const Field& charging = reg("kismet.system.battery.charging", FieldType::String, "battery charging state");
    const Field& signal = reg("kismet.device.base.signal", FieldType::Object, "signal data");
    const Field& last = reg("kismet.common.signal.last_signal", FieldType::Int32, "last signal");
    const Field& tags = reg("kismet.device.base.tags", FieldType::StringMap, "set of arbitrary tags");
    const Field& seenby = reg("kismet.device.base.seenby", FieldType::Vector, "sources that have seen this device");
};

Value record(const Fields& f, int pct)
{
    Value r = Value::object();
    r.set(f.percentage, pct);
    r.set(f.charging, "discharging");
    Value sig = Value::object();
    sig.set(f.last, -40);
    r.set(f.signal, std::move(sig));
    Value tags = Value::map();
    tags.put("note", "hi");
    r.set(f.tags, std::move(tags));
    r.set(f.seenby, Value::array());
    return r;
}

} // namespace

TEST_CASE("compact JSON: nested containers, commas, one line")
{
    Value v = parse_json(R"({"a": [1, [2, 3], {}, []], "b": {"c": null, "d": [{"e": false}]}, "f": true})");
    CHECK(to_json(v) == R"({"a":[1,[2,3],{},[]],"b":{"c":null,"d":[{"e":false}]},"f":true})");
    CHECK(to_json(Value::array()) == "[]");
    CHECK(to_json(Value::map()) == "{}");
    CHECK(to_json(Value("x")) == "\"x\"");
    CHECK(to_json(Value()) == "null");
}

TEST_CASE("compact JSON: objects print their field names")
{
    Fields f;
    CHECK(to_json(record(f, 96)) ==
          R"({"kismet.system.battery.percentage":96,"kismet.system.battery.charging":"discharging",)"
          R"("kismet.device.base.signal":{"kismet.common.signal.last_signal":-40},)"
          R"("kismet.device.base.tags":{"note":"hi"},"kismet.device.base.seenby":[]})");
}

TEST_CASE("doubles: integral without fraction, shortest round trip, NaN/Inf as null")
{
    CHECK(number(20.0) == "20");
    CHECK(number(20.5) == "20.5");
    CHECK(number(-3.0) == "-3");
    CHECK(number(0.1) == "0.1");
    CHECK(number(1e300) == "1e+300");
    CHECK(number(2412000.0) == "2412000");
    CHECK(number(1.0 / 3) == "0.3333333333333333");
    CHECK(number(std::nan("")) == "null");
    CHECK(number(std::numeric_limits<double>::infinity()) == "null");
    CHECK(number(-std::numeric_limits<double>::infinity()) == "null");
    Value arr = Value::array();
    arr.push(20.0);
    arr.push(std::nan(""));
    arr.push(20.5);
    CHECK(to_json(arr) == "[20,null,20.5]");
}

TEST_CASE("negative zero is written 0, so a parsed underflow writes the same twice (found by fuzz-json)")
{
    CHECK(number(-0.0) == "0");
    const std::string once = to_json(parse_json("-1e-922337205385467"));
    CHECK(once == "0");
    CHECK(to_json(parse_json(once)) == once);
}

TEST_CASE("integers at their limits")
{
    Value arr = Value::array();
    arr.push(std::numeric_limits<std::int64_t>::min());
    arr.push(std::numeric_limits<std::uint64_t>::max());
    arr.push(0);
    CHECK(to_json(arr) == "[-9223372036854775808,18446744073709551615,0]");
}

TEST_CASE("string escaping")
{
    CHECK(quoted("plain") == "\"plain\"");
    CHECK(quoted("a\"b\\c/") == R"("a\"b\\c/")");
    CHECK(quoted("\b\f\n\r\t") == R"("\b\f\n\r\t")");
    CHECK(quoted(std::string_view("\x01\x1f\0", 3)) == R"("\u0001\u001f\u0000")");
    CHECK(quoted("\x7f") == "\"\x7f\"");
    CHECK(quoted("caf\xc3\xa9 \xf0\x9f\x98\x80") == "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
}

TEST_CASE("invalid UTF-8: each bad byte becomes \\ufffd")
{
    CHECK(quoted("a\xff" "b") == R"("a\ufffdb")");
    CHECK(quoted("\xe2\x82") == R"("\ufffd\ufffd")");                 // truncated sequence
    CHECK(quoted("\xc0\xaf") == R"("\ufffd\ufffd")");                 // overlong
    CHECK(quoted("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");       // encoded surrogate
    CHECK(quoted("\xb2\xe2\x82\xac") == "\"\\ufffd\xe2\x82\xac\"");   // good char after a bad byte
    // whatever the bytes, the output parses back
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    CHECK_NOTHROW(parse_json(quoted(all)));
}

TEST_CASE("round trip through the parser")
{
    const char* text = R"({"a":[1,-2,3.25,"x\n\u0001"],"b":{"c":null,"d":true},"e":18446744073709551615})";
    CHECK(to_json(parse_json(text)) == text);
}

TEST_CASE("ekjson: a top-level list is one compact element per line")
{
    Value list = parse_json(R"([{"a": 1, "b": [1, 2]}, {"c": {"d": [3, {}]}}, 5, "x", []])");
    CHECK(ek(list) == "{\"a\":1,\"b\":[1,2]}\n{\"c\":{\"d\":[3,{}]}}\n5\n\"x\"\n[]\n");
}

TEST_CASE("ekjson: an empty list writes nothing, not a blank line")
{
    CHECK(ek(Value::array()).empty());
}

TEST_CASE("ekjson: a non-list is one line with its newline; names unchanged")
{
    Fields f;
    Value sig = Value::object();
    sig.set(f.last, -40);
    CHECK(ek(sig) == "{\"kismet.common.signal.last_signal\":-40}\n");
    CHECK(ek(Value(7)) == "7\n");
}

TEST_CASE("ekjson: streaming elements one by one")
{
    std::string out;
    EkJsonWriter w(out);
    w.begin_array();
    for (int i = 0; i < 3; ++i) {
        w.begin_object();
        w.key("n", nullptr);
        w.integer(i);
        w.key("l", nullptr);
        w.begin_array();
        w.integer(i);
        w.integer(i);
        w.end_array();
        w.end_object();
    }
    w.end_array();
    CHECK(out == "{\"n\":0,\"l\":[0,0]}\n{\"n\":1,\"l\":[1,1]}\n{\"n\":2,\"l\":[2,2]}\n");
    CHECK(w.complete());
}

TEST_CASE("prettyjson: indented, with a description before each field")
{
    Fields f;
    const char* expected = R"({
    "description.kismet.system.battery.percentage": "int32_t, remaining battery percentage",
    "kismet.system.battery.percentage": 96,
    "description.kismet.system.battery.charging": "string, battery charging state",
    "kismet.system.battery.charging": "discharging",
    "description.kismet.device.base.signal": "map[field, x], signal data",
    "kismet.device.base.signal": {
        "description.kismet.common.signal.last_signal": "int32_t, last signal",
        "kismet.common.signal.last_signal": -40
    },
    "description.kismet.device.base.tags": "map[string, x], set of arbitrary tags",
    "kismet.device.base.tags": {
        "note": "hi"
    },
    "description.kismet.device.base.seenby": "vector[x], sources that have seen this device",
    "kismet.device.base.seenby": []
}
)";
    CHECK(pretty(record(f, 96)) == expected);
}

TEST_CASE("prettyjson: lists, empty containers and scalars")
{
    CHECK(pretty(parse_json(R"([1, [], {}, [2, {"a": null}]])")) == R"([
    1,
    [],
    {},
    [
        2,
        {
            "a": null
        }
    ]
]
)");
    CHECK(pretty(Value("x")) == "\"x\"\n");
}

TEST_CASE("make_writer picks the writer by format")
{
    Value v = parse_json(R"([{"a": 1}])");
    auto written = [&](Format fmt) {
        std::string out;
        make_writer(fmt, out)->value(v);
        return out;
    };
    CHECK(written(JSON) == R"([{"a":1}])");
    CHECK(written(CMD) == R"([{"a":1}])");
    CHECK(written(EKJSON) == "{\"a\":1}\n");
    CHECK(written(ITJSON) == "{\"a\":1}\n");
    CHECK(written(PRETTYJSON) == "[\n    {\n        \"a\": 1\n    }\n]\n");
    std::string out;
    CHECK_THROWS_AS(make_writer(HTML, out), std::invalid_argument);
    CHECK_THROWS_AS(make_writer(static_cast<Format>(JSON | EKJSON), out), std::invalid_argument);
}

TEST_CASE("misuse throws and leaves the output as it was")
{
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    CHECK_THROWS_WITH_AS(w.integer(1), "JSON writer misuse: a value inside an object needs a key first",
                         std::logic_error);
    CHECK_THROWS_AS(w.end_array(), std::logic_error);
    w.key("a", nullptr);
    CHECK_THROWS_AS(w.key("b", nullptr), std::logic_error);
    CHECK_THROWS_AS(w.end_object(), std::logic_error);
    w.begin_array();
    CHECK_THROWS_WITH_AS(w.key("c", nullptr), "JSON writer misuse: key() outside an object", std::logic_error);
    CHECK_THROWS_AS(w.end_object(), std::logic_error);
    w.integer(1);
    w.end_array();
    CHECK_FALSE(w.complete());
    w.end_object();
    CHECK(w.complete());
    CHECK(out == R"({"a":[1]})");
    CHECK_THROWS_WITH_AS(w.integer(2), "JSON writer misuse: a second top-level value", std::logic_error);
    CHECK_THROWS_AS(w.end_object(), std::logic_error);
    CHECK_THROWS_AS(w.key("d", nullptr), std::logic_error);
    CHECK(out == R"({"a":[1]})");
}

TEST_CASE("misuse in prettyjson writes no stray description")
{
    Fields f;
    std::string out;
    PrettyJsonWriter w(out);
    w.begin_array();
    CHECK_THROWS_AS(w.key("x", &f.last), std::logic_error);
    w.end_array();
    CHECK(out == "[]\n");
}
