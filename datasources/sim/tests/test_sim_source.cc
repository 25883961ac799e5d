// The sim datasource: its type (probe, interfaces, options), its source (what
// it delivers for a seed, frames=, channel control while running, pacing,
// close(), pcapng=) and the plugin's factory (with the plugin tests' fake host).
// Radiotap channels are read back here by walking the header, independently
// of the engine's builder; the engine's own Radio is the reference for bytes.
#include "../sim_type.h"
#include "fakes.h" // tests/unit/plugins: the host the plugin tests use
#include "linked_plugin.h"

#include "engine/radio.h"
#include "util/output_directory.h" // core: the server's OutputFiles

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <pcap/pcap.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>


using namespace airsight;
using namespace airsight::sim;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// --- radiotap -------------------------------------------------------------------

/// The Channel field (bit 3) of a radiotap header, walked field by field:
/// TSFT (8 bytes, aligned 8), Flags (1), Rate (1), then Channel (u16 MHz,
/// u16 flags, aligned 2). 0 when the header is malformed or has no channel.
std::uint16_t radiotap_freq(const std::vector<std::uint8_t>& b)
{
    if (b.size() < 8 || b[0] != 0) return 0;
    const std::size_t len = static_cast<std::size_t>(b[2] | b[3] << 8);
    if (len > b.size()) return 0;
    auto le32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(b[at] | b[at + 1] << 8 | b[at + 2] << 16) | std::uint32_t{b[at + 3]} << 24;
    };
    const std::uint32_t present = le32(4);
    std::size_t at = 8;
    for (std::uint32_t word = present; word & 0x80000000u; word = le32(at - 4)) {
        if (at + 4 > len) return 0;
        at += 4;
    }
    if (!(present & (1u << 3))) return 0;
    if (present & 1u) at = (at + 7) / 8 * 8 + 8; // TSFT
    if (present & 2u) at += 1;                   // Flags
    if (present & 4u) at += 1;                   // Rate
    at = (at + 1) / 2 * 2;
    if (at + 4 > len) return 0;
    return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

// --- a sink that records ------------------------------------------------------------

struct Record {
    std::int64_t sec = 0;
    std::uint32_t usec = 0;
    std::uint32_t dlt = 0;
    std::vector<std::uint8_t> bytes;
    std::uint32_t original_length = 0;
    bool operator==(const Record&) const = default;
};

class RecordingSink : public PacketSink {
public:
    explicit RecordingSink(std::size_t keep = std::numeric_limits<std::size_t>::max()) : keep_(keep) {}
    std::function<void(const CapturedFrame&)> on_deliver; // set before open()

    void deliver(const CapturedFrame& frame) override
    {
        {
            std::lock_guard lock(mutex_);
            Record r;
            r.sec = frame.ts_sec;
            r.usec = frame.ts_usec;
            r.dlt = frame.dlt;
            r.bytes.assign(frame.data.begin(), frame.data.end());
            r.original_length = frame.original_length;
            freqs_.push_back(radiotap_freq(r.bytes));
            ts_usec_.push_back(static_cast<std::uint64_t>(r.sec) * 1'000'000 + r.usec);
            if (records_.size() < keep_) records_.push_back(std::move(r));
            ++count_;
        }
        changed_.notify_all();
        if (on_deliver) on_deliver(frame);
    }
    void failed(std::string_view reason) override
    {
        {
            std::lock_guard lock(mutex_);
            ++failed_;
            reason_ = std::string(reason);
        }
        changed_.notify_all();
    }
    void finished() override
    {
        {
            std::lock_guard lock(mutex_);
            ++finished_;
        }
        changed_.notify_all();
    }

    bool wait_done(std::chrono::milliseconds timeout = 60s)
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [this] { return finished_ + failed_ > 0; });
    }
    bool wait_frames(std::size_t n, std::chrono::milliseconds timeout = 60s)
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return count_ >= n; });
    }

    std::vector<Record> records() const { std::lock_guard l(mutex_); return records_; }
    std::vector<std::uint16_t> freqs() const { std::lock_guard l(mutex_); return freqs_; }
    std::vector<std::uint64_t> timestamps() const { std::lock_guard l(mutex_); return ts_usec_; }
    std::size_t count() const { std::lock_guard l(mutex_); return count_; }
    int finished_calls() const { std::lock_guard l(mutex_); return finished_; }
    int failed_calls() const { std::lock_guard l(mutex_); return failed_; }
    std::string reason() const { std::lock_guard l(mutex_); return reason_; }

private:
    const std::size_t keep_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Record> records_;
    std::vector<std::uint16_t> freqs_;
    std::vector<std::uint64_t> ts_usec_;
    std::size_t count_ = 0;
    int finished_ = 0;
    int failed_ = 0;
    std::string reason_;
};

/// A fresh folder under $TMPDIR (or /tmp), removed with everything in it.
struct TempDir {
    fs::path path;
    TempDir()
    {
        const char* tmp = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/airsight-sim-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        REQUIRE(::mkdtemp(buf.data()) != nullptr);
        path = buf.data();
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path operator/(const std::string& name) const { return path / name; }
};

std::unique_ptr<SimSource> make_source(const std::string& definition, OutputFiles* outputs = nullptr)
{
    SimType type(outputs);
    std::unique_ptr<Datasource> d = type.create(SourceDefinition::parse(definition));
    auto* s = dynamic_cast<SimSource*>(d.get());
    REQUIRE(s != nullptr);
    (void)d.release();
    return std::unique_ptr<SimSource>(s);
}

std::string create_error(const std::string& definition, OutputFiles* outputs = nullptr)
{
    SimType type(outputs);
    try {
        (void)type.create(SourceDefinition::parse(definition));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no exception)";
}

template <typename F> std::string invalid_argument_of(F&& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// What the engine's own radio hears first for the same options (fixed start).
std::vector<Record> engine_frames(const SimSource& source, std::size_t n, int locked_channel = 0)
{
    FrameOptions frames;
    frames.fcs = source.options().fcs;
    Radio radio(source.options().world, frames);
    if (locked_channel) radio.set_channel(locked_channel);
    else radio.set_hop(source.options().world.channels, Radio::kDefaultHopRate);
    std::vector<Record> out;
    SimFrame f;
    while (out.size() < n && radio.next_frame(f)) {
        Record r;
        r.sec = static_cast<std::int64_t>(f.ts_usec / 1'000'000);
        r.usec = static_cast<std::uint32_t>(f.ts_usec % 1'000'000);
        r.dlt = f.dlt;
        r.bytes = f.bytes;
        r.original_length = static_cast<std::uint32_t>(f.bytes.size());
        out.push_back(std::move(r));
    }
    return out;
}

/// Index of the first record that differs, or -1; sizes compared too.
long first_difference(const std::vector<Record>& a, const std::vector<Record>& b)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!(a[i] == b[i])) return static_cast<long>(i);
    return a.size() == b.size() ? -1 : static_cast<long>(n);
}

const std::vector<std::string> kDefaultChannels{"1", "6", "11", "36", "44", "149"};

} // namespace

// --- the plugin and the type ------------------------------------------------------------

TEST_CASE("sim: the plugin registers the sim type")
{
    CHECK(airsight_plugin_info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(std::string(airsight_plugin_info.name) == "sim");
    CHECK((airsight_plugin_info.kinds & AIRSIGHT_PLUGIN_DATASOURCE) != 0);

    test::HostLog log;
    test::FakeFields fields;
    test::FakeConfig config;
    test::FakeHost host{"sim", log, fields, config};
    TempDir dir;
    core::OutputDirectory outputs(dir.path);
    host.output_files = &outputs;
    const std::unique_ptr<Plugin> plugin = test::create_linked_plugin(host);
    CHECK(log.snapshot() == std::vector<std::string>{"datasource_type sim sim"});
    REQUIRE(host.datasource_types.size() == 1);
    CHECK(host.datasource_types[0]->name() == "sim");
}

TEST_CASE("sim: name, description, capabilities and interfaces")
{
    SimType type;
    CHECK(type.name() == "sim");
    CHECK(type.description() ==
          "Simulated RF environment (802.11 access points and clients, BLE advertisers, Remote ID drones)");
    const DatasourceCapabilities c = type.capabilities();
    CHECK(c.probe);
    CHECK(c.local);
    CHECK(c.tune);
    CHECK(c.hop);
    CHECK(c.list_interfaces);
    CHECK_FALSE(c.remote);
    CHECK_FALSE(c.passive);
    const auto interfaces = type.list_interfaces();
    REQUIRE(interfaces.size() == 1);
    CHECK(interfaces[0].interface == "sim");
    CHECK(interfaces[0].hardware == "airsight simulated radio");
}

TEST_CASE("sim: probe takes sim and sim-like interfaces, or type=sim")
{
    SimType type;
    auto probe = [&](const std::string& text) { return type.probe(SourceDefinition::parse(text)); };
    CHECK(probe("sim"));
    CHECK(probe("sim:name=lab,seed=3"));
    CHECK(probe("sim0"));
    CHECK(probe("sim-lab"));
    CHECK(probe("anything:type=sim"));
    CHECK_FALSE(probe("sim:type=pcapfile"));
    CHECK_FALSE(probe("wlan0"));
    CHECK_FALSE(probe("asim"));
    CHECK_FALSE(probe("simple.pcap"));
    CHECK_FALSE(probe("/tmp/sim"));
}

TEST_CASE("sim: options")
{
    SUBCASE("defaults")
    {
        const SimOptions o = make_source("sim")->options();
        CHECK(o.world.seed == 1);
        CHECK(o.world.access_points == 12);
        CHECK(o.world.clients == 30);
        CHECK(o.world.channels == WorldConfig{}.channels);
        CHECK(o.pace == Pace::Realtime);
        CHECK(o.start == Start::Auto);
        CHECK_FALSE(o.world.misbehaviour_deauth_flood);
        CHECK_FALSE(o.world.misbehaviour_spoofed_ap);
        CHECK_FALSE(o.fcs);
        CHECK(o.pcapng.empty());
        CHECK(o.frames == 0);
        CHECK(o.fail_after == 0);
        CHECK(o.world.attacks.empty());
        CHECK(o.world.ble_advertisers == 0);
        CHECK(o.world.drones == 0);
    }
    SUBCASE("valid values")
    {
        TempDir dir;
        core::OutputDirectory outputs(dir.path);
        const std::string out = "out.pcapng";
        const SimOptions o = make_source("sim:name=lab,seed=7,aps=3,clients=0,channels=1/6/11/36,channel=11,"
                                         "channel_hop=false,channel_hop_speed=2.5,rate=250,deauth_flood=true,spoofed_ap=yes,fcs=1,pcapng=" +
                                             out + ",frames=99,fail_after=42,start=1600000000,uuid=whatever",
                                         &outputs)
                                 ->options();
        CHECK(o.world.seed == 7);
        CHECK(o.world.access_points == 3);
        CHECK(o.world.clients == 0);
        CHECK(o.world.channels == std::vector<int>{1, 6, 11, 36});
        CHECK(o.pace == Pace::Rate);
        CHECK(o.rate == 250);
        CHECK(o.world.misbehaviour_deauth_flood);
        CHECK(o.world.misbehaviour_spoofed_ap);
        CHECK(o.fcs);
        CHECK(o.pcapng == out);
        CHECK(o.frames == 99);
        CHECK(o.fail_after == 42);
        CHECK(o.start == Start::Fixed);
        CHECK(o.world.start_usec == 1'600'000'000'000'000ULL);
        CHECK(make_source("sim:rate=max")->options().pace == Pace::Max);
        CHECK(make_source("sim:rate=realtime")->options().pace == Pace::Realtime);
        CHECK(make_source("sim:rate=0.5")->options().rate == 0.5);
        CHECK(make_source("sim:start=now")->options().start == Start::Now);
        CHECK(make_source("sim:start=fixed")->options().start == Start::Fixed);
        CHECK(make_source("sim:attacks=\"bcastdiscon,deauthcodeinvalid\"")->options().world.attacks ==
              std::vector<std::string>{"bcastdiscon", "deauthcodeinvalid"});
        CHECK(make_source("sim:attacks=deauthcodeinvalid/bcastdiscon/deauthcodeinvalid")->options().world.attacks ==
              std::vector<std::string>{"deauthcodeinvalid", "bcastdiscon"}); // a repeat runs once
        // Kismet's channel options are the server's: accepted, not read.
        const SourceStatus st = make_source("sim:channel=13,channel_hop=maybe,channel_hop_speed=fast")->status();
        CHECK(st.hopping);
        CHECK(st.hop_rate == Radio::kDefaultHopRate);
    }
    SUBCASE("bad values are refused naming the option")
    {
        const std::pair<const char*, const char*> cases[] = {
            {"sim:seed=abc", "seed=abc"},           {"sim:seed=-1", "seed=-1"},
            {"sim:aps=many", "aps=many"},           {"sim:aps=100000", "aps=100000"},
            {"sim:clients=-3", "clients=-3"},       {"sim:clients=1e3", "clients=1e3"},
            {"sim:channels=1/6/zz", "channels=1/6/zz"}, {"sim:channels=", "channels="},
            {"sim:channels=1//6", "channels=1//6"}, {"sim:channels=15", "channels=15"},
            {"sim:fail_after=0", "fail_after=0"},   {"sim:fail_after=soon", "fail_after=soon"},
            {"sim:rate=0", "rate=0"},
            {"sim:rate=slow", "rate=slow"},         {"sim:rate=-5", "rate=-5"},
            {"sim:rate=nan", "rate=nan"},           {"sim:deauth_flood=maybe", "deauth_flood=maybe"},
            {"sim:spoofed_ap=2", "spoofed_ap=2"},   {"sim:fcs=on", "fcs=on"},
            {"sim:pcapng=", "pcapng="},             {"sim:pcapng=x.pcapng", "no output folder"},
            {"sim:frames=0", "frames=0"},           {"sim:frames=ten", "frames=ten"},
            {"sim:start=yesterday", "start=yesterday"}, {"sim:type=pcapfile", "type=pcapfile"},
            {"sim:name=", "name="},
            {"sim:attacks=nosuch", "no attack 'nosuch' (known: "}, {"sim:attacks=bcastdiscon/", "empty name"},
            {"sim:attacks=", "attacks="},
        };
        for (const auto& [definition, option] : cases) {
            CAPTURE(definition);
            const std::string error = create_error(definition);
            CHECK_MESSAGE(contains(error, option), error);
        }
    }
}

TEST_CASE("sim: status before open shows the world's channels and the configured tuning")
{
    SUBCASE("hopping by default")
    {
        const SourceStatus s = make_source("sim")->status();
        CHECK(s.capture_interface == "sim");
        CHECK(s.hardware == "airsight simulated radio");
        CHECK(s.dlt == 127);
        CHECK(s.channels == kDefaultChannels);
        CHECK(s.channel == "");
        CHECK(s.hopping);
        CHECK(s.hop_rate == 5.0);
        CHECK(s.hop_channels == kDefaultChannels);
        CHECK_FALSE(s.finished);
    }
    SUBCASE("set_channel before open locks")
    {
        auto source = make_source("sim0:channels=11/1");
        source->set_channel("1");
        const SourceStatus s = source->status();
        CHECK(s.capture_interface == "sim0");
        CHECK(s.channels == std::vector<std::string>{"11", "1"});
        CHECK(s.channel == "1");
        CHECK_FALSE(s.hopping);
        CHECK(s.hop_rate == 5.0); // kept for set_hop
    }
    SUBCASE("the evil twin of a one-channel world brings its channel along")
    {
        const SourceStatus s = make_source("sim:channels=6,spoofed_ap=true")->status();
        CHECK(s.channels == std::vector<std::string>{"6", "11"});
    }
}

// --- what it delivers --------------------------------------------------------------------

TEST_CASE("sim: a seed delivers the same frames every time, the engine's own; another seed differs")
{
    auto run = [](const std::string& definition) {
        RecordingSink sink;
        auto source = make_source(definition);
        source->open(sink);
        REQUIRE(sink.wait_done());
        source->close();
        CHECK(sink.finished_calls() == 1);
        CHECK(sink.failed_calls() == 0);
        return sink.records();
    };
    const auto a = run("sim:seed=7,rate=max,frames=500");
    const auto b = run("sim:seed=7,rate=max,frames=500");
    const auto c = run("sim:seed=8,rate=max,frames=500");
    REQUIRE(a.size() == 500);
    CHECK(first_difference(a, b) == -1);
    CHECK(first_difference(a, c) != -1);
    CHECK(first_difference(a, engine_frames(*make_source("sim:seed=7,rate=max"), 500)) == -1);
    for (const Record& r : a) {
        CHECK(r.dlt == 127);
        CHECK(r.original_length == r.bytes.size());
    }
    // rate=max starts at the engine's fixed time.
    CHECK(a.front().sec * 1'000'000LL + a.front().usec >= static_cast<std::int64_t>(kDefaultStartUsec));
    CHECK(a.front().sec < static_cast<std::int64_t>(kDefaultStartUsec / 1'000'000 + 60));
}

TEST_CASE("sim: fail_after=N fails every open after N frames, as a vanishing radio would")
{
    auto source = make_source("sim:seed=3,rate=max,fail_after=25");
    for (int run = 1; run <= 2; ++run) {
        CAPTURE(run);
        RecordingSink sink;
        source->open(sink);
        REQUIRE(sink.wait_done());
        std::this_thread::sleep_for(100ms); // nothing more comes
        CHECK(sink.count() == 25);
        CHECK(sink.failed_calls() == 1);
        CHECK(sink.finished_calls() == 0);
        CHECK(sink.reason() == "simulated failure after 25 frames (fail_after=25)");
        source->close();
    }
}

TEST_CASE("sim: frames=N delivers exactly N, then finished()")
{
    RecordingSink sink;
    auto source = make_source("sim:seed=3,rate=max,frames=137");
    source->open(sink);
    REQUIRE(sink.wait_done());
    std::this_thread::sleep_for(200ms); // nothing more comes
    CHECK(sink.count() == 137);
    CHECK(sink.finished_calls() == 1);
    CHECK(sink.failed_calls() == 0);
    CHECK(source->packets() == 137);
    CHECK(source->status().finished);
    source->close();
    CHECK(sink.count() == 137);
}

TEST_CASE("sim: channel=6 delivers only 2437 MHz, as the engine's radio locked on 6 hears it")
{
    RecordingSink sink;
    auto source = make_source("sim:seed=5,rate=max,frames=400,deauth_flood=true,spoofed_ap=true");
    source->set_channel("6");
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    const auto freqs = sink.freqs();
    REQUIRE(freqs.size() == 400);
    for (std::uint16_t f : freqs) REQUIRE(f == 2437);
    CHECK(first_difference(sink.records(), engine_frames(*source, 400, 6)) == -1);
    CHECK(source->status().channel == "6");
    CHECK_FALSE(source->status().hopping);
}

TEST_CASE("sim: hopping delivers every channel of the world")
{
    RecordingSink sink;
    auto source = make_source("sim:seed=2,rate=max,frames=3000");
    source->set_hop(20, kDefaultChannels);
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    const auto freqs = sink.freqs();
    const std::set<std::uint16_t> heard(freqs.begin(), freqs.end());
    CHECK(heard == std::set<std::uint16_t>{2412, 2437, 2462, 5180, 5220, 5745});
}

TEST_CASE("sim: fcs=true appends the FCS and sets the radiotap flag")
{
    RecordingSink sink;
    auto source = make_source("sim:rate=max,frames=50,fcs=true");
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    const auto records = sink.records();
    REQUIRE(records.size() == 50);
    for (const Record& r : records) CHECK((r.bytes.at(8) & 0x10) != 0); // Flags follows the present word
    CHECK(first_difference(records, engine_frames(*source, 50)) == -1);
}

// --- channel control while running --------------------------------------------------------

TEST_CASE("sim: set_channel while running changes what is delivered afterwards")
{
    RecordingSink sink(0); // keeps only frequencies
    auto source = make_source("sim:seed=4,rate=max");
    source->open(sink);
    REQUIRE(sink.wait_frames(3000));
    source->set_channel("11");
    // At most the frame the thread pulled before the change is still old.
    const std::size_t at = sink.count() + 1;
    REQUIRE(sink.wait_frames(at + 3000));
    const SourceStatus st = source->status();
    source->close();
    const auto freqs = sink.freqs();
    const std::set<std::uint16_t> before(freqs.begin(), freqs.begin() + 3000);
    CHECK(before.size() > 1); // it was hopping
    std::size_t wrong = 0;
    for (std::size_t i = at; i < freqs.size(); ++i) wrong += freqs[i] != 2462;
    CHECK(wrong == 0);
    CHECK(st.channel == "11");
    CHECK_FALSE(st.hopping);
    CHECK(st.hop_channels == kDefaultChannels); // kept for set_hop
}

TEST_CASE("sim: set_hop while running hops over the given channels at the given rate")
{
    RecordingSink sink(0);
    auto source = make_source("sim:seed=4,rate=max");
    source->set_channel("36");
    source->open(sink);
    REQUIRE(sink.wait_frames(500));
    source->set_hop(50, {"1", "11HT40-"});
    const std::size_t at = sink.count() + 1;
    REQUIRE(sink.wait_frames(at + 4000));
    const SourceStatus st = source->status();
    source->close();
    const auto freqs = sink.freqs();
    for (std::size_t i = 0; i < 500; ++i) REQUIRE(freqs[i] == 5180);
    const std::set<std::uint16_t> after(freqs.begin() + static_cast<long>(at), freqs.end());
    CHECK(after == std::set<std::uint16_t>{2412, 2462});
    CHECK(st.hopping);
    CHECK(st.channel == "");
    CHECK(st.hop_rate == 50.0);
    CHECK(st.hop_channels == std::vector<std::string>{"1", "11"});
}

TEST_CASE("sim: tuning set before open() applies from the first frame")
{
    RecordingSink sink;
    auto source = make_source("sim:rate=max,frames=200");
    source->set_channel("44");
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    for (std::uint16_t f : sink.freqs()) REQUIRE(f == 5220);
    CHECK(sink.count() == 200);
}

TEST_CASE("sim: bad channels and hop settings are refused and change nothing")
{
    auto source = make_source("sim");
    source->set_hop(4, kDefaultChannels);
    const std::string world = "is not one of this simulated world's channels: 1, 6, 11, 36, 44, 149";
    CHECK(invalid_argument_of([&] { source->set_channel("200"); }) == "channel 200 " + world);
    CHECK(invalid_argument_of([&] { source->set_channel("13"); }) == "channel 13 " + world);
    CHECK(invalid_argument_of([&] { source->set_channel("abc"); }) == "channel abc " + world);
    CHECK(invalid_argument_of([&] { source->set_channel(""); }) == "channel  " + world);
    CHECK(invalid_argument_of([&] { source->set_channel("6XYZ"); }) == "channel 6XYZ " + world);
    CHECK(invalid_argument_of([&] { source->set_hop(5, {"1", "12"}); }) == "channel 12 " + world);
    CHECK(contains(invalid_argument_of([&] { source->set_hop(0, {"1"}); }), "not a positive number"));
    CHECK(contains(invalid_argument_of([&] { source->set_hop(-1, {"1"}); }), "not a positive number"));
    CHECK(contains(invalid_argument_of([&] { source->set_hop(std::nan(""), {"1"}); }), "not a positive number"));
    CHECK(contains(invalid_argument_of([&] { source->set_hop(INFINITY, {"1"}); }), "not a positive number"));
    CHECK(contains(invalid_argument_of([&] { source->set_hop(5, {}); }), "at least one channel"));
    const SourceStatus s = source->status();
    CHECK(s.hopping);
    CHECK(s.hop_rate == 4.0);
    CHECK(s.hop_channels == kDefaultChannels);

    CHECK(invalid_argument_of([&] { source->set_channel("6HT40+"); }) == "(no exception)");
    CHECK(source->status().channel == "6");
}

// --- pacing, open and close ---------------------------------------------------------------

TEST_CASE("sim: realtime pacing follows the wall clock from open(), with current timestamps")
{
    RecordingSink sink(0);
    auto source = make_source("sim");
    const auto wall_before = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_frames(1, 30s));
    std::this_thread::sleep_for(1s);
    source->close();
    const double elapsed = seconds_since(start);
    const auto ts = sink.timestamps();
    REQUIRE_FALSE(ts.empty());
    // Timestamps are now, not 2023; simulated time never runs ahead of the wall clock.
    CHECK(static_cast<std::int64_t>(ts.front()) >= wall_before);
    CHECK(static_cast<std::int64_t>(ts.front()) < wall_before + 30'000'000);
    const double simulated = static_cast<double>(ts.back() - static_cast<std::uint64_t>(wall_before)) / 1e6;
    CHECK(simulated <= elapsed + 0.5);
}

TEST_CASE("sim: close() while pacing returns promptly")
{
    RecordingSink sink;
    std::string definition;
    SUBCASE("realtime") { definition = "sim:channel=149"; }
    SUBCASE("20 s between frames") { definition = "sim:rate=0.05"; }
    CAPTURE(definition);
    auto source = make_source(definition);
    source->open(sink);
    std::this_thread::sleep_for(300ms);
    const auto start = Clock::now();
    source->close();
    CHECK(seconds_since(start) < 5.0);
    const std::size_t n = sink.count();
    std::this_thread::sleep_for(100ms);
    CHECK(sink.count() == n);
    CHECK(sink.finished_calls() + sink.failed_calls() == 0);
}

TEST_CASE("sim: rate=N delivers N frames per second")
{
    RecordingSink sink;
    auto source = make_source("sim:rate=100,frames=31");
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_done());
    CHECK(seconds_since(start) >= 0.25); // 30 gaps of 10 ms; no upper bound on a shared machine
    CHECK(sink.count() == 31);
    source->close();
}

TEST_CASE("sim: open() twice is refused; after close() the simulation starts over")
{
    RecordingSink first;
    RecordingSink second;
    RecordingSink third;
    auto source = make_source("sim:rate=max,frames=60");
    source->open(first);
    REQUIRE(first.wait_done());
    source->close();
    source->open(second);
    REQUIRE(second.wait_done());
    source->close();
    CHECK(first_difference(first.records(), second.records()) == -1);
    CHECK(second.count() == 60);

    auto slow = make_source("sim:rate=5");
    slow->open(first);
    std::string error;
    try {
        slow->open(third);
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    CHECK(contains(error, "already open"));
    slow->close();
    CHECK(third.count() == 0);
}

TEST_CASE("sim: close() is safe before open(), twice, from several threads, and from inside the sink")
{
    auto source = make_source("sim:rate=max");
    source->close();
    SUBCASE("several threads")
    {
        RecordingSink sink(0);
        source->open(sink);
        REQUIRE(sink.wait_frames(10));
        std::vector<std::thread> closers;
        for (int i = 0; i < 4; ++i) closers.emplace_back([&] { source->close(); });
        for (auto& t : closers) t.join();
        source->close();
        const std::size_t n = sink.count();
        std::this_thread::sleep_for(100ms);
        CHECK(sink.count() == n);
    }
    SUBCASE("inside the sink")
    {
        RecordingSink sink;
        std::atomic<int> calls{0};
        sink.on_deliver = [&](const CapturedFrame&) {
            if (++calls == 3) source->close();
        };
        source->open(sink);
        std::this_thread::sleep_for(300ms);
        source->close();
        CHECK(sink.count() == 3);
        CHECK(sink.finished_calls() + sink.failed_calls() == 0);
    }
    SUBCASE("the destructor")
    {
        RecordingSink sink(0);
        source->open(sink);
        REQUIRE(sink.wait_frames(10));
        const auto start = Clock::now();
        source.reset();
        CHECK(seconds_since(start) < 5.0);
    }
}

TEST_CASE("sim: tuning from other threads while it runs")
{
    RecordingSink sink(0);
    auto source = make_source("sim:rate=max");
    source->open(sink);
    REQUIRE(sink.wait_frames(100));
    std::vector<std::thread> tuners;
    for (int t = 0; t < 2; ++t)
        tuners.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                if ((i + t) % 2) source->set_channel(i % 3 ? "6" : "36");
                else source->set_hop(10 + i, {"1", "149"});
                (void)source->status();
            }
        });
    for (auto& t : tuners) t.join();
    CHECK(sink.wait_frames(sink.count() + 100)); // still delivering
    source->close();
    for (std::uint16_t f : sink.freqs()) CHECK((f == 2412 || f == 2437 || f == 5180 || f == 5745 || f == 2462 || f == 5220));
}

// --- pcapng= ------------------------------------------------------------------------------

TEST_CASE("sim: pcapng= writes what it delivers, and libpcap reads it back")
{
    TempDir dir;
    core::OutputDirectory outputs(dir.path);
    const fs::path file = dir / "out.pcapng";
    RecordingSink sink;
    auto source = make_source("sim:seed=9,rate=max,frames=300,spoofed_ap=true,pcapng=out.pcapng", &outputs);
    source->open(sink);
    REQUIRE(sink.wait_done());
    REQUIRE(sink.finished_calls() == 1);
    source->close();

    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* p = pcap_open_offline_with_tstamp_precision(file.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    REQUIRE_MESSAGE(p != nullptr, errbuf);
    CHECK(pcap_datalink(p) == 127);
    std::vector<Record> read;
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
        Record r;
        r.sec = h->ts.tv_sec;
        r.usec = static_cast<std::uint32_t>(h->ts.tv_usec);
        r.dlt = 127;
        r.bytes.assign(data, data + h->caplen);
        r.original_length = h->len;
        read.push_back(std::move(r));
    }
    CHECK(rc == PCAP_ERROR_BREAK);
    pcap_close(p);
    CHECK(read.size() == 300);
    CHECK(first_difference(read, sink.records()) == -1);
}

TEST_CASE("sim: ble_advertisers= and drones= add BLE packets (link type 256) beside radiotap, in the pcapng too")
{
    CHECK(make_source("sim:ble_advertisers=7,drones=3")->options().world.ble_advertisers == 7);
    CHECK(make_source("sim:ble_advertisers=7,drones=3")->options().world.drones == 3);
    CHECK(contains(create_error("sim:drones=101"), "drones"));
    CHECK(contains(create_error("sim:ble_advertisers=many"), "ble_advertisers"));

    TempDir dir;
    core::OutputDirectory outputs(dir.path);
    RecordingSink sink;
    auto source = make_source("sim:seed=4,aps=2,clients=2,ble_advertisers=4,drones=1,rate=max,frames=600,"
                              "pcapng=mixed.pcapng", &outputs);
    source->set_channel("11"); // BLE is heard on any Wi-Fi channel
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    const auto records = sink.records();
    REQUIRE(records.size() == 600);
    CHECK(first_difference(records, engine_frames(*source, 600, 11)) == -1);
    std::size_t ble = 0;
    for (const Record& r : records) {
        CHECK((r.dlt == 127 || r.dlt == 256));
        ble += r.dlt == 256;
    }
    CHECK(ble > 100);
    CHECK(ble < 600);

    // The file: interface 0 radiotap, interface 1 BLE, each packet on its own (libpcap
    // reads one link type a file, so the blocks are walked here).
    std::ifstream in(dir / "mixed.pcapng", std::ios::binary);
    const std::vector<std::uint8_t> file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto u32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(file.at(at) | file.at(at + 1) << 8 | file.at(at + 2) << 16) |
               std::uint32_t{file.at(at + 3)} << 24;
    };
    std::vector<std::uint32_t> linktypes;
    std::size_t packets = 0;
    for (std::size_t at = 0; at + 12 <= file.size(); at += u32(at + 4)) {
        if (u32(at) == 1) linktypes.push_back(u32(at + 8) & 0xFFFF);
        if (u32(at) != 6) continue;
        REQUIRE(packets < records.size());
        const std::uint32_t interface = u32(at + 8);
        CHECK(interface == (records[packets].dlt == 256 ? 1u : 0u));
        CHECK(u32(at + 20) == records[packets].bytes.size());
        ++packets;
    }
    CHECK(linktypes == std::vector<std::uint32_t>{127, 256});
    CHECK(packets == 600);
}

TEST_CASE("sim: pcapng= names outside the output folder, or taken, are refused by create() naming the option")
{
    TempDir dir;
    core::OutputDirectory outputs(dir.path / "out");
    fs::create_directory(dir.path / "out");
    {
        std::FILE* f = std::fopen((dir.path / "out" / "taken.pcapng").c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs("precious", f);
        std::fclose(f);
    }
    const std::pair<std::string, std::string> cases[] = {
        {"/tmp/x.pcapng", "absolute path"},
        {"../x.pcapng", "leaves the output folder"},
        {"a/../../x.pcapng", "leaves the output folder"},
        {"taken.pcapng", "already exists"},
        {"nofolder/x.pcapng", "does not exist"},
    };
    for (const auto& [name, reason] : cases) {
        CAPTURE(name);
        const std::string error = create_error("sim:rate=max,pcapng=" + name, &outputs);
        CHECK_MESSAGE(contains(error, "pcapng=" + name), error);
        CHECK_MESSAGE(contains(error, reason), error);
    }
    CHECK_FALSE(fs::exists(dir.path / "x.pcapng"));
    CHECK(fs::file_size(dir.path / "out" / "taken.pcapng") == 8); // untouched
}

TEST_CASE("sim: a pcapng= file that appeared since create() fails open() with the reason, untouched")
{
    TempDir dir;
    core::OutputDirectory outputs(dir.path);
    RecordingSink sink;
    auto source = make_source("sim:rate=max,pcapng=late.pcapng", &outputs);
    {
        std::FILE* f = std::fopen((dir / "late.pcapng").c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs("someone else's", f);
        std::fclose(f);
    }
    std::string error;
    try {
        source->open(sink);
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    CHECK(contains(error, "pcapng=late.pcapng"));
    CHECK(contains(error, "already exists"));
    CHECK(sink.count() == 0);
    CHECK(fs::file_size(dir / "late.pcapng") == 14);
    source->close();
}

TEST_CASE("sim: reopening a source with pcapng= never overwrites the first run's file")
{
    TempDir dir;
    core::OutputDirectory outputs(dir.path);
    RecordingSink sink;
    auto source = make_source("sim:seed=4,rate=max,frames=50,pcapng=run.pcapng", &outputs);
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();
    const auto size = fs::file_size(dir / "run.pcapng");
    CHECK(size > 0);
    RecordingSink again;
    CHECK_THROWS_WITH_AS(source->open(again), doctest::Contains("already exists"), std::runtime_error);
    CHECK(fs::file_size(dir / "run.pcapng") == size);
}
