// Benchmarks of the packet path at scale, end to end against the real server
// (the airsight executable with its plugins), printing figures; nothing is
// asserted, since timings on shared 2-core machines vary.
//
// One capture of `frames` frames (default 1,000,000) from `clients` Wi-Fi
// clients (default 100,000): a round of probe requests creates every client,
// then rounds of data frames revisit all of them, so most frames look up a
// device among 100,000. Each repeat (default 3) measures, in the same run:
//   (a) ingest: from server start until every frame is processed, as a
//       ratio to a bare libpcap read loop over the same file;
//   (b) resident memory per device once all are tracked;
//   (c) POST /devices/summary/devices with a 5-field spec over them;
//   (d) two sources on two such files at once, as a ratio to one source;
//   (e) one 50-row window of the web UI's device table over them (sorted,
//       then sorted and searched);
// and checks that no replayed frame was dropped (delivered = processed =
// frames in the file, per source).
//
// usage: tracker-bench AIRSIGHT_BIN [frames] [clients] [repeats]
//        tracker-bench --write-capture FILE [frames] [clients] [tag]
// The second form only writes the capture (e.g. to profile the server on it:
// perf record airsight -c FILE:realtime=false); captures with different tags
// (1-255, the MACs' second byte) hold different devices.
#include "server_process.h"

#include "json/json_parser.h"

#include <pcap/pcap.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Packets per second a bare libpcap loop reads from the file (page cache warm).
double raw_read_rate(const fs::path& file, std::uint64_t& packets)
{
    char err[PCAP_ERRBUF_SIZE];
    for (int pass = 0; pass < 2; ++pass) { // the first pass warms the page cache
        pcap_t* p = pcap_open_offline(file.c_str(), err);
        if (!p) throw std::runtime_error(err);
        const auto start = Clock::now();
        pcap_pkthdr* h;
        const u_char* data;
        std::uint64_t n = 0, bytes = 0;
        while (pcap_next_ex(p, &h, &data) == 1) {
            ++n;
            bytes += data[h->caplen / 2]; // touch the data so the loop is not optimized away
        }
        const double s = seconds_since(start);
        pcap_close(p);
        if (pass == 1) {
            packets = n;
            return n / s + static_cast<double>(bytes & 0);
        }
    }
    return 0;
}

std::map<std::string, std::string> login() { return {{"Authorization", basic_auth("bench", "bench")}}; }

Value get_json(const ServerProcess& s, const std::string& uri)
{
    const HttpResult r = s.get(uri, login());
    if (r.status != 200) throw std::runtime_error(uri + " answered " + std::to_string(r.status) + ": " + r.body);
    return parse_json(r.body);
}

// Waits until all `sources` sources have finished; returns the seconds it took from `start`.
double wait_finished(const ServerProcess& s, Clock::time_point start, std::size_t sources = 1)
{
    for (;;) {
        const Value list = get_json(s, "/datasource/all_sources.json");
        std::size_t finished = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Value& src = list.at(i);
            if (src.find("kismet.datasource.error")->as_uint() == 1)
                throw std::runtime_error("source failed: " + src.find("kismet.datasource.error_reason")->as_string());
            finished += src.find("airsight.datasource.finished")->as_uint() == 1 ? 1 : 0;
        }
        if (list.size() == sources && finished == sources) return seconds_since(start);
        if (list.size() < sources && seconds_since(start) > 30)
            throw std::runtime_error("only " + std::to_string(list.size()) + " of " + std::to_string(sources) +
                                     " sources came up; the server said:\n" + s.output());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Throws unless every frame of every source went through the whole chain.
void check_nothing_dropped(const ServerProcess& s, std::uint64_t frames_per_source, std::size_t sources)
{
    const Value list = get_json(s, "/datasource/all_sources.json");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::uint64_t n = list.at(i).find("kismet.datasource.num_packets")->as_uint();
        if (n != frames_per_source)
            throw std::runtime_error("a source delivered " + std::to_string(n) + " of " +
                                     std::to_string(frames_per_source) + " frames");
    }
    const Value stats = get_json(s, "/packetchain/packet_stats.json");
    const std::uint64_t delivered = stats.find("airsight.packetchain.delivered")->as_uint();
    const std::uint64_t processed = stats.find("airsight.packetchain.processed")->as_uint();
    const std::uint64_t dropped = stats.find("airsight.packetchain.dropped")->as_uint();
    const std::uint64_t expected = frames_per_source * sources;
    if (delivered != expected || processed != expected || dropped != 0)
        throw std::runtime_error("packet chain: " + std::to_string(delivered) + " delivered, " + std::to_string(processed) +
                                 " processed, " + std::to_string(dropped) + " dropped of " + std::to_string(expected));
}

std::uint64_t device_count(const ServerProcess& s)
{
    const Value phys = get_json(s, "/phy/all_phys.json");
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < phys.size(); ++i) n += phys.at(i).find("kismet.phy.device_count")->as_uint();
    return n;
}

std::uint64_t rss_kib(const ServerProcess& s)
{
    return get_json(s, "/system/status.json").find("kismet.system.memory.rss")->as_uint();
}

// A capture of `frames` frames from `clients` distinct Wi-Fi clients and 16
// APs (which beacon first): a round of probe requests, then rounds of data
// frames (ToDS, to one of the APs) over every client until `frames` are
// written. `tag` (the MACs' second byte) keeps two captures' devices apart.
// Plain 802.11 (DLT 105).
void write_client_capture(const fs::path& file, std::uint64_t frames, std::uint32_t clients, std::uint8_t tag)
{
    pcap_t* dead = pcap_open_dead(DLT_IEEE802_11, 65535);
    pcap_dumper_t* out = pcap_dump_open(dead, file.c_str());
    if (!out) throw std::runtime_error(std::string("cannot write ") + file.string() + ": " + pcap_geterr(dead));
    std::vector<std::uint8_t> f;
    std::uint64_t usec = 0, written = 0;
    auto emit = [&] {
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(1700000000 + usec / 1000000);
        h.ts.tv_usec = static_cast<suseconds_t>(usec % 1000000);
        h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
        pcap_dump(reinterpret_cast<u_char*>(out), &h, f.data());
        usec += 10;
        ++written;
    };
    auto mac = [tag](std::vector<std::uint8_t>& v, std::uint32_t id, std::uint8_t first) {
        const std::uint8_t m[6] = {first, tag, static_cast<std::uint8_t>(id >> 24), static_cast<std::uint8_t>(id >> 16),
                                   static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id)};
        v.insert(v.end(), m, m + 6);
    };
    auto ssid_ie = [](std::vector<std::uint8_t>& v, const std::string& s) {
        v.push_back(0);
        v.push_back(static_cast<std::uint8_t>(s.size()));
        v.insert(v.end(), s.begin(), s.end());
        const std::uint8_t rates[] = {1, 4, 0x82, 0x84, 0x8b, 0x96, 3, 1, 6};
        v.insert(v.end(), rates, rates + sizeof rates);
    };
    for (std::uint32_t ap = 0; ap < 16 && written < frames; ++ap) { // beacons
        f.assign({0x80, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
        mac(f, ap, 0x02);
        mac(f, ap, 0x02);
        f.insert(f.end(), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x01, 0x04}); // seq, TSF, interval, capability
        ssid_ie(f, "bench-" + std::to_string(ap));
        emit();
    }
    for (std::uint32_t c = 0; c < clients && written < frames; ++c) {
        f.assign({0x40, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}); // probe request
        mac(f, c, 0x0a);
        f.insert(f.end(), {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0});
        ssid_ie(f, "bench-" + std::to_string(c % 16));
        emit();
    }
    for (std::uint64_t round = 0; written < frames; ++round)
        for (std::uint32_t c = 0; c < clients && written < frames; ++c) {
            f.assign({0x08, 0x01, 0, 0}); // data, ToDS: BSSID, SA, DA
            mac(f, c % 16, 0x02);
            mac(f, c, 0x0a);
            mac(f, 0x7fffff, 0x02);
            f.insert(f.end(), {static_cast<std::uint8_t>(round << 4), 0, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00});
            f.insert(f.end(), 90, static_cast<std::uint8_t>(0x45 + round));
            emit();
        }
    pcap_dump_close(out);
    pcap_close(dead);
}

// One HTTP/1.1 request over a plain socket, timed until the server closes
// the connection after the last byte of the reply: the time a client waits
// for the whole list, without a client library's stream decoding in it.
// Returns the reply's status and its size in bytes (head and chunked body).
std::pair<int, std::size_t> raw_request(std::uint16_t port, const std::string& request)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("cannot connect to the server");
    }
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            close(fd);
            throw std::runtime_error("cannot send the request");
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string head;
    std::size_t total = 0;
    std::vector<char> buffer(1 << 20);
    for (;;) {
        const ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
        if (n < 0) {
            close(fd);
            throw std::runtime_error("reading the reply failed");
        }
        if (n == 0) break;
        if (head.size() < 12) head.append(buffer.data(), std::min<std::size_t>(static_cast<std::size_t>(n), 12 - head.size()));
        total += static_cast<std::size_t>(n);
    }
    close(fd);
    if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) throw std::runtime_error("no HTTP reply");
    return {std::stoi(head.substr(9, 3)), total};
}

// Milliseconds, until the last byte, of 7 POSTs of `body` (form-encoded) to
// `path`; `check` first verifies one reply parsed whole. Prints min/median/max.
double post_latency(const ServerProcess& s, const std::string& label, const std::string& path, const std::string& body,
                    const std::function<void(const Value&)>& check, const char* target)
{
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Authorization: " + basic_auth("bench", "bench") + "\r\n"
                                "Content-Type: application/x-www-form-urlencoded\r\n"
                                "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    // Once through the client library, whose reply is checked.
    const HttpResult checked = s.post(path, body, "application/x-www-form-urlencoded", login());
    if (checked.status != 200) throw std::runtime_error(path + " answered " + std::to_string(checked.status) + ": " + checked.body);
    check(parse_json(checked.body));
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < 7; ++i) {
        const auto start = Clock::now();
        const auto [status, size] = raw_request(s.port(), request);
        ms.push_back(seconds_since(start) * 1000);
        if (status != 200) throw std::runtime_error(path + " answered " + std::to_string(status));
        bytes = size;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("    %s, until the last byte: min %.1f ms, median %.1f ms, max %.1f ms (%zu bytes; target %s)\n",
                label.c_str(), ms.front(), ms[ms.size() / 2], ms.back(), bytes, target);
    return ms[ms.size() / 2];
}

const char* kBenchFields = R"(["kismet.device.base.macaddr", "kismet.device.base.type",
    "kismet.device.base.packets.total", ["kismet.device.base.signal/kismet.common.signal.last_signal", "signal"],
    "dot11.device/dot11.device.num_probed_ssids"])";

std::string json_body(const std::string& command)
{
    std::string encoded;
    Poco::URI::encode(command, "+&=%[]", encoded);
    return "json=" + encoded;
}

// (c) the whole list through a 5-field spec.
double summary_latency(const ServerProcess& s, std::uint64_t devices)
{
    return post_latency(
        s, "(c) POST /devices/summary/devices.json, 5-field spec over " + std::to_string(devices) + " devices",
        "/devices/summary/devices.json", json_body(std::string("{\"fields\": ") + kBenchFields + "}"),
        [devices](const Value& v) {
            if (v.size() != devices)
                throw std::runtime_error("the summary does not list all " + std::to_string(devices) + " devices");
        },
        "<= 100 ms");
}

// (e) what the web UI's device table asks every few seconds: one 50-row
// window of the all-devices view, sorted by packets, then also searched.
double table_latency(const ServerProcess& s, std::uint64_t devices, bool search)
{
    std::string body = json_body(std::string("{\"fields\": ") + kBenchFields + ", \"datatable\": true}") +
                       "&draw=1&start=50000&length=50&order%5B0%5D%5Bcolumn%5D=2&order%5B0%5D%5Bdir%5D=desc";
    if (search) body += "&search%5Bvalue%5D=wi-fi";
    return post_latency(
        s,
        std::string("(e) a 50-row table window of ") + std::to_string(devices) + " devices, sorted by packets" +
            (search ? " and searched" : ""),
        "/devices/views/all/devices.json", body,
        [devices](const Value& v) {
            const Value* total = v.find("recordsTotal");
            const Value* data = v.find("data");
            if (!total || total->as_uint() != devices || !data || data->size() != 50)
                throw std::runtime_error("the table window is not 50 rows of all devices");
        },
        "<= 100 ms");
}

struct Spread {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    std::string str(int decimals, const char* unit) const
    {
        std::vector<double> s = v;
        std::sort(s.begin(), s.end());
        char out[200];
        std::snprintf(out, sizeof out, "min %.*f%s, median %.*f%s, max %.*f%s", decimals, s.front(), unit, decimals,
                      s[s.size() / 2], unit, decimals, s.back(), unit);
        return out;
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || (std::string(argv[1]) == "--write-capture" && argc < 3)) {
        std::fprintf(stderr, "usage: %s AIRSIGHT_BIN [frames] [clients] [repeats]\n"
                             "       %s --write-capture FILE [frames] [clients] [tag]\n", argv[0], argv[0]);
        return 2;
    }
    if (std::string(argv[1]) == "--write-capture") {
        try {
            write_client_capture(argv[2], argc > 3 ? std::stoull(argv[3]) : 1000000,
                                 argc > 4 ? static_cast<std::uint32_t>(std::stoul(argv[4])) : 100000,
                                 argc > 5 ? static_cast<std::uint8_t>(std::stoul(argv[5])) : 0x11);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "tracker-bench: %s\n", e.what());
            return 1;
        }
        return 0;
    }
    setenv("AIRSIGHT_BIN", argv[1], 1);
    const std::uint64_t frames = argc > 2 ? std::stoull(argv[2]) : 1000000;
    const std::uint32_t clients = argc > 3 ? static_cast<std::uint32_t>(std::stoul(argv[3])) : 100000;
    const int repeats = argc > 4 ? std::max(1, std::stoi(argv[4])) : 3;
    const std::vector<std::string> config{"httpd_username=bench", "httpd_password=bench"};
    TempDir dir;

    try {
        const fs::path file_a = dir.path() / "clients-a.pcap";
        const fs::path file_b = dir.path() / "clients-b.pcap";
        write_client_capture(file_a, frames, clients, 0x11);
        write_client_capture(file_b, frames, clients, 0x22);
        std::uint64_t file_frames = 0;
        (void)raw_read_rate(file_b, file_frames); // warms file b's pages too

        Spread ratio, ratio_net, bytes_per_device, latency, two_source, table;
        for (int rep = 1; rep <= repeats; ++rep) {
            std::printf("repeat %d of %d: %llu frames, %u clients per file\n", rep, repeats,
                        static_cast<unsigned long long>(file_frames), clients);
            const double raw = raw_read_rate(file_a, file_frames);
            double startup = 0;
            std::uint64_t empty_rss = 0;
            {
                const auto start = Clock::now();
                ServerProcess empty(config);
                startup = seconds_since(start);
                empty_rss = rss_kib(empty);
            }
            // (a) one source, from server start until every frame is processed.
            const auto start = Clock::now();
            ServerProcess server(config, {"-c", file_a.string() + ":realtime=false"});
            const double s = wait_finished(server, start);
            check_nothing_dropped(server, file_frames, 1);
            const double ingest = file_frames / s;
            const double ingest_net = s > startup ? file_frames / (s - startup) : ingest;
            const std::uint64_t devices = device_count(server);
            ratio.add(100.0 * ingest / raw);
            ratio_net.add(100.0 * ingest_net / raw);
            std::printf("    (a) ingest: %.2f s from server start (%.2f s to start an empty one): %.0f frames/s "
                        "(%.0f without the start); raw libpcap loop %.0f frames/s: ratio %.2f%% (%.2f%% without "
                        "the start; target >= 8%%); %llu devices, no frame dropped\n",
                        s, startup, ingest, ingest_net, raw, 100.0 * ingest / raw, 100.0 * ingest_net / raw,
                        static_cast<unsigned long long>(devices));
            // (b) memory per device.
            const std::uint64_t rss = rss_kib(server);
            const double per_device = devices ? (rss - empty_rss) * 1024.0 / static_cast<double>(devices) : 0.0;
            bytes_per_device.add(per_device);
            std::printf("    (b) resident memory: %llu KiB with %llu devices, %llu KiB empty: %.0f bytes per device "
                        "(target <= 1536)\n",
                        static_cast<unsigned long long>(rss), static_cast<unsigned long long>(devices),
                        static_cast<unsigned long long>(empty_rss), per_device);
            // (c) summary latency.
            latency.add(summary_latency(server, devices));
            // (e) the web UI's table window.
            table.add(table_latency(server, devices, false));
            table_latency(server, devices, true);

            // (d) two sources on two files at once.
            const auto start2 = Clock::now();
            ServerProcess both(config, {"-c", file_a.string() + ":realtime=false", "-c", file_b.string() + ":realtime=false"});
            const double s2 = wait_finished(both, start2, 2);
            check_nothing_dropped(both, file_frames, 2);
            const double ingest2 = 2.0 * file_frames / s2;
            two_source.add(ingest2 / ingest);
            std::printf("    (d) two sources on two files: %.2f s from server start, %.0f frames/s together: "
                        "%.2fx one source (target >= 1.6x); %llu devices, no frame dropped\n",
                        s2, ingest2, ingest2 / ingest, static_cast<unsigned long long>(device_count(both)));
            std::fflush(stdout);
        }
        std::printf("over %d repeats: (a) ingest ratio %s (%s without the start); (b) bytes per device %s; "
                    "(c) summary median %s; (d) two sources %s; (e) table window median %s\n",
                    repeats, ratio.str(2, "%").c_str(), ratio_net.str(2, "%").c_str(),
                    bytes_per_device.str(0, "").c_str(), latency.str(1, " ms").c_str(), two_source.str(2, "x").c_str(),
                    table.str(1, " ms").c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tracker-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
