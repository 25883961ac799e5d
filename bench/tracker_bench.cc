// Benchmarks of the packet path, end to end against the real server (the
// airsight executable with its plugins), printing figures; nothing is
// asserted, since timings on shared 2-core machines vary.
//
//   (a) ingest: packets/s of a >= 1,000,000-frame sim capture replayed with
//       realtime=false, next to a raw libpcap read loop of the same file;
//   (b) memory: resident bytes per tracked Wi-Fi client at 100,000 clients;
//   (c) latency of POST /devices/summary/devices with a 5-field spec over
//       those 100,000 devices.
//
// usage: tracker-bench AIRSIGHT_BIN SIM_CAPTURE_BIN [frames] [clients]
#include "server_process.h"

#include "json/json_parser.h"

#include <pcap/pcap.h>

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

// Waits until the only source has finished; returns the seconds it took from `start`.
double wait_finished(const ServerProcess& s, Clock::time_point start)
{
    for (;;) {
        const Value list = get_json(s, "/datasource/all_sources.json");
        if (list.size() == 1) {
            const Value& src = list.at(0);
            if (src.find("airsight.datasource.finished")->as_uint() == 1) return seconds_since(start);
            if (src.find("kismet.datasource.error")->as_uint() == 1)
                throw std::runtime_error("source failed: " + src.find("kismet.datasource.error_reason")->as_string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::uint64_t rss_kib(const ServerProcess& s)
{
    return get_json(s, "/system/status.json").find("kismet.system.memory.rss")->as_uint();
}

// A capture of `clients` distinct Wi-Fi clients: each probes for an SSID and
// sends one data frame to one of 16 APs, which beacon. Plain 802.11 (DLT 105).
void write_client_capture(const fs::path& file, std::uint32_t clients)
{
    pcap_t* dead = pcap_open_dead(DLT_IEEE802_11, 65535);
    pcap_dumper_t* out = pcap_dump_open(dead, file.c_str());
    if (!out) throw std::runtime_error(std::string("cannot write ") + file.string() + ": " + pcap_geterr(dead));
    std::vector<std::uint8_t> f;
    std::uint32_t usec = 0;
    auto emit = [&] {
        pcap_pkthdr h{};
        h.ts.tv_sec = 1700000000 + usec / 1000000;
        h.ts.tv_usec = usec % 1000000;
        h.caplen = h.len = static_cast<bpf_u_int32>(f.size());
        pcap_dump(reinterpret_cast<u_char*>(out), &h, f.data());
        usec += 100;
    };
    auto mac = [](std::vector<std::uint8_t>& v, std::uint32_t id, std::uint8_t first) {
        const std::uint8_t m[6] = {first, 0x11, static_cast<std::uint8_t>(id >> 24), static_cast<std::uint8_t>(id >> 16),
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
    for (std::uint32_t ap = 0; ap < 16; ++ap) { // beacons
        f.assign({0x80, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
        mac(f, ap, 0x02);
        mac(f, ap, 0x02);
        f.insert(f.end(), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0, 0x01, 0x04}); // seq, TSF, interval, capability
        ssid_ie(f, "bench-" + std::to_string(ap));
        emit();
    }
    for (std::uint32_t c = 0; c < clients; ++c) {
        f.assign({0x40, 0x00, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}); // probe request
        mac(f, c, 0x0a);
        f.insert(f.end(), {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0});
        ssid_ie(f, "bench-" + std::to_string(c % 16));
        emit();
        f.assign({0x08, 0x01, 0, 0}); // data, ToDS: BSSID, SA, DA
        mac(f, c % 16, 0x02);
        mac(f, c, 0x0a);
        mac(f, 0x7fffff, 0x02);
        f.insert(f.end(), {0, 0, 0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00});
        f.insert(f.end(), 90, 0x45);
        emit();
    }
    pcap_dump_close(out);
    pcap_close(dead);
}

void print_latency(const ServerProcess& s, std::uint64_t devices)
{
    const std::string spec = R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.type",
        "kismet.device.base.packets.total", ["kismet.device.base.signal/kismet.common.signal.last_signal", "signal"],
        "dot11.device/dot11.device.num_probed_ssids"]})";
    std::string encoded;
    Poco::URI::encode(spec, "+&=%", encoded);
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < 7; ++i) {
        const auto start = Clock::now();
        const HttpResult r = s.post("/devices/summary/devices.json", "json=" + encoded,
                                    "application/x-www-form-urlencoded", login());
        ms.push_back(seconds_since(start) * 1000);
        if (r.status != 200) throw std::runtime_error("summary answered " + std::to_string(r.status) + ": " + r.body);
        bytes = r.body.size();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("(c) POST /devices/summary/devices.json, 5-field spec over %llu devices: "
                "min %.1f ms, median %.1f ms, max %.1f ms (%zu bytes; target < 300 ms)\n",
                static_cast<unsigned long long>(devices), ms.front(), ms[ms.size() / 2], ms.back(), bytes);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s AIRSIGHT_BIN SIM_CAPTURE_BIN [frames] [clients]\n", argv[0]);
        return 2;
    }
    setenv("AIRSIGHT_BIN", argv[1], 1);
    const std::string sim_capture = argv[2];
    const std::uint64_t frames = argc > 3 ? std::stoull(argv[3]) : 1000000;
    const std::uint32_t clients = argc > 4 ? static_cast<std::uint32_t>(std::stoul(argv[4])) : 100000;
    const std::vector<std::string> config{"httpd_username=bench", "httpd_password=bench"};
    TempDir dir;

    try {
        // (a) ingest against a raw libpcap loop of the same file.
        const fs::path sim_file = dir.path() / "sim.pcapng";
        const std::string cmd = sim_capture + " --seed 7 --aps 40 --clients 200 --frames " + std::to_string(frames) +
                                " --all " + sim_file.string() + " > /dev/null";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("sim-capture failed: " + cmd);
        std::uint64_t raw_packets = 0;
        const double raw = raw_read_rate(sim_file, raw_packets);
        // The replay starts while the server is still starting, so its time
        // includes the start; time an empty server's start to show both.
        double startup = 0;
        {
            const auto start = Clock::now();
            ServerProcess empty(config);
            startup = seconds_since(start);
        }
        {
            const auto start = Clock::now();
            ServerProcess server(config, {"-c", sim_file.string() + ":realtime=false"});
            const double s = wait_finished(server, start);
            const double ingest = raw_packets / s;
            const double ingest_net = s > startup ? raw_packets / (s - startup) : ingest;
            const Value phys = get_json(server, "/phy/all_phys.json");
            std::printf("(a) ingest of %llu sim frames (realtime=false): %.2f s incl. server start (%.2f s alone): "
                        "%.0f packets/s, %.0f without the start; raw libpcap loop: %.0f packets/s; ratio %.2f%% "
                        "(%.2f%% without the start; target >= 5%%); %llu devices\n",
                        static_cast<unsigned long long>(raw_packets), s, startup, ingest, ingest_net, raw,
                        100.0 * ingest / raw, 100.0 * ingest_net / raw,
                        static_cast<unsigned long long>(phys.size() ? phys.at(0).find("kismet.phy.device_count")->as_uint() : 0));
        }

        // (b) memory per client, and (c) summary latency, at `clients` devices.
        const fs::path client_file = dir.path() / "clients.pcap";
        write_client_capture(client_file, clients);
        std::uint64_t empty_rss = 0;
        {
            ServerProcess empty(config);
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            empty_rss = rss_kib(empty);
        }
        ServerProcess server(config, {"-c", client_file.string() + ":realtime=false"});
        wait_finished(server, Clock::now());
        const Value status = get_json(server, "/system/status.json");
        const std::uint64_t rss = status.find("kismet.system.memory.rss")->as_uint();
        const Value phys = get_json(server, "/phy/all_phys.json");
        const std::uint64_t devices = phys.at(0).find("kismet.phy.device_count")->as_uint();
        std::printf("(b) resident memory: %llu KiB with %llu devices, %llu KiB empty: %.0f bytes per device "
                    "(target <= 2048 per Wi-Fi client)\n",
                    static_cast<unsigned long long>(rss), static_cast<unsigned long long>(devices),
                    static_cast<unsigned long long>(empty_rss),
                    devices ? (rss - empty_rss) * 1024.0 / static_cast<double>(devices) : 0.0);
        print_latency(server, devices);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tracker-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
