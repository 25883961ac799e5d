// Regex filters: the 2018 doc's SSID example, any-term semantics, expansion
// over vectors and maps, non-strings, bad patterns, and odd subject bytes.
#include "fields/field_registry.h"
#include "json/json_parser.h"
#include "query/regex_filter.h"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace airsight;
using namespace airsight::core;

namespace {

constexpr const char* kSsidPath = "dot11.device/dot11.device.advertised_ssid_map/dot11.advertisedssid.ssid";

struct Fixture {
    FieldRegistryImpl reg;
    const Field& dot11 = reg("dot11.device", FieldType::Object, "IEEE802.11 device");
    const Field& ssids = reg("dot11.device.advertised_ssid_map", FieldType::Vector, "advertised SSIDs");
    const Field& ssid = reg("dot11.advertisedssid.ssid", FieldType::String, "beaconed ssid string");
    const Field& ssidlen = reg("dot11.advertisedssid.ssidlen", FieldType::UInt32, "ssid length");
    const Field& clients = reg("dot11.device.associated_client_map", FieldType::MacMap, "associated clients");
    const Field& client_name = reg("dot11.client.name", FieldType::String, "client name");
    const Field& name = reg("kismet.device.base.name", FieldType::String, "printable device name");
    const Field& tags = reg("kismet.device.base.tags", FieldType::StringMap, "set of arbitrary tags");
    const Field& packets = reg("kismet.device.base.packets.total", FieldType::UInt64, "total packets");

    // A device advertising `names`, with one associated client named "laptop".
    Value device(std::vector<std::string> names) const
    {
        Value list = Value::array();
        for (const std::string& n : names) {
            Value s = Value::object();
            s.set(ssid, n);
            s.set(ssidlen, static_cast<unsigned>(n.size()));
            list.push(std::move(s));
        }
        Value client = Value::object();
        client.set(client_name, "laptop");
        Value cmap = Value::map();
        cmap.put("AA:BB:CC:DD:EE:FF", std::move(client));
        Value dot = Value::object();
        dot.set(ssids, std::move(list));
        dot.set(clients, std::move(cmap));
        Value d = Value::object();
        d.set(dot11, std::move(dot));
        d.set(name, "Device one");
        d.set(packets, 42u);
        Value t = Value::map();
        t.put("owner", "alice");
        t.put("note", "hello world");
        d.set(tags, std::move(t));
        return d;
    }

    RegexFilter filter(const std::string& json) const { return parse_regex_filter(parse_json(json), reg); }
    RegexFilter term(const std::string& path, const std::string& regex) const
    {
        return filter(R"([[")" + path + R"(", ")" + regex + R"("]])");
    }
    std::string error(const std::string& json) const
    {
        try {
            filter(json);
        } catch (const QueryError& e) {
            return e.what();
        }
        return "no error";
    }
};

} // namespace

TEST_CASE("the doc's SSID example")
{
    Fixture f;
    const RegexFilter doc = f.filter(std::string(R"([[")") + kSsidPath + R"(", "^SomePrefix.*"], [")" + kSsidPath +
                                     R"(", "^Linksys$"]])");
    CHECK(doc.size() == 2);
    CHECK(doc.matches(f.device({"SomePrefixHome"})));
    CHECK(doc.matches(f.device({"Other", "SomePrefix"}))); // not only the first element
    CHECK(doc.matches(f.device({"Linksys"})));              // the second term alone
    CHECK_FALSE(doc.matches(f.device({"Linksys2", "MySomePrefix", "linksys"})));
    CHECK_FALSE(doc.matches(f.device({})));
    Value no_dot11 = Value::object();
    no_dot11.set(f.name, "SomePrefix");
    CHECK_FALSE(doc.matches(no_dot11));
}

TEST_CASE("any term matching is enough; no term matching is no match")
{
    Fixture f;
    const Value d = f.device({"Net"});
    CHECK(f.filter(R"([["kismet.device.base.name", "^Nope$"], ["kismet.device.base.name", "one$"]])").matches(d));
    CHECK_FALSE(f.filter(R"([["kismet.device.base.name", "^Nope$"], ["kismet.device.base.name", "two$"]])").matches(d));
}

TEST_CASE("maps are expanded along the path and at its end")
{
    Fixture f;
    const Value d = f.device({"Net"});
    CHECK(f.term("kismet.device.base.tags", "^hello").matches(d));      // any value of the map
    CHECK_FALSE(f.term("kismet.device.base.tags", "^bob$").matches(d));
    CHECK(f.term("kismet.device.base.tags/owner", "^alice$").matches(d)); // one key
    CHECK_FALSE(f.term("kismet.device.base.tags/owner", "^hello").matches(d));
    CHECK(f.term("dot11.device/dot11.device.associated_client_map/dot11.client.name", "^laptop$").matches(d));
    CHECK_FALSE(f.term("dot11.device/dot11.device.associated_client_map/dot11.client.name", "^phone$").matches(d));
}

TEST_CASE("vectors: expanded, or one element by index")
{
    Fixture f;
    const Value d = f.device({"First", "Second"});
    CHECK(f.term("dot11.device/dot11.device.advertised_ssid_map/1/dot11.advertisedssid.ssid", "^Second$").matches(d));
    CHECK_FALSE(f.term("dot11.device/dot11.device.advertised_ssid_map/0/dot11.advertisedssid.ssid", "^Second$").matches(d));
    CHECK_FALSE(f.term("dot11.device/dot11.device.advertised_ssid_map/5/dot11.advertisedssid.ssid", ".").matches(d));
    CHECK(f.term("dot11.device/dot11.device.advertised_ssid_map", "x").matches(d) == false); // objects are not strings
}

TEST_CASE("a value that is not a string never matches")
{
    Fixture f;
    const Value d = f.device({"Net"});
    CHECK_FALSE(f.term("kismet.device.base.packets.total", ".*").matches(d));
    CHECK_FALSE(f.term("kismet.device.base.packets.total", "42").matches(d));
    CHECK_FALSE(f.term("dot11.device/dot11.device.advertised_ssid_map/dot11.advertisedssid.ssidlen", ".*").matches(d));
    CHECK_FALSE(f.term("dot11.device", ".*").matches(d));
    CHECK(f.term("kismet.device.base.name", ".*").matches(d)); // the same pattern does match a string
}

TEST_CASE("UTF-8 patterns and subjects; invalid subject bytes do not error")
{
    Fixture f;
    CHECK(f.term(kSsidPath, "^caf\\u00e9$").matches(f.device({"caf\xc3\xa9"})));
    CHECK(f.term(kSsidPath, "^.{4}$").matches(f.device({"caf\xc3\xa9"}))); // 4 characters, 5 bytes
    CHECK(f.term(kSsidPath, "Linksys$").matches(f.device({"\xff\xfeLinksys"})));
    CHECK_FALSE(f.term(kSsidPath, "^Linksys$").matches(f.device({"Linksys\xff"})));
    CHECK_FALSE(f.term(kSsidPath, "^.$").matches(f.device({"\xff"})));
    CHECK(f.term(kSsidPath, "^xB2").matches(f.device({std::string("xB2\0", 4)})));
}

TEST_CASE("an empty filter has no terms and matches nothing")
{
    Fixture f;
    RegexFilter none = f.filter("[]");
    CHECK(none.empty());
    CHECK_FALSE(none.matches(f.device({"Net"})));
    CHECK_FALSE(f.term("kismet.device.base.name", "x").empty());
}

TEST_CASE("RegexFilter is movable")
{
    Fixture f;
    RegexFilter a = f.term("kismet.device.base.name", "^Device");
    RegexFilter b = std::move(a);
    CHECK(b.matches(f.device({})));
    RegexFilter c;
    c = std::move(b);
    CHECK(c.matches(f.device({})));
    CHECK(c.size() == 1);
}

TEST_CASE("concurrent matches give the same answers")
{
    Fixture f;
    const RegexFilter doc = f.term(kSsidPath, "^Some(Prefix)?.*x$");
    const Value yes = f.device({"a", "SomePrefix x"});
    const Value no = f.device({"a", "SomePrefix y"});
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i)
                if (!doc.matches(yes) || doc.matches(no)) ++wrong;
        });
    for (auto& t : threads) t.join();
    CHECK(wrong == 0);
}

TEST_CASE("error messages name the entry and the problem")
{
    Fixture f;
    CHECK(f.error(R"([["kismet.device.base.name", "ok"], ["kismet.device.base.name", "("]])") ==
          "regex entry 1: pattern '(' does not compile at offset 1: missing closing parenthesis");
    CHECK(f.error(R"([["kismet.device.base.name", "a{2,1}"]])") ==
          "regex entry 0: pattern 'a{2,1}' does not compile at offset 5: numbers out of order in {} quantifier");
    CHECK(f.error(R"([["kismet.device.base.name", "x"], ["kismet.device.base.nope", "x"]])") ==
          "regex entry 1: unknown field 'kismet.device.base.nope'");
    CHECK(f.error(R"([["", "x"]])") == "regex entry 0: empty path");
    CHECK(f.error(R"(["kismet.device.base.name"])") == "regex entry 0: expected [field, regex], got a string");
    CHECK(f.error(R"([["kismet.device.base.name"]])") ==
          "regex entry 0: expected [field, regex], got an array of 1 element");
    CHECK(f.error(R"([["kismet.device.base.name", "a", "b"]])") ==
          "regex entry 0: expected [field, regex], got an array of 3 elements");
    CHECK(f.error(R"([[1, "x"]])") == "regex entry 0: field must be a string, got a number");
    CHECK(f.error(R"([["kismet.device.base.name", null]])") == "regex entry 0: regex must be a string, got null");
    CHECK(f.error(R"({"a": 1})") == "regex: expected an array, got an object");
}
