// The DJI DroneID decoder on records built by hand (the shared captures hold
// no DJI DroneID IE: the Air 3 there sends ASTM Remote ID).
#include "decode/dji_droneid.h"
#include "rid_builder.h"

#include <doctest/doctest.h>

#include <cmath>

namespace airsight::uav::test {
namespace {

constexpr double kUnitsPerDegree = 174533.0;

class Record {
public:
    // The two unknown bytes after the vendor type. (Pushed, not a member
    // initializer list: GCC 12 at -O1 warns that list may be uninitialized.)
    Record() { u8(0x58).u8(0x62); }
    Record& u8(std::uint8_t v)
    {
        b.push_back(v);
        return *this;
    }
    Record& le16(std::int32_t v) { return u8(static_cast<std::uint8_t>(v & 0xff)).u8(static_cast<std::uint8_t>((v >> 8) & 0xff)); }
    Record& le32(std::int64_t v) { return le16(static_cast<std::int32_t>(v & 0xffff)).le16(static_cast<std::int32_t>((v >> 16) & 0xffff)); }
    Record& angle(double degrees) { return le32(std::llround(degrees * kUnitsPerDegree)); }
    Record& text(std::string_view s, std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i) u8(i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0);
        return *this;
    }
    ByteVec b;
};

// State: serial, home set, motor on, airborne, GPS, altitude, height, horizontal and vertical speed valid.
constexpr std::uint16_t kAllValid = 0x01 | 0x04 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400;

ByteVec flight_v2(std::uint16_t state = kAllValid)
{
    Record r;
    r.u8(0x10).u8(2).le16(7).le16(state).text("08QDE1S0012345", 16);
    r.angle(-122.25).angle(47.5);        // longitude, latitude
    r.le16(1234).le16(150);              // height 123.4 m, altitude 150 m
    r.le16(250).le16(-100).le16(50);     // north 2.5, east -1.0, up 0.5 m/s
    r.le16(9000);                        // yaw 90.00
    r.le32(0).le32(0);                   // GPS time
    r.angle(47.49).angle(-122.26);       // app latitude, longitude
    r.angle(-122.27).angle(47.48);       // home longitude, latitude
    r.u8(16).u8(0);                      // Mavic Pro, no UUID
    return r.b;
}

TEST_CASE("flight telemetry, version 2")
{
    const DjiDroneId d = decode_dji_droneid(flight_v2());
    CHECK(d.subcommand == 0x10);
    REQUIRE(d.telemetry);
    const DjiFlightTelemetry& t = *d.telemetry;
    CHECK(t.version == 2);
    CHECK(t.sequence == 7);
    CHECK(*t.serial == "08QDE1S0012345");
    CHECK(*t.lat == doctest::Approx(47.5).epsilon(1e-6));
    CHECK(*t.lon == doctest::Approx(-122.25).epsilon(1e-6));
    CHECK(*t.height == doctest::Approx(123.4));
    CHECK(*t.altitude == 150);
    CHECK(*t.v_north == doctest::Approx(2.5));
    CHECK(*t.v_east == doctest::Approx(-1.0));
    CHECK(*t.v_up == doctest::Approx(0.5));
    CHECK(*t.yaw == doctest::Approx(90));
    CHECK(*t.app_lat == doctest::Approx(47.49).epsilon(1e-6));
    CHECK(*t.app_lon == doctest::Approx(-122.26).epsilon(1e-6));
    CHECK(*t.home_lat == doctest::Approx(47.48).epsilon(1e-6));
    CHECK(*t.home_lon == doctest::Approx(-122.27).epsilon(1e-6));
    CHECK(*t.product_type == 16);
    CHECK(dji_product_name(*t.product_type) == "Mavic Pro");
    CHECK(t.motor_on());
    CHECK(t.airborne());
    CHECK(d.truncated + d.impossible + d.unknown == 0);
}

TEST_CASE("state bits decide which telemetry is valid")
{
    const DjiDroneId d = decode_dji_droneid(flight_v2(0));
    REQUIRE(d.telemetry);
    CHECK_FALSE(d.telemetry->serial);
    CHECK_FALSE(d.telemetry->lat);
    CHECK_FALSE(d.telemetry->altitude);
    CHECK_FALSE(d.telemetry->height);
    CHECK_FALSE(d.telemetry->v_north);
    CHECK_FALSE(d.telemetry->v_up);
    CHECK_FALSE(d.telemetry->motor_on());
}

TEST_CASE("a record cut after the position keeps the position, as Kismet reads it")
{
    ByteVec b = flight_v2();
    b.resize(3 + 29);
    const DjiDroneId d = decode_dji_droneid(b);
    REQUIRE(d.telemetry);
    CHECK(*d.telemetry->lat == doctest::Approx(47.5).epsilon(1e-6));
    CHECK_FALSE(d.telemetry->height);
    CHECK(d.truncated == 1);
}

TEST_CASE("truncation at every length is counted, never read past")
{
    const ByteVec whole = flight_v2();
    // The last byte (the UUID's length) is not read: cuts before it lose a field.
    for (std::size_t n = 0; n + 1 < whole.size(); ++n) {
        CAPTURE(n);
        const DjiDroneId d = decode_dji_droneid(Bytes(whole.data(), n));
        CHECK(d.truncated == 1);
    }
}

TEST_CASE("a position past the poles is impossible and left empty")
{
    Record r;
    r.u8(0x10).u8(2).le16(1).le16(0x41).text("X", 16).angle(10).angle(95);
    const DjiDroneId d = decode_dji_droneid(r.b);
    REQUIRE(d.telemetry);
    CHECK_FALSE(d.telemetry->lat);
    CHECK(d.impossible == 1);
}

TEST_CASE("the flight purpose (user entry) record")
{
    Record r;
    r.u8(0x11).text("08QDE1S0012345", 16).u8(5).text("DRONE", 10).u8(40).text("Inspection of the bridge", 24);
    const DjiDroneId d = decode_dji_droneid(r.b);
    REQUIRE(d.user_entry);
    CHECK(d.user_entry->serial == "08QDE1S0012345");
    CHECK(d.user_entry->drone_id == "DRONE");
    CHECK(d.user_entry->purpose == "Inspection of the bridge"); // fewer bytes than its length says
}

TEST_CASE("blank subcommand 0 records are Mavic's broken firmware; other subcommands are unknown")
{
    Record blank;
    blank.u8(0x00).text("", 40);
    CHECK(decode_dji_droneid(blank.b).broken_firmware);
    Record other;
    other.u8(0x12).text("abc", 10);
    const DjiDroneId d = decode_dji_droneid(other.b);
    CHECK_FALSE(d.broken_firmware);
    CHECK(d.unknown == 1);
    Record v9;
    v9.u8(0x10).u8(9).le16(1).le16(0).text("", 16).le32(0).le32(0);
    CHECK(decode_dji_droneid(v9.b).unknown == 1);
}

TEST_CASE("unknown product types are named with their number")
{
    CHECK(dji_product_name(200) == "Unknown (200)");
    CHECK(dji_product_name(68) == "Mavic 3");
}

} // namespace
} // namespace airsight::uav::test
