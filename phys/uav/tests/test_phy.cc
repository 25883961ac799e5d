// The UAV PHY on hand-built shared 802.11 and BLE advertisement components:
// which frames it reads, the record it keeps on the sender's device, and bad
// input counted.
#include "fake_phy_host.h" // the in-memory tracker and field registry PHY tests share
#include "phy/uav_phy.h"
#include "rid_builder.h"

#include <doctest/doctest.h>

namespace airsight::uav::test {
namespace {

using airsight::test::FakeDevices;
using airsight::test::FakeFields;

MacAddr mac(std::string_view s) { return MacAddr::parse(s).value(); }

const MacAddr kDrone = mac("84:cc:a8:60:43:24");

ByteVec wifi_pack(const std::vector<ByteVec>& messages)
{
    ByteVec out{0x07};
    const ByteVec p = pack(messages);
    out.insert(out.end(), p.begin(), p.end());
    return out;
}

Ieee80211Frame beacon(const ByteVec& astm_payload, std::string_view ssid = "RID-TEST")
{
    Ieee80211Frame f;
    f.kind = Ieee80211FrameKind::beacon;
    f.transmitter = f.bssid = kDrone;
    f.ssid = Bytes(reinterpret_cast<const std::uint8_t*>(ssid.data()), ssid.size());
    f.vendor_ie_storage[0] = Ieee80211VendorIe{0x0050f2, 2, {}};
    f.vendor_ie_storage[1] = Ieee80211VendorIe{kAstmOui, kAstmBeaconType, astm_payload};
    f.vendor_ie_count = 2;
    return f;
}

// A NAN service discovery frame body (after category 4 and action 9) carrying `info` as its service info.
ByteVec nan_body(const ByteVec& info, std::uint8_t control = 0x10)
{
    ByteVec sda{0x88, 0x69, 0x19, 0x9d, 0x92, 0x09, 0x01, 0x00, control};
    sda.push_back(static_cast<std::uint8_t>(info.size()));
    sda.insert(sda.end(), info.begin(), info.end());
    ByteVec body{0x50, 0x6f, 0x9a, 0x13};
    body.push_back(0x0e); // a Service Descriptor Extension attribute first
    body.push_back(2);
    body.push_back(0);
    body.push_back(1);
    body.push_back(0);
    body.push_back(0x03);
    body.push_back(static_cast<std::uint8_t>(sda.size()));
    body.push_back(0);
    body.insert(body.end(), sda.begin(), sda.end());
    return body;
}

struct Phy {
    FakeFields registry;
    FakeDevices devices;
    std::shared_ptr<const UavFields> fields = std::make_shared<const UavFields>(registry);
    PacketComponent<Ieee80211Frame> key{0};
    PacketComponent<BtleAdvertisement> ad_key{1};
    UavPhy phy{devices, fields, key, ad_key, [] {
                   UavMatchers m;
                   for (std::string_view line : kismet_default_uav_matches()) m.add(parse_uav_match(line));
                   return m;
               }()};
    Ieee80211Frame storage;
    BtleAdvertisement ad_storage;

    void run(const Ieee80211Frame& f, std::int64_t sec = 1700000000, bool duplicate = false)
    {
        Packet p;
        p.ts_sec = sec;
        p.phy_id = 1;
        p.duplicate = duplicate;
        key.bind(p, storage);
        key.attach(p) = f;
        phy.track(p);
    }
    void run(const BtleAdvertisement& a, std::int64_t sec = 1700000000)
    {
        Packet p;
        p.ts_sec = sec;
        p.phy_id = 1;
        ad_key.bind(p, ad_storage);
        ad_key.attach(p) = a;
        phy.track(p);
    }
    const UavDevice* record(const MacAddr& m) const
    {
        const Device* d = devices.find(1, m);
        return d ? d->find_component<UavDevice>(fields->device) : nullptr;
    }
};

TEST_CASE("a Remote ID beacon makes a uav.device record with serial, telemetry and operator location")
{
    Phy h;
    const ByteVec payload = wifi_pack({basic_id("1581F6N8A23B2MLY3KR"), location(51.5, -0.1, 120, 30, 90, 10, 1),
                                       system_message(51.49, -0.11, 0), operator_id("GBR-OP-123ABCD"),
                                       self_id("Test flight"), auth_page(0)});
    h.run(beacon(payload));
    const UavDevice* r = h.record(kDrone);
    REQUIRE(r);
    CHECK(r->serial == "1581F6N8A23B2MLY3KR");
    CHECK(r->model == "Helicopter or Multirotor");
    CHECK(r->match_type == "Remote ID WiFi Beacon");
    REQUIRE(r->last_telemetry);
    const UavTelemetry& t = *r->last_telemetry;
    CHECK(t.location.lat == doctest::Approx(51.5));
    CHECK(t.location.lon == doctest::Approx(-0.1));
    CHECK(t.location.alt == 120);
    CHECK(t.location.fix == 3);
    CHECK(t.location.speed == doctest::Approx(36));  // 10 m/s in km/h
    CHECK(t.location.heading == 90);
    CHECK(t.v_east == doctest::Approx(10));
    CHECK(t.v_north == doctest::Approx(0).epsilon(1e-9));
    CHECK(t.height == 30);
    CHECK(t.v_up == 1);
    CHECK(t.airborne);
    CHECK(t.timestamp == 1700000000);
    CHECK(r->app.lat == doctest::Approx(51.49));
    CHECK(r->home.lat == doctest::Approx(51.49)); // take-off location
    CHECK(r->operator_id == "GBR-OP-123ABCD");
    CHECK(r->self_id == "Test flight");
    CHECK(r->auth_pages == 1);
    CHECK(r->protocol_version == 2);
    CHECK(r->decode_errors == 0);

    // The record as Kismet names it.
    const Value v = r->to_value();
    const UavFields& f = *h.fields;
    CHECK(v.find(f.serialnumber)->as_string() == "1581F6N8A23B2MLY3KR");
    const Value* last = v.find(f.last_telemetry);
    REQUIRE(last);
    const Value* loc = last->find(f.t_location);
    REQUIRE(loc);
    CHECK(loc->find(f.location.geopoint)->at(1).as_double() == doctest::Approx(51.5));
    CHECK(v.find(f.telemetry_history)->size() == 1);
    CHECK(h.phy.counters().sightings == 1);
    CHECK(h.devices.phy_name(h.phy.phy_id()) == "UAV");
}

TEST_CASE("the history keeps the last 128 reports")
{
    Phy h;
    for (int i = 0; i < 130; ++i)
        h.run(beacon(wifi_pack({location(10 + i * 0.001, 20, 0, 0, 0, 0, 0)})), 1700000000 + i);
    const UavDevice* r = h.record(kDrone);
    REQUIRE(r);
    CHECK(r->history.size() == UavDevice::kHistory);
    CHECK(r->history.front().timestamp == 1700000002);
}

TEST_CASE("Remote ID in a NAN service discovery frame")
{
    Phy h;
    Ieee80211Frame f;
    f.kind = Ieee80211FrameKind::action;
    f.transmitter = kDrone;
    f.bssid = mac("50:6f:9a:01:01:79");
    f.action_category = 4;
    f.action_code = 9;
    const ByteVec body = nan_body(wifi_pack({operator_id("GBR-OP-123ABCD")}));
    f.action_body = body;
    h.run(f);
    const UavDevice* r = h.record(kDrone);
    REQUIRE(r);
    CHECK(r->operator_id == "GBR-OP-123ABCD");
    CHECK(r->match_type == "Remote ID WiFi NAN");

    SUBCASE("another service's frame, or a cut attribute, makes none")
    {
        Phy other;
        ByteVec foreign = body;
        foreign[4 + 5 + 3] = 0x77; // the service ID's first byte
        f.action_body = foreign;
        other.run(f);
        CHECK_FALSE(other.record(kDrone));
        ByteVec cut = body;
        cut.resize(cut.size() - 30);
        f.action_body = cut;
        other.run(f);
        CHECK_FALSE(other.record(kDrone));
        CHECK(other.phy.counters().truncated == 1);
    }
}

TEST_CASE("a DJI DroneID beacon: DJI, the product's name, the home point")
{
    Phy h;
    ByteVec record(66, 0);
    record[0] = 2;    // version
    record[3] = 0x45; // serial, home point and GPS valid
    for (int i = 0; i < 4; ++i) record[5 + i] = static_cast<std::uint8_t>('A' + i);
    const auto put_angle = [&](std::size_t at, double degrees) {
        const auto raw = static_cast<std::uint32_t>(static_cast<std::int32_t>(degrees * 174533.0));
        for (int i = 0; i < 4; ++i) record[at + i] = static_cast<std::uint8_t>(raw >> (8 * i));
    };
    put_angle(21, 8.5);  // longitude
    put_angle(25, 47.4); // latitude
    put_angle(57, 8.6);  // home longitude
    put_angle(61, 47.3); // home latitude
    record[65] = 68;     // Mavic 3
    ByteVec dji{0x58, 0x62, 0x10};
    dji.insert(dji.end(), record.begin(), record.end());
    Ieee80211Frame f = beacon({});
    f.vendor_ie_storage[1] = Ieee80211VendorIe{kDjiDroneIdOui, 0x13, dji};
    h.run(f);
    const UavDevice* r = h.record(kDrone);
    REQUIRE(r);
    CHECK(r->manufacturer == "DJI");
    CHECK(r->model == "Mavic 3");
    CHECK(r->serial == "ABCD");
    CHECK(r->match_type == "DroneID WiFi");
    REQUIRE(r->last_telemetry);
    CHECK(r->last_telemetry->location.lat == doctest::Approx(47.4).epsilon(1e-6));
    CHECK(r->last_telemetry->location.fix == 2);
    CHECK(r->home.lat == doctest::Approx(47.3).epsilon(1e-6));
    CHECK(r->home.lon == doctest::Approx(8.6).epsilon(1e-6));
}

TEST_CASE("a manufacturer matcher marks an AP whose MAC and SSID match")
{
    Phy h;
    Ieee80211Frame f = beacon({}, "TELLO-5A3B1C");
    f.vendor_ie_count = 1;
    f.transmitter = f.bssid = mac("60:60:1f:11:22:33");
    h.run(f);
    const UavDevice* r = h.record(mac("60:60:1f:11:22:33"));
    REQUIRE(r);
    CHECK(r->manufacturer == "DJI");
    CHECK(r->model == "Tello");
    CHECK(r->match_type == "UAV Fingerprint");
    REQUIRE(r->matched_rule);
    CHECK(r->to_value().find(h.fields->matched_rule)->find(h.fields->m_match_name)->as_string() == "dji_tello");
}

TEST_CASE("ordinary beacons, duplicates and bad input make no record; bad input is counted")
{
    Phy h;
    Ieee80211Frame plain = beacon({}, "HomeNetwork");
    plain.vendor_ie_count = 1;
    h.run(plain);
    CHECK(h.devices.size() == 0);

    h.run(beacon(wifi_pack({basic_id("X")})), 1, true);
    CHECK(h.devices.size() == 0);

    ByteVec cut = wifi_pack({basic_id("X")});
    cut.resize(10);
    h.run(beacon(cut));
    CHECK(h.devices.size() == 0);
    CHECK(h.phy.counters().truncated == 1);

    // Good messages with a bad one: the record, and its error count.
    h.run(beacon(wifi_pack({basic_id("X"), location(95, 0, 0, 0, 0, 0, 0), Message(9).done()})));
    const UavDevice* r = h.record(kDrone);
    REQUIRE(r);
    CHECK(r->serial == "X");
    CHECK(r->decode_errors == 2);
    CHECK(h.phy.counters().impossible == 1);
    CHECK(h.phy.counters().unknown == 1);
    CHECK(h.phy.stats().find("truncated")->as_uint() == 1);
}

// Service data 0xFFFA as ASTM F3411 sends it over BLE: application code 0x0D,
// a counter, then one message (legacy advertising) or a pack (extended).
ByteVec ble_service_data(const ByteVec& message_or_pack)
{
    ByteVec out{kAstmAppCode, 0x2a};
    out.insert(out.end(), message_or_pack.begin(), message_or_pack.end());
    return out;
}

BtleAdvertisement advertisement(const MacAddr& from, bool random, bool extended, BtleRadio radio)
{
    BtleAdvertisement a;
    a.advertiser = from;
    a.random_address = random;
    a.extended = extended;
    a.radio = radio;
    return a;
}

TEST_CASE("Remote ID in BLE legacy advertising: one message per advertisement, on the advertiser's device")
{
    Phy h;
    const MacAddr drone = mac("d4:12:34:56:78:9a"); // a static random address, as drones use
    const ByteVec basic = ble_service_data(basic_id("1596F-BLE-0001"));
    const ByteVec where = ble_service_data(location(47.25, 8.5, 450, 60, 180, 5, -1));
    const ByteVec eddystone{0x10, 0x00};
    BtleAdvertisement a = advertisement(drone, true, false, BtleRadio::le_1m);
    a.add_service_data(0xfeaa, eddystone); // another service first: left alone
    a.add_service_data(kAstmServiceUuid, basic);
    h.run(a);
    BtleAdvertisement b = advertisement(drone, true, false, BtleRadio::le_1m);
    b.add_service_data(kAstmServiceUuid, where);
    h.run(b, 1700000001);

    const UavDevice* r = h.record(drone);
    REQUIRE(r);
    CHECK(r->serial == "1596F-BLE-0001");
    CHECK(r->match_type == "Remote ID Bluetooth Legacy");
    CHECK(r->manufacturer.empty()); // a random address names no maker
    REQUIRE(r->last_telemetry);
    CHECK(r->last_telemetry->location.lat == doctest::Approx(47.25));
    CHECK(r->last_telemetry->location.heading == 180);
    CHECK(r->last_telemetry->height == 60);
    CHECK(r->last_telemetry->timestamp == 1700000001);
    CHECK(h.phy.counters().sightings == 2);
    CHECK(r->decode_errors == 0);
}

TEST_CASE("Remote ID in BLE extended advertising: a message pack; LE Coded is Long Range")
{
    Phy h;
    const MacAddr drone = mac("60:60:1f:aa:bb:cc");
    const ByteVec data = ble_service_data(pack({basic_id("1581F-LR"), operator_id("FIN87astrdge12k8")}));
    BtleAdvertisement a = advertisement(drone, false, true, BtleRadio::le_coded);
    a.add_service_data(kAstmServiceUuid, data);
    h.run(a);
    const UavDevice* r = h.record(drone);
    REQUIRE(r);
    CHECK(r->serial == "1581F-LR");
    CHECK(r->operator_id == "FIN87astrdge12k8");
    CHECK(r->match_type == "Remote ID Bluetooth 5 Long Range");

    Phy h2;
    BtleAdvertisement on_1m = advertisement(drone, false, true, BtleRadio::le_1m);
    on_1m.add_service_data(kAstmServiceUuid, data);
    h2.run(on_1m);
    REQUIRE(h2.record(drone));
    CHECK(h2.record(drone)->match_type == "Remote ID Bluetooth 5");
}

TEST_CASE("BLE service data that is no Remote ID makes no record; bad input is counted")
{
    Phy h;
    const MacAddr drone = mac("d4:12:34:56:78:9a");
    const ByteVec empty;
    const ByteVec other_app{0x0c, 0x01, 0x02};
    const ByteVec whole = ble_service_data(basic_id("X"));
    const ByteVec cut(whole.begin(), whole.begin() + 3);
    for (const ByteVec* data : {&empty, &other_app, &cut}) {
        BtleAdvertisement a = advertisement(drone, true, false, BtleRadio::le_1m);
        a.add_service_data(kAstmServiceUuid, *data);
        h.run(a);
    }
    BtleAdvertisement unrelated = advertisement(drone, true, false, BtleRadio::le_1m);
    unrelated.add_service_data(0x180f, other_app);
    h.run(unrelated);
    CHECK(h.devices.size() == 0);
    CHECK(h.phy.counters().truncated == 2); // the empty one, and the cut message
    CHECK(h.phy.counters().unknown == 1);   // application code 0x0C
    CHECK(h.phy.counters().sightings == 0);
}

} // namespace
} // namespace airsight::uav::test
