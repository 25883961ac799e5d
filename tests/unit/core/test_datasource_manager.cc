// The datasource manager with a fake type whose sources deliver a fixed
// number of frames on their own thread.
#include "manager_fixture.h"
#include "source_worker.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace airsight;
using namespace airsight::core;
using airsight::test::eventually;
using airsight::test::SourceWorker;

namespace {

// Delivers `frames` frames (or until closed), then finishes; "fail" in the
// interface makes open() throw; "die" makes it fail after 3 frames.
class FakeSource : public Datasource {
public:
    explicit FakeSource(SourceDefinition d) : definition_(std::move(d)) {}
    ~FakeSource() override { close(); }

    void open(PacketSink& sink) override
    {
        if (definition_.interface == "fail") throw std::runtime_error("no such device");
        const int frames = std::stoi(definition_.option("frames").value_or("5"));
        const bool die = definition_.interface == "die";
        const bool wait = definition_.flag("wait", false);
        worker_.start([this, &sink, frames, die, wait] {
            const std::uint8_t bytes[3] = {1, 2, 3};
            for (int i = 0; i < frames && !worker_.stopped(); ++i) {
                const auto take_release = [this] {
                    if (go_ == 0) return false;
                    --go_;
                    return true;
                };
                if (wait && !worker_.wait(take_release)) return;
                sink.deliver(CapturedFrame{1700000000 + i, 0, 127, bytes, 3});
                if (die && i == 2) {
                    sink.failed("device vanished");
                    return;
                }
            }
            sink.finished();
        });
    }
    void close() override { worker_.stop(); }
    SourceStatus status() const override
    {
        SourceStatus s;
        s.channels = {"1", "6", "11"};
        s.channel = channel_;
        s.warning = definition_.option("warning").value_or("");
        return s;
    }
    void set_channel(std::string_view ch) override
    {
        if (ch != "1" && ch != "6" && ch != "11") throw std::invalid_argument("cannot tune to " + std::string(ch));
        channel_ = std::string(ch);
    }
    void release(int n)
    {
        worker_.signal([this, n] { go_ += n; });
    }

private:
    SourceDefinition definition_;
    int go_ = 0; // frames released, under the worker's lock
    std::string channel_;
    SourceWorker worker_;
};

class FakeType : public DatasourceType {
public:
    std::string name() const override { return "fake"; }
    std::string description() const override { return "test frames"; }
    DatasourceCapabilities capabilities() const override
    {
        DatasourceCapabilities c;
        c.probe = true;
        c.tune = true;
        return c;
    }
    bool probe(const SourceDefinition& d) const override { return d.interface.rfind("fake", 0) == 0 || d.interface == "fail" || d.interface == "die"; }
    std::unique_ptr<Datasource> create(const SourceDefinition& d) const override
    {
        if (d.option("bogus")) throw std::invalid_argument("unknown option bogus");
        return std::make_unique<FakeSource>(d);
    }
};

struct Fixture : airsight::test::ManagerFixture {
    std::atomic<int> seen{0};

    Fixture()
    {
        types.add(std::make_unique<FakeType>(), "plugin:fake");
        chain.add_handler(PacketStage::DECAP, "count", [this](Packet& p) {
            CHECK(p.source_number >= 1);
            ++seen;
        });
    }
    // The sources' threads count into `seen`: they stop before it goes.
    ~Fixture() { manager.clear(); }
};

} // namespace

TEST_CASE("sources are created by type=, or by probing, and deliver into the chain")
{
    Fixture f;
    const std::string uuid = f.manager.add("fake0:name=first,frames=7");
    CHECK(uuid.size() == 36);
    REQUIRE(eventually([&] { return f.seen == 7; }));
    auto s = f.manager.find(uuid);
    REQUIRE(s);
    CHECK(s->name == "first");
    CHECK(s->number == 1);
    CHECK(s->type->name() == "fake");
    CHECK(eventually([&] { return !f.manager.find(uuid)->running; })); // finished
    CHECK(f.manager.find(uuid)->packets == 7);
    CHECK(f.said("finished after 7 packets"));

    const std::string second = f.manager.add("anything:type=fake,frames=1");
    CHECK(f.manager.find(second)->number == 2);
    CHECK(f.manager.snapshot().size() == 2);
}

TEST_CASE("definitions that cannot work are refused with the reason and nothing is added")
{
    Fixture f;
    CHECK_THROWS_WITH_AS(f.manager.add("wlan9"), doctest::Contains("no datasource type accepts 'wlan9'"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(f.manager.add("x:type=nope"), doctest::Contains("no datasource type 'nope'"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(f.manager.add("fake0:bogus=1"), doctest::Contains("unknown option bogus"),
                         std::invalid_argument);
    CHECK_THROWS_AS(f.manager.add(":frames=1"), std::invalid_argument);
    CHECK_THROWS_AS(f.manager.add("fake0:frames"), std::invalid_argument);
    CHECK(f.manager.snapshot().empty());
}

TEST_CASE("a source that fails to open stays listed in error; one that dies keeps what it delivered")
{
    Fixture f;
    const std::string bad = f.manager.add("fail");
    auto s = f.manager.find(bad);
    REQUIRE(s);
    CHECK(s->error);
    CHECK(s->error_reason == "no such device");
    CHECK_FALSE(s->running);
    CHECK(s->retry); // retry=true is the default: it will be tried again
    CHECK(s->retry_attempts == 1);
    CHECK(f.said("no such device"));

    const std::string dies = f.manager.add("die:frames=10");
    REQUIRE(eventually([&] { return f.manager.find(dies)->error; }));
    CHECK(f.manager.find(dies)->packets == 3);
    CHECK(f.manager.find(dies)->error_reason == "device vanished");
}

TEST_CASE("close keeps the source listed; open re-opens it; pause drops frames")
{
    Fixture f;
    const std::string uuid = f.manager.add("fake0:wait=true,frames=100");
    auto* source_seen = &f.seen;
    // Pause: frames delivered while paused are lost (and counted).
    f.manager.pause(uuid);
    CHECK(f.manager.find(uuid)->paused);
    f.manager.set_channel(uuid, "6");
    CHECK(f.manager.find(uuid)->status.channel == "6");
    CHECK_THROWS_WITH_AS(f.manager.set_channel(uuid, "200"), doctest::Contains("cannot tune to 200"),
                         std::invalid_argument);
    f.manager.close(uuid);
    auto closed = f.manager.find(uuid);
    REQUIRE(closed);
    CHECK_FALSE(closed->running);
    CHECK_THROWS_AS(f.manager.set_channel(uuid, "6"), std::invalid_argument); // closed
    f.manager.open(uuid);
    CHECK(f.manager.find(uuid)->running);
    f.manager.resume(uuid);
    CHECK_FALSE(f.manager.find(uuid)->paused);
    CHECK(*source_seen == 0);
    CHECK_THROWS_AS(f.manager.pause("00000000-0000-0000-0000-000000000000"), std::out_of_range);
    f.manager.clear();
    CHECK(f.manager.snapshot().empty());
}

namespace {

// A tunable, hopping source without frames: its status shows what it was told.
class TunerSource : public Datasource {
public:
    void open(PacketSink&) override {}
    void close() override {}
    SourceStatus status() const override
    {
        SourceStatus s;
        s.channels = {"1", "6", "11"};
        s.channel = channel_;
        s.hopping = hopping_;
        s.hop_rate = rate_;
        s.hop_channels = hop_;
        return s;
    }
    void set_channel(std::string_view ch) override
    {
        if (ch != "1" && ch != "6" && ch != "11") throw std::invalid_argument("cannot tune to " + std::string(ch));
        channel_ = std::string(ch);
        hopping_ = false;
    }
    void set_hop(double rate, const std::vector<std::string>& channels) override
    {
        rate_ = rate;
        hop_ = channels;
        hopping_ = true;
        channel_.clear();
    }

private:
    std::string channel_;
    bool hopping_ = false;
    double rate_ = 0;
    std::vector<std::string> hop_;
};

class TunerType : public DatasourceType {
public:
    explicit TunerType(bool can_hop, bool can_tune = true) : can_hop_(can_hop), can_tune_(can_tune) {}
    std::string name() const override { return "tuner"; }
    std::string description() const override { return "tunes, never delivers"; }
    DatasourceCapabilities capabilities() const override
    {
        DatasourceCapabilities c;
        c.probe = true;
        c.tune = can_tune_;
        c.hop = can_hop_;
        return c;
    }
    bool probe(const SourceDefinition& d) const override { return d.interface.rfind("tuner", 0) == 0; }
    std::unique_ptr<Datasource> create(const SourceDefinition&) const override { return std::make_unique<TunerSource>(); }

private:
    bool can_hop_, can_tune_;
};

struct TunerFixture : airsight::test::ManagerFixture {
    explicit TunerFixture(SourceDefaults defaults, bool can_hop = true, bool can_tune = true)
        : ManagerFixture(defaults)
    {
        types.add(std::make_unique<TunerType>(can_hop, can_tune), "plugin:tuner");
    }
    SourceStatus status_of(const std::string& definition) { return source(manager.add(definition)).status; }
};

} // namespace

TEST_CASE("a new source hops at channel_hop_speed over its channels unless its definition says otherwise")
{
    TunerFixture f(SourceDefaults{.hop = true, .hop_rate = 3});
    CHECK(f.manager.defaults().hop_rate == 3);

    const SourceStatus hopping = f.status_of("tuner0");
    CHECK(hopping.hopping);
    CHECK(hopping.hop_rate == 3);
    CHECK(hopping.hop_channels == std::vector<std::string>{"1", "6", "11"});

    CHECK(f.status_of("tuner1:channel_hop_speed=30/min").hop_rate == 0.5);

    const SourceStatus locked = f.status_of("tuner2:channel=6");
    CHECK_FALSE(locked.hopping);
    CHECK(locked.channel == "6");

    const SourceStatus still = f.status_of("tuner3:channel_hop=false");
    CHECK_FALSE(still.hopping);
    CHECK(still.channel == "1");
}

TEST_CASE("channel_hop=false keeps new sources on their first channel; a definition can still ask to hop")
{
    TunerFixture f(SourceDefaults{.hop = false, .hop_rate = 5});
    const SourceStatus locked = f.status_of("tuner0");
    CHECK_FALSE(locked.hopping);
    CHECK(locked.channel == "1");
    const SourceStatus hopping = f.status_of("tuner1:channel_hop=true,channel_hop_speed=2");
    CHECK(hopping.hopping);
    CHECK(hopping.hop_rate == 2);
}

TEST_CASE("channel settings a source cannot use refuse the definition or fail the open, with the reason")
{
    TunerFixture f(SourceDefaults{});
    CHECK_THROWS_WITH_AS(f.manager.add("tuner0:channel_hop_speed=fast"),
                         doctest::Contains("channel_hop_speed=fast is not a hop rate"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(f.manager.add("tuner0:channel_hop=often"), doctest::Contains("channel_hop=often"),
                         std::invalid_argument);
    CHECK(f.manager.snapshot().empty());

    // The driver refuses the channel once open: no retry would change that,
    // so the definition is refused and nothing is added.
    CHECK_THROWS_WITH_AS(f.manager.add("tuner0:channel=14"), "cannot tune to 14", std::invalid_argument);
    CHECK(f.manager.snapshot().empty());
}

TEST_CASE("a type that can tune but not hop is not made to hop")
{
    TunerFixture f(SourceDefaults{}, false);
    const SourceStatus s = f.status_of("tuner0");
    CHECK_FALSE(s.hopping);
    CHECK(s.channel == "");
}

TEST_CASE("channel= on a type that cannot tune refuses the definition instead of being ignored")
{
    TunerFixture f(SourceDefaults{}, false, false);
    try {
        f.manager.add("tuner0:channel=6");
        FAIL("a channel lock on a type that cannot tune was accepted");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "source option channel=6: a tuner source cannot tune to a channel");
    }
    CHECK(f.manager.snapshot().empty());
    CHECK_FALSE(f.manager.add("tuner0").empty()); // without the lock it is added
}

TEST_CASE("hop= and hop_rate= are taken as channel_hop= and channel_hop_speed=, which win when both are given")
{
    TunerFixture f(SourceDefaults{.hop = true, .hop_rate = 5});
    const SourceStatus still = f.status_of("tuner0:hop=false");
    CHECK_FALSE(still.hopping);
    CHECK(still.channel == "1");
    CHECK(f.status_of("tuner1:hop_rate=2/sec").hop_rate == 2);
    CHECK(f.status_of("tuner2:hop_rate=2,channel_hop_speed=4").hop_rate == 4);
    CHECK(f.status_of("tuner3:hop=false,channel_hop=true").hopping);
    CHECK_THROWS_WITH_AS(f.manager.add("tuner4:hop_rate=fast"), doctest::Contains("hop_rate=fast is not a hop rate"),
                         std::invalid_argument);
}

TEST_CASE("a warning the driver reports at open goes to the message bus as well as the record")
{
    Fixture f;
    const std::string uuid = f.manager.add("fake0:warning=NetworkManager manages fake0,frames=0");
    CHECK(f.said("Source 'fake0': NetworkManager manages fake0"));
    CHECK(f.manager.find(uuid)->status.warning == "NetworkManager manages fake0");
    CHECK_FALSE(f.manager.add("fake1:frames=0").empty());
    CHECK_FALSE(f.said("Source 'fake1': "));
}
