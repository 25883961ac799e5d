// The UAV PHY against real drones: the shared captures of ASTM F3411 Remote ID
// (Wi-Fi beacons and Wi-Fi NAN action frames) replayed through the real
// server, the uav.device records read over REST; then mutated copies of a
// capture (made here, in a temporary folder, never committed) whose bad
// messages must be counted while the server keeps serving.
//
// Where the values come from: tshark has no ASTM dissector (Wireshark's is an
// out-of-tree plugin), so tshark supplies what it does decode, at test time:
// the transmitters and how many beacons carry the FA:0B:BC vendor IE. The
// message values below were read by hand from the last such beacon's bytes
// (`tshark -r FILE -Y 'wlan.tag.oui == 0xfa0bbc' -T fields -e wlan.tag.vendor.data`,
// split into 25-byte messages after the type, counter and pack header, each
// field decoded with Python's struct per the F3411 tables: latitude int32 LE
// x 1e-7 at bytes 5-8 of a Location message, altitudes uint16 x 0.5 - 1000,
// text fields NUL padded), independently of airsight's decoder. The NAN
// values were read the same way from the Service Descriptor Attribute's
// service info (service ID 88:69:19:9D:92:09) of the last NAN frame with a
// Location message (frame 58) and with a System message (frame 60).
#include "captures.h"
#include "classic_pcap.h"
#include "command_output.h"
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <random>
#include <set>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kConfig{"httpd_username=tester", "httpd_password=pw"};

// `tshark ARGS` as the tests configure it (TSHARK or PATH), its output; the test fails if it does.
std::string tshark(const std::string& args) { return command_output(tshark_program() + " " + args + " 2>/dev/null"); }

// The uav.device records of the phyuav view, by MAC.
std::map<std::string, Value> uav_devices(const ServerProcess& s) { return view_records(s, "phyuav", "uav.device"); }

double lat_of(const Value& location) { return field(location, "kismet.common.location.geopoint").at(1).as_double(); }
double lon_of(const Value& location) { return field(location, "kismet.common.location.geopoint").at(0).as_double(); }

struct Expected {
    const char* file;
    const char* mac;
    const char* serial;
    const char* model; // from the Basic ID's UA type (0, none, leaves it empty)
    double lat, lon, alt, height, speed_kmh, heading;
    double op_lat, op_lon;
    bool operator_is_home; // System message: operator location type 0 (take-off)
    const char* operator_id;
    const char* self_id;
    std::uint64_t auth_pages_per_beacon;
};

const Expected kBeaconCaptures[] = {
    {"odid_wifi_bcn_sample.pcap", "84:CC:A8:60:43:24", "MFG1A0123456789", "", 45.5470818, -122.9668346, 237.0, 100.0,
     20.5 * 3.6, 280, 45.5443876, -122.9726866, true, "GBR-OP-123ABCD", "Recreational", 0},
    {"wireless_RID_test_linux_transmitter.pcapng", "8C:17:59:F5:95:65", "112624150A90E3AE1EC0", "Helicopter or Multirotor", 51.4791, -0.0013, 110.0,
     80.0, 0, 0, 0.001, -0.001, true, "FIN87astrdge12k8", "Drone ID test flight---", 3},
    {"dji_air3.pcapng", "60:60:1F:71:93:3B", "1581F6N8A23B2ML3Y3KR", "Helicopter or Multirotor", 33.6652717, -82.1918334, 83.0, 1.5, 0, 0,
     33.6632356, -82.1916486, false, "", "", 0},
};

TEST_SUITE("needs-captures-tshark")
{
    TEST_CASE("Remote ID beacons of three real transmitters: serial, last telemetry, operator, history")
    {
        for (const Expected& e : kBeaconCaptures) {
            const std::string file = e.file;
            CAPTURE(file);
            const auto path = shared_capture(e.file);
            if (!path) continue;
            // tshark: which transmitter sends the Remote ID IE, in how many beacons.
            const std::vector<std::string> tas =
                output_lines(tshark("-r '" + path->string() + "' -Y 'wlan.tag.oui == 0xfa0bbc' -T fields -e wlan.ta"));
            REQUIRE(!tas.empty());
            CHECK(std::set<std::string>(tas.begin(), tas.end()).size() == 1);

            ServerProcess server(kConfig, {"-c", path->string()});
            wait_for_end(server);
            const auto uavs = uav_devices(server);
            REQUIRE(uavs.size() == 1);
            const auto it = uavs.find(e.mac);
            REQUIRE(it != uavs.end());
            std::string mac = e.mac;
            for (char& c : mac) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            CHECK(tas.front() == mac);

            const Value& u = it->second;
            CHECK(str(u, "uav.serialnumber") == e.serial);
            CHECK(str(u, "uav.match_type") == "Remote ID WiFi Beacon");
            CHECK(str(u, "uav.model") == e.model);
            CHECK(num(u, "uav.decode_errors") == 0);
            const Value& last = field(field(u, "uav.last_telemetry"), "uav.telemetry.location");
            CHECK(lat_of(last) == doctest::Approx(e.lat).epsilon(1e-9));
            CHECK(lon_of(last) == doctest::Approx(e.lon).epsilon(1e-9));
            CHECK(real(last, "kismet.common.location.alt") == doctest::Approx(e.alt));
            CHECK(num(last, "kismet.common.location.fix") == 3);
            CHECK(real(last, "kismet.common.location.speed") == doctest::Approx(e.speed_kmh));
            CHECK(real(last, "kismet.common.location.heading") == doctest::Approx(e.heading));
            CHECK(real(field(u, "uav.last_telemetry"), "uav.telemetry.height") == doctest::Approx(e.height));
            // One report per Remote ID beacon, as tshark counts them.
            CHECK(field(u, "uav.telemetry_history").size() == tas.size());

            const Value& app = field(u, "uav.telemetry.app_location");
            CHECK(lat_of(app) == doctest::Approx(e.op_lat).epsilon(1e-9));
            CHECK(lon_of(app) == doctest::Approx(e.op_lon).epsilon(1e-9));
            const Value& home = field(u, "uav.telemetry.home_location");
            CHECK(lat_of(home) == doctest::Approx(e.operator_is_home ? e.op_lat : 0).epsilon(1e-9));
            CHECK(str(u, "uav.remoteid.operator_id") == e.operator_id);
            CHECK(str(u, "uav.remoteid.self_id") == e.self_id);
            CHECK(num(u, "uav.remoteid.auth_pages") == e.auth_pages_per_beacon * tas.size());

            const Value stats = json_of(server.get("/phy/phyuav/decode_stats.json", server.login()));
            CHECK(num(stats, "sightings") == tas.size());
            CHECK(num(stats, "truncated") + num(stats, "impossible") + num(stats, "unknown_type") == 0);
        }
    }

    TEST_CASE("Remote ID in Wi-Fi NAN action frames alone")
    {
        const auto path = shared_capture("odid_wifi_sample.pcap");
        if (!path) return;
        // Only the NAN service discovery frames (tshark writes the copy), so nothing comes from the beacons.
        const TempDir dir;
        const fs::path nan = dir.path() / "nan.pcap";
        tshark("-r '" + path->string() + "' -Y 'nan.sda.service_info' -w '" + nan.string() + "' -F pcap");
        const std::size_t frames = output_lines(tshark("-r '" + nan.string() + "' -T fields -e wlan.ta")).size();
        CHECK(frames == 21);

        ServerProcess server(kConfig, {"-c", nan.string()});
        wait_for_end(server);
        const auto uavs = uav_devices(server);
        REQUIRE(uavs.count("84:CC:A8:60:43:24") == 1);
        const Value& u = uavs.at("84:CC:A8:60:43:24");
        CHECK(str(u, "uav.match_type") == "Remote ID WiFi NAN");
        CHECK(str(u, "uav.serialnumber") == ""); // these NAN frames carry no Basic ID
        CHECK(str(u, "uav.remoteid.operator_id") == "GBR-OP-123ABCD");
        CHECK(str(u, "uav.remoteid.self_id") == "Recreational");
        const Value& last = field(field(u, "uav.last_telemetry"), "uav.telemetry.location");
        CHECK(lat_of(last) == doctest::Approx(45.5449573).epsilon(1e-9));
        CHECK(lon_of(last) == doctest::Approx(-122.9724145).epsilon(1e-9));
        CHECK(real(last, "kismet.common.location.heading") == 87);
        CHECK(field(u, "uav.telemetry_history").size() == 16); // the frames with a Location message
        CHECK(lat_of(field(u, "uav.telemetry.app_location")) == doctest::Approx(45.5443876).epsilon(1e-9));
    }
    TEST_CASE("Remote ID over Bluetooth 5 Long Range (an nRF Sniffer capture): one drone on its BTLE device")
    {
        // Values decoded by hand from the first frame's service data 0xFFFA
        // (application code 0x0D, counter, a pack of five 25-byte messages):
        // Basic ID type 1 (serial), UA type 2; Location with lat/lon 0 (unknown),
        // status 2; Self-ID "Drone ID demo"; System with unknown operator
        // location; Operator ID "FIN87astrdge12kxyz8".
        const auto path = shared_capture("odid_bt5_lr_sample.pcapng");
        if (!path) return;
        // tshark: the CRC-valid AUX_ADV_IND frames with Remote ID service data
        // (one frame tshark cannot dissect gets no CRC verdict from it; airsight
        // finds its CRC bad), all from one advertiser; a report is one whose pack holds messages
        // (the transmitter also sends packs of none: byte 4 after the UUID).
        std::set<std::string> senders;
        std::size_t reports = 0, empty_packs = 0;
        for (const std::string& row : output_lines(tshark(
                 "-r '" + path->string() + "' -Y 'btcommon.eir_ad.entry.uuid_16 == 0xfffa && !btle.crc.incorrect && "
                 "nordic_ble.phy == 2 && !_ws.malformed' -T fields -e btle.advertising_address -e btcommon.eir_ad.entry.service_data"))) {
            const std::size_t tab = row.find('\t');
            REQUIRE(tab != std::string::npos);
            senders.insert(row.substr(0, tab));
            const std::string data = row.substr(tab + 1); // hex: app code, counter, pack header (3 bytes)
            REQUIRE(data.size() > 10);
            CHECK(data.substr(0, 2) == "0d");
            if (data.substr(8, 2) == "00") ++empty_packs;
            else ++reports;
        }
        CHECK(senders == std::set<std::string>{"e0:7d:ea:eb:2f:1c"});
        CHECK(reports > 0);
        CHECK(empty_packs > 0); // so the count below tells the two apart

        ServerProcess server(kConfig, {"-c", path->string()});
        wait_for_end(server);
        const auto uavs = uav_devices(server);
        REQUIRE(uavs.size() == 1);
        REQUIRE(uavs.count("E0:7D:EA:EB:2F:1C") == 1);
        const Value& u = uavs.at("E0:7D:EA:EB:2F:1C");
        CHECK(str(u, "uav.match_type") == "Remote ID Bluetooth 5 Long Range");
        CHECK(str(u, "uav.serialnumber") == "SSEVTFG93700070");
        CHECK(str(u, "uav.model") == "Helicopter or Multirotor");
        CHECK(str(u, "uav.remoteid.self_id") == "Drone ID demo");
        CHECK(str(u, "uav.remoteid.operator_id") == "FIN87astrdge12kxyz8");
        CHECK(num(u, "uav.decode_errors") == 0);
        CHECK(field(u, "uav.telemetry_history").size() == 0); // no position was sent

        // The record sits on the advertiser's BTLE device.
        const HttpResult btle = post_command(server, "/devices/views/phy-BTLE/devices.json",
                                             R"({"fields":["kismet.device.base.macaddr","kismet.device.base.phyname"]})",
                                             server.login());
        REQUIRE(btle.status == 200);
        const Value list = json_of(btle);
        bool found = false;
        for (std::size_t i = 0; i < list.size(); ++i)
            found = found || str(list.at(i), "kismet.device.base.macaddr") == "E0:7D:EA:EB:2F:1C";
        CHECK(found);
        const Value stats = json_of(server.get("/phy/phyuav/decode_stats.json", server.login()));
        CHECK(num(stats, "sightings") == reports);
        CHECK(num(stats, "truncated") + num(stats, "impossible") + num(stats, "unknown_type") == 0);
    }
}

// --- mutated copies -------------------------------------------------------------

// Where the message pack of the Remote ID vendor IE starts (after dd, length, OUI, type, counter).
std::size_t pack_offset(const std::string& record)
{
    const std::string marker("\xfa\x0b\xbc\x0d", 4);
    const std::size_t at = record.find(marker);
    REQUIRE(at != std::string::npos);
    return at + marker.size() + 1;
}

TEST_SUITE("needs-captures")
{
    TEST_CASE("mutated Remote ID beacons: every bad message counted, the server serving throughout")
    {
        const auto path = shared_capture("odid_wifi_bcn_sample.pcap");
        if (!path) return;
        ClassicPcap f = read_classic_pcap(*path);
        REQUIRE(f.records.size() == 21);
        // Each beacon's pack: BasicID, Location, SelfID, System, OperatorID.
        for (std::size_t i = 0; i < f.records.size(); ++i) {
            std::string& r = f.records[i];
            const std::size_t pack = pack_offset(r);
            switch (i % 4) {
            case 0: r[pack + 2] = 9; break;                                    // 9 messages announced, 5 there
            case 1: r[pack + 3] = static_cast<char>(0x70); break;              // Basic ID becomes type 7
            case 2: r[pack + 3 + 25 + 5 + 3] = static_cast<char>(0x7f); break; // latitude past the pole
            case 3: r.resize(pack + 40); break;                                // the frame cut inside the pack
            }
        }
        // And copies with random bytes in the pack, from a fixed seed.
        std::mt19937 random(11);
        const std::size_t originals = f.records.size();
        for (std::size_t copy = 0; copy < 3; ++copy) {
            for (std::size_t i = 0; i < originals; ++i) {
                std::string r = read_classic_pcap(*path).records[i];
                const std::size_t pack = pack_offset(r);
                for (int flips = 0; flips < 6; ++flips) {
                    const std::size_t at = pack + random() % (r.size() - pack);
                    r[at] = static_cast<char>(random() & 0xff);
                }
                f.records.push_back(r);
                f.record_headers.push_back(f.record_headers[i]);
            }
        }
        const TempDir dir;
        const fs::path mutated = dir.path() / "mutated.pcap";
        write_classic_pcap(mutated, f);

        ServerProcess server(kConfig, {"-c", mutated.string()});
        const Value source = wait_for_end(server);
        CHECK(num(source, "airsight.datasource.finished") == 1);
        const Value stats = json_of(server.get("/phy/phyuav/decode_stats.json", server.login()));
        CHECK(num(stats, "truncated") >= 6);  // the 9-message packs (6) and the cut frames
        CHECK(num(stats, "unknown_type") >= 5);
        CHECK(num(stats, "impossible") >= 5);
        const auto uavs = uav_devices(server);
        REQUIRE(uavs.count("84:CC:A8:60:43:24") == 1);
        const Value& u = uavs.at("84:CC:A8:60:43:24");
        CHECK(num(u, "uav.decode_errors") > 0);
        CHECK(str(u, "uav.remoteid.operator_id") == "GBR-OP-123ABCD");
        CHECK(server.get("/system/status.json", server.login()).status == 200);
    }
}

} // namespace
