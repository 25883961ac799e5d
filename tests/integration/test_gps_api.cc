// GPS over real HTTP with the real server: a virtual GPS giving sim devices
// and alerts a location; the web GPS's update with and without the login; a
// serial GPS fed NMEA through a pseudo-terminal; bad gps= lines and an
// unreachable gpsd reported while the server keeps running; and (suite
// needs-gpsd) a real gpsd, run by gpsfake replaying an NMEA log this test
// writes, that is absent at start, then stops and comes back.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin = {"httpd_username=tester", "httpd_password=pw"};

std::string nmea(const std::string& body)
{
    unsigned sum = 0;
    for (char c : body) sum ^= static_cast<unsigned char>(c);
    char tail[8];
    std::snprintf(tail, sizeof tail, "*%02X\r\n", sum);
    return "$" + body + tail;
}

// The NMEA a GPS at 48.1173 N, 11.516667 E (3D, 545.4 m) sends each second.
std::string nmea_second(int i)
{
    char t[16];
    std::snprintf(t, sizeof t, "1235%02d.00", i % 60);
    return nmea(std::string("GPGGA,") + t + ",4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,") +
           nmea(std::string("GPRMC,") + t + ",A,4807.038,N,01131.000,E,5.0,84.4,010126,,,A") +
           nmea("GPGSA,A,3,04,05,,09,12,,,24,,,,,2.5,1.3,2.1");
}

// Polls `get` until `ok` holds for its JSON, up to `seconds`.
Value wait_for(const ServerProcess& s, const std::string& uri, const std::function<bool(const Value&)>& ok,
               int seconds, const char* what)
{
    Value v;
    for (int i = 0; i < seconds * 10; ++i) {
        const HttpResult r = s.get(uri);
        if (r.status == 200) {
            v = json_of(r);
            if (ok(v)) return v;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO("server output: " << s.output());
    FAIL("timed out waiting for " << what << "; last " << uri << ": " << s.get(uri).body);
    return v;
}

bool valid(const Value& location) { return location.find("kismet.common.location.valid")->as_uint() == 1; }
double lat(const Value& location) { return field(location, "kismet.common.location.geopoint").at(1).as_double(); }

// A TCP port nothing listens on (bound and released at once).
int free_port()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

// gpsfake (and the gpsd it starts) in a process group of their own, ended by
// that group's id.
class GpsFake {
public:
    GpsFake(const std::string& log, int port)
    {
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            setpgid(0, 0);
            const int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            const std::string p = std::to_string(port);
            execlp("gpsfake", "gpsfake", "-q", "-n", "-c", "0.2", "-P", p.c_str(), log.c_str(), nullptr);
            _exit(127);
        }
        setpgid(pid_, pid_);
    }
    ~GpsFake() { stop(); }
    void stop()
    {
        if (pid_ <= 0) return;
        kill(-pid_, SIGTERM);
        for (int i = 0; i < 50 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

} // namespace

TEST_CASE("a virtual GPS: /gps/location, all_gps, drivers; sim devices and alerts carry its location")
{
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw", "gps=virtual:lat=47.5,lon=-122.25,alt=30"},
                    {"-c", "sim:name=lab,seed=3,aps=2,clients=3,rate=max,frames=2000"}};

    const Value loc = json_of(s.get("/gps/location.json"));
    // Both vintages of client: current Kismet's geopoint [lon, lat] and fix,
    // the 2018 API's lat, lon and valid.
    CHECK(field(loc, "kismet.common.location.geopoint").at(0).as_double() == -122.25);
    CHECK(lat(loc) == 47.5);
    CHECK(real(loc, "kismet.common.location.alt") == 30);
    CHECK(num(loc, "kismet.common.location.fix") == 3);
    CHECK(real(loc, "kismet.common.location.lat") == 47.5);
    CHECK(real(loc, "kismet.common.location.lon") == -122.25);
    CHECK(valid(loc));
    CHECK(num(loc, "kismet.common.location.time_sec") > 1'600'000'000);
    CHECK(str(loc, "kismet.common.location.gps_uuid").size() == 36);
    // Every serialization.
    CHECK(s.get("/gps/location.ekjson").body.find("\"kismet.common.location.geopoint\":[-122.25,47.5]") !=
          std::string::npos);
    CHECK(s.get("/gps/location.prettyjson").status == 200);
    CHECK(s.get("/gps/location.itjson").status == 200);

    const Value all = json_of(s.get("/gps/all_gps.json"));
    REQUIRE(all.size() == 1);
    CHECK(str(all.at(0), "kismet.gps.name") == "virtual");
    CHECK(num(all.at(0), "kismet.gps.connected") == 1);
    CHECK(str(all.at(0), "kismet.gps.definition") == "virtual:lat=47.5,lon=-122.25,alt=30");
    CHECK(str(field(all.at(0), "kismet.gps.type"), "kismet.gps.type.class") == "virtual");
    CHECK(lat(field(all.at(0), "kismet.gps.location")) == 47.5);
    const std::string ek = s.get("/gps/all_gps.ekjson").body; // one object per line
    CHECK(ek.front() == '{');
    CHECK(ek.find("\"kismet.gps.uuid\"") != std::string::npos);

    const Value drivers = json_of(s.get("/gps/drivers.json"));
    std::vector<std::string> names;
    for (std::size_t i = 0; i < drivers.size(); ++i) names.push_back(str(drivers.at(i), "kismet.gps.type.class"));
    CHECK(names == std::vector<std::string>{"gpsd", "serial", "tcp", "virtual", "web"});

    // Every device the sim made has Kismet's location record.
    const Value devices = wait_for(
        s, "/devices/last-time/0/devices.json", [](const Value& v) { return v.size() >= 5; }, 30, "sim devices");
    std::size_t located = 0;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const Value* where = devices.at(i).find("kismet.device.base.location");
        if (!where) continue;
        ++located;
        CHECK(lat(field(*where, "kismet.common.location.last")) == 47.5);
        CHECK(lat(field(*where, "kismet.common.location.avg_loc")) == doctest::Approx(47.5));
        CHECK(num(*where, "kismet.common.location.loc_fix") == 3);
        CHECK(real(field(*where, "kismet.common.location.max_loc"), "kismet.common.location.alt") == 30);
    }
    CHECK(located > 0);
    // A field query reaches into the record.
    const Value picked = json_of(post_command(
        s, "/devices/last-time/0/devices.json",
        R"({"fields": [["kismet.device.base.location/kismet.common.location.avg_loc/kismet.common.location.geopoint", "where"]]})",
        {{"Authorization", basic_auth("tester", "pw")}}));
    bool any = false;
    for (std::size_t i = 0; i < picked.size(); ++i)
        // A device without a location gets 0 for the path, as in Kismet.
        if (const Value* w = picked.at(i).find("where"); w && w->kind() == Value::Kind::Array)
            any = any || w->at(1).as_double() > 47;
    CHECK(any);

    // An alert raised over REST is where the server is.
    const auto auth = std::map<std::string, std::string>{{"Authorization", basic_auth("tester", "pw")}};
    REQUIRE(post_command(s, "/alerts/definitions/define_alert.cmd",
                         R"({"name": "GPSALERT", "description": "d", "throttle": "10/min", "burst": "5/sec"})", auth)
                .status == 200);
    const HttpResult raised = post_command(s, "/alerts/raise_alert.cmd", R"({"name": "GPSALERT", "text": "here"})", auth);
    REQUIRE(raised.status == 200);
    const Value alert_location = field(json_of(raised), "kismet.alert.location");
    CHECK(lat(alert_location) == 47.5);
    CHECK(num(alert_location, "kismet.common.location.fix") == 3);
}

TEST_CASE("no GPS: /gps/location is Kismet's empty record; alerts have [0, 0]; web update is 404")
{
    ServerProcess s{kLogin};
    const Value loc = json_of(s.get("/gps/location.json"));
    CHECK(field(loc, "kismet.common.location.geopoint").at(0).as_double() == 0);
    CHECK(num(loc, "kismet.common.location.valid") == 0);
    CHECK(loc.find("kismet.common.location.fix") == nullptr);
    CHECK(json_of(s.get("/gps/all_gps.json")).size() == 0);
    const HttpResult web = post_command(s, "/gps/web/update.cmd", R"({"lat": 1, "lon": 2})",
                                        {{"Authorization", basic_auth("tester", "pw")}});
    CHECK(web.status == 404);
    CHECK(web.body.find("gps=web") != std::string::npos);
}

TEST_CASE("the web GPS: a browser's update needs the login; a bad one is refused")
{
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw", "gps=web"}};
    const auto auth = std::map<std::string, std::string>{{"Authorization", basic_auth("tester", "pw")}};
    CHECK(num(json_of(s.get("/gps/location.json")), "kismet.common.location.valid") == 0);

    CHECK(s.anonymous("POST", "/gps/web/update.cmd", json_form(R"({"lat": 10, "lon": 20})")).status == 401);
    CHECK(num(json_of(s.get("/gps/location.json")), "kismet.common.location.valid") == 0);

    CHECK(post_command(s, "/gps/web/update.cmd", R"({"lon": 20})", auth).status == 400);
    CHECK(post_command(s, "/gps/web/update.cmd", R"({"lat": "ten", "lon": 20})", auth).status == 400);
    CHECK(post_command(s, "/gps/web/update.cmd", R"({"lat": 100, "lon": 20})", auth).status == 400);

    const HttpResult ok = post_command(s, "/gps/web/update.cmd", R"({"lat": 10, "lon": 20, "alt": 5, "spd": 3})", auth);
    REQUIRE(ok.status == 200);
    const Value loc = json_of(s.get("/gps/location.json"));
    CHECK(valid(loc));
    CHECK(lat(loc) == 10);
    CHECK(num(loc, "kismet.common.location.fix") == 3);
    CHECK(real(loc, "kismet.common.location.speed") == 3);
    CHECK(num(json_of(s.get("/gps/all_gps.json")).at(0), "kismet.gps.connected") == 1);
}

TEST_CASE("bad gps= lines and an unreachable gpsd: clear errors, and the server keeps running")
{
    const int port = free_port();
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw", "gps=nosuch:host=x", "gps=virtual:lat=95,lon=1",
                     "gps=gpsd:host=127.0.0.1,port=" + std::to_string(port)}};
    wait_for(s, "/gps/all_gps.json", [](const Value& v) { return v.size() == 1; }, 10, "the gpsd instance");
    for (int i = 0; i < 100 && s.output().find("cannot reach gpsd") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string out = s.output();
    CHECK(out.find("Cannot add GPS 'nosuch:host=x': unknown GPS type 'nosuch'") != std::string::npos);
    CHECK(out.find("lat=95 is not a number from -90") != std::string::npos);
    CHECK(out.find("cannot reach gpsd 127.0.0.1:" + std::to_string(port) + ": Connection refused; retrying") !=
          std::string::npos);
    const Value gpsd = json_of(s.get("/gps/all_gps.json")).at(0);
    CHECK(num(gpsd, "kismet.gps.connected") == 0);
    CHECK(num(json_of(s.get("/gps/location.json")), "kismet.common.location.valid") == 0);
    CHECK(s.get("/system/status.json").status == 200);

    // The same through /gps/add_gps.cmd: a 400 naming the problem.
    const auto auth = std::map<std::string, std::string>{{"Authorization", basic_auth("tester", "pw")}};
    const HttpResult bad = post_command(s, "/gps/add_gps.cmd", R"({"definition": "nosuch"})", auth);
    CHECK(bad.status == 400);
    CHECK(bad.body.find("unknown GPS type") != std::string::npos);
    CHECK(s.anonymous("POST", "/gps/add_gps.cmd", json_form(R"({"definition": "web"})")).status == 401);
    CHECK(post_command(s, "/gps/add_gps.cmd", R"({"definition": "virtual:lat=1,lon=2"})", auth).status == 200);
    CHECK(lat(json_of(s.get("/gps/location.json"))) == 1);
}

TEST_CASE("a serial GPS on a pseudo-terminal: NMEA in, the fix out; garbage is reported, not fatal")
{
    int master = -1, slave = -1;
    char name[128] = {};
    REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
    std::atomic<bool> done{false};
    std::thread feeder([&] {
        for (int i = 0; !done; ++i) {
            std::string data = nmea_second(i);
            if (i == 1) data += "$GPGGA,garbage,with,a,bad,checksum*00\r\n";
            (void)!write(master, data.data(), data.size());
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    {
        ServerProcess s{{"httpd_username=tester", "httpd_password=pw",
                         std::string("gps=serial:device=") + name + ",baud=9600,name=usb"}};
        const Value loc = wait_for(s, "/gps/location.json", valid, 20, "a fix from the serial GPS");
        CHECK(lat(loc) == doctest::Approx(48.1173));
        CHECK(real(loc, "kismet.common.location.alt") == doctest::Approx(545.4));
        CHECK(real(loc, "kismet.common.location.speed") == doctest::Approx(9.26));
        const Value gps = json_of(s.get("/gps/all_gps.json")).at(0);
        CHECK(str(gps, "kismet.gps.name") == "usb");
        CHECK(str(gps, "kismet.gps.description").find("9600 baud") != std::string::npos);
        for (int i = 0; i < 50 && s.output().find("ignoring a line") == std::string::npos; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        CHECK(s.output().find("GPS usb (serial): ignoring a line that is not NMEA (bad checksum)") != std::string::npos);
    }
    done = true;
    feeder.join();
    close(slave);
    close(master);
}

TEST_CASE("gpsd through gpsfake: absent at start, then a fix; it stops and comes back" * doctest::test_suite("needs-gpsd"))
{
    TempDir dir;
    const std::string log = (dir.path() / "drive.nmea").string();
    {
        std::ofstream out(log);
        for (int i = 0; i < 10; ++i) out << nmea_second(i);
    }
    const int port = free_port();
    ServerProcess s{{"httpd_username=tester", "httpd_password=pw",
                     "gps=gpsd:host=127.0.0.1,port=" + std::to_string(port)}};
    CHECK(num(json_of(s.get("/gps/location.json")), "kismet.common.location.valid") == 0);

    auto fake = std::make_unique<GpsFake>(log, port);
    Value loc = wait_for(s, "/gps/location.json", valid, 40, "a fix from gpsd");
    CHECK(lat(loc) == doctest::Approx(48.1173));
    CHECK(real(loc, "kismet.common.location.alt") == doctest::Approx(545.4));
    CHECK(num(loc, "kismet.common.location.fix") == 3);
    CHECK(num(json_of(s.get("/gps/all_gps.json")).at(0), "kismet.gps.connected") == 1);

    fake->stop();
    wait_for(s, "/gps/all_gps.json",
             [](const Value& v) { return v.at(0).find("kismet.gps.connected")->as_uint() == 0; }, 40, "gpsd lost");
    CHECK(num(json_of(s.get("/gps/location.json")), "kismet.common.location.valid") == 0);
    CHECK(s.output().find("lost gpsd 127.0.0.1:" + std::to_string(port)) != std::string::npos);

    fake = std::make_unique<GpsFake>(log, port);
    loc = wait_for(s, "/gps/location.json", valid, 60, "the fix after gpsd came back");
    CHECK(lat(loc) == doctest::Approx(48.1173));
}
