// The sim source's Remote ID drones and BLE advertisers through the real
// server: what the uav and BTLE PHYs make of them, read over REST, against
// what the simulated world says it sent. The world is rebuilt here from the
// same definition (the sim engine is deterministic), so the serials, operator
// IDs and names are the world's, and each drone's last reported position is
// compared with where its path puts it at that report's timestamp.
#include "rest_helpers.h"
#include "server_process.h"
#include "text_fields.h"

#include "engine/drones.h"
#include "engine/world.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using airsight::Value;
using namespace airsight::test;
namespace sim = airsight::sim;

namespace {

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

// A small world on one channel (so the radio hears every drone beacon), as
// fast as the server takes it, for about 20 simulated seconds.
constexpr const char* kDefinition =
    "sim:seed=9,aps=2,clients=2,ble_advertisers=8,drones=2,channels=6,rate=max,frames=4000";

sim::World expected_world()
{
    sim::WorldConfig config; // as the sim type reads kDefinition; rate=max starts at the fixed start
    config.seed = 9;
    config.access_points = 2;
    config.clients = 2;
    config.ble_advertisers = 8;
    config.drones = 2;
    config.channels = {6};
    return sim::make_world(config);
}

// The uav.device records of the phyuav view, by MAC.
std::map<std::string, Value> uav_devices(const ServerProcess& s) { return view_records(s, "phyuav", "uav.device"); }

// A drone's record: its identity, and its last position where its path says it was then.
void check_drone(const Value& u, const sim::Drone& d, std::uint64_t start_usec, const char* match_type)
{
    CHECK(str(u, "uav.serialnumber") == d.serial);
    CHECK(str(u, "uav.remoteid.operator_id") == d.operator_id);
    CHECK(str(u, "uav.match_type") == match_type);
    CHECK(num(u, "uav.decode_errors") == 0);
    const Value& telemetry = field(u, "uav.last_telemetry");
    const double timestamp = real(telemetry, "uav.telemetry.timestamp");
    const auto ts_usec = static_cast<std::uint64_t>(std::llround(timestamp * 1e6));
    REQUIRE(ts_usec > start_usec);
    const sim::DronePose pose = sim::drone_pose(d, ts_usec - start_usec);
    const Value& location = field(telemetry, "uav.telemetry.location");
    const Value& geopoint = field(location, "kismet.common.location.geopoint");
    // Encoding precision: 1e-7 degrees (rounded to the nearest), 0.5 m.
    CHECK(std::fabs(geopoint.at(1).as_double() - pose.lat) <= 0.5e-7 + 1e-12);
    CHECK(std::fabs(geopoint.at(0).as_double() - pose.lon) <= 0.5e-7 + 1e-12);
    CHECK(std::fabs(real(location, "kismet.common.location.alt") - pose.altitude_m) <= 0.25);
    CHECK(std::fabs(real(telemetry, "uav.telemetry.height") - pose.height_m) <= 0.25);
    CHECK(real(location, "kismet.common.location.speed") == doctest::Approx(pose.speed_mps * 3.6));
    const double heading = real(location, "kismet.common.location.heading");
    CHECK(std::fabs(std::remainder(heading - pose.direction_deg, 360.0)) <= 0.5);
    // The operator stands at the take-off point.
    const Value& app = field(field(u, "uav.telemetry.app_location"), "kismet.common.location.geopoint");
    CHECK(std::fabs(app.at(1).as_double() - d.takeoff_lat) <= 0.5e-7 + 1e-12);
    CHECK(std::fabs(app.at(0).as_double() - d.takeoff_lon) <= 0.5e-7 + 1e-12);
}

// The server with the sim source of kDefinition, run to its end.
struct FinishedRun {
    ServerProcess server{kConfig, {"-c", kDefinition}};
    FinishedRun()
    {
        const Value source = wait_for_end(server);
        REQUIRE(num(source, "airsight.datasource.finished") == 1);
        CHECK(num(source, "kismet.datasource.num_packets") == 4000);
        CHECK(num(source, "kismet.datasource.num_error_packets") == 0);
    }
};

} // namespace

TEST_CASE("sim drones: Remote ID in Wi-Fi beacons as the world sent it; BLE advertisers as BTLE devices with their names")
{
    const sim::World world = expected_world();
    REQUIRE(world.drones.size() == 2);
    const FinishedRun run;
    const auto uavs = uav_devices(run.server);
    for (const sim::Drone& d : world.drones) {
        CAPTURE(d.serial);
        const auto it = uavs.find(upper(d.wifi_mac.str()));
        REQUIRE(it != uavs.end());
        check_drone(it->second, d, world.config.start_usec, "Remote ID WiFi Beacon");
    }

    const Value devices = json_of(post_command(run.server, "/devices/all_devices.json", R"({"fields": [
        "kismet.device.base.macaddr", "kismet.device.base.name", "kismet.device.base.phyname"]})",
                                               run.server.login()));
    std::map<std::string, std::string> btle; // MAC -> name
    for (std::size_t i = 0; i < devices.size(); ++i)
        if (str(devices.at(i), "kismet.device.base.phyname") == "BTLE")
            btle[str(devices.at(i), "kismet.device.base.macaddr")] = str(devices.at(i), "kismet.device.base.name");
    for (const sim::BleAdvertiser& a : world.ble_advertisers) {
        CAPTURE(a.name);
        const auto it = btle.find(upper(a.address.str()));
        REQUIRE(it != btle.end());
        CHECK(it->second == a.name);
    }
    // The advertisers and the drones' BLE radios, nobody else.
    CHECK(btle.size() == world.ble_advertisers.size() + world.drones.size());
}

// The BTLE PHY shares each advertisement's service data in the SDK's
// btle.advertisement component, where the UAV PHY reads Remote ID.
TEST_CASE("sim drones: Remote ID in BLE legacy advertising as the world sent it")
{
    const sim::World world = expected_world();
    const FinishedRun run;
    const auto uavs = uav_devices(run.server);
    for (const sim::Drone& d : world.drones) {
        CAPTURE(d.serial);
        const auto it = uavs.find(upper(d.ble_address.str()));
        REQUIRE(it != uavs.end());
        check_drone(it->second, d, world.config.start_usec, "Remote ID Bluetooth Legacy");
    }
}
