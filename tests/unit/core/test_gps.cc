// GPS: the NMEA parser (checksums, garbage), gpsd's JSON reports, GPS
// definitions, the tracker's choice among instances by priority and
// staleness, Kismet's location record (min/max/avg), and the fix reaching
// packets, devices and alerts.
#include "alerts/alert_tracker.h"
#include "devices/device_location.h"
#include "devices/device_tracker.h"
#include "fields/field_registry.h"
#include "gps/gps_tracker.h"
#include "gps/gps_types.h"
#include "gps/gpsd_json.h"
#include "gps/nmea_parser.h"
#include "messagebus/message_bus.h"
#include "packetchain/packet_chain.h"

#include <doctest/doctest.h>

#include <cstdio>

using namespace airsight;
using namespace airsight::core;

namespace {

// "$" body "*hh" with the right checksum.
std::string nmea(std::string_view body)
{
    unsigned sum = 0;
    for (char c : body) sum ^= static_cast<unsigned char>(c);
    char tail[4];
    std::snprintf(tail, sizeof tail, "*%02X", sum);
    return "$" + std::string(body) + tail;
}

GpsFix fix_at(double lat, double lon, double alt = 0, std::uint8_t fix = 3)
{
    GpsFix f;
    f.lat = lat;
    f.lon = lon;
    f.alt = alt;
    f.fix = fix;
    return f;
}

// A GPS type whose drivers the test feeds by hand.
struct ManualDriver final : GpsDriver {
    GpsSink* sink = nullptr;
    int stale = 10;
    void start(GpsSink& s) override { sink = &s; }
    void stop() override { sink = nullptr; }
    std::string description() const override { return "manual"; }
    int stale_after_sec() const override { return stale; }
};

struct ManualType final : GpsType {
    std::vector<ManualDriver*>* made;
    explicit ManualType(std::vector<ManualDriver*>& m) : made(&m) {}
    GpsTypeInfo info() const override { return {"manual", "fed by the test", 5, "manual", false}; }
    std::unique_ptr<GpsDriver> create(const GpsOptions& o) const override
    {
        auto d = std::make_unique<ManualDriver>();
        d->stale = static_cast<int>(o.integer("stale", 0, 1000).value_or(10));
        made->push_back(d.get());
        return d;
    }
};

struct TrackerFixture {
    MessageBusImpl bus{100};
    CurrentFix current;
    double clock = 2'000'000.5;
    GpsTracker gps{bus, current, "airsight", [this] { return clock; }};
    std::vector<ManualDriver*> drivers;

    TrackerFixture()
    {
        for (auto& t : builtin_gps_types()) gps.add_type(std::move(t));
        gps.add_type(std::make_unique<ManualType>(drivers));
    }
    bool posted(std::string_view text) const
    {
        for (const Message& m : bus.recent())
            if (m.text.find(text) != std::string::npos) return true;
        return false;
    }
};

} // namespace

TEST_CASE("NMEA: GGA, RMC, GSA and VTG add up to a fix")
{
    NmeaParser p;
    CHECK_FALSE(p.position());
    CHECK(p.feed(nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Position);
    REQUIRE(p.position());
    CHECK(p.position()->lat == doctest::Approx(48.1173));
    CHECK(p.position()->lon == doctest::Approx(11.516666));
    CHECK(p.position()->alt == doctest::Approx(545.4));
    CHECK(p.position()->fix == 3); // an altitude and no GSA: 3D

    // RMC: south and west, speed in knots to km/h, track as heading; with CR LF.
    CHECK(p.feed(nmea("GNRMC,001031.00,A,4404.13993,S,12118.86023,W,10.0,84.4,100117,,,A") + "\r\n") ==
          NmeaStatus::Position);
    CHECK(p.position()->lat == doctest::Approx(-44.0689988));
    CHECK(p.position()->lon == doctest::Approx(-121.3143372));
    CHECK(p.position()->speed == doctest::Approx(18.52));
    CHECK(p.position()->heading == doctest::Approx(84.4));
    CHECK(p.position()->fix == 3); // kept from GGA

    CHECK(p.feed(nmea("GPGSA,A,2,04,05,,09,12,,,24,,,,,2.5,1.3,2.1")) == NmeaStatus::Position);
    CHECK(p.position()->fix == 2);
    CHECK(p.feed(nmea("GPVTG,054.7,T,034.4,M,005.5,N,010.2,K")) == NmeaStatus::Position);
    CHECK(p.position()->heading == doctest::Approx(54.7));
    CHECK(p.position()->speed == doctest::Approx(10.2));
    CHECK(p.feed(nmea("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00")) == NmeaStatus::Ignored);

    // The GPS losing its fix, three ways.
    CHECK(p.feed(nmea("GPRMC,001031.00,V,,,,,,,100117,,,N")) == NmeaStatus::NoFix);
    CHECK_FALSE(p.position());
    CHECK(p.feed(nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Position);
    CHECK(p.feed(nmea("GPGGA,123520,,,,,0,00,99.9,,M,,M,,")) == NmeaStatus::NoFix);
    CHECK_FALSE(p.position());
    CHECK(p.feed(nmea("GPGSA,A,1,,,,,,,,,,,,,99.9,99.9,99.9")) == NmeaStatus::NoFix);
}

TEST_CASE("NMEA: bad checksums and garbage change nothing")
{
    NmeaParser p;
    REQUIRE(p.feed(nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Position);
    const GpsFix before = *p.position();

    std::string wrong = nmea("GPGGA,123519,5807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
    wrong[wrong.size() - 1] = wrong.back() == '0' ? '1' : '0';
    CHECK(p.feed(wrong) == NmeaStatus::BadChecksum);
    CHECK(p.feed("$GPGGA,123519,5807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,") == NmeaStatus::MissingChecksum);
    CHECK(p.feed("") == NmeaStatus::Malformed);
    CHECK(p.feed("hello world, not a GPS") == NmeaStatus::Malformed);
    CHECK(p.feed(std::string("$GPGGA\x01\xff\x80,1,2*00", 16)) == NmeaStatus::Malformed); // binary
    CHECK(p.feed(nmea("GPGGA,123519,4807.038,N")) == NmeaStatus::Malformed);                 // truncated
    CHECK(p.feed(nmea("GPGGA,123519,9907.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Malformed);
    CHECK(p.feed(nmea("GPGGA,123519,4867.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Malformed);
    CHECK(p.feed(nmea("GPGGA,123519,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Malformed);
    CHECK(p.feed(nmea("GPGGA,123519,48a7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")) == NmeaStatus::Malformed);
    CHECK(p.feed(nmea("GPRMC,001031.00,A,4404.13993,N,12118.86023,W,fast,84.4,100117,,,A")) == NmeaStatus::Malformed);
    CHECK(p.feed(nmea("gpgga,1")) == NmeaStatus::Malformed);
    CHECK(p.feed("$GPGGA,1*ZZ") == NmeaStatus::Malformed);
    CHECK(p.feed(std::string(300, '$')) == NmeaStatus::Malformed);

    REQUIRE(p.position());
    CHECK(p.position()->lat == before.lat);
    CHECK(p.position()->lon == before.lon);
}

TEST_CASE("gpsd JSON: TPV, SKY, VERSION and malformed lines")
{
    const GpsdReport tpv = parse_gpsd_line(
        R"({"class":"TPV","device":"/dev/pts/1","mode":3,"time":"2026-01-01T00:00:00.000Z","lat":51.5,"lon":-0.12,"altHAE":80.0,"altMSL":35.5,"alt":35.5,"track":270.0,"speed":10.0})");
    REQUIRE(tpv.kind == GpsdReport::Tpv);
    REQUIRE(tpv.fix);
    CHECK(tpv.fix->fix == 3);
    CHECK(tpv.fix->lat == 51.5);
    CHECK(tpv.fix->lon == -0.12);
    CHECK(tpv.fix->alt == 35.5);
    CHECK(tpv.fix->speed == doctest::Approx(36.0)); // m/s to km/h
    CHECK(tpv.fix->heading == 270.0);

    const GpsdReport two_d = parse_gpsd_line(R"({"class":"TPV","mode":2,"lat":1.5,"lon":2.5,"alt":99})");
    REQUIRE(two_d.fix);
    CHECK(two_d.fix->alt == 0); // no altitude from a 2D fix
    const GpsdReport none = parse_gpsd_line(R"({"class":"TPV","mode":1})");
    CHECK(none.kind == GpsdReport::Tpv);
    CHECK(none.mode == 1);
    CHECK_FALSE(none.fix);

    const GpsdReport sky = parse_gpsd_line(
        R"({"class":"SKY","satellites":[{"PRN":1,"used":true},{"PRN":2,"used":false},{"PRN":3,"used":true}]})");
    CHECK(sky.kind == GpsdReport::Sky);
    CHECK(sky.satellites_used == 2);
    CHECK(parse_gpsd_line(R"({"class":"SKY","uSat":7})").satellites_used == 7);
    const GpsdReport version = parse_gpsd_line(R"({"class":"VERSION","release":"3.22","proto_major":3})");
    CHECK(version.kind == GpsdReport::Version);
    CHECK(version.text == "3.22");
    CHECK(parse_gpsd_line(R"({"class":"DEVICES","devices":[]})").kind == GpsdReport::Other);

    for (const char* bad : {"not json", "{\"class\":", "[1,2]", "{\"mode\":3}", R"({"class":"TPV","mode":3})",
                            R"({"class":"TPV","mode":"3"})", R"({"class":"TPV","mode":9})",
                            R"({"class":"TPV","mode":2,"lat":91,"lon":0})", R"({"class":"TPV","mode":2,"lat":"x","lon":0})"}) {
        INFO(bad);
        const GpsdReport r = parse_gpsd_line(bad);
        CHECK(r.kind == GpsdReport::Malformed);
        CHECK_FALSE(r.text.empty());
    }
}

TEST_CASE("GPS definitions: Kismet's syntax, and every bad one refused with its reason")
{
    const GpsOptions o = GpsOptions::parse("gpsd:host=localhost,Port=2948,name=\"my, gps\"");
    CHECK(o.type == "gpsd");
    CHECK(o.option("host") == "localhost");
    CHECK(o.integer("port", 1, 65535) == 2948);
    CHECK(o.option("name") == "my, gps");
    CHECK(GpsOptions::parse("web").options.empty());

    auto refused = [](std::string_view definition, std::string_view why) {
        TrackerFixture f;
        INFO(definition);
        try {
            f.gps.add(definition);
            FAIL("accepted");
        } catch (const std::invalid_argument& e) {
            CHECK_MESSAGE(std::string(e.what()).find(why) != std::string::npos, e.what());
        }
        CHECK(f.gps.instances().empty());
    };
    refused("nosuch:host=x", "unknown GPS type 'nosuch'");
    refused("nosuch:host=x", "known: gpsd, serial, tcp, virtual, web");
    refused(":host=x", "has no type");
    refused("gpsd:host", "is not key=value");
    refused("gpsd:host=\"localhost", "GPS definition 'gpsd:host=\"localhost': option host has an opening quote");
    refused("gpsd:host=\"localhost\"x", "option host has text after its closing quote");
    refused("gpsd:port=2947", "needs host=");
    refused("gpsd:host=localhost,port=99999", "port=99999 is not a whole number");
    refused("serial:baud=4800", "needs device=");
    refused("serial:device=/dev/ttyS0,baud=1234", "baud=1234 is not one of");
    refused("tcp:host=localhost", "needs port=");
    refused("virtual:lat=91,lon=0", "lat=91 is not a number from -90");
    refused("virtual:lat=1", "needs lon=");
    refused("virtual:lat=1,lon=2,uuid=nope", "uuid=nope is not a UUID");
    refused("virtual:lat=1,lon=2,priority=high", "priority=high");
    refused("virtual:lat=1,lon=2,reconnect=maybe", "reconnect=maybe is not true or false");

    TrackerFixture f;
    f.gps.add("web");
    try {
        f.gps.add("web:name=second");
        FAIL("a second web GPS was accepted");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("only one") != std::string::npos);
    }
}

TEST_CASE("GPS instances: Kismet's UUID, unique names, virtual fix")
{
    TrackerFixture f;
    const GpsInstanceState v = f.gps.add("virtual:lat=10.5,lon=-20.25,alt=100");
    CHECK(v.name == "virtual");
    CHECK(v.type == "virtual");
    CHECK(v.priority == 0);
    CHECK(v.connected);
    CHECK(v.valid);
    CHECK(v.uuid == GpsTracker::uuid_for("airsight", "virtual:lat=10.5,lon=-20.25,alt=100"));
    CHECK(v.uuid.substr(0, 8) == "17180436"); // adler32 (Kismet's) of "kismet_gps"
    CHECK(v.uuid.substr(8, 20) == "-0000-0000-0000-0000");
    CHECK(f.gps.add("manual").name == "manual");
    CHECK(f.gps.add("manual").name == "manual1");
    CHECK(f.gps.add("manual:uuid=01234567-89ab-cdef-0123-456789abcdef").uuid == "01234567-89AB-CDEF-0123-456789ABCDEF");

    const std::optional<BestFix> best = f.gps.best();
    REQUIRE(best);
    CHECK(best->fix.lat == 10.5);
    CHECK(best->fix.lon == -20.25);
    CHECK(best->fix.fix == 3);
    CHECK(best->gps_uuid == v.uuid);
    CHECK(best->fix.time_sec == 2'000'000);
    const std::optional<GpsFix> published = f.current.get();
    REQUIRE(published);
    CHECK(published->lat == 10.5);
}

TEST_CASE("GPS priority: the lowest number with a valid fix wins; data-only and stale fixes never do")
{
    TrackerFixture f;
    f.gps.add("virtual:lat=1,lon=1");          // priority 0
    f.gps.add("manual:name=good,priority=-5"); // first in line
    f.gps.add("manual:name=data,priority=-10,dataonly=true");
    REQUIRE(f.drivers.size() == 2);
    ManualDriver& good = *f.drivers[0];
    ManualDriver& data = *f.drivers[1];

    CHECK(f.gps.best()->fix.lat == 1); // the others have nothing yet
    data.sink->connected(true, "up");
    data.sink->position(fix_at(3, 3));
    CHECK(f.gps.best()->fix.lat == 1); // data only
    good.sink->connected(true, "up");
    good.sink->position(fix_at(2, 2));
    CHECK(f.gps.best()->fix.lat == 2);
    CHECK(f.current.get()->lat == 2);

    const std::vector<GpsInstanceState> all = f.gps.instances();
    REQUIRE(all.size() == 3);
    CHECK(all[0].name == "data"); // in order of priority
    CHECK(all[1].name == "good");
    CHECK(all[2].name == "virtual");

    // No fix (the GPS said so): the next in line.
    good.sink->position(std::nullopt);
    CHECK(f.gps.best()->fix.lat == 1);
    good.sink->position(fix_at(2.5, 2));
    CHECK(f.gps.best()->fix.lat == 2.5);
    CHECK(f.gps.instances()[1].last_location->lat == 2);

    // Stale after 10 s; tick() withdraws it from the packet path too.
    f.clock += 11;
    CHECK(f.gps.best()->fix.lat == 1);
    CHECK(f.current.get()->lat == 2.5); // not yet published
    f.gps.tick();
    CHECK(f.current.get()->lat == 1);

    // Lost: invalid at once, and said once on the message bus.
    good.sink->position(fix_at(2, 2));
    CHECK(f.gps.best()->fix.lat == 2);
    good.sink->connected(false, "lost it: gone");
    good.sink->connected(false, "cannot reach it");
    CHECK(f.gps.best()->fix.lat == 1);
    CHECK(f.posted("GPS good (manual): lost it: gone"));
    CHECK_FALSE(f.posted("cannot reach it"));

    // Garbage: counted, the first line of a connection reported.
    good.sink->garbage("not NMEA (bad checksum)", "$GPGGA,junk*00");
    good.sink->garbage("not NMEA (bad checksum)", "$GPGGA,more*00");
    CHECK(f.gps.instances()[1].garbage_lines == 2);
    CHECK(f.posted("ignoring a line that is not NMEA (bad checksum): '$GPGGA,junk*00'"));
    CHECK_FALSE(f.posted("more*00"));

    f.gps.stop_all();
    CHECK_FALSE(f.gps.best());
    CHECK_FALSE(f.current.get());
}

TEST_CASE("a tracker whose GPS has no fix publishes nothing: the packet path's generation stays 0")
{
    TrackerFixture f;
    f.gps.tick();
    f.gps.add("manual");
    f.drivers.at(0)->sink->connected(true, "up");
    f.drivers.at(0)->sink->position(std::nullopt);
    f.gps.tick();
    CurrentFix::Copy copy;
    f.current.refresh(copy);
    CHECK(copy.generation == 0);

    f.drivers.at(0)->sink->position(fix_at(4, 5));
    f.current.refresh(copy);
    CHECK(copy.generation == 1);
    REQUIRE(copy.fix);
    CHECK(copy.fix->lat == 4);
    f.gps.tick(); // the same fix: not published again
    f.current.refresh(copy);
    CHECK(copy.generation == 1);
    f.gps.stop_all();
    f.current.refresh(copy);
    CHECK(copy.generation == 2);
    CHECK_FALSE(copy.fix);
}

TEST_CASE("the web GPS takes posted positions; without one nothing takes them")
{
    TrackerFixture f;
    CHECK_FALSE(f.gps.post_position(fix_at(5, 5, 0, 2)));
    f.gps.add("web");
    CHECK_FALSE(f.gps.best());
    CHECK(f.gps.post_position(fix_at(5, 5, 0, 2)));
    CHECK(f.gps.best()->fix.lat == 5);
    CHECK(f.gps.post_position(fix_at(6, 5, 0, 2))); // moved north
    CHECK(f.gps.best()->fix.heading == doctest::Approx(0).epsilon(0.001));
    f.clock += 31;
    f.gps.tick();
    CHECK_FALSE(f.gps.best());
}

TEST_CASE("location record: last, bounding box and average as Kismet computes them")
{
    LocationRecord r;
    CHECK_FALSE(r.seen());
    r.add(fix_at(10, 20, 0, 1)); // no fix: ignored
    CHECK_FALSE(r.seen());

    r.add(fix_at(10, 20, 100, 3));
    CHECK(r.seen());
    CHECK(r.loc_fix == 3);
    CHECK(r.avg.lat == 10); // the first is its own average
    CHECK(r.avg.lon == 20);
    CHECK(r.avg.alt == 100);
    CHECK(r.avg_fix == 3);

    r.add(fix_at(12, 22, 200, 3));
    r.add(fix_at(11, 18, 0, 2)); // 2D: no altitude
    CHECK(r.last.lat == 11);
    CHECK(r.last.fix == 2);
    CHECK(r.loc_fix == 3);
    CHECK(r.min.lat == 10);
    CHECK(r.min.lon == 18);
    CHECK(r.max.lat == 12);
    CHECK(r.max.lon == 22);
    CHECK(r.min.alt == 100);
    CHECK(r.max.alt == 200);
    CHECK(r.avg.alt == 150); // mean of the 3D fixes
    CHECK(r.avg_fix == 3);
    // The centre of the unit vectors, not the mean of the degrees.
    CHECK(r.avg.lat == doctest::Approx(11.0).epsilon(0.01));
    CHECK(r.avg.lon == doctest::Approx(20.0).epsilon(0.01));

    LocationRecord across; // across the antimeridian: the centre is at 180, not 0
    across.add(fix_at(0.5, 179, 0, 2));
    across.add(fix_at(0.5, -179, 0, 2));
    CHECK(std::abs(across.avg.lon) == doctest::Approx(180.0));
    CHECK(across.avg_fix == 2);
    CHECK_FALSE(across.min.has_alt);
}

TEST_CASE("the fix reaches packets, devices (once a second) and alerts; without GPS none has one")
{
    MessageBusImpl bus{100};
    FieldRegistryImpl fields;
    const LocationFields location_fields(fields);
    PacketChain chain(bus);
    DeviceTrackerImpl devices{{}, bus, std::make_shared<const OuiTable>()};
    devices.keep_locations(location_fields);
    const std::uint32_t phy = devices.register_phy("IEEE802.11");
    AlertTrackerImpl alerts({}, bus, devices, [] { return 5.0; });
    alerts.take_locations_from(chain.current_fix());
    const AlertRef alert = alerts.define({.name = "GPSTEST", .throttle = "100/sec", .burst = "100/sec"});

    const MacAddr ap = *MacAddr::parse("00:11:22:33:44:55");
    std::vector<bool> seen;
    chain.add_handler(PacketStage::TRACK, "track", [&](Packet& p) {
        seen.push_back(p.location != nullptr);
        devices.update(phy, ap, p, DEVICE_TRANSMITTED, 0, nullptr);
    });
    auto run = [&](std::int64_t local_sec) {
        Packet p;
        p.local_sec = local_sec;
        chain.process(p);
        CHECK(p.location == nullptr); // the chain's copy is not left behind
    };
    auto record = [&]() -> std::optional<LocationRecord> {
        std::optional<LocationRecord> r;
        devices.with_device(phy, ap, [&](Device& d) {
            if (auto* loc = d.find_component<DeviceLocation>(location_fields.device_location)) r = loc->record();
        });
        return r;
    };

    run(100);
    CHECK(seen.back() == false);
    CHECK_FALSE(record()); // a device never heard with a fix has no location
    REQUIRE(alerts.raise_record(alert, {.text = "no gps"}));
    CHECK_FALSE(alerts.backlog().back().location);

    chain.current_fix().publish(fix_at(40, -70, 12, 3));
    run(101);
    CHECK(seen.back() == true);
    REQUIRE(record());
    CHECK(record()->last.lat == 40);
    chain.current_fix().publish(fix_at(41, -70, 12, 3));
    run(101); // the same second: not added again
    CHECK(record()->last.lat == 40);
    run(102);
    CHECK(record()->last.lat == 41);
    CHECK(record()->max.lat == 41);
    CHECK(record()->min.lat == 40);

    REQUIRE(alerts.raise_record(alert, {.text = "where the server is"}));
    REQUIRE(alerts.backlog().back().location);
    CHECK(alerts.backlog().back().location->lat == 41);
    const GpsFix packet_fix = fix_at(1, 2);
    REQUIRE(alerts.raise_record(alert, {.text = "where the packet was", .location = &packet_fix}));
    CHECK(alerts.backlog().back().location->lat == 1);

    // Served with Kismet's names; geopoint is [lon, lat].
    Value v;
    devices.with_device(phy, ap, [&](Device& d) {
        v = d.find_component<DeviceLocation>(location_fields.device_location)->to_value();
    });
    const Value* last = v.find(location_fields.last);
    REQUIRE(last);
    const Value* point = last->find(location_fields.geopoint);
    REQUIRE(point);
    CHECK(point->at(0).as_double() == -70);
    CHECK(point->at(1).as_double() == 41);
    CHECK(v.find(location_fields.avg_loc)->find(location_fields.fix)->as_uint() == 3);

    chain.current_fix().publish(std::nullopt);
    run(103);
    CHECK(seen.back() == false);
}
