// The F3411 encoder at known values (expected bytes packed by hand with
// Python's struct from the standard's tables), the drones' paths, and the
// drones' frames read back field by field.
#include "engine/drone_remote_id.h"
#include "engine/radio.h"
#include "engine/remote_id.h"
#include "frame_view.h"

#include <airsight/crc24.h>

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

using namespace airsight::sim;
using Bytes = std::vector<std::uint8_t>;

namespace {

constexpr double kPi = 3.14159265358979323846;

Bytes bytes_of(const rid::Message& m) { return {m.begin(), m.end()}; }

// Great-circle distance in metres (haversine), independent of drone_pose's flat offsets.
double distance_m(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6'378'137.0, k = kPi / 180;
    const double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * k) * std::cos(lat2 * k) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * r * std::asin(std::sqrt(a));
}

WorldConfig drone_world()
{
    WorldConfig config;
    config.seed = 5;
    config.access_points = 2;
    config.clients = 2;
    config.drones = 3;
    config.ble_advertisers = 4;
    return config;
}

} // namespace

TEST_CASE("Remote ID: a Location message at known values")
{
    rid::Location l;
    l.status = 2;
    l.direction_deg = 280; // E/W bit set, 100
    l.speed_mps = 20.5;    // 82 quarter metres per second
    l.lat = 45.5470818;
    l.lon = -122.9668346;
    l.altitude_geo_m = 237.0;
    l.height_m = 100.0;
    l.time_usec = 1'700'000'001'234'567; // 801.2 s after the hour
    const Bytes expected{0x12, 0x22, 0x64, 0x52, 0x00, 0xe2, 0xee, 0x25, 0x1b, 0x06, 0xc0, 0xb4, 0xb6,
                         0x00, 0x00, 0xaa, 0x09, 0x98, 0x08, 0x4b, 0x03, 0x4c, 0x1f, 0x01, 0x00};
    CHECK(bytes_of(rid::location(l)) == expected);
}

TEST_CASE("Remote ID: System, Basic ID and Operator ID at known values")
{
    rid::System s;
    s.operator_lat = 45.5443876;
    s.operator_lon = -122.9726866;
    s.operator_altitude_geo_m = 50;
    s.time_usec = 1'700'000'001'234'567;
    const Bytes system{0x42, 0x00, 0xa4, 0x85, 0x25, 0x1b, 0x6e, 0xdb, 0xb3, 0xb6, 0x01, 0x00, 0x00,
                       0x00, 0x00, 0x00, 0x00, 0x00, 0x34, 0x08, 0x81, 0x43, 0x29, 0x09, 0x00};
    CHECK(bytes_of(rid::system(s)) == system);

    Bytes basic{0x02, 0x12};
    for (char c : std::string("MFG1A0123456789")) basic.push_back(static_cast<std::uint8_t>(c));
    basic.resize(25, 0);
    CHECK(bytes_of(rid::basic_id(1, 2, "MFG1A0123456789")) == basic);

    Bytes op{0x52, 0x00};
    for (char c : std::string("GBR-OP-123ABCD")) op.push_back(static_cast<std::uint8_t>(c));
    op.resize(25, 0);
    CHECK(bytes_of(rid::operator_id("GBR-OP-123ABCD")) == op);
}

TEST_CASE("Remote ID: field encodings at their edges")
{
    CHECK(rid::encode_lat_lon(-90.0) == -900'000'000);
    CHECK(rid::encode_lat_lon(12.34567885) == 123'456'789); // rounded, not cut
    CHECK(rid::encode_altitude(-1000) == 0);
    CHECK(rid::encode_altitude(31767.5) == 65535);
    CHECK(rid::encode_altitude(50000) == 65535); // clamped
    CHECK(rid::encode_altitude(0.24) == 2000);
    CHECK(rid::encode_speed(63.75).value == 255);
    CHECK_FALSE(rid::encode_speed(63.75).multiplier);
    CHECK(rid::encode_speed(64.5).value == 1);
    CHECK(rid::encode_speed(64.5).multiplier);
    CHECK(rid::encode_speed(1000).value == 254); // 255 with the multiplier would say "unknown"
    CHECK(rid::encode_direction(179.4).value == 179);
    CHECK_FALSE(rid::encode_direction(179.4).east_west);
    CHECK(rid::encode_direction(359.6).value == 0); // 360 is north again
    CHECK_FALSE(rid::encode_direction(359.6).east_west);
    CHECK(rid::encode_direction(180).east_west);
    CHECK(rid::encode_direction(180).value == 0);
}

TEST_CASE("Remote ID: a message pack holds 1-9 messages")
{
    Bytes out;
    ByteSink sink(out);
    const rid::Message m = rid::operator_id("X");
    const std::vector<rid::Message> two{m, m};
    rid::append_pack(sink, two);
    REQUIRE(out.size() == 3 + 50);
    CHECK(out[0] == 0xF2);
    CHECK(out[1] == 25);
    CHECK(out[2] == 2);
    CHECK(Bytes(out.begin() + 28, out.end()) == bytes_of(m));
    CHECK_THROWS_AS(rid::append_pack(sink, std::vector<rid::Message>(10, m)), std::logic_error);
    CHECK_THROWS_AS(rid::append_pack(sink, std::vector<rid::Message>{}), std::logic_error);
}

TEST_CASE("drones fly their circle: radius, speed, direction and height at any time")
{
    const World world = make_world(drone_world());
    REQUIRE(world.drones.size() == 3);
    for (const Drone& d : world.drones) {
        CAPTURE(d.serial);
        CHECK(d.radius_m >= 50);
        const DronePose start = drone_pose(d, 0);
        // At the start the drone is on the circle, on its start bearing from the take-off point.
        const double k = kPi / 180;
        const double north = distance_m(d.takeoff_lat, d.takeoff_lon, start.lat, d.takeoff_lon) * (start.lat >= d.takeoff_lat ? 1 : -1);
        CHECK(north == doctest::Approx(d.radius_m * std::cos(d.start_bearing_deg * k)).epsilon(1e-3).scale(1));
        for (std::uint64_t t : {0ULL, 1'000'000ULL, 37'500'000ULL, 600'000'000ULL}) {
            const DronePose p = drone_pose(d, t);
            CHECK(distance_m(d.takeoff_lat, d.takeoff_lon, p.lat, p.lon) == doctest::Approx(d.radius_m).epsilon(1e-3));
            CHECK(p.altitude_m == d.ground_altitude_m + d.height_m);
            CHECK(p.direction_deg >= 0);
            CHECK(p.direction_deg < 360);
            // One second later it is speed metres further (a chord of the circle: a hair shorter).
            const DronePose next = drone_pose(d, t + 1'000'000);
            CHECK(distance_m(p.lat, p.lon, next.lat, next.lon) == doctest::Approx(d.speed_mps).epsilon(1e-3));
            // It moves the way its track says: the bearing from p to a point 10 ms on.
            const DronePose soon = drone_pose(d, t + 10'000);
            const double east = (soon.lon - p.lon) * std::cos(p.lat * k), north_step = soon.lat - p.lat;
            double bearing = std::atan2(east, north_step) / k;
            if (bearing < 0) bearing += 360;
            const double diff = std::fabs(std::remainder(bearing - p.direction_deg, 360.0));
            CHECK(diff < 0.5);
        }
        // A full circle later it is back where it started.
        const auto lap_usec = static_cast<std::uint64_t>(std::llround(2 * kPi * d.radius_m / d.speed_mps * 1e6));
        const DronePose lap = drone_pose(d, lap_usec);
        CHECK(distance_m(start.lat, start.lon, lap.lat, lap.lon) < 0.01);
    }
}

TEST_CASE("drones: serials, operator IDs and addresses are distinct and well formed")
{
    const World world = make_world(drone_world());
    std::set<std::string> serials;
    for (const Drone& d : world.drones) {
        CAPTURE(d.serial);
        serials.insert(d.serial);
        REQUIRE(d.serial.size() >= 5);
        CHECK(d.serial.size() <= 20);
        const std::size_t length = d.serial.size() - 5; // after the manufacturer code and the length character
        CHECK(d.serial[4] == "0123456789ABCDEF"[length]);
        CHECK(d.operator_id.size() <= 20);
        CHECK((d.ble_address.bytes[0] & 0xC0) == 0xC0); // static random
        CHECK(d.channel == 6);
    }
    CHECK(serials.size() == world.drones.size());
}

TEST_CASE("drones' beacons carry the pack of the moment; their BLE the messages in turn")
{
    Radio radio(drone_world());
    radio.listen_all();
    const World& world = radio.world();
    const std::uint64_t start = world.config.start_usec;
    SimFrame f;
    int beacons = 0, ble = 0;
    std::set<int> ble_types;
    std::vector<std::uint64_t> last_location(world.drones.size(), 0);
    while (radio.now_usec() < start + 3'000'000 && radio.next_frame(f)) {
        for (std::size_t i = 0; i < world.drones.size(); ++i) {
            const Drone& d = world.drones[i];
            if (f.dlt == kDltRadiotap) {
                const test::FrameView v(f.bytes);
                if (v.addr(2) != d.wifi_mac) continue;
                ++beacons;
                CHECK(f.channel == d.channel);
                // The vendor element ends the beacon: DD, length, OUI, type, counter, then the pack.
                const std::size_t ie = f.bytes.size() - (2 + 108);
                REQUIRE(f.bytes[ie] == 0xDD);
                CHECK(f.bytes[ie + 1] == 108);
                CHECK(Bytes(f.bytes.begin() + ie + 2, f.bytes.begin() + ie + 6) == Bytes{0xFA, 0x0B, 0xBC, 0x0D});
                CHECK(Bytes(f.bytes.begin() + ie + 7, f.bytes.begin() + ie + 10) == Bytes{0xF2, 25, 4});
                const Bytes location(f.bytes.begin() + ie + 10 + 25, f.bytes.begin() + ie + 10 + 50);
                CHECK(location == bytes_of(drone_message(d, rid::Type::Location, f.ts_usec, start)));
            } else {
                // Pseudo-header, access address, header, AdvA: the service data starts at 22.
                const std::size_t adv_a = 10 + 4 + 2;
                if (!std::equal(d.ble_address.bytes.rbegin(), d.ble_address.bytes.rend(), f.bytes.begin() + adv_a)) continue;
                ++ble;
                CHECK(f.bytes[14] == 0x42); // ADV_NONCONN_IND, TxAdd random
                CHECK(f.bytes[15] == 37);   // AdvA and 31 bytes of data
                const Bytes head(f.bytes.begin() + 22, f.bytes.begin() + 26);
                CHECK(head == Bytes{0x1E, 0x16, 0xFA, 0xFF});
                CHECK(f.bytes[26] == 0x0D);
                const int type = f.bytes[28] >> 4;
                ble_types.insert(type);
                if (type == 1) {
                    CHECK(Bytes(f.bytes.begin() + 28, f.bytes.begin() + 53) ==
                          bytes_of(drone_message(d, rid::Type::Location, f.ts_usec, start)));
                    if (last_location[i] != 0) CHECK(f.ts_usec - last_location[i] <= 1'000'000);
                    last_location[i] = f.ts_usec;
                }
                const std::uint32_t crc = airsight::btle::crc24(
                    airsight::btle::kAdvertisingCrcInit, std::span<const std::uint8_t>(f.bytes.data() + 14, f.bytes.size() - 14 - 3));
                CHECK(crc == (f.bytes[f.bytes.size() - 3] | f.bytes[f.bytes.size() - 2] << 8 | std::uint32_t{f.bytes.back()} << 16));
            }
        }
    }
    CHECK(beacons >= 3 * 25); // ~29 a drone in 3 s
    CHECK(ble >= 3 * 3 * 9);  // three channels, 100-300 ms intervals
    CHECK(ble_types == std::set<int>{0, 1, 4, 5});
}
