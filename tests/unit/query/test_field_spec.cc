// Field specs: the 2018 doc's examples, aliases, data keys, missing paths,
// repeated names, and every error message.
#include "fields/field_registry.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "query/field_spec.h"

#include <doctest/doctest.h>

#include <string>

using namespace airsight;
using namespace airsight::core;

namespace {

// A small registry and device record, shaped like Kismet's.
struct Fixture {
    FieldRegistryImpl reg;
    const Field& channel = reg("kismet.device.base.channel", FieldType::String, "channel (phy specific)");
    const Field& name = reg("kismet.device.base.name", FieldType::String, "printable device name");
    const Field& signal = reg("kismet.device.base.signal", FieldType::Object, "signal data");
    const Field& dbm = reg("kismet.common.signal.last_signal_dbm", FieldType::Int32, "most recent signal (dBm)");
    const Field& tags = reg("kismet.device.base.tags", FieldType::StringMap, "set of arbitrary tags");
    const Field& dot11 = reg("dot11.device", FieldType::Object, "IEEE802.11 device");
    const Field& ssids = reg("dot11.device.advertised_ssid_map", FieldType::Vector, "advertised SSIDs");
    const Field& ssid = reg("dot11.advertisedssid.ssid", FieldType::String, "beaconed ssid string");

    Value device(bool with_signal = true) const
    {
        Value d = Value::object();
        d.set(channel, "6");
        d.set(name, "AP one");
        if (with_signal) {
            Value sig = Value::object();
            sig.set(dbm, -42);
            d.set(signal, std::move(sig));
        }
        Value t = Value::map();
        t.put("note", "hello");
        d.set(tags, std::move(t));
        Value list = Value::array();
        for (const char* s : {"First", "Second"}) {
            Value entry = Value::object();
            entry.set(ssid, s);
            list.push(std::move(entry));
        }
        Value dot = Value::object();
        dot.set(ssids, std::move(list));
        d.set(dot11, std::move(dot));
        return d;
    }

    FieldSpec spec(const char* json) const { return parse_field_spec(parse_json(json), reg); }

    std::string project(const char* spec_json, const Value& record) const
    {
        std::string out;
        JsonWriter w(out);
        write_projected(w, record, spec(spec_json));
        return out;
    }

    std::string error(const char* spec_json) const
    {
        try {
            spec(spec_json);
        } catch (const QueryError& e) {
            return e.what();
        }
        return "no error";
    }
};

} // namespace

TEST_CASE("the doc's examples: a field name and a field path")
{
    Fixture f;
    CHECK(f.project(R"(["kismet.device.base.channel",
                        "kismet.device.base.signal/kismet.common.signal.last_signal_dbm"])",
                    f.device()) == R"({"kismet.device.base.channel":"6","kismet.common.signal.last_signal_dbm":-42})");
}

TEST_CASE("the doc's examples: aliases")
{
    Fixture f;
    CHECK(f.project(R"([["kismet.device.base.channel", "base.channel"],
                        [ "kismet.device.base.signal/kismet.common.signal.last_signal_dbm", "base.last.signal"]])",
                    f.device()) == R"({"base.channel":"6","base.last.signal":-42})");
}

TEST_CASE("entries keep spec order; plain and aliased mix")
{
    Fixture f;
    CHECK(f.project(R"(["kismet.device.base.name", ["kismet.device.base.channel", "ch"]])", f.device()) ==
          R"({"kismet.device.base.name":"AP one","ch":"6"})");
}

TEST_CASE("an alias still describes the underlying field in prettyjson")
{
    Fixture f;
    std::string out;
    PrettyJsonWriter w(out);
    write_projected(w, f.device(), f.spec(R"([["kismet.device.base.channel", "base.channel"], "kismet.device.base.tags/note"])"));
    CHECK(out == R"x({
    "description.base.channel": "string, channel (phy specific)",
    "base.channel": "6",
    "note": "hello"
}
)x");
}

TEST_CASE("a path missing on the record is written as 0")
{
    Fixture f;
    CHECK(f.project(R"(["kismet.device.base.signal/kismet.common.signal.last_signal_dbm", "kismet.device.base.channel"])",
                    f.device(false)) == R"({"kismet.common.signal.last_signal_dbm":0,"kismet.device.base.channel":"6"})");
    Value bare = Value::object();
    CHECK(f.project(R"(["kismet.device.base.name"])", bare) == R"({"kismet.device.base.name":0})");
}

TEST_CASE("a name that repeats is written once, first wins")
{
    Fixture f;
    CHECK(f.project(R"(["kismet.device.base.channel", ["kismet.device.base.name", "kismet.device.base.channel"],
                        "kismet.device.base.channel"])",
                    f.device()) == R"({"kismet.device.base.channel":"6"})");
    CHECK(f.project(R"([["kismet.device.base.name", "x"], ["kismet.device.base.channel", "x"]])", f.device()) ==
          R"({"x":"AP one"})");
    CHECK(f.spec(R"(["kismet.device.base.channel", "kismet.device.base.channel"])").entries().size() == 1);
}

TEST_CASE("map keys and array indexes after keyed-by-data fields")
{
    Fixture f;
    const Value d = f.device();
    CHECK(f.project(R"(["kismet.device.base.tags/note"])", d) == R"({"note":"hello"})");
    CHECK(f.project(R"(["kismet.device.base.tags/missing"])", d) == R"({"missing":0})");
    CHECK(f.project(R"(["dot11.device/dot11.device.advertised_ssid_map/1/dot11.advertisedssid.ssid"])", d) ==
          R"({"dot11.advertisedssid.ssid":"Second"})");
    CHECK(f.project(R"(["dot11.device/dot11.device.advertised_ssid_map/0"])", d) ==
          R"({"0":{"dot11.advertisedssid.ssid":"First"}})");
    for (const char* bad : {"2", "-1", "+1", "x", "1x", "99999999999999999999999"}) {
        std::string spec = std::string(R"([["dot11.device/dot11.device.advertised_ssid_map/)") + bad + R"(", "v"]])";
        CHECK_MESSAGE(f.project(spec.c_str(), d) == R"({"v":0})", bad);
    }
    CHECK(f.project(R"(["dot11.device/dot11.device.advertised_ssid_map"])", d) ==
          R"({"dot11.device.advertised_ssid_map":[{"dot11.advertisedssid.ssid":"First"},)"
          R"({"dot11.advertisedssid.ssid":"Second"}]})");
}

TEST_CASE("the Field passed to the writer is the leaf's, or nullptr for a data key")
{
    Fixture f;
    FieldSpec s = f.spec(R"(["kismet.device.base.signal/kismet.common.signal.last_signal_dbm",
                            ["kismet.device.base.channel", "c"], "kismet.device.base.tags/note"])");
    REQUIRE(s.entries().size() == 3);
    CHECK(s.entries()[0].field == &f.dbm);
    CHECK(s.entries()[0].name == "kismet.common.signal.last_signal_dbm");
    CHECK(s.entries()[1].field == &f.channel);
    CHECK(s.entries()[1].name == "c");
    CHECK(s.entries()[2].field == nullptr);
    CHECK(s.entries()[2].name == "note");
}

TEST_CASE("an empty spec writes the whole record")
{
    Fixture f;
    FieldSpec s = f.spec("[]");
    CHECK(s.empty());
    std::string out;
    JsonWriter w(out);
    write_projected(w, f.device(), s);
    CHECK(out == to_json(f.device()));
    CHECK_FALSE(f.spec(R"(["kismet.device.base.name"])").empty());
}

TEST_CASE("records that are maps resolve by key")
{
    Fixture f;
    CHECK(f.project(R"(["kismet.device.base.signal/kismet.common.signal.last_signal_dbm"])",
                    parse_json(R"({"kismet.device.base.signal": {"kismet.common.signal.last_signal_dbm": -7}})")) ==
          R"({"kismet.common.signal.last_signal_dbm":-7})");
}

TEST_CASE("resolve_path and parse_field_path on their own")
{
    Fixture f;
    const Value d = f.device();
    const Value* v = resolve_path(d, parse_field_path("kismet.device.base.signal/kismet.common.signal.last_signal_dbm", f.reg));
    REQUIRE(v != nullptr);
    CHECK(v->as_int() == -42);
    CHECK(resolve_path(d, parse_field_path("kismet.device.base.tags/nope", f.reg)) == nullptr);
    // walking into a scalar finds nothing
    CHECK(resolve_path(d, parse_field_path("kismet.device.base.channel/kismet.device.base.name", f.reg)) == nullptr);
    FieldPath p = parse_field_path("kismet.device.base.tags/note", f.reg);
    REQUIRE(p.steps.size() == 2);
    CHECK_FALSE(p.steps[0].data_key);
    CHECK(p.steps[1].data_key);
    CHECK(p.leaf_name() == "note");
    CHECK(p.leaf_field() == nullptr);
    CHECK_THROWS_WITH_AS(parse_field_path("", f.reg), "empty path", QueryError);
    CHECK_THROWS_WITH_AS(parse_field_path("nope", f.reg), "unknown field 'nope'", QueryError);
}

TEST_CASE("error messages name the entry and the problem")
{
    Fixture f;
    CHECK(f.error(R"(["kismet.device.base.channel", "kismet.device.base.name", "kismet.device.base.nope"])") ==
          "field spec entry 2: unknown field 'kismet.device.base.nope'");
    CHECK(f.error("[5]") == "field spec entry 0: expected a string or [path, alias], got a number");
    CHECK(f.error("[1.5]") == "field spec entry 0: expected a string or [path, alias], got a number");
    CHECK(f.error(R"(["kismet.device.base.name", {}])") ==
          "field spec entry 1: expected a string or [path, alias], got an object");
    CHECK(f.error("[null]") == "field spec entry 0: expected a string or [path, alias], got null");
    CHECK(f.error(R"([""])") == "field spec entry 0: empty path");
    CHECK(f.error(R"(["kismet.device.base.signal/"])") ==
          "field spec entry 0: empty component in path 'kismet.device.base.signal/'");
    CHECK(f.error(R"(["/kismet.device.base.name"])") ==
          "field spec entry 0: empty component in path '/kismet.device.base.name'");
    CHECK(f.error(R"(["kismet.device.base.tags//x"])") ==
          "field spec entry 0: empty component in path 'kismet.device.base.tags//x'");
    CHECK(f.error(R"([["kismet.device.base.channel", 5]])") == "field spec entry 0: alias must be a string, got a number");
    CHECK(f.error(R"([[5, "x"]])") == "field spec entry 0: path must be a string, got a number");
    CHECK(f.error(R"([["kismet.device.base.channel", ""]])") == "field spec entry 0: empty alias");
    CHECK(f.error(R"([["kismet.device.base.channel"]])") ==
          "field spec entry 0: expected [path, alias], got an array of 1 element");
    CHECK(f.error(R"([["kismet.device.base.channel", "a", "b"]])") ==
          "field spec entry 0: expected [path, alias], got an array of 3 elements");
    CHECK(f.error(R"(["kismet.device.base.signal/foo"])") == "field spec entry 0: unknown field 'foo'");
    CHECK(f.error(R"(["kismet.device.base.tags/note/deeper"])") == "field spec entry 0: unknown field 'deeper'");
    CHECK(f.error(R"("kismet.device.base.name")") == "field spec: expected an array, got a string");
    CHECK(f.error(R"({"fields": []})") == "field spec: expected an array, got an object");
}
