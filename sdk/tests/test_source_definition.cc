#include <airsight/datasource.h>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

using namespace airsight;

namespace {

// The message of the std::invalid_argument `f` throws ("" when it does not).
template <typename F> std::string refusal(F&& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("whole-number options: digits only, up to the maximum, said plainly otherwise")
{
    const auto d = SourceDefinition::parse("sim:aps=12,zero=0,big=1001,word=abc,neg=-1,plus=+3,empty=,huge=99999999999999999999");
    CHECK(d.whole_number("aps", 1000) == 12u);
    CHECK(d.whole_number("zero", 1000) == 0u);
    CHECK_FALSE(d.whole_number("absent", 1000));
    CHECK(refusal([&] { (void)d.whole_number("big", 1000); }) ==
          "source option big=1001 is not a whole number from 0 to 1000");
    CHECK(refusal([&] { (void)d.whole_number("word", 1000); }) ==
          "source option word=abc is not a whole number from 0 to 1000");
    for (const char* key : {"neg", "plus", "empty", "huge"})
        CHECK(refusal([&] { (void)d.whole_number(key, UINT64_MAX); }) != "");
}

TEST_CASE("positive-number options: finite and above zero, with the unit in the refusal")
{
    const auto d = SourceDefinition::parse("sim:rate=250,half=0.5,zero=0,neg=-2,inf=inf,nan=nan,word=abc,tail=5x");
    CHECK(d.positive_number("rate", "frames per second") == 250.0);
    CHECK(d.positive_number("half", "frames per second") == 0.5);
    CHECK_FALSE(d.positive_number("absent", "frames per second"));
    CHECK(refusal([&] { (void)d.positive_number("word", "frames per second"); }) ==
          "source option word=abc is not a positive number of frames per second");
    for (const char* key : {"zero", "neg", "inf", "nan", "tail"})
        CHECK(refusal([&] { (void)d.positive_number(key, "x"); }) != "");
}

TEST_CASE("hop rates: channels per second, bare or /sec, or per minute with /min")
{
    CHECK(parse_hop_rate("5") == 5.0);
    CHECK(parse_hop_rate("5/sec") == 5.0);
    CHECK(parse_hop_rate("2.5/sec") == 2.5);
    CHECK(parse_hop_rate("30/min") == 0.5);
    CHECK_FALSE(parse_hop_rate("fast"));
    CHECK_FALSE(parse_hop_rate("0"));
    CHECK_FALSE(parse_hop_rate("5/hour"));
    CHECK_FALSE(parse_hop_rate("/sec"));
    const auto d = SourceDefinition::parse("wlan0:channel_hop_speed=10/min,bad=quick");
    CHECK(d.hop_rate("channel_hop_speed") == doctest::Approx(10.0 / 60));
    CHECK(refusal([&] { (void)d.hop_rate("bad"); }).find("source option bad=quick is not a hop rate") == 0);
}

TEST_CASE("definitions: options split at commas, except inside double quotes (Kismet's channels=\"1,6,11\")")
{
    const SourceDefinition d = SourceDefinition::parse("wlan0:name=Lab,channels=\"1,6,11\",channel_hop=true");
    CHECK(d.interface == "wlan0");
    CHECK(d.option("name") == "Lab");
    CHECK(d.option("channels") == "1,6,11");
    CHECK(d.option("channel_hop") == "true");
    CHECK(SourceDefinition::parse("wlan0:channels=\"1,6\"").option("channels") == "1,6"); // quoted last
    CHECK(SourceDefinition::parse("wlan0:name=\"\"").option("name") == "");
    CHECK(SourceDefinition::parse("wlan0:Name=a=b").option("name") == "a=b"); // the first '=' splits
    CHECK(refusal([] { SourceDefinition::parse("wlan0:channels=\"1,6"); }).find("no closing one") != std::string::npos);
    CHECK(refusal([] { SourceDefinition::parse("wlan0:channels=\"1,6\"x"); }).find("after its closing quote") !=
          std::string::npos);
    CHECK(refusal([] { SourceDefinition::parse("wlan0:flag,name=x"); }).find("'flag' is not key=value") !=
          std::string::npos);
    CHECK(refusal([] { SourceDefinition::parse("wlan0:name=x,"); }).empty()); // a trailing comma ends the list
    CHECK(refusal([] { SourceDefinition::parse(":name=x"); }).find("has no interface") != std::string::npos);
}

TEST_CASE("type= and name=: another type's name or an empty name is refused, in the one option-error form")
{
    CHECK(refusal([] { SourceDefinition::parse("wlan0:type=sim,name=lab").check_type_and_name("sim"); }).empty());
    CHECK(refusal([] { SourceDefinition::parse("wlan0").check_type_and_name("sim"); }).empty());
    CHECK(refusal([] { SourceDefinition::parse("wlan0:type=pcapfile").check_type_and_name("sim"); }) ==
          "source option type=pcapfile is not sim");
    CHECK(refusal([] { SourceDefinition::parse("wlan0:name=").check_type_and_name("sim"); }) ==
          "source option name= is empty");
    CHECK(refusal([] { throw_bad_option("vif", "a/b", "is not an interface name"); }) ==
          "source option vif=a/b is not an interface name");
}
