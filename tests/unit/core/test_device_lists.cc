// The tracker's device index, lock-free frequency counts, and device lists
// rendered in chunks outside the tracker.
#include "devices/device_index.h"
#include "devices/device_tracker.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "messagebus/message_bus.h"
#include "query/device_lists.h"
#include "stats/frequency_counts.h"

#include <doctest/doctest.h>

#include <ctime>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

using namespace airsight;
using namespace airsight::core;

TEST_CASE("the device index agrees with a reference map through inserts, erases and growth")
{
    DeviceIndex index;
    std::unordered_map<DeviceIndex::Id, Device*> reference;
    std::mt19937_64 rng(7);
    // Ids from a narrow range collide in probe runs, which erase must repair.
    auto random_id = [&] { return (std::uint64_t{1} << 48) | (rng() % 20000); };
    for (int step = 0; step < 60000; ++step) {
        const DeviceIndex::Id id = random_id();
        if (rng() % 3 != 0) {
            if (!reference.count(id)) {
                auto d = std::make_unique<Device>();
                Device* raw = d.get();
                CHECK(&index.insert(id, std::move(d)) == raw);
                reference[id] = raw;
            }
        } else {
            CHECK(index.erase(id) == (reference.erase(id) == 1));
        }
    }
    CHECK(index.size() == reference.size());
    for (std::uint64_t mac = 0; mac < 20000; ++mac) {
        const DeviceIndex::Id id = (std::uint64_t{1} << 48) | mac;
        auto it = reference.find(id);
        CHECK(index.find(id) == (it == reference.end() ? nullptr : it->second));
    }
    std::size_t visited = 0;
    index.for_each([&](DeviceIndex::Id id, const Device& d) {
        ++visited;
        CHECK(reference.at(id) == &d);
    });
    CHECK(visited == reference.size());

    // erase_if: drop every device whose packet count is odd.
    std::size_t odd = 0;
    std::size_t i = 0;
    std::unordered_map<DeviceIndex::Id, bool> kept; // (the erased devices are freed)
    for (auto& [id, d] : reference) {
        d->packets.total = i++;
        odd += d->packets.total % 2;
        kept[id] = d->packets.total % 2 == 0;
    }
    CHECK(index.erase_if([](const Device& d) { return d.packets.total % 2 == 1; }) == odd);
    CHECK(index.size() == reference.size() - odd);
    for (const auto& [id, keep] : kept) CHECK((index.find(id) != nullptr) == keep);
}

TEST_CASE("frequency counts stay exact with concurrent sources and more frequencies than slots")
{
    FrequencyCounts counts;
    constexpr std::uint32_t kFrequencies = FrequencyCounts::kSlots + 44; // some land in the overflow map
    constexpr int kPerThread = 20000;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&counts, t] {
            for (int i = 0; i < kPerThread; ++i) counts.add(2412000 + 1000 * ((i + t) % kFrequencies));
            counts.add(0); // no frequency: not counted
        });
    for (auto& t : threads) t.join();
    const auto snapshot = counts.snapshot();
    CHECK(snapshot.size() == kFrequencies);
    std::uint64_t total = 0;
    for (const auto& [khz, t] : snapshot) total += t.packets;
    CHECK(total == 4u * kPerThread);
    CHECK(snapshot.count(0) == 0);
}

namespace {

struct ListFixture {
    MessageBusImpl bus{50};
    FieldRegistryImpl fields;
    DeviceTrackerImpl tracker{{}, bus, std::make_shared<const OuiTable>()};
    DeviceListsImpl lists{tracker, fields, "u"};
    std::uint32_t wifi = tracker.register_phy("IEEE802.11");

    explicit ListFixture(std::uint32_t devices)
    {
        for (std::uint32_t i = 0; i < devices; ++i) {
            Packet p;
            p.ts_sec = 100;
            p.source_number = 1;
            tracker.update(wifi, mac(i), p, DEVICE_TRANSMITTED, 0, [i](Device& d) { d.name = "dev-" + std::to_string(i); });
        }
    }
    static MacAddr mac(std::uint32_t i)
    {
        MacAddr m;
        m.bytes[0] = 0x0a;
        m.bytes[3] = static_cast<std::uint8_t>(i >> 16);
        m.bytes[4] = static_cast<std::uint8_t>(i >> 8);
        m.bytes[5] = static_cast<std::uint8_t>(i);
        return m;
    }
    static std::string render(const Reply& reply)
    {
        std::string out;
        JsonWriter w(out);
        reply.body(w);
        return out;
    }
};

Request request_with(const std::string& command)
{
    Request r;
    r.method = "POST";
    r.command = parse_json(command);
    return r;
}

} // namespace

TEST_CASE("a device list spans many chunks, projects fields and filters by regex and selection")
{
    const std::uint32_t n = 3 * DeviceListsImpl::kChunk + 17;
    ListFixture f(n);
    const Value all = parse_json(ListFixture::render(
        f.lists.list(request_with(R"({"fields": ["kismet.device.base.macaddr", ["kismet.device.base.name", "n"]]})"), nullptr)));
    REQUIRE(all.kind() == Value::Kind::Array);
    CHECK(all.size() == n);
    std::set<std::string> names;
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all.at(i).size() == 2); // only the asked-for fields
        names.insert(all.at(i).find("n")->as_string());
    }
    CHECK(names.size() == n);

    const Value matched = parse_json(ListFixture::render(
        f.lists.list(request_with(R"({"regex": [["kismet.device.base.name", "^dev-1[0-9]$"]]})"), nullptr)));
    CHECK(matched.size() == 10);

    const MacAddr wanted = ListFixture::mac(n - 1);
    const Value one = parse_json(ListFixture::render(
        f.lists.list(request_with("{}"), [&](const Device& d) { return d.mac == wanted; })));
    REQUIRE(one.size() == 1);
    CHECK(one.at(0).find("kismet.device.base.name")->as_string() == "dev-" + std::to_string(n - 1));

    const std::vector<Value> collected =
        f.lists.collect(f.lists.options(request_with(R"({"fields": ["kismet.device.base.key"]})")), nullptr);
    CHECK(collected.size() == n);
}

TEST_CASE("visit_records hands records over a chunk at a time, filtered, and stops when told")
{
    const std::uint32_t n = 2 * DeviceListsImpl::kChunk + 5;
    ListFixture f(n);
    std::size_t seen = 0;
    std::set<std::string> names;
    f.lists.visit_records(f.lists.options(request_with("{}")), nullptr, [&](Value& record) {
        ++seen;
        names.insert(record.find(*f.fields.find("kismet.device.base.name"))->as_string());
        return true;
    });
    CHECK(seen == n);
    CHECK(names.size() == n);

    // The regex applies; a selection too.
    seen = 0;
    f.lists.visit_records(f.lists.options(request_with(R"({"regex": [["kismet.device.base.name", "^dev-1[0-9]$"]]})")),
                          [](const Device& d) { return d.mac != ListFixture::mac(10); }, [&](Value&) {
                              ++seen;
                              return true;
                          });
    CHECK(seen == 9);

    // false stops it, within the first chunk.
    seen = 0;
    f.lists.visit_records(f.lists.options(request_with("{}")), nullptr, [&](Value&) { return ++seen < 3; });
    CHECK(seen == 3);
}

TEST_CASE("devices forgotten between selection and rendering are left out; bad options are a 400")
{
    DeviceTrackerOptions options;
    options.idle_timeout_sec = 60;
    ListFixture f(0);
    DeviceTrackerImpl tracker(options, f.bus, std::make_shared<const OuiTable>());
    DeviceListsImpl lists(tracker, f.fields, "u");
    const std::uint32_t wifi = tracker.register_phy("IEEE802.11");
    for (std::uint32_t i = 0; i < 20; ++i) {
        Packet p;
        p.ts_sec = 1;
        tracker.update(wifi, ListFixture::mac(i), p, DEVICE_TRANSMITTED, 0, nullptr);
    }
    const Reply reply = lists.list(request_with("{}"), nullptr); // selects 20
    tracker.expire_idle(static_cast<std::uint64_t>(std::time(nullptr)) + 3600);
    CHECK(tracker.size() == 0);
    CHECK(ListFixture::render(reply) == "[]");

    CHECK_THROWS_AS(lists.list(request_with(R"({"last_time": "yesterday"})"), nullptr), HttpError);
    CHECK_THROWS_AS(lists.list(request_with(R"({"fields": [42]})"), nullptr), HttpError);
    try {
        lists.list(request_with(R"({"regex": [["kismet.device.base.name", "("]]})"), nullptr);
        FAIL("a broken regex must be refused");
    } catch (const HttpError& e) {
        CHECK(e.status() == 400);
    }
}

TEST_CASE("a CountRrd records what an Rrd of sums records, and grows its minute and hour rings only when needed")
{
    FieldRegistryImpl fields;
    const RrdFields rrd_fields(fields);
    std::mt19937_64 rng(11);
    for (int trial = 0; trial < 40; ++trial) {
        INFO("trial " << trial);
        Rrd reference(RrdCombine::SUM);
        CountRrd compact;
        std::int64_t t = 1700000000 + static_cast<std::int64_t>(rng() % 3600);
        // Within one minute the coarse rings stay unallocated (all zero).
        const std::int64_t minute_end = (t / 60 + 1) * 60;
        for (std::int64_t s = t; s < minute_end; s += 7) {
            reference.add(3, s);
            compact.add(3, s);
        }
        for (float x : compact.hour()) CHECK(x == 0);
        CHECK(to_json(rrd_fields.record(compact, minute_end - 1)) == to_json(rrd_fields.record(reference, minute_end - 1)));
        // Then steps of up to two hours, late packets and bursts.
        for (int step = 0; step < 300; ++step) {
            const auto r = rng() % 100;
            if (r < 70) t += static_cast<std::int64_t>(rng() % 5);
            else if (r < 95) t += static_cast<std::int64_t>(rng() % 400);
            else t += static_cast<std::int64_t>(rng() % 7200);
            const std::int64_t at = r % 10 == 0 ? t - static_cast<std::int64_t>(rng() % 90) : t; // sometimes late
            const auto n = static_cast<std::uint32_t>(1 + rng() % 50);
            reference.add(n, at);
            compact.add(n, at);
            if (step % 25 == 0) {
                const std::int64_t now = t + static_cast<std::int64_t>(rng() % 200);
                CHECK(to_json(rrd_fields.record(compact, now)) == to_json(rrd_fields.record(reference, now)));
            }
        }
        CHECK(to_json(rrd_fields.record(compact, t + 30)) == to_json(rrd_fields.record(reference, t + 30)));
        const CountRrd copy = compact;
        CHECK(to_json(rrd_fields.record(copy, t + 90000)) == to_json(rrd_fields.record(reference, t + 90000)));
    }
    CountRrd burst;
    burst.add(70000, 1700000000);
    CHECK(burst.last_value() == 65535); // saturates
}

TEST_CASE("a spec that reads a few signal members gets what the whole record holds, for devices with and without signal")
{
    ListFixture f(3);
    Packet heard;
    heard.ts_sec = 100;
    heard.source_number = 1;
    heard.radio.signal_dbm = -42;
    heard.radio.noise_dbm = -95;
    f.tracker.update(f.wifi, ListFixture::mac(1), heard, DEVICE_TRANSMITTED, 0, nullptr);
    const std::string spec = R"({"fields": ["kismet.device.base.macaddr",
        ["kismet.device.base.signal/kismet.common.signal.last_signal", "signal"],
        "kismet.device.base.signal/kismet.common.signal.min_noise"]})";
    const Value sparse = parse_json(ListFixture::render(f.lists.list(request_with(spec), nullptr)));
    REQUIRE(sparse.size() == 3);
    std::size_t with_signal = 0;
    for (std::size_t i = 0; i < sparse.size(); ++i) {
        const Value& rec = sparse.at(i);
        const MacAddr mac = *MacAddr::parse(rec.find("kismet.device.base.macaddr")->as_string());
        // The same device's whole record, projected by hand.
        Value whole;
        f.tracker.with_key(DeviceKey{DeviceKey::hash_phy_name("IEEE802.11"), mac},
                           [&](Device& d) {
                               std::string json;
                               JsonWriter w(json);
                               w.value(f.lists.record(d));
                               whole = parse_json(json);
                           });
        const Value* signal = whole.find("kismet.device.base.signal");
        if (!signal) { // a path the record lacks is written as 0, as Kismet does
            CHECK(rec.find("signal")->as_int() == 0);
            CHECK(rec.find("kismet.common.signal.min_noise")->as_int() == 0);
            continue;
        }
        ++with_signal;
        CHECK(rec.find("signal")->as_int() == signal->find("kismet.common.signal.last_signal")->as_int());
        CHECK(rec.find("kismet.common.signal.min_noise")->as_int() == signal->find("kismet.common.signal.min_noise")->as_int());
        CHECK(rec.find("signal")->as_int() == -42);
        CHECK(rec.find("kismet.common.signal.min_noise")->as_int() == -95);
    }
    CHECK(with_signal == 1);
}

namespace {
// A PHY component with a scalar and a list, as dot11.device has.
struct TestComponent : DeviceComponent {
    const Field& count_field;
    const Field& list_field;
    std::uint64_t count = 0;
    TestComponent(const Field& c, const Field& l) : count_field(c), list_field(l) {}
    Value to_value() const override
    {
        Value v = Value::object();
        v.set(count_field, count);
        Value list = Value::array();
        for (std::uint64_t i = 0; i < count; ++i) list.push(i * 10);
        v.set(list_field, std::move(list));
        return v;
    }
};
} // namespace

// `json` with every RRD's last_time and serial_time (the reading's second) blanked.
static std::string without_rrd_times(std::string json)
{
    for (const std::string key : {"\"kismet.common.rrd.last_time\":", "\"kismet.common.rrd.serial_time\":"})
        for (std::size_t at = json.find(key); at != std::string::npos; at = json.find(key, at)) {
            at += key.size();
            std::size_t end = at;
            while (end < json.size() && json[end] >= '0' && json[end] <= '9') ++end;
            json.replace(at, end - at, "T");
        }
    return json;
}

TEST_CASE("a field spec without a regex writes exactly what projecting each whole record writes")
{
    ListFixture f(2 * DeviceListsImpl::kChunk + 5);
    const Field& component = f.fields("test.component", FieldType::Object, "a test PHY component");
    const Field& count = f.fields("test.component.count", FieldType::UInt64, "a counter");
    const Field& list = f.fields("test.component.list", FieldType::Vector, "a list");
    for (std::uint32_t i = 0; i < 40; ++i) {
        Packet p;
        p.ts_sec = 200;
        p.source_number = 1 + i % 3;
        if (i % 2) p.radio.signal_dbm = -30 - static_cast<int>(i);
        if (i % 4) p.radio.freq_khz = 2412000;
        f.tracker.update(f.wifi, ListFixture::mac(i), p, DEVICE_TRANSMITTED, 0, [&](Device& d) {
            if (i % 5 == 0) return; // some devices have no component
            d.component<TestComponent>(component, [&] { return std::make_unique<TestComponent>(count, list); }).count = i % 4;
            if (i % 7 == 0) d.tags.emplace_back("note", "seen " + std::to_string(i));
        });
    }
    const std::string specs[] = {
        R"(["kismet.device.base.macaddr", ["kismet.device.base.name", "n"], "kismet.device.base.packets.total"])",
        R"(["kismet.device.base.signal/kismet.common.signal.last_signal", ["kismet.device.base.signal", "whole signal"]])",
        R"(["kismet.device.base.seenby/0/kismet.common.seenby.num_packets", "kismet.device.base.freq_khz_map/2412000"])",
        R"(["test.component/test.component.count", "test.component/test.component.list/1", "test.component"])",
        R"(["kismet.device.base.tags", "kismet.device.base.tags/note", "kismet.device.base.username"])",
    };
    for (const std::string& spec : specs) {
        CAPTURE(spec);
        const std::string direct = ListFixture::render(f.lists.list(request_with(R"({"fields": )" + spec + "}"), nullptr));
        // The reference: whole records, projected one by one.
        const std::vector<Value> whole = f.lists.collect(f.lists.options(request_with("{}")), nullptr);
        const FieldQuery query = f.lists.options(request_with(R"({"fields": )" + spec + "}")).query;
        std::string projected;
        JsonWriter w(projected);
        w.begin_array();
        for (const Value& record : whole) write_projected(w, record, query.spec);
        w.end_array();
        // An RRD is written as of the second it is read (signal_rrd's times),
        // and a loaded machine may cross a second between the two renderings.
        CHECK(without_rrd_times(direct) == without_rrd_times(projected));
        // Not trivially equal: the lists hold the values the devices have.
        const Value parsed = parse_json(direct);
        REQUIRE(parsed.size() == 2 * DeviceListsImpl::kChunk + 5);
        if (spec == specs[1]) {
            bool heard = false;
            for (std::size_t i = 0; i < parsed.size(); ++i)
                heard |= parsed.at(i).find("kismet.common.signal.last_signal")->as_int() == -31;
            CHECK(heard);
        }
        if (spec == specs[3]) {
            bool listed = false;
            for (std::size_t i = 0; i < parsed.size(); ++i)
                listed |= parsed.at(i).find("1")->as_uint() == 10; // test.component.list/1 of a count of 2 or 3
            CHECK(listed);
        }
    }
}

namespace {

// A table request: the json= command plus form variables.
Request table_request(const std::string& command, std::map<std::string, std::string, std::less<>> form)
{
    Request r = request_with(command);
    r.form = std::move(form);
    return r;
}

Value table_reply(ListFixture& f, const Request& r, FunctionRef<bool(const Device&)> select = nullptr)
{
    const DeviceListOptions options = f.lists.options(r);
    const auto table = parse_table_request(r, options.query.spec, f.fields);
    REQUIRE(table);
    return parse_json(ListFixture::render(f.lists.table(*table, options, select)));
}

std::vector<std::string> names_of(const Value& rows, const char* name = "kismet.device.base.name")
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(rows.at(i).find(name)->as_string());
    return out;
}

const char* kTableFields = R"({"fields": ["kismet.device.base.macaddr", "kismet.device.base.name"], "datatable": true})";

} // namespace

TEST_CASE("a DataTables window is sorted and searched over every device, and only the window is written")
{
    const std::uint32_t n = 3 * DeviceListsImpl::kChunk + 17;
    ListFixture f(n);
    std::vector<std::string> sorted;
    for (std::uint32_t i = 0; i < n; ++i) sorted.push_back("dev-" + std::to_string(i));
    std::sort(sorted.begin(), sorted.end(), std::greater<>());

    const Value page = table_reply(f, table_request(kTableFields, {{"draw", "9"}, {"start", "5"}, {"length", "10"},
                                                                   {"order[0][column]", "1"}, {"order[0][dir]", "desc"}}));
    CHECK(page.find("draw")->as_uint() == 9);
    CHECK(page.find("recordsTotal")->as_uint() == n);
    CHECK(page.find("recordsFiltered")->as_uint() == n);
    CHECK(names_of(*page.find("data")) == std::vector<std::string>(sorted.begin() + 5, sorted.begin() + 15));

    // The search is a case-insensitive substring of any asked-for field.
    std::vector<std::string> matching;
    for (std::uint32_t i = 0; i < n; ++i)
        if (std::to_string(i).rfind("12", 0) == 0) matching.push_back("dev-" + std::to_string(i));
    std::sort(matching.begin(), matching.end());
    const Value searched = table_reply(f, table_request(kTableFields, {{"search[value]", "DEV-12"}, {"length", "500"},
                                                                       {"order[0][column]", "1"}, {"order[0][dir]", "asc"}}));
    CHECK(searched.find("recordsTotal")->as_uint() == n);
    CHECK(searched.find("recordsFiltered")->as_uint() == matching.size());
    CHECK(names_of(*searched.find("data")) == matching);

    // Kismet's colmap names the sort field of a column the spec may not hold.
    const Value by_colmap = table_reply(
        f, table_request(R"({"fields": ["kismet.device.base.macaddr"], "datatable": true,
                              "colmap": {"4": [["kismet.device.base.name", "n"]]}})",
                         {{"length", "3"}, {"order[0][column]", "4"}, {"order[0][dir]", "desc"}}));
    REQUIRE(by_colmap.find("data")->size() == 3);
    CHECK(by_colmap.find("data")->at(0).find("kismet.device.base.macaddr")->as_string() ==
          ListFixture::mac(999).str());

    // DataTables windows stop at 500 rows; a start past the end is the first window.
    CHECK(table_reply(f, table_request(kTableFields, {{"length", "100000"}})).find("data")->size() == kMaxDataTablesWindow);
    const Value past = table_reply(f, table_request(kTableFields, {{"start", "999999"}, {"length", "2"}}));
    CHECK(past.find("data")->size() == 2);

    // The view's selection bounds the total; the regex filters before the search.
    const Value selected = table_reply(
        f, table_request(R"({"fields": ["kismet.device.base.name"], "datatable": true,
                              "regex": [["kismet.device.base.name", "^dev-1"]]})",
                         {{"search[value]", "9"}}),
        [](const Device& d) { return d.mac.bytes[5] % 2 == 0; });
    CHECK(selected.find("recordsTotal")->as_uint() < n);
    for (const std::string& name : names_of(*selected.find("data"))) {
        CHECK(name.rfind("dev-1", 0) == 0);
        CHECK(name.find('9') != std::string::npos);
    }
}

TEST_CASE("Kismet's paged table: page, length, sort, sort_dir and search; the wrapper counts pages")
{
    const std::uint32_t n = 1000;
    ListFixture f(n);
    std::vector<std::string> sorted;
    for (std::uint32_t i = 0; i < n; ++i) sorted.push_back("dev-" + std::to_string(i));
    std::sort(sorted.begin(), sorted.end());

    const Value page = table_reply(f, table_request(R"({"fields": ["kismet.device.base.name"]})",
                                                    {{"page", "2"}, {"length", "100"},
                                                     {"sort", "kismet.device.base.name"}, {"sort_dir", "asc"}}));
    CHECK(page.find("last_page")->as_uint() == 10);
    CHECK(page.find("last_row")->as_uint() == n);
    CHECK(page.find("total_row")->as_uint() == n);
    CHECK(names_of(*page.find("data")) == std::vector<std::string>(sorted.begin() + 200, sorted.begin() + 300));

    // No fields: whole records, searched on the names a user sees.
    const Value whole = table_reply(f, table_request("{}", {{"page", "0"}, {"size", "5"}, {"search", "dev-99"}}));
    CHECK(whole.find("last_row")->as_uint() == 11); // dev-99, dev-990 ... dev-999
    REQUIRE(whole.find("data")->size() == 5);
    CHECK(whole.find("data")->at(0).find("kismet.device.base.packets.total") != nullptr);

    // A plain list request is not a table.
    CHECK_FALSE(parse_table_request(request_with("{}"), FieldSpec{}, f.fields));
}

TEST_CASE("bad table variables are 400s that name the variable")
{
    ListFixture f(3);
    auto error_of = [&](const std::string& command, std::map<std::string, std::string, std::less<>> form) -> std::string {
        const Request r = table_request(command, std::move(form));
        try {
            const DeviceListOptions options = f.lists.options(r);
            parse_table_request(r, options.query.spec, f.fields);
        } catch (const HttpError& e) {
            CHECK(e.status() == 400);
            return e.what();
        }
        return "";
    };
    CHECK(error_of(kTableFields, {{"start", "ten"}}).find("start") != std::string::npos);
    CHECK(error_of(kTableFields, {{"length", "-1"}}).find("length") != std::string::npos);
    CHECK(error_of("{}", {{"page", "0"}, {"sort", "no.such.field"}}).find("no.such.field") != std::string::npos);
    CHECK(error_of(R"({"datatable": "yes"})", {}).find("datatable") != std::string::npos);
    CHECK(error_of(R"({"datatable": true, "colmap": [1]})", {{"order[0][column]", "0"}}).find("colmap") != std::string::npos);
}
