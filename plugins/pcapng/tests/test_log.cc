// The "pcapng" log class through its LogFile interface, as the logging
// manager drives it: a run of several sources and link types read back by
// libpcap and tshark, and the errors (an existing file, a full disk).
#include "pcapng_log.h"
#include "prerequisites.h"

#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace airsight;
using airsight::pcapng_plugin::PcapngLogDriver;
using airsight::pcapng_plugin::PcapngLogOptions;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("pcapng-log-" + std::to_string(::getpid()) + "-" +
                                                 std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

LoggedSource source(std::uint32_t number, std::string name, std::uint32_t dlt)
{
    LoggedSource s;
    s.info.number = number;
    s.info.uuid = "5FE308BD-0000-0000-0000-00000000000" + std::to_string(number);
    s.info.name = name;
    s.info.interface = name;
    s.info.definition = name + ":type=sim";
    s.info.dlt = dlt;
    return s;
}

struct Frame {
    std::uint32_t source, dlt;
    std::vector<std::uint8_t> bytes;
    std::uint32_t original;
    bool duplicate = false;
    PacketKind kind = PacketKind::unknown;
};

LoggedPacket logged(const Frame& f, std::uint64_t id)
{
    LoggedPacket p;
    p.id = id;
    p.ts_sec = 1'700'000'000 + static_cast<std::int64_t>(id);
    p.ts_usec = static_cast<std::uint32_t>(id * 1000);
    p.dlt = f.dlt;
    p.data = f.bytes;
    p.original_length = f.original;
    p.source_number = f.source;
    p.duplicate = f.duplicate;
    p.kind = f.kind;
    return p;
}

std::vector<std::uint8_t> frame_bytes(std::size_t n, std::uint8_t seed)
{
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(seed + i);
    return v;
}

// Writes `frames` through a log opened as the manager would; returns its path.
fs::path write_log(const fs::path& dir, const std::vector<Frame>& frames, PcapngLogOptions options = {})
{
    LogOpenRequest request;
    request.path = (dir / "Kismet-test.pcapng").string();
    request.uuid = "LOG-UUID";
    request.sources = {source(1, "wlan0", 127)};
    PcapngLogDriver driver(options);
    CHECK(driver.log_class() == "pcapng");
    CHECK(driver.contents() == (LOG_PACKETS | LOG_SOURCES));
    auto log = driver.open(request);
    log->source(source(2, "wlan1", 105)); // a source added later
    std::uint64_t id = 0;
    for (const Frame& f : frames) log->packet(logged(f, ++id));
    log->flush();
    log->close();
    return request.path;
}

// The captured length of every frame libpcap reads back from a log, which is
// then removed (so the next write_log() may create it again).
std::vector<std::uint32_t> read_back_lengths(const fs::path& path)
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_open_offline(path.c_str(), error);
    REQUIRE_MESSAGE(pcap != nullptr, error);
    std::vector<std::uint32_t> out;
    pcap_pkthdr* h;
    const u_char* d;
    while (pcap_next_ex(pcap, &h, &d) == 1) out.push_back(h->caplen);
    pcap_close(pcap);
    fs::remove(path);
    return out;
}

std::vector<Frame> two_sources_same_dlt()
{
    return {{1, 127, frame_bytes(40, 1), 40}, {2, 127, frame_bytes(77, 2), 90}, {1, 127, frame_bytes(12, 3), 12}};
}

} // namespace

TEST_CASE("two sources, one link type: libpcap reads every frame back, times and lengths intact")
{
    TempDir dir;
    const auto frames = two_sources_same_dlt();
    const fs::path path = write_log(dir.path, frames);
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_open_offline(path.c_str(), error);
    REQUIRE_MESSAGE(pcap != nullptr, error);
    CHECK(pcap_datalink(pcap) == 127);
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    std::uint64_t id = 0;
    for (const Frame& f : frames) {
        ++id;
        REQUIRE(pcap_next_ex(pcap, &h, &data) == 1);
        CHECK(h->ts.tv_sec == 1'700'000'000 + static_cast<long>(id));
        CHECK(h->ts.tv_usec == static_cast<long>(id * 1000));
        CHECK(h->len == f.original);
        CHECK(std::vector<std::uint8_t>(data, data + h->caplen) == f.bytes);
    }
    CHECK(pcap_next_ex(pcap, &h, &data) == PCAP_ERROR_BREAK);
    pcap_close(pcap);
}

TEST_CASE("the log never replaces a file, and says which path it could not create")
{
    TempDir dir;
    const fs::path existing = dir.path / "Kismet-test.pcapng";
    std::ofstream(existing) << "keep me";
    LogOpenRequest request;
    request.path = existing.string();
    PcapngLogDriver driver({});
    try {
        driver.open(request);
        FAIL("an existing file was opened");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find(existing.string()) != std::string::npos);
        CHECK(std::string(e.what()).find("File exists") != std::string::npos);
    }
    std::ifstream in(existing);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "keep me");
}

TEST_CASE("duplicates are logged unless pcapng_log_duplicate_packets=false")
{
    TempDir dir;
    std::vector<Frame> frames = two_sources_same_dlt();
    frames[1].duplicate = true;
    CHECK(read_back_lengths(write_log(dir.path, frames)) == std::vector<std::uint32_t>{40, 77, 12});
    CHECK(read_back_lengths(write_log(dir.path, frames, {.log_duplicates = false})) == std::vector<std::uint32_t>{40, 12});
}

TEST_CASE("data frames are logged unless pcapng_log_data_packets=false; other kinds always")
{
    TempDir dir;
    std::vector<Frame> frames = two_sources_same_dlt();
    frames[0].kind = PacketKind::data;
    frames[1].kind = PacketKind::management;
    frames[2].kind = PacketKind::phy;
    frames.push_back({1, 127, frame_bytes(30, 4), 30, false, PacketKind::data});
    CHECK(read_back_lengths(write_log(dir.path, frames)) == std::vector<std::uint32_t>{40, 77, 12, 30});
    CHECK(read_back_lengths(write_log(dir.path, frames, {.log_data = false})) == std::vector<std::uint32_t>{77, 12});
}

TEST_CASE("a write error (the file size limit: EFBIG) throws from the LogFile call, naming the path")
{
    TempDir dir;
    LogOpenRequest request;
    request.path = (dir.path / "big.pcapng").string();
    auto log = PcapngLogDriver({}).open(request);
    const auto big = frame_bytes(60'000, 7);
    Frame f{1, 127, big, 60'000};

    // SIGXFSZ would kill the test; ignored, write() fails with EFBIG instead.
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
    rlimit limit = old_limit;
    limit.rlim_cur = 100'000;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    std::string message;
    try {
        for (std::uint64_t i = 1; i <= 100; ++i) log->packet(logged(f, i)); // 6 MB through a 256 KiB buffer
        log->flush();
    } catch (const std::runtime_error& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(message.find(request.path) != std::string::npos);
    CHECK(message.find("File too large") != std::string::npos);
    CHECK_NOTHROW(log.reset()); // the manager then closes and destroys it; nothing crashes
}

TEST_SUITE_BEGIN("needs-tshark");

TEST_CASE("several sources and link types: tshark reads every frame with its interface and encapsulation")
{
    TempDir dir;
    const std::vector<Frame> frames = {
        {1, 127, frame_bytes(40, 1), 40},   // radiotap from wlan0
        {2, 105, frame_bytes(24, 2), 30},   // 802.11 from wlan1
        {1, 127, frame_bytes(50, 3), 50},
        {3, 251, frame_bytes(20, 4), 20},   // BLE from a source the log was never told of
        {2, 105, frame_bytes(28, 5), 28},
        {1, 105, frame_bytes(26, 6), 26},   // wlan0 again, another link type: a new interface
    };
    const fs::path path = write_log(dir.path, frames);
    const std::string command = airsight::test::tshark_program() + " -n -r '" + path.string() +
                                "' -T fields -e frame.interface_id -e frame.len -e frame.cap_len "
                                "-e frame.interface_name -e frame.time_epoch 2>/dev/null";
    std::FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    REQUIRE(::pclose(p) == 0);
    std::istringstream lines(out);
    std::string line;
    std::vector<std::string> rows;
    while (std::getline(lines, line)) rows.push_back(line);
    REQUIRE(rows.size() == frames.size());
    const char* interfaces[] = {"0", "1", "0", "2", "1", "3"};
    const char* names[] = {"wlan0", "wlan1", "wlan0", "source 3", "wlan1", "wlan0"};
    for (std::size_t i = 0; i < frames.size(); ++i) {
        CAPTURE(rows[i]);
        const std::string expected = std::string(interfaces[i]) + "\t" + std::to_string(frames[i].original) + "\t" +
                                     std::to_string(frames[i].bytes.size()) + "\t" + names[i] + "\t" +
                                     std::to_string(1'700'000'001 + i) + ".";
        CHECK(rows[i].rfind(expected, 0) == 0);
    }
}

TEST_SUITE_END();
