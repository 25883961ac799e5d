// The ASTM F3411 decoder on messages built by hand: every message type, a
// message pack, truncation at every length, impossible values, unknown types.
#include "decode/remote_id.h"
#include "rid_builder.h"

#include <doctest/doctest.h>

namespace airsight::uav::test {
namespace {

TEST_CASE("a Basic ID gives the ID type, UA type and serial")
{
    const RidReport r = decode_remote_id(basic_id("1581F6N8A23B2MLY3KR"));
    CHECK(r.messages == 1);
    CHECK(r.protocol_version == 2);
    REQUIRE(r.basic_ids.size() == 1);
    CHECK(r.basic_ids[0].id_type == 1);
    CHECK(r.basic_ids[0].ua_type == 2);
    CHECK(r.basic_ids[0].uas_id == "1581F6N8A23B2MLY3KR");
    CHECK_FALSE(r.problems.any());
}

TEST_CASE("a Location/Vector message decodes position, altitudes, speeds, direction and time")
{
    const RidReport r = decode_remote_id(location(51.4791, -0.0014, 110.5, 40, 270, 12.5, -1.5));
    REQUIRE(r.location);
    const RidLocation& l = *r.location;
    CHECK(l.status == 2);
    CHECK(*l.lat == doctest::Approx(51.4791).epsilon(1e-9));
    CHECK(*l.lon == doctest::Approx(-0.0014).epsilon(1e-9));
    CHECK(*l.altitude_geo == 110.5);
    CHECK(*l.altitude_baro == 100.5);
    CHECK(*l.height == 40);
    CHECK(*l.direction == 270);
    CHECK(*l.speed_horizontal == 12.5);
    CHECK(*l.speed_vertical == -1.5);
    CHECK(l.horizontal_accuracy == 11);
    CHECK(l.vertical_accuracy == 4);
    CHECK(l.speed_accuracy == 4);
    CHECK(l.baro_accuracy == 3);
    CHECK(*l.timestamp == doctest::Approx(1234.5));
    CHECK_FALSE(r.problems.any());
}

TEST_CASE("fast speeds use the 0.75 m/s steps")
{
    const RidReport r = decode_remote_id(location(1, 1, 0, 0, 10, 63.75 + 0.75 * 20, 0));
    CHECK(*r.location->speed_horizontal == doctest::Approx(78.75));
}

TEST_CASE("unknown values stay empty without counting a problem")
{
    ByteVec m = location(0, 0, -1000, -1000, 0, 0, 0);
    m[1] |= 0x03;  // east/west and the speed multiplier
    m[2] = 181;    // 361: direction unknown
    m[3] = 255;    // 255 m/s: speed unknown
    m[4] = 126;    // 63 m/s: vertical speed unknown
    m[21] = m[22] = 0xff; // time unknown
    const RidReport r = decode_remote_id(m);
    REQUIRE(r.location);
    CHECK_FALSE(r.location->lat);
    CHECK_FALSE(r.location->lon);
    CHECK_FALSE(r.location->altitude_geo);
    CHECK_FALSE(r.location->height);
    CHECK_FALSE(r.location->direction);
    CHECK_FALSE(r.location->speed_horizontal);
    CHECK_FALSE(r.location->speed_vertical);
    CHECK_FALSE(r.location->timestamp);
    CHECK_FALSE(r.problems.any());
}

TEST_CASE("impossible values stay empty and are counted")
{
    SUBCASE("a latitude past the pole")
    {
        const RidReport r = decode_remote_id(location(91, 10, 0, 0, 0, 0, 0));
        CHECK_FALSE(r.location->lat);
        CHECK(r.problems.impossible == 1);
    }
    SUBCASE("a longitude past the antimeridian, in the system message")
    {
        const RidReport r = decode_remote_id(system_message(10, 181));
        REQUIRE(r.system);
        CHECK_FALSE(r.system->operator_lon);
        CHECK(r.problems.impossible == 1);
    }
    SUBCASE("a direction code past 360")
    {
        ByteVec m = location(1, 1, 0, 0, 0, 0, 0);
        m[1] |= 0x02;
        m[2] = 200; // 380 degrees
        const RidReport r = decode_remote_id(m);
        CHECK_FALSE(r.location->direction);
        CHECK(r.problems.impossible == 1);
    }
    SUBCASE("a time past the hour")
    {
        ByteVec m = location(1, 1, 0, 0, 0, 0, 0);
        m[21] = 0x40;
        m[22] = 0x9c; // 40000 tenths
        CHECK(decode_remote_id(m).problems.impossible == 1);
    }
    SUBCASE("a vertical speed past 62 m/s")
    {
        ByteVec m = location(1, 1, 0, 0, 0, 0, 0);
        m[4] = 127;
        CHECK(decode_remote_id(m).problems.impossible == 1);
    }
    SUBCASE("a pack of 10 messages, or of messages that are not 25 bytes")
    {
        ByteVec p = pack({basic_id("A")});
        p[2] = 10;
        CHECK(decode_remote_id(p).problems.impossible == 1);
        p[2] = 1;
        p[1] = 24;
        CHECK(decode_remote_id(p).problems.impossible == 1);
    }
    SUBCASE("a pack inside a pack")
    {
        ByteVec inner = pack({});
        inner.resize(25, 0);
        const RidReport r = decode_remote_id(pack({inner, basic_id("B")}));
        CHECK(r.problems.impossible == 1);
        CHECK(r.basic_ids.size() == 1);
    }
}

TEST_CASE("authentication pages: page 0 has the header, later pages only data")
{
    const RidReport r = decode_remote_id(pack({auth_page(0), auth_page(1), auth_page(2)}));
    REQUIRE(r.auth_pages.size() == 3);
    CHECK(r.auth_pages[0].auth_type == 1);
    CHECK(r.auth_pages[0].page == 0);
    CHECK(r.auth_pages[0].last_page_index == 2);
    CHECK(r.auth_pages[0].length == 40);
    CHECK(r.auth_pages[0].timestamp == 100000000);
    CHECK(r.auth_pages[0].data.size() == 17);
    CHECK(r.auth_pages[2].page == 2);
    CHECK(r.auth_pages[2].data.size() == 23);
    CHECK(r.auth_pages[2].data[0] == 0x20);
}

TEST_CASE("Self-ID, System and Operator ID")
{
    const RidReport r = decode_remote_id(pack({self_id("Survey flight"), system_message(51.47, -0.0015, 0),
                                               operator_id("GBR-OP-123ABCD")}));
    REQUIRE(r.self_id);
    CHECK(r.self_id->description == "Survey flight");
    REQUIRE(r.system);
    CHECK(r.system->operator_location_type == 0);
    CHECK(r.system->classification_type == 1);
    CHECK(*r.system->operator_lat == doctest::Approx(51.47));
    CHECK(*r.system->operator_lon == doctest::Approx(-0.0015));
    CHECK(r.system->area_count == 1);
    CHECK(r.system->area_radius == 50);
    CHECK(*r.system->area_ceiling == 120);
    CHECK(*r.system->area_floor == 0);
    CHECK(r.system->category_eu == 2);
    CHECK(r.system->class_eu == 1);
    CHECK(*r.system->operator_altitude_geo == 55.5);
    CHECK(r.system->timestamp == 150000000);
    REQUIRE(r.operator_id);
    CHECK(r.operator_id->operator_id == "GBR-OP-123ABCD");
    CHECK(r.messages == 3);
}

TEST_CASE("a message pack of every type, and the Wi-Fi counter before it")
{
    const ByteVec p = pack({basic_id("SESSION-1", 4), basic_id("SERIAL-2", 1), location(1, 2, 3, 4, 5, 6, 7),
                            auth_page(0), self_id("x"), system_message(1, 2), operator_id("OP")});
    ByteVec wifi{0x42};
    wifi.insert(wifi.end(), p.begin(), p.end());
    const RidReport r = decode_remote_id_counted(wifi);
    CHECK(r.messages == 7);
    CHECK(r.basic_ids.size() == 2);
    REQUIRE(r.serial_basic_id());
    CHECK(r.serial_basic_id()->uas_id == "SERIAL-2");
    CHECK(r.location);
    CHECK(r.auth_pages.size() == 1);
    CHECK(r.self_id);
    CHECK(r.system);
    CHECK(r.operator_id);
    CHECK_FALSE(r.problems.any());
}

TEST_CASE("truncation at every length is counted, never read past")
{
    const ByteVec whole = pack({basic_id("A"), location(1, 2, 3, 4, 5, 6, 7), system_message(1, 2)});
    for (std::size_t n = 0; n < whole.size(); ++n) {
        CAPTURE(n);
        const ByteVec cut(whole.begin(), whole.begin() + static_cast<long>(n));
        const RidReport r = decode_remote_id(cut);
        CHECK(r.problems.truncated == 1);
        CHECK(r.messages == (n < 3 ? 0u : (n - 3) / 25));
    }
    for (const ByteVec& one : {basic_id("A"), location(1, 2, 3, 4, 5, 6, 7), auth_page(0), self_id("x"),
                               system_message(1, 2), operator_id("OP")}) {
        for (std::size_t n = 0; n < one.size(); ++n) {
            const RidReport r = decode_remote_id(Bytes(one.data(), n));
            CHECK(r.problems.truncated == 1);
            CHECK(r.messages == 0);
        }
    }
    CHECK(decode_remote_id_counted(Bytes()).problems.truncated == 1);
}

TEST_CASE("unknown message types are counted and skipped")
{
    for (std::uint8_t type = 6; type < 15; ++type) {
        ByteVec m = Message(type).done();
        const RidReport r = decode_remote_id(pack({m, operator_id("OP")}));
        CHECK(r.problems.unknown_type == 1);
        CHECK(r.operator_id);
    }
}

TEST_CASE("text fields end at a NUL and show control bytes as '?'")
{
    ByteVec m = operator_id("AB");
    m[4] = 0x07;
    m[5] = 'C';
    CHECK(decode_remote_id(m).operator_id->operator_id == "AB?C");
}

} // namespace
} // namespace airsight::uav::test
