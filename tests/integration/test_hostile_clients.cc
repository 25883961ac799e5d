// The HTTP front end against hostile and odd clients, over real sockets to
// the real server: dribbled heads, idle keep-alive crowds, missing or absurd
// body lengths, bad versions, pipelining, chunked bodies both ways.
#include "raw_http_client.h"
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <thread>
#include <vector>

using namespace airsight::test;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=s3cret#pw"};
const std::string kAuth = "Authorization: " + basic_auth("tester", "s3cret#pw") + "\r\n";

long ms_since(Clock::time_point start)
{
    return static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
}

void raise_own_fd_limit()
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
}

// A GET as real clients send it: with the login (every route needs it).
std::string get(const std::string& uri, const std::string& extra = "")
{
    return "GET " + uri + " HTTP/1.1\r\nHost: test\r\n" + kAuth + extra + "\r\n";
}

std::vector<std::string> with_login(std::vector<std::string> lines)
{
    lines.insert(lines.end(), kLogin.begin(), kLogin.end());
    return lines;
}

// One request on a fresh connection.
RawResponse ask(const ServerProcess& s, const std::string& request, bool head_request = false)
{
    RawHttpClient c(s.port());
    REQUIRE(c.send(request));
    return c.read_response(seconds(20), head_request);
}

std::string error_of(const RawResponse& r)
{
    INFO("body: " << r.body);
    const airsight::Value v = airsight::core::parse_json(r.body);
    REQUIRE(v.find("error") != nullptr);
    return v.find("error")->as_string();
}

// A form POST to the hello plugin's echo command.
std::string echo_post(const std::string& text)
{
    const std::string body = "json={\"text\":\"" + text + "\"}";
    return "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth +
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
}

} // namespace

TEST_CASE("1,000 dribbling sockets and idle keep-alive clients leave a normal client answered")
{
    raise_own_fd_limit();
    // A per-address cap above 1,000 keeps every dribbler open: what is tested
    // is that they hold no worker (the cap itself is tested below).
    std::vector<std::string> config = kLogin;
    config.push_back("httpd_max_connections_per_address=2000");
    ServerProcess server(config);

    // Idle keep-alive clients: one answered request each, then silence.
    std::vector<std::unique_ptr<RawHttpClient>> idle;
    for (int i = 0; i < 40; ++i) {
        idle.push_back(std::make_unique<RawHttpClient>(server.port()));
        REQUIRE(idle.back()->send(get("/system/timestamp.json")));
        REQUIRE(idle.back()->read_response().status == 200);
    }
    // 1,000 sockets from one other address that never finish their heads.
    std::vector<std::unique_ptr<RawHttpClient>> dribblers;
    for (int i = 0; i < 1000; ++i) {
        dribblers.push_back(std::make_unique<RawHttpClient>(server.port(), "127.0.0.2"));
        dribblers.back()->send("GET /system/status.json HTTP/1.1\r\nX-Slow: ");
    }
    // Keep them dribbling one byte per second while the normal client asks.
    std::atomic<bool> done{false};
    std::atomic<int> refused_bytes{0}; // a dribbler the server closed would make this test prove nothing
    std::thread dribble([&] {
        while (!done) {
            for (auto& d : dribblers)
                if (!d->send("a")) ++refused_bytes;
            for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(milliseconds(100));
        }
    });
    std::this_thread::sleep_for(milliseconds(1500));

    long worst = 0;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        const HttpResult r = server.get("/system/status.json");
        const long ms = ms_since(start);
        worst = std::max(worst, ms);
        CHECK(r.status == 200);
    }
    // A normal client from the dribblers' own address is answered too.
    const auto start = Clock::now();
    RawHttpClient neighbour(server.port(), "127.0.0.2");
    REQUIRE(neighbour.send(get("/system/status.json")));
    CHECK(neighbour.read_response(seconds(10)).status == 200);
    const long neighbour_ms = ms_since(start);
    done = true;
    dribble.join();
    CHECK(refused_bytes == 0);
    CHECK_FALSE(dribblers.front()->closed_within(milliseconds(0)));
    CHECK_FALSE(dribblers.back()->closed_within(milliseconds(0)));
    MESSAGE("with 1000 dribbling + 40 idle sockets open: GET /system/status.json worst of 5 took "
            << worst << " ms; from the dribblers' address " << neighbour_ms << " ms");
    CHECK(worst < 5000);
    CHECK(neighbour_ms < 5000);
    // The idle keep-alive clients are still served on their connections.
    REQUIRE(idle.front()->send(get("/system/timestamp.json")));
    CHECK(idle.front()->read_response().status == 200);
}

TEST_CASE("over the per-address cap, the oldest waiting connection of that address makes room")
{
    ServerProcess server(with_login({"httpd_max_connections_per_address=10"}));
    std::vector<std::unique_ptr<RawHttpClient>> dribblers;
    for (int i = 0; i < 10; ++i) {
        dribblers.push_back(std::make_unique<RawHttpClient>(server.port(), "127.0.0.2"));
        REQUIRE(dribblers.back()->send("GET /system/status.json HTTP/1.1\r\nX-Slow: "));
        std::this_thread::sleep_for(milliseconds(20));
    }
    // Another address is not limited by them.
    CHECK(server.get("/system/timestamp.json").status == 200);
    // The same address: admitted, answered, and the oldest dribbler is gone.
    RawHttpClient newcomer(server.port(), "127.0.0.2");
    REQUIRE(newcomer.send(get("/system/timestamp.json")));
    CHECK(newcomer.read_response(seconds(10)).status == 200);
    CHECK(dribblers.front()->closed_within(seconds(10)));
    CHECK(!dribblers.back()->closed_within(milliseconds(300)));
}

TEST_CASE("a request head dribbled past the deadline is answered 408 at the deadline")
{
    ServerProcess server(with_login({"httpd_header_timeout=2"}));
    RawHttpClient c(server.port());
    const auto start = Clock::now();
    REQUIRE(c.send("GET /system/status.json HTTP/1.1\r\n"));
    // A byte every 200 ms: each one would restart a per-read timeout.
    std::atomic<bool> done{false};
    std::thread dribble([&] {
        while (!done && c.send("X")) std::this_thread::sleep_for(milliseconds(200));
    });
    RawResponse r;
    try {
        r = c.read_response(seconds(15));
    } catch (...) {
        done = true;
        dribble.join();
        throw;
    }
    const long ms = ms_since(start);
    done = true;
    dribble.join();
    MESSAGE("dribbled head answered after " << ms << " ms (deadline 2000 ms)");
    CHECK(r.status_line == "HTTP/1.1 408 Request Time-out");
    CHECK(error_of(r).find("httpd_header_timeout") != std::string::npos);
    CHECK(ms >= 1800);
    CHECK(ms < 8000);
    CHECK(c.closed_within(seconds(10)));
}

TEST_CASE("idle connections are closed after httpd_idle_timeout")
{
    ServerProcess server(with_login({"httpd_idle_timeout=1"}));
    RawHttpClient c(server.port());
    REQUIRE(c.send(get("/system/timestamp.json")));
    CHECK(c.read_response().status == 200);
    const auto start = Clock::now();
    CHECK(c.closed_within(seconds(10)));
    CHECK(ms_since(start) >= 800);
}

TEST_CASE("request bodies: no length is 411 at once, an absurd length 413 with JSON")
{
    ServerProcess server(kLogin);
    {
        const auto start = Clock::now();
        const RawResponse r = ask(server, "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth + "\r\n");
        CHECK(r.status_line == "HTTP/1.1 411 Length Required");
        CHECK(error_of(r).find("Content-Length") != std::string::npos);
        CHECK(ms_since(start) < 5000);
    }
    {
        RawHttpClient c(server.port());
        REQUIRE(c.send("POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n"
                       "json=..."));
        const RawResponse r = c.read_response();
        CHECK(r.status == 413);
        CHECK(r.status_line.rfind("HTTP/1.1 413 ", 0) == 0);
        CHECK(r.header("content-type") == "application/json");
        CHECK(error_of(r).find("httpd_max_body") != std::string::npos);
        CHECK(r.header("connection") == "close");
    }
    {
        // A body just over the limit, sent whole: still a clean 413 the client can read.
        ServerProcess small({"httpd_max_body=2048"});
        RawHttpClient c(small.port());
        REQUIRE(c.send("POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
        c.send(std::string(100000, 'x'));
        CHECK(c.read_response().status == 413);
    }
}

TEST_CASE("bodies beyond httpd_body_budget get 503 until the bodies in progress are done")
{
    ServerProcess server(with_login({"httpd_max_body=1000000", "httpd_body_budget=2000000"}));
    // Two clients start bodies of the largest size and stall: together they
    // hold the whole budget, though each is within httpd_max_body.
    std::vector<std::unique_ptr<RawHttpClient>> stalled;
    for (int i = 0; i < 2; ++i) {
        stalled.push_back(std::make_unique<RawHttpClient>(server.port()));
        REQUIRE(stalled.back()->send("POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth +
                                     "Content-Type: application/x-www-form-urlencoded\r\n"
                                     "Content-Length: 1000000\r\n\r\njson="));
    }
    // A small body is refused once the server has read both heads.
    RawResponse refused;
    const auto deadline = Clock::now() + seconds(10);
    while (Clock::now() < deadline) {
        refused = ask(server, echo_post("small"));
        if (refused.status != 200) break;
        std::this_thread::sleep_for(milliseconds(50));
    }
    REQUIRE(refused.status == 503);
    CHECK(refused.status_line == "HTTP/1.1 503 Service Unavailable");
    CHECK(refused.header("content-type") == "application/json");
    CHECK(error_of(refused).find("httpd_body_budget") != std::string::npos);
    // Requests without a body hold nothing of it.
    CHECK(server.get("/system/timestamp.json").status == 200);
    // The operator is told.
    const HttpResult messages = server.get("/messagebus/all_messages.json");
    REQUIRE(messages.status == 200);
    CHECK(messages.body.find("httpd_body_budget") != std::string::npos);
    CHECK_FALSE(stalled.front()->closed_within(milliseconds(0)));

    // The stalled bodies give their share back when their connections close.
    stalled.clear();
    RawResponse later;
    const auto again = Clock::now() + seconds(10);
    while (Clock::now() < again) {
        later = ask(server, echo_post("later"));
        if (later.status == 200) break;
        std::this_thread::sleep_for(milliseconds(50));
    }
    CHECK(later.status == 200);
    CHECK(later.body.find("later") != std::string::npos);
}

TEST_CASE("status lines carry the right reason phrases")
{
    ServerProcess server(kLogin);
    CHECK(ask(server, "GARBAGE\r\n\r\n").status_line == "HTTP/1.1 400 Bad Request");
    CHECK(ask(server, "GET /session/check_session HTTP/1.1\r\nHost: t\r\n\r\n").status_line == "HTTP/1.1 401 Unauthorized");
    CHECK(ask(server, get("/no/such/thing.json")).status_line == "HTTP/1.1 404 Not Found");
    CHECK(ask(server, "POST /system/timestamp.json HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n").status_line ==
          "HTTP/1.1 405 Method Not Allowed");
    CHECK(ask(server, "POST /system/status.json HTTP/1.1\r\nHost: t\r\n\r\n").status_line ==
          "HTTP/1.1 411 Length Required");
    const RawResponse too_large =
        ask(server, "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\nContent-Length: 5000000\r\n\r\n");
    CHECK(too_large.status == 413);
    CHECK(too_large.status_line.find(" 413 Request ") != std::string::npos);
    CHECK(too_large.status_line.find("Too Large") != std::string::npos);
    const RawResponse bad_version = ask(server, "GET /system/status.json HTTP/9.9\r\nHost: t\r\n\r\n");
    CHECK(bad_version.status_line == "HTTP/1.1 505 HTTP Version Not Supported");
    CHECK(error_of(bad_version).find("9.9") != std::string::npos);
    CHECK(ask(server, "GET / HTTP/2.0\r\n\r\n").status == 505);
    CHECK(ask(server, "GET / HTTP/1.1\r\nBad Header\r\n\r\n").status_line == "HTTP/1.1 400 Bad Request");
    CHECK(ask(server, "GET / HTTP/1.1\r\nX: " + std::string(40000, 'a') + "\r\n\r\n").status == 431);
}

TEST_CASE("HTTP/1.0 is answered as 1.0 and closed; HEAD has headers only")
{
    ServerProcess server(kLogin);
    {
        RawHttpClient c(server.port());
        REQUIRE(c.send("GET /system/status.json HTTP/1.0\r\n" + kAuth + "\r\n"));
        const RawResponse r = c.read_response();
        CHECK(r.status_line == "HTTP/1.0 200 OK");
        CHECK(r.header("connection") == "close");
        CHECK(json_of(HttpResult{r.status, r.body, "", {}}).find("kismet.system.timestamp.sec") != nullptr);
        CHECK(c.closed_within(seconds(10)));
    }
    {
        RawHttpClient c(server.port());
        REQUIRE(c.send("GET /system/timestamp.json HTTP/1.0\r\nConnection: keep-alive\r\n" + kAuth + "\r\n"));
        const RawResponse r = c.read_response();
        CHECK(r.header("connection") == "keep-alive");
        REQUIRE(c.send("GET /system/timestamp.json HTTP/1.0\r\n" + kAuth + "\r\n"));
        CHECK(c.read_response().status_line == "HTTP/1.0 200 OK");
    }
    {
        const RawResponse get_reply = ask(server, get("/system/status.json"));
        RawHttpClient c(server.port());
        REQUIRE(c.send("HEAD /system/status.json HTTP/1.1\r\nHost: t\r\n" + kAuth + "\r\n"));
        const RawResponse head = c.read_response(seconds(20), true);
        CHECK(head.status == 200);
        CHECK(!head.header("content-length").empty());
        // Nothing follows the head: the next answer on the connection is the next request's.
        REQUIRE(c.send(get("/no/such")));
        CHECK(c.read_response().status == 404);
        CHECK(get_reply.status == 200);
    }
}

TEST_CASE("keep-alive connections are reused, and pipelined requests answered in order")
{
    ServerProcess server(kLogin);
    RawHttpClient c(server.port());
    for (int i = 0; i < 3; ++i) {
        REQUIRE(c.send(get("/system/timestamp.json")));
        CHECK(c.read_response().status == 200);
    }
    REQUIRE(c.send(get("/system/timestamp.json") + get("/no/such/one") +
                   "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth +
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 21\r\n\r\n"
                   "json={\"text\":\"piped\"}" +
                   get("/system/status.json")));
    CHECK(c.read_response().status == 200);
    CHECK(c.read_response().status == 404);
    const RawResponse echo = c.read_response();
    CHECK(echo.status == 200);
    CHECK(echo.body.find("piped") != std::string::npos);
    CHECK(c.read_response().status == 200);
    REQUIRE(c.send(get("/system/timestamp.json", "Connection: close\r\n")));
    const RawResponse last = c.read_response();
    CHECK(last.header("connection") == "close");
    CHECK(c.closed_within(seconds(10)));
}

TEST_CASE("Expect: 100-continue and chunked request bodies")
{
    ServerProcess server(kLogin);
    {
        RawHttpClient c(server.port());
        REQUIRE(c.send("POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth +
                       "Expect: 100-continue\r\nContent-Length: 21\r\n\r\n"));
        CHECK(c.read_response(seconds(10), true).status == 100);
        REQUIRE(c.send("json={\"text\":\"later\"}"));
        const RawResponse r = c.read_response();
        CHECK(r.status == 200);
        CHECK(r.body.find("later") != std::string::npos);
    }
    {
        RawHttpClient c(server.port());
        REQUIRE(c.send("POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\n" + kAuth +
                       "Transfer-Encoding: chunked\r\n\r\n5\r\njson=\r\nf\r\n{\"text\":\"chunky\r\n2\r\n\"}\r\n0\r\n\r\n"));
        const RawResponse r = c.read_response();
        CHECK(r.status == 200);
        CHECK(r.body.find("chunky") != std::string::npos);
    }
    CHECK(ask(server, "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n").status == 501);
    CHECK(ask(server, "POST /hello/echo.cmd HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                           "Content-Length: 4\r\n\r\n").status == 400);
}

TEST_CASE("a large reply is streamed chunked and arrives whole")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=s3cret#pw"},
                         {"-c", "sim:name=lab,seed=3,aps=20,clients=300,rate=max,frames=30000"});
    // Wait until the simulated devices are there: over 100 of them, over 200 KB.
    const auto deadline = Clock::now() + seconds(60);
    RawResponse r;
    while (Clock::now() < deadline) {
        r = ask(server, get("/devices/all_devices.json"));
        if (r.status == 200 && r.complete && r.body.size() > 200'000 &&
            json_of(HttpResult{r.status, r.body, "", {}}).size() > 100)
            break;
        std::this_thread::sleep_for(milliseconds(500));
    }
    MESSAGE("device list: " << r.body.size() << " bytes in " << r.chunks << " chunks");
    REQUIRE(r.status == 200);
    REQUIRE(r.body.size() > 200'000);
    CHECK(r.chunked);
    CHECK(r.complete);
    CHECK(r.chunks > 3);
    const airsight::Value list = json_of(HttpResult{r.status, r.body, "", {}});
    CHECK(list.size() > 100);
    // A small reply still carries a Content-Length.
    const RawResponse small = ask(server, get("/system/status.json"));
    CHECK(!small.chunked);
    CHECK(!small.header("content-length").empty());
    // HTTP/1.0 gets the same list delimited by the end of the connection.
    RawHttpClient old(server.port());
    REQUIRE(old.send("GET /devices/all_devices.json HTTP/1.0\r\n" + kAuth + "\r\n"));
    const RawResponse r10 = old.read_response(seconds(60));
    CHECK(r10.status_line == "HTTP/1.0 200 OK");
    CHECK(!r10.chunked);
    CHECK(r10.header("content-length").empty());
    CHECK(json_of(HttpResult{r10.status, r10.body, "", {}}).size() > 100);
}

TEST_CASE("slow but steady readers of large replies hold no worker: a normal client is answered within a second")
{
    // Two workers, four readers of 16 MB replies each: far more than the
    // socket buffers hold, read at 200 KB/s, which is progress enough never
    // to hit httpd_send_timeout. A worker that waited for them would be held
    // for over a minute.
    constexpr int kWorkers = 2, kReaders = 4;
    constexpr std::size_t kReplyBytes = 256 * 64 * 1024;
    ServerProcess server(with_login({"httpd_threads=" + std::to_string(kWorkers), "httpd_reply_budget=134217728",
                                     "plugin_dir=" INTEGRATION_PLUGINS_DIR, "plugin_disable=unload_phy"}));
    struct SlowReader {
        std::unique_ptr<RawHttpClient> client;
        std::string received;
        bool done() const { return received.size() >= 5 && received.compare(received.size() - 5, 5, "0\r\n\r\n") == 0; }
    };
    std::vector<SlowReader> readers(kReaders);
    for (auto& r : readers) {
        r.client = std::make_unique<RawHttpClient>(server.port());
        REQUIRE(r.client->send(get("/big_reply/strings.json?count=256")));
    }
    std::atomic<bool> hurry{false};
    std::atomic<bool> finished{false};
    std::thread reading([&] {
        const auto deadline = Clock::now() + seconds(120);
        while (Clock::now() < deadline) {
            bool all_done = true, got_any = false;
            for (auto& r : readers) {
                if (r.done()) continue;
                all_done = false;
                char buffer[65536];
                const ssize_t n = ::recv(r.client->fd(), buffer, hurry ? sizeof buffer : 4096, MSG_DONTWAIT);
                if (n > 0) {
                    r.received.append(buffer, static_cast<std::size_t>(n));
                    got_any = true;
                }
            }
            if (all_done) break;
            if (!hurry) std::this_thread::sleep_for(milliseconds(20));
            else if (!got_any) std::this_thread::sleep_for(milliseconds(1));
        }
        finished = true;
    });
    // Time for the workers to take the four requests and write what they can.
    std::this_thread::sleep_for(milliseconds(2000));

    long worst = 0;
    for (int i = 0; i < 3; ++i) {
        const auto start = Clock::now();
        CHECK(server.get("/system/timestamp.json").status == 200);
        worst = std::max(worst, ms_since(start));
    }
    MESSAGE("with " << kReaders << " slow readers and " << kWorkers << " workers: a normal GET took at worst " << worst
                    << " ms");
    CHECK(worst < 1000);

    // The slow readers get their whole replies, and their connections serve on.
    hurry = true;
    reading.join();
    REQUIRE(finished);
    for (auto& r : readers) {
        CHECK(r.received.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
        CHECK(r.done());
        CHECK(r.received.size() > kReplyBytes);
    }
    REQUIRE(readers.front().client->send(get("/system/timestamp.json")));
    CHECK(readers.front().client->read_response(seconds(10)).status == 200);
}

TEST_CASE("SIGTERM stops the server promptly with hostile connections open")
{
    ServerProcess server(kLogin);
    std::vector<std::unique_ptr<RawHttpClient>> open;
    for (int i = 0; i < 50; ++i) {
        open.push_back(std::make_unique<RawHttpClient>(server.port()));
        open.back()->send(i % 2 ? "GET /system/status.json HTTP/1.1\r\nX: " : "");
    }
    REQUIRE(server.get("/system/timestamp.json").status == 200);
    const auto start = Clock::now();
    const int status = server.stop(SIGTERM, 10000);
    MESSAGE("stopped in " << ms_since(start) << " ms with 50 connections open");
    REQUIRE(status != -1);
    CHECK(ms_since(start) < 2000);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
