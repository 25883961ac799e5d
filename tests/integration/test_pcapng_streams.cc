// Live pcapng streams over REST, against the real server, the real pcapng
// plugin and real pcapfile/sim sources: every frame of a replay arrives,
// byte for byte (read back by libpcap); the per-source and per-device
// streams select exactly their frames; a client that never reads costs
// dropped packets, not ingest; the stream tracker lists and closes streams;
// login, unknown ids, the cap on live streams, and SIGTERM with a stream open.
#include "rest_helpers.h"
#include "server_process.h"

#include <airsight/devices.h>
#include <airsight/pcapng.h>

#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <mutex>
#include <thread>

using airsight::Value;
using namespace airsight::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

using Bytes = std::vector<std::uint8_t>;
using Mac = std::array<std::uint8_t, 6>;

constexpr Mac kApA{0x02, 0xAA, 0, 0, 0, 1}, kApB{0x02, 0xBB, 0, 0, 0, 2}, kClient{0x02, 0xCC, 0, 0, 0, 3},
    kHost{0x02, 0xDD, 0, 0, 0, 4}, kBroadcast{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

void put(Bytes& b, const Mac& m) { b.insert(b.end(), m.begin(), m.end()); }

// An 802.11 beacon (link type 105) from `ap` advertising `ssid`.
Bytes beacon(const Mac& ap, const std::string& ssid, std::uint16_t seq)
{
    Bytes b{0x80, 0x00, 0x00, 0x00};
    put(b, kBroadcast);
    put(b, ap);
    put(b, ap);
    b.push_back(static_cast<std::uint8_t>(seq << 4));
    b.push_back(static_cast<std::uint8_t>(seq >> 4));
    for (int i = 0; i < 8; ++i) b.push_back(static_cast<std::uint8_t>(seq + i)); // timestamp
    b.insert(b.end(), {0x64, 0x00, 0x01, 0x04});                               // interval, ESS
    b.push_back(0);
    b.push_back(static_cast<std::uint8_t>(ssid.size()));
    b.insert(b.end(), ssid.begin(), ssid.end());
    b.insert(b.end(), {0x01, 0x01, 0x82, 0x03, 0x01, 0x06}); // rates, DS channel 6
    return b;
}

// A data frame to the distribution system: `from` sends through `bssid` to `to`.
Bytes data_to_ds(const Mac& bssid, const Mac& from, const Mac& to, std::uint16_t seq)
{
    Bytes b{0x08, 0x01, 0x00, 0x00};
    put(b, bssid);
    put(b, from);
    put(b, to);
    b.push_back(static_cast<std::uint8_t>(seq << 4));
    b.push_back(static_cast<std::uint8_t>(seq >> 4));
    b.insert(b.end(), {0xAA, 0xAA, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00}); // LLC/SNAP, IPv4
    for (int i = 0; i < 20 + seq % 7; ++i) b.push_back(static_cast<std::uint8_t>(seq * 3 + i));
    return b;
}

struct Capture {
    std::vector<Bytes> frames;
    std::vector<bool> names_a; // the frame names AP A
};

// F1: AP A's beacons, its client's data through A, AP B's beacons.
Capture capture_one()
{
    Capture c;
    for (std::uint16_t i = 0; i < 60; ++i) {
        c.frames.push_back(beacon(kApA, "alpha", i));
        c.names_a.push_back(true);
        c.frames.push_back(data_to_ds(kApA, kClient, kHost, i));
        c.names_a.push_back(true);
        c.frames.push_back(beacon(kApB, "bravo", i));
        c.names_a.push_back(false);
    }
    return c;
}

// F2: only AP B and a host behind it.
Capture capture_two()
{
    Capture c;
    for (std::uint16_t i = 0; i < 50; ++i) {
        c.frames.push_back(beacon(kApB, "bravo", static_cast<std::uint16_t>(i + 100)));
        c.frames.push_back(data_to_ds(kApB, kHost, kClient, static_cast<std::uint16_t>(i + 100)));
        c.names_a.insert(c.names_a.end(), {false, false});
    }
    return c;
}

fs::path write_capture(const fs::path& dir, const std::string& name, const Capture& c)
{
    std::string file;
    airsight::pcapng::append_section_header(file, "test");
    airsight::pcapng::append_interface(file, {.linktype = 105, .snaplen = 0, .name = "test", .description = {}});
    std::uint64_t t = 1'700'000'000'000'000ULL;
    for (const Bytes& f : c.frames) airsight::pcapng::append_packet(file, 0, t += 1000, f, static_cast<std::uint32_t>(f.size()));
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << file;
    return path;
}

// One live stream: a raw connection whose bytes a thread collects until the server closes it.
class LiveClient {
public:
    LiveClient(const ServerProcess& server, const std::string& uri, bool with_login = true, int receive_buffer = 0)
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        std::string request = "GET " + uri + " HTTP/1.1\r\nHost: localhost\r\n";
        if (with_login) request += "Authorization: " + basic_auth("tester", "pw") + "\r\n";
        request += "\r\n";
        REQUIRE(::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    }
    ~LiveClient()
    {
        // A stream the server failed to end must fail the test, not hang it.
        ::shutdown(fd_, SHUT_RDWR);
        if (reader_.joinable()) reader_.join();
        ::close(fd_);
    }
    // Reads in the background until the server closes the connection.
    void start_reading()
    {
        reader_ = std::thread([this] {
            char buf[65536];
            while (true) {
                const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
                if (n <= 0) break;
                std::lock_guard lock(mutex_);
                bytes_.append(buf, static_cast<std::size_t>(n));
            }
            ended_ = true;
        });
    }
    // Waits for the server to end the stream (true) for at most `timeout`.
    bool wait_end(std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!ended_ && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (ended_ && reader_.joinable()) reader_.join();
        return ended_;
    }
    std::string head() const
    {
        std::lock_guard lock(mutex_);
        return bytes_.substr(0, bytes_.find("\r\n\r\n"));
    }
    std::string body() const
    {
        std::lock_guard lock(mutex_);
        const auto at = bytes_.find("\r\n\r\n");
        return at == std::string::npos ? std::string() : bytes_.substr(at + 4);
    }
    void hang_up() { ::shutdown(fd_, SHUT_RDWR); }

private:
    int fd_ = -1;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::string bytes_;
    std::atomic<bool> ended_{false};
};

// The frames of a pcapng body, read by libpcap.
std::vector<Bytes> frames_of(const std::string& body, const fs::path& dir)
{
    const fs::path path = dir / "stream.pcapng";
    std::ofstream(path, std::ios::binary) << body;
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_open_offline(path.c_str(), error);
    REQUIRE_MESSAGE(pcap != nullptr, error);
    std::vector<Bytes> out;
    pcap_pkthdr* h = nullptr;
    const u_char* d = nullptr;
    while (pcap_next_ex(pcap, &h, &d) == 1) {
        CHECK(h->len == h->caplen);
        out.emplace_back(d, d + h->caplen);
    }
    pcap_close(pcap);
    fs::remove(path);
    return out;
}

Value all_streams(const ServerProcess& s) { return json_of(s.get("/streams/all_streams.json")); }

// Polls /streams/all_streams until `done` holds, else fails with `what`.
Value wait_streams(const ServerProcess& s, const char* what, const std::function<bool(const Value&)>& done)
{
    Value list;
    for (int i = 0; i < 1200; ++i) {
        list = all_streams(s);
        if (done(list)) return list;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL("streams never reached " << std::string(what));
    return list;
}

const Value* stream_named(const Value& list, const std::string& name)
{
    for (std::size_t i = 0; i < list.size(); ++i)
        if (str(list.at(i), "kismet.stream.name") == name) return &list.at(i);
    return nullptr;
}

std::string add_source(const ServerProcess& s, const std::string& definition)
{
    const HttpResult r = post_command(s, "/datasource/add_source.cmd", R"({"definition": ")" + definition + R"("})", auth());
    REQUIRE_MESSAGE(r.status == 200, r.body);
    return str(json_of(r), "kismet.datasource.uuid");
}

void wait_finished(const ServerProcess& s, const std::string& uuid)
{
    wait_for_source(s, uuid, "the end of its file", [](const Value& v) { return num(v, "airsight.datasource.finished") == 1; });
}

void close_stream(const ServerProcess& s, std::uint64_t id)
{
    const HttpResult r = post_command(s, "/streams/by-id/" + std::to_string(id) + "/close_stream.cmd", "{}", auth());
    CHECK_MESSAGE(r.status == 200, r.body);
}

// Closes every stream listed now. The ids are read once: a closed stream may
// stay listed until its connection has ended, so re-reading the list's first
// entry could close the same stream twice and leave another open.
void close_all_streams(const ServerProcess& s, std::size_t expected)
{
    const Value list = all_streams(s);
    REQUIRE(list.size() == expected);
    for (std::size_t i = 0; i < list.size(); ++i)
        close_stream(s, static_cast<std::uint64_t>(real(list.at(i), "kismet.stream.stream_id")));
}

std::string device_key(const Mac& mac)
{
    airsight::DeviceKey key;
    key.phy_hash = airsight::DeviceKey::hash_phy_name("IEEE802.11");
    std::copy(mac.begin(), mac.end(), key.mac.bytes.begin());
    return key.str();
}

} // namespace

TEST_CASE("pcapng stream: all_packets carries every frame of a replay, byte for byte; close_stream.cmd ends it")
{
    TempDir dir;
    const Capture capture = capture_one();
    const fs::path file = write_capture(dir.path(), "one.pcapng", capture);
    ServerProcess server(kLogin);

    LiveClient client(server, "/pcap/all_packets.pcapng");
    client.start_reading();
    const Value listed = wait_streams(server, "one stream", [](const Value& l) { return l.size() == 1; });
    const Value& record = listed.at(0);
    CHECK(str(record, "kismet.stream.name") == "kismet-all-packets.pcapng");
    CHECK(str(record, "kismet.stream.type") == "pcapng");
    CHECK(str(record, "kismet.stream.path") == "httpd");
    const auto id = static_cast<std::uint64_t>(real(record, "kismet.stream.stream_id"));

    wait_finished(server, add_source(server, file.string() + ":type=pcapfile"));
    wait_streams(server, "every frame sent", [&](const Value& l) {
        return l.size() == 1 && num(l.at(0), "kismet.stream.packets") == capture.frames.size();
    });
    CHECK(num(all_streams(server).at(0), "kismet.stream.dropped") == 0);
    close_stream(server, id);
    REQUIRE(client.wait_end(std::chrono::seconds(5)));
    CHECK(all_streams(server).size() == 0);

    CHECK(client.head().rfind("HTTP/1.1 200 OK", 0) == 0);
    CHECK(client.head().find("Content-Type: application/vnd.tcpdump.pcap") != std::string::npos);
    CHECK(frames_of(client.body(), dir.path()) == capture.frames);

    // The stream is gone: closing it again is a 404.
    CHECK(post_command(server, "/streams/by-id/" + std::to_string(id) + "/close_stream.cmd", "{}", auth()).status == 404);
}

TEST_CASE("pcapng stream: one datasource's, and one device's, frames exactly")
{
    TempDir dir;
    const Capture one = capture_one(), two = capture_two();
    const fs::path f1 = write_capture(dir.path(), "one.pcapng", one), f2 = write_capture(dir.path(), "two.pcapng", two);
    ServerProcess server(kLogin);
    const std::string s1 = add_source(server, f1.string() + ":type=pcapfile"), s2 = add_source(server, f2.string() + ":type=pcapfile");
    wait_finished(server, s1);
    wait_finished(server, s2); // the devices exist now

    LiveClient by_source(server, "/datasource/pcap/by-uuid/" + s2 + "/packets.pcapng");
    LiveClient by_device(server, "/devices/pcap/by-key/" + device_key(kApA) + "/packets.pcapng");
    by_source.start_reading();
    by_device.start_reading();
    wait_streams(server, "two streams", [](const Value& l) { return l.size() == 2; });

    // Replay both files again, the streams listening.
    for (const std::string& uuid : {s1, s2}) {
        CHECK(post_command(server, "/datasource/by-uuid/" + uuid + "/close_source.cmd", "{}", auth()).status == 200);
        CHECK(post_command(server, "/datasource/by-uuid/" + uuid + "/open_source.cmd", "{}", auth()).status == 200);
    }
    std::vector<Bytes> a_frames;
    for (std::size_t i = 0; i < one.frames.size(); ++i)
        if (one.names_a[i]) a_frames.push_back(one.frames[i]);
    const std::string source_name = "kismet-datasource-" + str(source_record(server, s2), "kismet.datasource.name") +
                                    "-" + s2 + ".pcapng";
    const std::string device_name = "kismet-device-" + device_key(kApA) + ".pcapng";
    const Value done = wait_streams(server, "each stream's frames", [&](const Value& l) {
        const Value* s = stream_named(l, source_name);
        const Value* d = stream_named(l, device_name);
        return s && d && num(*s, "kismet.stream.packets") >= two.frames.size() &&
               num(*d, "kismet.stream.packets") >= a_frames.size();
    });
    wait_finished(server, s1);
    wait_finished(server, s2);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // anything extra would have arrived
    close_all_streams(server, 2);
    REQUIRE(by_source.wait_end(std::chrono::seconds(5)));
    REQUIRE(by_device.wait_end(std::chrono::seconds(5)));
    CHECK(frames_of(by_source.body(), dir.path()) == two.frames);
    CHECK(frames_of(by_device.body(), dir.path()) == a_frames);
}

TEST_CASE("pcapng stream: a client that never reads drops packets, never slows ingest or other requests")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_send_timeout=300"});
    LiveClient stalled(server, "/pcap/all_packets.pcapng", true, 4096); // never read
    wait_streams(server, "one stream", [](const Value& l) { return l.size() == 1; });

    const auto started = std::chrono::steady_clock::now();
    const std::string uuid = add_source(server, "sim:name=fast,rate=max,frames=60000");
    while (num(source_record(server, uuid), "airsight.datasource.finished") != 1) {
        CHECK(server.get("/system/status.json").status == 200); // answered meanwhile
        REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::seconds(120));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const Value list = all_streams(server);
    REQUIRE(list.size() == 1);
    CHECK(num(list.at(0), "kismet.stream.dropped") > 0);
    CHECK(num(list.at(0), "kismet.stream.packets") + num(list.at(0), "kismet.stream.dropped") <= 60000);

    // Closing it ends it at once, though its writer is stuck on the full socket.
    close_stream(server, static_cast<std::uint64_t>(real(list.at(0), "kismet.stream.stream_id")));
    wait_streams(server, "no stream", [](const Value& l) { return l.size() == 0; });
}

TEST_CASE("pcapng stream: a client that hangs up frees its stream within a second or so")
{
    ServerProcess server(kLogin);
    {
        LiveClient client(server, "/pcap/all_packets.pcapng");
        wait_streams(server, "one stream", [](const Value& l) { return l.size() == 1; });
        client.hang_up();
    }
    const auto hung_up = std::chrono::steady_clock::now();
    wait_streams(server, "no stream", [](const Value& l) { return l.size() == 0; });
    CHECK(std::chrono::steady_clock::now() - hung_up < std::chrono::seconds(2));
}

TEST_CASE("pcapng stream: login, unknown sources, devices and streams, malformed keys")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_allow_anonymous_reads=true"});
    // Frames are handed out only with the login, even when reads are open.
    CHECK(server.anonymous("GET", "/pcap/all_packets.pcapng").status == 401);
    CHECK(server.anonymous("GET", "/datasource/pcap/by-uuid/00000000-0000-0000-0000-000000000000/packets.pcapng").status == 401);
    CHECK(server.anonymous("GET", "/devices/pcap/by-key/4202770D00000000_554433221100/packets.pcapng").status == 401);
    CHECK(server.anonymous("POST", "/streams/by-id/1/close_stream.cmd", "json={}").status == 401);
    CHECK(server.anonymous("GET", "/streams/all_streams.json").status == 200);

    CHECK(server.get("/datasource/pcap/by-uuid/00000000-0000-0000-0000-000000000000/packets.pcapng").status == 404);
    CHECK(server.get("/devices/pcap/by-key/" + device_key(kApA) + "/packets.pcapng").status == 404);
    CHECK(server.get("/devices/pcap/by-key/not-a-key/packets.pcapng").status == 400);
    CHECK(post_command(server, "/streams/by-id/12345/close_stream.cmd", "{}", auth()).status == 404);
    CHECK(post_command(server, "/streams/by-id/x/close_stream.cmd", "{}", auth()).status == 400);
}

TEST_CASE("pcapng stream: at most half of httpd_threads live streams; the rest get 503 and requests go on")
{
    ServerProcess server({"httpd_username=tester", "httpd_password=pw", "httpd_threads=4"});
    LiveClient a(server, "/pcap/all_packets.pcapng"), b(server, "/pcap/all_packets.pcapng");
    a.start_reading();
    b.start_reading();
    wait_streams(server, "two streams", [](const Value& l) { return l.size() == 2; });
    const HttpResult refused = server.get("/pcap/all_packets.pcapng");
    CHECK(refused.status == 503);
    CHECK(str(json_of(refused), "error").find("live streams") != std::string::npos);
    CHECK(server.get("/system/status.json").status == 200);
    close_all_streams(server, 2);
    CHECK(a.wait_end(std::chrono::seconds(5)));
    CHECK(b.wait_end(std::chrono::seconds(5)));
}

TEST_CASE("pcapng stream: SIGTERM with a stream open exits promptly")
{
    ServerProcess server(kLogin);
    LiveClient client(server, "/pcap/all_packets.pcapng");
    client.start_reading();
    wait_streams(server, "one stream", [](const Value& l) { return l.size() == 1; });
    const auto asked = std::chrono::steady_clock::now();
    const int status = server.stop(SIGTERM, 10'000);
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(3));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(client.wait_end(std::chrono::seconds(2)));
}
