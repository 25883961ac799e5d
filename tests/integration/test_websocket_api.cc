// Websockets against the real server: the handshake and its login, Kismet's
// event bus (/eventbus/events.ws) with the core's topics, and the limits
// that keep a slow, flooding or vanished client from hurting anyone else.
#include "rest_helpers.h"
#include "server_process.h"
#include "websocket_client.h"

#include "http/websocket_frames.h"

#include <doctest/doctest.h>

#include <csignal>
#include <thread>

using airsight::Value;
using namespace airsight::test;
namespace ws = airsight::core::websocket;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }
// The upgrade headers with the login.
std::map<std::string, std::string> upgrade_with_login();
const std::map<std::string, std::string> kUpgrade{{"Upgrade", "websocket"},
                                                  {"Connection", "Upgrade"},
                                                  {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                                  {"Sec-WebSocket-Version", "13"}};
constexpr std::array<std::uint8_t, 4> kMask{1, 2, 3, 4};

std::map<std::string, std::string> upgrade_with_login()
{
    auto headers = kUpgrade;
    headers["Authorization"] = basic_auth("tester", "pw");
    return headers;
}

std::string text_frame(const std::string& text) { return ws::encode_client_frame(ws::Opcode::Text, text, kMask); }

std::uint64_t total_packets(const ServerProcess& s)
{
    return num(json_of(s.get("/packetchain/packet_stats.json")), "airsight.packetchain.processed");
}

bool messages_mention(const ServerProcess& s, const std::string& text)
{
    return s.get("/messagebus/all_messages.json").body.find(text) != std::string::npos;
}

} // namespace

TEST_CASE("websocket: the upgrade needs the login, as every route; cookie, Basic and user/password work")
{
    ServerProcess server(kLogin);
    // No login: 401 before any upgrade.
    HttpResult refused = server.anonymous("GET", "/eventbus/events.ws", "", kUpgrade);
    CHECK(refused.status == 401);
    // A plain GET of a websocket route: 426, naming what it needs.
    HttpResult plain = server.get("/eventbus/events.ws", auth());
    CHECK(plain.status == 426);
    CHECK(str(json_of(plain), "error").find("Upgrade: websocket") != std::string::npos);
    // An upgrade without a key: 400.
    // (ServerProcess's client sends its own Connection header: the handshake is incomplete.)
    CHECK(server.get("/eventbus/events.ws", upgrade_with_login()).status == 400);

    SUBCASE("Basic")
    {
        PocoWebSocket socket(server.port(), "/eventbus/events.ws", auth());
        CHECK(socket.response().getStatus() == 101);
    }
    SUBCASE("the KISMET session cookie")
    {
        const HttpResult login = server.get("/session/check_session", auth());
        const std::string cookie = login.header("set-cookie");
        REQUIRE(cookie.rfind("KISMET=", 0) == 0);
        PocoWebSocket socket(server.port(), "/eventbus/events.ws", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
        socket.send(R"({"SUBSCRIBE": "TIMESTAMP"})");
        CHECK(socket.wait_for_topic("TIMESTAMP"));
    }
    SUBCASE("Kismet's user= and password= parameters")
    {
        PocoWebSocket socket(server.port(), "/eventbus/events.ws?user=tester&password=pw", {});
        socket.send(R"({"SUBSCRIBE": "TIMESTAMP"})");
        CHECK(socket.wait_for_topic("TIMESTAMP"));
        CHECK_THROWS(PocoWebSocket(server.port(), "/eventbus/events.ws?user=tester&password=wrong", {}));
    }
}

TEST_CASE("event bus: TIMESTAMP, MESSAGE and ALERT as Kismet shapes them; fields; UNSUBSCRIBE")
{
    ServerProcess server(kLogin);
    PocoWebSocket socket(server.port(), "/eventbus/events.ws", auth());

    socket.send(R"({"SUBSCRIBE": "TIMESTAMP"})");
    const auto tick = socket.wait_for_topic("TIMESTAMP");
    REQUIRE(tick);
    const Value& ts = *tick->find("TIMESTAMP");
    CHECK(num(ts, "kismet.system.timestamp.sec") > 1'600'000'000u);
    CHECK(ts.find("kismet.system.timestamp.usec"));

    // UNSUBSCRIBE stops them: at most one already on its way, then none.
    socket.send(R"({"UNSUBSCRIBE": "TIMESTAMP"})");
    (void)socket.next(std::chrono::milliseconds(1200));
    socket.forget();
    CHECK_FALSE(socket.next(std::chrono::milliseconds(2500)));

    // MESSAGE with a field spec, ALERT whole; an alert raised over REST posts both.
    socket.send(R"({"SUBSCRIBE": "MESSAGE", "fields": ["kismet.messagebus.message_string"]})");
    socket.send(R"({"SUBSCRIBE": "ALERT"})");
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the subscriptions are in
    REQUIRE(post_command(server, "/alerts/definitions/define_alert.cmd",
                         R"({"name": "WSTEST", "description": "websocket test", "throttle": "10/min", "burst": "5/sec",
                            "class": "SPOOF", "severity": 15, "phyname": "IEEE802.11"})",
                         auth()).status == 200);
    REQUIRE(post_command(server, "/alerts/raise_alert.cmd", R"({"name": "WSTEST", "text": "hello over the bus"})",
                         auth()).status == 200);
    const auto alert = socket.wait_for_topic("ALERT");
    REQUIRE(alert);
    CHECK(str(*alert->find("ALERT"), "kismet.alert.header") == "WSTEST");
    CHECK(str(*alert->find("ALERT"), "kismet.alert.text") == "hello over the bus");
    const auto message = socket.wait_for([](const Value& v) {
        const Value* m = v.find("MESSAGE");
        return m && m->find("kismet.messagebus.message_string") &&
               str(*m, "kismet.messagebus.message_string").find("hello over the bus") != std::string::npos;
    });
    REQUIRE(message);
    const Value& m = *message->find("MESSAGE");
    CHECK(m.size() == 1); // the field spec: only the string
}

TEST_CASE("event bus: a malformed message gets an error and the websocket stays usable")
{
    ServerProcess server(kLogin);
    PocoWebSocket socket(server.port(), "/eventbus/events.ws", auth());
    auto error_of = [&](const std::string& sent) {
        socket.send(sent);
        const auto reply = socket.wait_for([](const Value& v) { return v.find("error") != nullptr; });
        REQUIRE(reply);
        return str(*reply, "error");
    };
    CHECK(error_of("{not json").find("malformed JSON") != std::string::npos);
    CHECK(error_of("[1, 2]").find("JSON object") != std::string::npos);
    CHECK(error_of(R"({"SUBSCRIBE": "NO_SUCH_TOPIC"})").find("unknown topic 'NO_SUCH_TOPIC'") != std::string::npos);
    CHECK(error_of(R"({"SUBSCRIBE": 7})").find("topic name") != std::string::npos);
    CHECK(error_of(R"({"SUBSCRIBE": "MESSAGE", "fields": "nope"})").find("field spec") != std::string::npos);
    CHECK(error_of(R"({"HELLO": 1})").find("SUBSCRIBE") != std::string::npos);
    socket.send(R"({"SUBSCRIBE": "TIMESTAMP"})");
    CHECK(socket.wait_for_topic("TIMESTAMP"));
    CHECK(json_of(server.get("/eventbus/topics.json", auth())).find("DATASOURCE_OPENED"));
}

TEST_CASE("event bus: NEW_DEVICE and DATASOURCE_OPENED / CLOSED from a sim source")
{
    ServerProcess server(kLogin);
    PocoWebSocket socket(server.port(), "/eventbus/events.ws", auth());
    socket.send(R"({"SUBSCRIBE": "NEW_DEVICE", "fields": ["kismet.device.base.macaddr", "kismet.device.base.phyname"]})");
    socket.send(R"({"SUBSCRIBE": "DATASOURCE_OPENED"})");
    socket.send(R"({"SUBSCRIBE": "DATASOURCE_CLOSED"})");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const HttpResult added =
        post_command(server, "/datasource/add_source.cmd", R"({"definition": "sim:name=lab,seed=3,aps=4,clients=6"})", auth());
    REQUIRE(added.status == 200);
    const std::string uuid = str(json_of(added), "kismet.datasource.uuid");

    const auto opened = socket.wait_for_topic("DATASOURCE_OPENED");
    REQUIRE(opened);
    CHECK(opened->find("DATASOURCE_OPENED")->as_string() == uuid);
    const auto device = socket.wait_for_topic("NEW_DEVICE");
    REQUIRE(device);
    const Value& record = *device->find("NEW_DEVICE");
    CHECK(record.size() == 2);
    CHECK(str(record, "kismet.device.base.macaddr").size() == 17);
    CHECK(str(record, "kismet.device.base.phyname") != "");

    REQUIRE(post_command(server, "/datasource/by-uuid/" + uuid + "/close_source.cmd", "{}", auth()).status == 200);
    const auto closed = socket.wait_for_topic("DATASOURCE_CLOSED");
    REQUIRE(closed);
    CHECK(closed->find("DATASOURCE_CLOSED")->as_string() == uuid);
}

TEST_CASE("event bus: the dot11 topics: new advertised, responded and probed SSIDs, WPA handshake frames")
{
    ServerProcess server(kLogin);
    const Value topics = json_of(server.get("/eventbus/topics.json", auth()));
    for (const char* t : {"DOT11_ADVERTISED_SSID", "DOT11_RESPONSE_SSID", "DOT11_PROBED_SSID", "DOT11_WPA_HANDSHAKE"}) {
        CAPTURE(t);
        CHECK(topics.find(t) != nullptr);
    }
    PocoWebSocket socket(server.port(), "/eventbus/events.ws", auth());
    for (const char* t : {"DOT11_ADVERTISED_SSID", "DOT11_RESPONSE_SSID", "DOT11_PROBED_SSID", "DOT11_WPA_HANDSHAKE"})
        socket.send(std::string(R"({"SUBSCRIBE": ")") + t + "\"}");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // The sim's clients scan (probe requests and responses) and join WPA2 APs (4-way handshakes).
    REQUIRE(post_command(server, "/datasource/add_source.cmd", R"({"definition": "sim:name=lab,seed=5,aps=10,clients=20"})",
                         auth()).status == 200);

    // Each event: the device's whole record and the SSID's record, under Kismet's content names.
    const auto check_ssid_event = [&](const char* topic, const char* ssid_field) {
        CAPTURE(topic);
        const auto event = socket.wait_for_topic(topic, std::chrono::seconds(30));
        REQUIRE(event);
        const Value* device = event->find("DOT11_NEW_SSID_BASEDEV");
        REQUIRE(device);
        CHECK(str(*device, "kismet.device.base.phyname") == "IEEE802.11");
        CHECK(device->find("dot11.device") != nullptr);
        const std::string ssid = str(*event->find(topic), ssid_field);
        // The device's record as REST serves it names the same SSID (a cloaked one is "").
        const std::string key = str(*device, "kismet.device.base.key");
        const HttpResult served = server.get("/devices/by-key/" + key + "/device.json", auth());
        REQUIRE(served.status == 200);
        CHECK(served.body.find("\"" + std::string(ssid_field) + "\":\"" + ssid + "\"") != std::string::npos);
    };
    check_ssid_event("DOT11_ADVERTISED_SSID", "dot11.advertisedssid.ssid");
    check_ssid_event("DOT11_RESPONSE_SSID", "dot11.advertisedssid.ssid");
    check_ssid_event("DOT11_PROBED_SSID", "dot11.probedssid.ssid");

    // Kismet's handshake content has no key named after the topic.
    const auto handshake = socket.wait_for([](const Value& v) { return v.find("DOT11_WPA_HANDSHAKE_DOT11") != nullptr; },
                                           std::chrono::seconds(30));
    REQUIRE(handshake);
    const Value* ap = handshake->find("DOT11_WPA_HANDSHAKE_BASEDEV");
    REQUIRE(ap);
    const Value* dot11 = handshake->find("DOT11_WPA_HANDSHAKE_DOT11");
    REQUIRE(dot11);
    const Value* frames = dot11->find("dot11.device.wpa_handshake_list");
    REQUIRE(frames);
    CHECK(frames->size() >= 1);
    CHECK(str(*ap, "kismet.device.base.phyname") == "IEEE802.11");
}

TEST_CASE("websocket: a client that does not read is closed; the others and the ingest go on")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_websocket_queue=65536"});
    // The stalled client: a tiny receive window, huge events (whole device records), never read.
    RawWebSocket stalled(server.port(), "/eventbus/events.ws", basic_auth("tester", "pw"), 4096);
    REQUIRE(stalled.head().find("101") != std::string::npos);
    stalled.send_bytes(text_frame(R"({"SUBSCRIBE": "NEW_DEVICE"})") + text_frame(R"({"SUBSCRIBE": "MESSAGE"})"));
    PocoWebSocket reader(server.port(), "/eventbus/events.ws", auth());
    reader.send(R"({"SUBSCRIBE": "TIMESTAMP"})");
    REQUIRE(reader.wait_for_topic("TIMESTAMP")); // both subscribed by now
    REQUIRE(post_command(server, "/datasource/add_source.cmd",
                         R"({"definition": "sim:name=busy,seed=5,aps=150,clients=1500,rate=max"})", auth())
                .status == 200);

    const std::uint64_t before = total_packets(server);
    bool closed_for_it = false;
    for (int i = 0; i < 60 && !closed_for_it; ++i) {
        CHECK(reader.wait_for_topic("TIMESTAMP", std::chrono::seconds(3)));
        closed_for_it = messages_mention(server, "send queue full");
    }
    CHECK(closed_for_it);
    CHECK(total_packets(server) > before);
    CHECK(reader.wait_for_topic("TIMESTAMP", std::chrono::seconds(3)));
}

TEST_CASE("websocket: floods, oversize and unmasked frames are closed with a reason; REST goes on")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_websocket_max_message=1024"});
    const std::string login = basic_auth("tester", "pw");

    SUBCASE("a flood of messages: 1008")
    {
        RawWebSocket flood(server.port(), "/eventbus/events.ws", login);
        std::string burst;
        for (int i = 0; i < 400; ++i) burst += text_frame(R"({"UNSUBSCRIBE": "TIMESTAMP"})");
        flood.send_bytes(burst);
        const auto close = flood.until_close();
        CHECK(close.opcode == 0x8);
        CHECK(close.close_code() == 1008);
        CHECK(close.close_reason().find("too many messages") != std::string::npos);
    }
    SUBCASE("a frame over httpd_websocket_max_message: 1009")
    {
        RawWebSocket big(server.port(), "/eventbus/events.ws", login);
        big.send_bytes(text_frame(std::string(2000, ' ')));
        const auto close = big.until_close();
        CHECK(close.close_code() == 1009);
    }
    SUBCASE("an unmasked frame: 1002")
    {
        RawWebSocket unmasked(server.port(), "/eventbus/events.ws", login);
        unmasked.send_bytes(ws::encode_frame(ws::Opcode::Text, R"({"SUBSCRIBE": "TIMESTAMP"})"));
        CHECK(unmasked.until_close().close_code() == 1002);
    }
    SUBCASE("fragments and pings are answered")
    {
        RawWebSocket client(server.port(), "/eventbus/events.ws", login);
        client.send_bytes(ws::encode_client_frame(ws::Opcode::Text, R"({"SUBSCRIBE": )", kMask, false) +
                          ws::encode_client_frame(ws::Opcode::Ping, "are you there", kMask) +
                          ws::encode_client_frame(ws::Opcode::Continuation, R"("TIMESTAMP"})", kMask));
        const auto pong = client.next_frame();
        CHECK(pong.opcode == 0xA);
        CHECK(pong.payload == "are you there");
        const auto event = client.next_frame();
        CHECK(event.opcode == 0x1);
        CHECK(event.payload.find("TIMESTAMP") != std::string::npos);
        // The close handshake: the server answers with the same code.
        client.send_bytes(ws::encode_client_frame(ws::Opcode::Close, ws::close_payload(1000, "bye"), kMask));
        CHECK(client.until_close().close_code() == 1000);
    }
    CHECK(server.get("/system/status.json", auth()).status == 200);
}

TEST_CASE("websocket: at most httpd_max_websockets are open; server stop closes them with 1001")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_max_websockets=2"});
    const std::string login = basic_auth("tester", "pw");
    RawWebSocket a(server.port(), "/eventbus/events.ws", login);
    RawWebSocket b(server.port(), "/eventbus/events.ws", login);
    CHECK(a.head().find(" 101 ") != std::string::npos);
    CHECK(b.head().find(" 101 ") != std::string::npos);
    RawWebSocket full(server.port(), "/eventbus/events.ws", login);
    CHECK(full.head().find(" 503 ") != std::string::npos);
    CHECK(full.pending().find("httpd_max_websockets") != std::string::npos);

    CHECK(server.stop(SIGTERM, 20'000) == 0);
    const auto close = a.until_close();
    CHECK(close.opcode == 0x8);
    CHECK(close.close_code() == 1001);
}

TEST_CASE("device monitor: changed devices at the rate, summarised by fields; cancel stops them")
{
    ServerProcess server(kLogin, {"-c", "sim:name=lab,seed=9,aps=3,clients=4"});
    PocoWebSocket socket(server.port(), "/devices/monitor.ws", auth());
    socket.send(R"({"monitor": "*", "request": 7, "rate": 1, "fields": ["kismet.device.base.macaddr", "kismet.device.base.key"]})");
    const auto first = socket.wait_for([](const Value& v) { return v.find("kismet.device.base.macaddr") != nullptr; },
                                       std::chrono::seconds(15));
    REQUIRE(first);
    CHECK(first->size() == 2);
    const std::string key = str(*first, "kismet.device.base.key");

    // One device by key, at its rate, after the "*" request is cancelled.
    socket.send(R"({"cancel": 7})");
    socket.send(R"({"monitor": ")" + key + R"(", "request": 8, "rate": 1, "fields": ["kismet.device.base.key"]})");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // what "*" had queued is drained below
    bool only_that_one = true;
    int received = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
    while (std::chrono::steady_clock::now() < until)
        if (auto text = socket.next(std::chrono::milliseconds(500))) {
            const Value v = airsight::core::parse_json(*text);
            if (v.size() == 1 && str(v, "kismet.device.base.key") == key) ++received;
            else if (v.size() == 1) only_that_one = false;
        }
    CHECK(received >= 1);
    CHECK(only_that_one);

    socket.send(R"({"cancel": 8})");
    (void)socket.next(std::chrono::milliseconds(1500));
    CHECK_FALSE(socket.next(std::chrono::milliseconds(2500)));

    // Errors keep the websocket open.
    socket.send(R"({"monitor": "not-a-device", "request": 9})");
    const auto error = socket.wait_for([](const Value& v) { return v.find("error") != nullptr; });
    REQUIRE(error);
    CHECK(str(*error, "error").find("invalid device reference") != std::string::npos);
    socket.send(R"({"monitor": "*", "request": "x"})");
    CHECK(socket.wait_for([](const Value& v) { return v.find("error") != nullptr; }));

    // A view's monitor only knows that view; an unknown view is 404 before the upgrade.
    RawWebSocket no_view(server.port(), "/devices/views/nosuchview/monitor.ws", basic_auth("tester", "pw"));
    CHECK(no_view.head().find(" 404 ") != std::string::npos);
    PocoWebSocket view(server.port(), "/devices/views/all/monitor.ws", auth());
    view.send(R"({"monitor": "*", "request": 1, "rate": 1, "fields": ["kismet.device.base.key"]})");
    CHECK(view.wait_for([](const Value& v) { return v.find("kismet.device.base.key") != nullptr; },
                        std::chrono::seconds(10)));
}
