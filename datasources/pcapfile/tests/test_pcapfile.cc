// The pcapfile datasource: its type (probe, options, paths), its source (the
// frames, the end of the file, damage, realtime pacing, close()) and the
// plugin's factory (with the plugin tests' fake host). Files are generated in
// a temporary folder; the shared real captures ($AIRSIGHT_CAPTURES) are read
// where they are, never copied.
#include "../pcapfile_type.h"
#include "fakes.h" // tests/unit/plugins: the host the plugin tests use
#include "linked_plugin.h"

#include <airsight/plugin.h>

#include <doctest/doctest.h>

#include <pcap/pcap.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>


using namespace airsight;
using namespace airsight::pcapfile;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// --- records and files ---------------------------------------------------------

struct Record {
    std::int64_t sec = 0;
    std::uint32_t usec = 0;
    std::vector<std::uint8_t> bytes;
    std::uint32_t original_length = 0;

    bool operator==(const Record&) const = default;
};

// Frame i: a minimal radiotap header (version 0, length 8, no fields) and a
// body whose size and content depend on i.
Record make_record(int i, std::int64_t sec, std::uint32_t usec)
{
    Record r;
    r.sec = sec;
    r.usec = usec;
    r.bytes = {0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00};
    for (int k = 0; k < 20 + 7 * i; ++k) r.bytes.push_back(static_cast<std::uint8_t>(i * 31 + k));
    r.original_length = static_cast<std::uint32_t>(r.bytes.size());
    return r;
}

std::vector<Record> make_records(int n, std::int64_t first_sec = 1'700'000'000)
{
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) out.push_back(make_record(i, first_sec + i, static_cast<std::uint32_t>(1000 * i + 7)));
    return out;
}

void write_pcap(const fs::path& path, int dlt, const std::vector<Record>& records)
{
    pcap_t* dead = pcap_open_dead_with_tstamp_precision(dlt, 65535, PCAP_TSTAMP_PRECISION_MICRO);
    REQUIRE(dead != nullptr);
    pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
    REQUIRE_MESSAGE(dumper != nullptr, pcap_geterr(dead));
    for (const Record& r : records) {
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(r.sec);
        h.ts.tv_usec = static_cast<suseconds_t>(r.usec);
        h.caplen = static_cast<bpf_u_int32>(r.bytes.size());
        h.len = r.original_length;
        pcap_dump(reinterpret_cast<u_char*>(dumper), &h, r.bytes.data());
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
}

// libpcap 1.10 cannot write pcapng, so this writes the blocks by hand: a
// Section Header, one Interface Description (microsecond timestamps, the
// default) and an Enhanced Packet Block per record, little-endian.
void write_pcapng(const fs::path& path, int dlt, const std::vector<Record>& records)
{
    std::vector<std::uint8_t> out;
    auto u16 = [&](std::uint16_t v) {
        for (int i = 0; i < 2; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    // Section Header Block
    u32(0x0A0D0D0A);
    u32(28);
    u32(0x1A2B3C4D);
    u16(1);
    u16(0);
    u32(0xFFFFFFFF);
    u32(0xFFFFFFFF); // section length: unknown
    u32(28);
    // Interface Description Block
    u32(1);
    u32(20);
    u16(static_cast<std::uint16_t>(dlt));
    u16(0);
    u32(65535);
    u32(20);
    // Enhanced Packet Blocks
    for (const Record& r : records) {
        const std::uint32_t padded = static_cast<std::uint32_t>((r.bytes.size() + 3) / 4 * 4);
        const std::uint32_t total = 32 + padded;
        const std::uint64_t ts = static_cast<std::uint64_t>(r.sec) * 1'000'000 + r.usec;
        u32(6);
        u32(total);
        u32(0); // interface 0
        u32(static_cast<std::uint32_t>(ts >> 32));
        u32(static_cast<std::uint32_t>(ts & 0xFFFFFFFF));
        u32(static_cast<std::uint32_t>(r.bytes.size()));
        u32(r.original_length);
        out.insert(out.end(), r.bytes.begin(), r.bytes.end());
        out.resize(out.size() + (padded - r.bytes.size()), 0);
        u32(total);
    }
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    REQUIRE(f.good());
}

void write_bytes(const fs::path& path, const std::string& bytes)
{
    std::ofstream f(path, std::ios::binary);
    f << bytes;
    REQUIRE(f.good());
}

/// A fresh folder under $TMPDIR (or /tmp), removed with everything in it.
struct TempDir {
    fs::path path;
    TempDir()
    {
        const char* tmp = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/airsight-pcapfile-XXXXXX";
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

/// What a plain libpcap loop reads from a file.
struct Reference {
    std::string open_error; // empty when the file opened
    int dlt = -1;
    std::vector<Record> records;
    int end_rc = 0;         // PCAP_ERROR_BREAK at a clean end, PCAP_ERROR on damage
    std::string end_error;
};

Reference read_reference(const fs::path& path)
{
    Reference ref;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t* p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!p) {
        ref.open_error = errbuf;
        return ref;
    }
    ref.dlt = pcap_datalink(p);
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
        Record r;
        r.sec = h->ts.tv_sec;
        r.usec = static_cast<std::uint32_t>(h->ts.tv_usec);
        r.bytes.assign(data, data + h->caplen);
        r.original_length = h->len;
        ref.records.push_back(std::move(r));
    }
    ref.end_rc = rc;
    if (rc == PCAP_ERROR) ref.end_error = pcap_geterr(p);
    pcap_close(p);
    return ref;
}

// --- a sink that records -------------------------------------------------------

class RecordingSink : public PacketSink {
public:
    std::function<void(const CapturedFrame&)> on_deliver; // set before open()

    void deliver(const CapturedFrame& frame) override
    {
        {
            std::lock_guard lock(mutex_);
            Record r;
            r.sec = frame.ts_sec;
            r.usec = frame.ts_usec;
            r.bytes.assign(frame.data.begin(), frame.data.end());
            r.original_length = frame.original_length;
            records_.push_back(std::move(r));
            dlts_.insert(frame.dlt);
            arrivals_.push_back(Clock::now());
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

    /// Waits for finished() or failed(); false on timeout.
    bool wait_done(std::chrono::milliseconds timeout = 60s)
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [this] { return finished_ + failed_ > 0; });
    }
    bool wait_frames(std::size_t n, std::chrono::milliseconds timeout = 20s)
    {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return records_.size() >= n; });
    }

    std::vector<Record> records() const { std::lock_guard l(mutex_); return records_; }
    std::vector<Clock::time_point> arrivals() const { std::lock_guard l(mutex_); return arrivals_; }
    std::set<std::uint32_t> dlts() const { std::lock_guard l(mutex_); return dlts_; }
    int finished_calls() const { std::lock_guard l(mutex_); return finished_; }
    int failed_calls() const { std::lock_guard l(mutex_); return failed_; }
    std::string reason() const { std::lock_guard l(mutex_); return reason_; }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Record> records_;
    std::vector<Clock::time_point> arrivals_;
    std::set<std::uint32_t> dlts_;
    int finished_ = 0;
    int failed_ = 0;
    std::string reason_;
};

std::unique_ptr<PcapfileSource> make_source(const std::string& definition)
{
    PcapfileType type;
    std::unique_ptr<Datasource> d = type.create(SourceDefinition::parse(definition));
    auto* s = dynamic_cast<PcapfileSource*>(d.get());
    REQUIRE(s != nullptr);
    (void)d.release();
    return std::unique_ptr<PcapfileSource>(s);
}

std::string create_error(const std::string& definition)
{
    PcapfileType type;
    try {
        (void)type.create(SourceDefinition::parse(definition));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no exception)";
}

std::string open_error(PcapfileSource& source, PacketSink& sink)
{
    try {
        source.open(sink);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    source.close();
    return "(no exception)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// Index of the first record that differs, or -1; sizes compared too.
long first_difference(const std::vector<Record>& a, const std::vector<Record>& b)
{
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!(a[i] == b[i])) return static_cast<long>(i);
    return a.size() == b.size() ? -1 : static_cast<long>(n);
}

} // namespace

// --- the type ------------------------------------------------------------------

TEST_CASE("pcapfile: the plugin registers the pcapfile type")
{
    CHECK(airsight_plugin_info.sdk_abi == AIRSIGHT_SDK_ABI);
    CHECK(std::string(airsight_plugin_info.name) == "pcapfile");
    CHECK((airsight_plugin_info.kinds & AIRSIGHT_PLUGIN_DATASOURCE) != 0);

    test::HostLog log;
    test::FakeFields fields;
    test::FakeConfig config;
    test::FakeHost host{"pcapfile", log, fields, config};
    const std::unique_ptr<Plugin> plugin = test::create_linked_plugin(host);
    CHECK(log.snapshot() == std::vector<std::string>{"datasource_type pcapfile pcapfile"});
    REQUIRE(host.datasource_types.size() == 1);
    CHECK(host.datasource_types[0]->name() == "pcapfile");
    CHECK(host.datasource_types[0]->capabilities().probe);
}

TEST_CASE("pcapfile: name, description and capabilities")
{
    PcapfileType type;
    CHECK(type.name() == "pcapfile");
    CHECK(contains(type.description(), "pcap"));
    const DatasourceCapabilities c = type.capabilities();
    CHECK(c.probe);
    CHECK(c.local);
    CHECK_FALSE(c.list_interfaces);
    CHECK_FALSE(c.tune);
    CHECK_FALSE(c.hop);
    CHECK_FALSE(c.remote);
    CHECK_FALSE(c.passive);
    CHECK(type.list_interfaces().empty());
}

TEST_CASE("pcapfile: probe accepts existing regular files but .kismet logs, and type=pcapfile")
{
    TempDir dir;
    const fs::path file = dir / "a.pcap";
    write_pcap(file, 127, make_records(1));
    PcapfileType type;
    auto probe = [&](const std::string& text) { return type.probe(SourceDefinition::parse(text)); };

    CHECK(probe(file.string()));
    CHECK(probe(file.string() + ":name=replay"));
    CHECK_FALSE(probe((dir / "missing.pcap").string()));
    CHECK_FALSE(probe(dir.path.string()));           // a directory
    CHECK_FALSE(probe("wlan0"));
    CHECK(probe((dir / "missing.pcap").string() + ":type=pcapfile")); // named: create() says what is wrong
    CHECK_FALSE(probe(file.string() + ":type=sim"));

    // A .kismet log is the kismetdb type's, even when it exists; named, it is ours to refuse.
    const fs::path log = dir / "run.kismet";
    write_pcap(log, 127, make_records(1));
    CHECK_FALSE(probe(log.string()));
    CHECK(probe(log.string() + ":type=pcapfile"));
}

TEST_CASE("pcapfile: options")
{
    TempDir dir;
    const std::string file = (dir / "a.pcap").string();
    write_pcap(file, 127, make_records(1));

    SUBCASE("defaults follow Kismet: as fast as possible")
    {
        auto s = make_source(file);
        CHECK_FALSE(s->options().realtime);
        CHECK(s->options().pps == 0);
        CHECK(s->path() == file);
    }
    SUBCASE("valid values")
    {
        CHECK(make_source(file + ":realtime=true")->options().realtime);
        CHECK(make_source(file + ":realtime=yes,name=replay,type=pcapfile")->options().realtime);
        CHECK_FALSE(make_source(file + ":realtime=false")->options().realtime);
        CHECK(make_source(file + ":pps=250")->options().pps == 250);
        CHECK(make_source(file + ":uuid=whatever,info_antenna_type=omni")->options().pps == 0); // others: the server's
    }
    SUBCASE("bad values are refused with the reason")
    {
        CHECK(contains(create_error(file + ":realtime=maybe"), "realtime=maybe"));
        CHECK(contains(create_error(file + ":type=sim"), "type=sim"));
        CHECK(contains(create_error(file + ":name="), "name="));
        CHECK(contains(create_error(file + ":pps=abc"), "pps=abc"));
        CHECK(contains(create_error(file + ":pps=0"), "pps=0"));
        CHECK(contains(create_error(file + ":pps=-5"), "pps=-5"));
        CHECK(contains(create_error(file + ":pps=99999999999"), "pps=99999999999"));
        CHECK(contains(create_error(file + ":pps=10,realtime=true"), "cannot be combined"));
    }
}

TEST_CASE("pcapfile: create refuses paths that are not readable regular files")
{
    TempDir dir;
    const std::string missing = (dir / "missing.pcap").string();
    CHECK(create_error(missing) == "cannot read capture file " + missing + ": No such file or directory");
    CHECK(create_error(missing + ":type=pcapfile") ==
          "cannot read capture file " + missing + ": No such file or directory");
    const std::string folder = dir.path.string();
    CHECK(create_error(folder) == "cannot read capture file " + folder + ": Is a directory");
    CHECK(create_error("/dev/null") == "cannot read capture file /dev/null: not a regular file");
}

// --- the source on generated files ---------------------------------------------

TEST_CASE("pcapfile: a generated pcap is delivered whole, then finished(); progress reaches the file size")
{
    TempDir dir;
    const fs::path file = dir / "five.pcap";
    const auto records = make_records(5);
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string());

    const SourceStatus before = source->status();
    CHECK(before.capture_interface == file.string());
    CHECK_FALSE(before.finished);
    CHECK(before.bytes_read == 0);
    CHECK(before.bytes_total == fs::file_size(file));

    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();

    CHECK(first_difference(sink.records(), records) == -1);
    CHECK(sink.records().size() == 5);
    CHECK(sink.dlts() == std::set<std::uint32_t>{127});
    CHECK(sink.finished_calls() == 1);
    CHECK(sink.failed_calls() == 0);
    CHECK(source->packets() == 5);

    const SourceStatus after = source->status();
    CHECK(after.finished);
    CHECK(after.bytes_total == fs::file_size(file));
    CHECK(after.bytes_read == after.bytes_total);
    CHECK(after.dlt == 127);
    CHECK(after.hardware == "pcap file");
    CHECK(after.capture_interface == file.string());
}

TEST_CASE("pcapfile: 802.11 and PPI link types are accepted too")
{
    TempDir dir;
    for (int dlt : {105, 192}) {
        CAPTURE(dlt);
        const fs::path file = dir / ("dlt" + std::to_string(dlt) + ".pcap");
        write_pcap(file, dlt, make_records(2));
        RecordingSink sink;
        auto source = make_source(file.string());
        source->open(sink);
        REQUIRE(sink.wait_done());
        CHECK(sink.records().size() == 2);
        CHECK(sink.dlts() == std::set<std::uint32_t>{static_cast<std::uint32_t>(dlt)});
        CHECK(source->status().dlt == static_cast<std::uint32_t>(dlt));
    }
}

TEST_CASE("pcapfile: a generated pcapng is read like a pcap")
{
    TempDir dir;
    const fs::path file = dir / "three.pcapng";
    const auto records = make_records(3);
    write_pcapng(file, 127, records);
    const Reference ref = read_reference(file);
    REQUIRE_MESSAGE(ref.open_error.empty(), ref.open_error);
    REQUIRE(first_difference(ref.records, records) == -1); // the writer is right
    RecordingSink sink;
    auto source = make_source(file.string());
    CHECK(source->status().hardware == "pcapng file"); // known before open()
    source->open(sink);
    REQUIRE(sink.wait_done());
    CHECK(first_difference(sink.records(), records) == -1);
    CHECK(sink.finished_calls() == 1);
    const SourceStatus st = source->status();
    CHECK(st.hardware == "pcapng file");
    CHECK(st.finished);
    CHECK(st.bytes_read == fs::file_size(file));
    CHECK(st.bytes_total == fs::file_size(file));
}

TEST_CASE("pcapfile: a file cut in the middle of a record delivers what precedes the damage, then failed()")
{
    TempDir dir;
    const fs::path file = dir / "cut.pcap";
    const auto records = make_records(5);
    write_pcap(file, 127, records);
    // Global header 24 bytes, each record a 16-byte header and its data: cut
    // record 3 halfway through its data.
    std::uintmax_t offset = 24;
    for (int i = 0; i < 3; ++i) offset += 16 + records[static_cast<std::size_t>(i)].bytes.size();
    fs::resize_file(file, offset + 16 + records[3].bytes.size() / 2);
    RecordingSink sink;
    auto source = make_source(file.string());
    source->open(sink);
    REQUIRE(sink.wait_done());
    source->close();

    const std::vector<Record> expected(records.begin(), records.begin() + 3);
    CHECK(first_difference(sink.records(), expected) == -1);
    CHECK(sink.failed_calls() == 1);
    CHECK(sink.finished_calls() == 0);
    const std::string reason = sink.reason();
    CHECK(contains(reason, "capture file " + file.string() + " is damaged after 3 packets: "));
    CHECK(contains(reason, read_reference(file).end_error)); // pcap's own words
    CHECK_FALSE(read_reference(file).end_error.empty());
    CHECK_FALSE(source->status().finished);
    CHECK(source->packets() == 3);
}

TEST_CASE("pcapfile: files libpcap cannot open fail open() with pcap's reason")
{
    TempDir dir;
    RecordingSink sink;

    SUBCASE("garbage")
    {
        const fs::path file = dir / "garbage.pcap";
        write_bytes(file, std::string("this is not a capture file, just some text to confuse a reader\n"));
        const std::string pcap_reason = read_reference(file).open_error;
        REQUIRE_FALSE(pcap_reason.empty());
        auto source = make_source(file.string()); // a regular file: create() accepts it
        const std::string error = open_error(*source, sink);
        CHECK(error == "cannot open capture file " + file.string() + ": " + pcap_reason);
    }
    SUBCASE("empty")
    {
        const fs::path file = dir / "empty.pcap";
        write_bytes(file, "");
        const std::string pcap_reason = read_reference(file).open_error;
        REQUIRE_FALSE(pcap_reason.empty());
        auto source = make_source(file.string());
        CHECK(open_error(*source, sink) == "cannot open capture file " + file.string() + ": " + pcap_reason);
    }
    SUBCASE("removed after create()")
    {
        const fs::path file = dir / "gone.pcap";
        write_pcap(file, 127, make_records(1));
        auto source = make_source(file.string());
        fs::remove(file);
        const std::string error = open_error(*source, sink);
        CHECK(contains(error, "cannot open capture file " + file.string() + ": "));
        CHECK(contains(error, "No such file or directory"));
    }
    CHECK(sink.records().empty());
    CHECK(sink.finished_calls() + sink.failed_calls() == 0);
}

TEST_CASE("pcapfile: a pcap with no records just finishes")
{
    TempDir dir;
    const fs::path file = dir / "header-only.pcap";
    write_pcap(file, 105, {});
    REQUIRE(fs::file_size(file) == 24);
    RecordingSink sink;
    auto source = make_source(file.string());
    source->open(sink);
    REQUIRE(sink.wait_done());
    CHECK(sink.records().empty());
    CHECK(sink.finished_calls() == 1);
    CHECK(sink.failed_calls() == 0);
    CHECK(source->status().bytes_read == 24);
    CHECK(source->status().finished);
}

TEST_CASE("pcapfile: a link type airsight cannot decode is refused at open()")
{
    TempDir dir;
    const fs::path file = dir / "ethernet.pcap";
    write_pcap(file, 1, make_records(2));
    RecordingSink sink;
    auto source = make_source(file.string());
    const std::string error = open_error(*source, sink);
    CHECK(contains(error, file.string()));
    CHECK(contains(error,
                   "linktype 1 (EN10MB) is not supported; airsight reads 802.11 (105), radiotap (127), PPI (192), Bluetooth LE link layer (251, 256, 272) and Bluetooth HCI (201, 254)"));
    CHECK(sink.records().empty());
}

// --- open / close ----------------------------------------------------------------

TEST_CASE("pcapfile: open() twice is refused; after close() a source replays again")
{
    TempDir dir;
    const fs::path file = dir / "gap.pcap";
    auto records = make_records(2);
    records[1].sec = records[0].sec + 100; // a 100 s gap keeps the realtime reader busy
    write_pcap(file, 127, records);
    RecordingSink first; // the sinks outlive the source
    RecordingSink second;
    auto source = make_source(file.string() + ":realtime=true");

    source->open(first);
    REQUIRE(first.wait_frames(1));
    CHECK(contains(open_error(*source, second), "already open"));
    source->close();
    CHECK(first.records().size() == 1);

    source->open(second);
    REQUIRE(second.wait_frames(1));
    source->close();
    CHECK(first_difference(second.records(), {records[0]}) == -1);
    CHECK(source->packets() == 1);
    CHECK(first.records().size() == 1); // the first sink is not used again
}

TEST_CASE("pcapfile: close() is safe before open(), twice, and from several threads at once")
{
    TempDir dir;
    const fs::path file = dir / "gap.pcap";
    auto records = make_records(2);
    records[1].sec = records[0].sec + 100;
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    source->close(); // never opened

    source->open(sink);
    REQUIRE(sink.wait_frames(1));
    const auto start = Clock::now();
    std::vector<std::thread> closers;
    for (int i = 0; i < 4; ++i) closers.emplace_back([&] { source->close(); });
    for (auto& t : closers) t.join();
    source->close();
    CHECK(seconds_since(start) < 5.0);
    CHECK(sink.records().size() == 1);
    CHECK(sink.finished_calls() + sink.failed_calls() == 0);
}

TEST_CASE("pcapfile: close() from inside the sink stops delivery")
{
    TempDir dir;
    const fs::path file = dir / "ten.pcap";
    write_pcap(file, 127, make_records(10));
    RecordingSink sink;
    auto source = make_source(file.string());
    std::atomic<int> calls{0};
    sink.on_deliver = [&](const CapturedFrame&) {
        if (++calls == 3) source->close();
    };
    source->open(sink);
    // Nothing arrives after the third frame; no finished() either.
    std::this_thread::sleep_for(300ms);
    source->close(); // joins the reader, which stopped by itself
    CHECK(sink.records().size() == 3);
    CHECK(sink.finished_calls() == 0);
    CHECK(sink.failed_calls() == 0);
    CHECK_FALSE(source->status().finished);
}

TEST_CASE("pcapfile: the destructor stops a running source")
{
    TempDir dir;
    const fs::path file = dir / "gap.pcap";
    auto records = make_records(2);
    records[1].sec = records[0].sec + 100;
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    source->open(sink);
    REQUIRE(sink.wait_frames(1));
    const auto start = Clock::now();
    source.reset();
    CHECK(seconds_since(start) < 5.0);
    CHECK(sink.records().size() == 1);
}

// --- pacing ----------------------------------------------------------------------

TEST_CASE("pcapfile: realtime=true replays at capture pace")
{
    TempDir dir;
    const fs::path file = dir / "paced.pcap";
    std::vector<Record> records;
    for (int i = 0; i < 3; ++i)
        records.push_back(make_record(i, 1'700'000'000, static_cast<std::uint32_t>(100'000 + 200'000 * i)));
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_done());
    const double elapsed = seconds_since(start);
    CHECK(elapsed >= 0.3); // 0.4 s of gaps; no upper bound on a shared machine
    CHECK(first_difference(sink.records(), records) == -1);
    const auto arrivals = sink.arrivals();
    REQUIRE(arrivals.size() == 3);
    CHECK(std::chrono::duration<double>(arrivals[2] - arrivals[0]).count() >= 0.3);
    CHECK(std::chrono::duration<double>(arrivals[1] - arrivals[0]).count() >= 0.15);
    CHECK(sink.finished_calls() == 1);
}

TEST_CASE("pcapfile: realtime=false ignores the gaps")
{
    TempDir dir;
    const fs::path file = dir / "gap.pcap";
    auto records = make_records(3);
    records[1].sec = records[0].sec + 100;
    records[2].sec = records[0].sec + 200;
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string());
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_done(20s));
    CHECK(seconds_since(start) < 5.0);
    CHECK(sink.records().size() == 3);
}

TEST_CASE("pcapfile: close() during a long realtime gap returns promptly")
{
    TempDir dir;
    const fs::path file = dir / "gap.pcap";
    auto records = make_records(3);
    records[1].sec = records[0].sec + 100;
    records[2].sec = records[0].sec + 200;
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    source->open(sink);
    REQUIRE(sink.wait_frames(1));
    std::this_thread::sleep_for(100ms); // let the reader start waiting
    const auto start = Clock::now();
    source->close();
    CHECK(seconds_since(start) < 5.0);
    CHECK(sink.records().size() == 1);
    CHECK(sink.finished_calls() + sink.failed_calls() == 0);
    CHECK_FALSE(source->status().finished);
}

// A pcapng whose interface counts time in whole seconds (if_tsresol 10^0),
// so each record's 64-bit timestamp reaches the reader as tv_sec unchanged:
// 0xFFFFFFFFFFFFFFFF is -1, 0x7FFFFFFFFFFFFFFF is INT64_MAX.
void write_pcapng_seconds(const fs::path& path, int dlt, const std::vector<std::uint64_t>& timestamps)
{
    std::vector<std::uint8_t> out;
    auto u16 = [&](std::uint16_t v) {
        for (int i = 0; i < 2; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    u32(0x0A0D0D0A); // Section Header Block
    u32(28);
    u32(0x1A2B3C4D);
    u16(1);
    u16(0);
    u32(0xFFFFFFFF);
    u32(0xFFFFFFFF);
    u32(28);
    u32(1); // Interface Description Block with if_tsresol = 0 and opt_endofopt
    u32(32);
    u16(static_cast<std::uint16_t>(dlt));
    u16(0);
    u32(65535);
    u16(9);
    u16(1);
    u32(0); // resolution 10^-0, padded
    u32(0);
    u32(32);
    const Record frame = make_record(0, 0, 0);
    const auto padded = static_cast<std::uint32_t>((frame.bytes.size() + 3) / 4 * 4);
    for (std::uint64_t ts : timestamps) {
        u32(6);
        u32(32 + padded);
        u32(0);
        u32(static_cast<std::uint32_t>(ts >> 32));
        u32(static_cast<std::uint32_t>(ts & 0xFFFFFFFF));
        u32(static_cast<std::uint32_t>(frame.bytes.size()));
        u32(frame.original_length);
        out.insert(out.end(), frame.bytes.begin(), frame.bytes.end());
        out.resize(out.size() + (padded - frame.bytes.size()), 0);
        u32(32 + padded);
    }
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    REQUIRE(f.good());
}

TEST_CASE("pcapfile: realtime pacing takes any 64-bit timestamps without overflow")
{
    // Found by fuzzing: base -1, next INT64_MAX made the gap overflow (UBSan).
    TempDir dir;
    const fs::path file = dir / "extreme.pcapng";
    write_pcapng_seconds(file, 127, {0xFFFFFFFFFFFFFFFFULL, 0x7FFFFFFFFFFFFFFFULL, 0});
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    source->open(sink);
    REQUIRE(sink.wait_frames(1));
    CHECK(sink.records()[0].sec == -1);
    std::this_thread::sleep_for(100ms); // the reader now waits out the (capped) gap
    const auto start = Clock::now();
    source->close();
    CHECK(seconds_since(start) < 5.0);
    CHECK(sink.records().size() == 1);

    // Without pacing every record arrives, timestamps as libpcap read them.
    RecordingSink fast;
    auto unpaced = make_source(file.string());
    unpaced->open(fast);
    REQUIRE(fast.wait_done(20s));
    REQUIRE(fast.records().size() == 3);
    CHECK(fast.records()[1].sec == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("pcapfile: realtime replays timestamps that go backwards without waiting")
{
    TempDir dir;
    const fs::path file = dir / "backwards.pcap";
    std::vector<Record> records = {make_record(0, 1'700'000'100, 0), make_record(1, 1'700'000'000, 0),
                                   make_record(2, 1'700'000'000, 100'000)};
    write_pcap(file, 127, records);
    RecordingSink sink;
    auto source = make_source(file.string() + ":realtime=true");
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_done(20s));
    CHECK(seconds_since(start) < 5.0);
    CHECK(first_difference(sink.records(), records) == -1);
}

TEST_CASE("pcapfile: pps= throttles the replay")
{
    TempDir dir;
    const fs::path file = dir / "five.pcap";
    write_pcap(file, 127, make_records(5));
    RecordingSink sink;
    auto source = make_source(file.string() + ":pps=10");
    const auto start = Clock::now();
    source->open(sink);
    REQUIRE(sink.wait_done());
    CHECK(seconds_since(start) >= 0.3); // 4 gaps of 0.1 s
    CHECK(sink.records().size() == 5);
}

// --- the shared real captures ------------------------------------------------------

// Run by meson with --needs=captures (skipped as a whole without them).
TEST_CASE("pcapfile: every shared capture is delivered as libpcap reads it" * doctest::test_suite("needs-captures"))
{
    const char* env = std::getenv("AIRSIGHT_CAPTURES");
    const fs::path captures = env ? env : "";
    REQUIRE_MESSAGE(fs::is_directory(captures), "AIRSIGHT_CAPTURES (" << captures.string() << ") is not a folder");

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(captures)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".pcap" || ext == ".pcapng" || ext == ".cap"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE_MESSAGE(!files.empty(), "no captures in " << captures.string());

    int supported = 0;
    int refused = 0;
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const Reference ref = read_reference(file);
        PcapfileType type;
        REQUIRE(type.probe(SourceDefinition::parse(file.string())));
        RecordingSink sink;
        auto source = make_source(file.string());

        if (!ref.open_error.empty()) {
            CHECK(contains(open_error(*source, sink), ref.open_error));
            continue;
        }
        if (!dlt_supported(ref.dlt)) {
            ++refused;
            const std::string error = open_error(*source, sink);
            CHECK(contains(error, "linktype " + std::to_string(ref.dlt) + " ("));
            CHECK(contains(error, "is not supported; airsight reads 802.11 (105), radiotap (127), PPI (192), Bluetooth LE link layer (251, 256, 272) and Bluetooth HCI (201, 254)"));
            CHECK(sink.records().empty());
            continue;
        }

        ++supported;
        source->open(sink);
        REQUIRE(sink.wait_done(120s));
        source->close();
        const auto got = sink.records();
        CHECK(got.size() == ref.records.size());
        CHECK(first_difference(got, ref.records) == -1);
        CHECK(sink.dlts() == std::set<std::uint32_t>{static_cast<std::uint32_t>(ref.dlt)});
        const SourceStatus st = source->status();
        CHECK(st.dlt == static_cast<std::uint32_t>(ref.dlt));
        CHECK(st.bytes_total == fs::file_size(file));
        if (ref.end_rc == PCAP_ERROR_BREAK) {
            CHECK(sink.finished_calls() == 1);
            CHECK(sink.failed_calls() == 0);
            CHECK(st.finished);
            CHECK(st.bytes_read == st.bytes_total);
        } else {
            CHECK(sink.finished_calls() == 0);
            CHECK(sink.failed_calls() == 1);
            CHECK(contains(sink.reason(), "capture file " + file.string() + " is damaged after " +
                                              std::to_string(ref.records.size()) + " packets: " + ref.end_error));
            CHECK_FALSE(st.finished);
            CHECK(st.bytes_read <= st.bytes_total);
        }
        CHECK(st.hardware == (file.extension() == ".pcapng" ? "pcapng file" : "pcap file"));
    }
    MESSAGE(supported << " captures replayed, " << refused << " refused for their link type");
    CHECK(supported > 0);
}
