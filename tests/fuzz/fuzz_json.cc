// libFuzzer target: the JSON parser on any bytes (the POST bodies and `json=`
// form fields of every command). What it accepts must survive a round trip:
// the writer's output parses again to a value that writes out identically.
#include "json/json_parser.h"
#include "json/json_writers.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    airsight::Value value;
    try {
        value = parse_json(text);
    } catch (const JsonParseError& e) {
        if (e.offset() > size) std::abort(); // the offset points into the text
        return 0;
    }
    const std::string once = to_json(value);
    std::string twice;
    try {
        twice = to_json(parse_json(once));
    } catch (const JsonParseError& e) {
        std::fprintf(stderr, "the writer's output does not parse (%s): %s\n", e.what(), once.c_str());
        std::abort();
    }
    if (once != twice) {
        std::fprintf(stderr, "round trip differs:\n%s\n%s\n", once.c_str(), twice.c_str());
        std::abort();
    }
    return 0;
}
