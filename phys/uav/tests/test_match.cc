// Kismet's uav_match= rules: parsing, Kismet's matching logic, its default list.
#include "phy/uav_match.h"

#include <doctest/doctest.h>

namespace airsight::uav::test {
namespace {

MacAddr mac(std::string_view s) { return MacAddr::parse(s).value(); }

TEST_CASE("Kismet's default list parses, and matches a Tello by MAC prefix and SSID")
{
    UavMatchers m;
    for (std::string_view line : kismet_default_uav_matches()) m.add(parse_uav_match(line));
    CHECK(m.size() == 34);
    auto rule = m.match(mac("60:60:1F:12:34:56"), "TELLO-ABCDEF");
    REQUIRE(rule);
    CHECK(rule->match_name == "dji_tello");
    CHECK(rule->manufacturer == "DJI");
    CHECK(rule->model == "Tello");
    CHECK_FALSE(m.match(mac("60:60:1F:12:34:56"), "HomeNetwork"));
    CHECK_FALSE(m.match(mac("00:11:22:33:44:55"), "TELLO-ABCDEF")); // right SSID, wrong MAC
    // The negative lookahead: a Spark, not its remote controller.
    CHECK(m.match(mac("60:60:1F:00:00:01"), "Spark-1234")->match_name == "dji_spark");
    CHECK(m.match(mac("60:60:1F:00:00:01"), "Spark-RC-1234")->match_name == "dji_spark_rc");
    CHECK(m.match(mac("58:04:54:01:02:03"), "FPV_WIFI__12AB")->match_name == "syma");
    CHECK_FALSE(m.match(mac("58:04:54:01:02:03"), "FPV_WIFI__12AB-x"));
}

TEST_CASE("a MAC-only rule, a partial rule, an SSID-only rule")
{
    UavMatchRule only_mac = parse_uav_match("a:name=\"X\",mac=AA:BB:CC:00:00:00/FF:FF:FF:00:00:00");
    CHECK(only_mac.matches(mac("aa:bb:cc:01:02:03"), "anything"));
    CHECK_FALSE(only_mac.matches(mac("aa:bb:cd:01:02:03"), "anything"));
    UavMatchRule partial = parse_uav_match("b:name=\"X\",ssid=\"^Drone\",mac=AA:BB:CC:00:00:00/FF:FF:FF:00:00:00,match_any=true");
    CHECK(partial.matches(mac("aa:bb:cc:01:02:03"), "Home"));
    UavMatchRule ssid_only = parse_uav_match("c:name=\"X\",ssid=\"^Drone-[0-9]+$\"");
    CHECK(ssid_only.matches(mac("00:00:00:00:00:01"), "Drone-42"));
    CHECK_FALSE(ssid_only.matches(mac("00:00:00:00:00:01"), "Drone-4x"));
    CHECK(ssid_only.partial == false);
}

TEST_CASE("bad lines are refused with the reason")
{
    CHECK_THROWS_WITH_AS(parse_uav_match("nocolon"), doctest::Contains("expected NAME:"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_uav_match("x:model=\"M\",ssid=\"a\""), doctest::Contains("name="), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_uav_match("x:name=\"N\",mac=zz"), doctest::Contains("not a MAC"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_uav_match("x:name=\"N\",ssid=\"(\""), doctest::Contains("regular expression"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(parse_uav_match("x:name=\"N\""), doctest::Contains("every network"), std::invalid_argument);
    UavMatchers m;
    m.add(parse_uav_match("x:name=\"N\",ssid=\"a\""));
    CHECK_THROWS_WITH_AS(m.add(parse_uav_match("x:name=\"M\",ssid=\"b\"")), doctest::Contains("already in use"),
                         std::invalid_argument);
}

} // namespace
} // namespace airsight::uav::test
