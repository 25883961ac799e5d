// Kismet's retry: a source that fails is opened again every 5 seconds while
// its retry= is on, by DatasourceManager::retry_due (driven here with a
// made-up clock), until it opens, the user closes it, or the server stops.
#include "manager_fixture.h"
#include "source_worker.h"

#include <doctest/doctest.h>

#include <chrono>
#include <mutex>

using namespace airsight;
using namespace airsight::core;
using airsight::test::eventually;
using airsight::test::SourceWorker;
using namespace std::chrono_literals;

namespace {

// A radio that can vanish: while absent, open() throws; vanish() makes every
// open source report the failure from its own thread, as a driver does when
// its interface disappears.
struct Radio {
    std::mutex mutex;
    bool present = true;
    int opens = 0;
};

class RadioSource : public Datasource {
public:
    explicit RadioSource(Radio& radio) : radio_(radio) {}
    ~RadioSource() override { close(); }

    void open(PacketSink& sink) override
    {
        {
            std::lock_guard lock(radio_.mutex);
            if (!radio_.present) throw std::runtime_error("no such device");
            ++radio_.opens;
        }
        worker_.start([this, &sink] {
            if (worker_.wait([this] { return vanished_; })) sink.failed("device vanished");
        });
    }
    void close() override { worker_.stop(); }
    SourceStatus status() const override
    {
        SourceStatus s;
        s.channels = {"1", "6", "11"};
        std::lock_guard lock(mutex_);
        s.channel = channel_;
        return s;
    }
    void set_channel(std::string_view channel) override
    {
        std::lock_guard lock(mutex_);
        channel_ = std::string(channel);
    }
    void vanish()
    {
        worker_.signal([this] { vanished_ = true; });
    }

private:
    Radio& radio_;
    mutable std::mutex mutex_; // channel_
    std::string channel_;
    bool vanished_ = false;    // under the worker's lock
    SourceWorker worker_;
};

class RadioType : public DatasourceType {
public:
    explicit RadioType(Radio& radio) : radio_(radio) {}
    std::string name() const override { return "radio"; }
    std::string description() const override { return "a radio that can vanish"; }
    DatasourceCapabilities capabilities() const override
    {
        DatasourceCapabilities c;
        c.probe = true;
        c.tune = true;
        return c;
    }
    bool probe(const SourceDefinition& d) const override { return d.interface.rfind("radio", 0) == 0; }
    std::unique_ptr<Datasource> create(const SourceDefinition&) const override
    {
        auto source = std::make_unique<RadioSource>(radio_);
        std::lock_guard lock(mutex_);
        made_.push_back(source.get());
        return source;
    }
    /// The radio goes away: opens fail, the newest open source fails.
    void vanish()
    {
        {
            std::lock_guard lock(radio_.mutex);
            radio_.present = false;
        }
        std::lock_guard lock(mutex_);
        made_.back()->vanish();
    }

private:
    Radio& radio_;
    mutable std::mutex mutex_;
    mutable std::vector<RadioSource*> made_; // the manager destroys them; only the newest is used, while open
};

struct Fixture : airsight::test::ManagerFixture {
    explicit Fixture(SourceDefaults defaults = {}) : ManagerFixture(defaults)
    {
        auto type = std::make_unique<RadioType>(radio);
        radio_type = type.get();
        types.add(std::move(type), "plugin:radio");
    }
    // The sources go before the radio their drivers were given.
    ~Fixture() { manager.clear(); }
    void come_back()
    {
        std::lock_guard lock(radio.mutex);
        radio.present = true;
    }
    int opens()
    {
        std::lock_guard lock(radio.mutex);
        return radio.opens;
    }

    Radio radio;
    RadioType* radio_type = nullptr;
};

using Clock = ManagedSource::Clock;

} // namespace

TEST_CASE("a source that fails is re-opened 5 seconds later, again after each failure, until it opens")
{
    Fixture f;
    const std::string uuid = f.manager.add("radio0:name=lab");
    CHECK(f.source(uuid).running);
    CHECK(f.source(uuid).retry);
    f.manager.set_channel(uuid, "6");

    f.radio_type->vanish();
    const auto failed_at = Clock::now();
    REQUIRE(eventually([&] { return f.source(uuid).error; }));
    SourceSnapshot s = f.source(uuid);
    CHECK_FALSE(s.running);
    CHECK(s.error_reason == "device vanished");
    CHECK(s.retry_attempts == 1);
    CHECK(s.total_retry_attempts == 1);
    // The driver's thread sets the error before it posts the message: wait for both.
    CHECK(eventually([&] {
        return f.said("Source 'lab' (" + uuid +
                      ") has encountered an error (device vanished); airsight will attempt to re-open the source in 5 "
                      "seconds (1 failure)");
    }));

    f.manager.retry_due(failed_at + 4s); // not yet
    CHECK(f.opens() == 1);
    CHECK(f.source(uuid).error);

    f.manager.retry_due(Clock::now() + 6s); // the radio is still away: a second failure
    CHECK(f.said("Attempting to re-open source 'lab'"));
    s = f.source(uuid);
    CHECK(s.error);
    CHECK(s.error_reason == "no such device");
    CHECK(s.retry_attempts == 2);
    CHECK(s.total_retry_attempts == 2);
    CHECK(f.said("(2 failures)"));

    f.manager.retry_due(Clock::now() + 4s); // the next retry is 5 s after that failure
    CHECK(f.source(uuid).retry_attempts == 2);

    f.come_back();
    f.manager.retry_due(Clock::now() + 6s);
    s = f.source(uuid);
    CHECK(s.running);
    CHECK_FALSE(s.error);
    CHECK(s.error_reason.empty());
    CHECK(s.retry_attempts == 0);     // consecutive failures: reset by the open
    CHECK(s.total_retry_attempts == 2); // kept
    CHECK(s.status.channel == "6");   // its channel, set before the failure, is set again
    CHECK(f.opens() == 2);
    CHECK(f.said("Source 'lab' (" + uuid + ") successfully re-opened"));
}

TEST_CASE("a source that cannot open at first is retried too")
{
    Fixture f;
    {
        std::lock_guard lock(f.radio.mutex);
        f.radio.present = false;
    }
    const std::string uuid = f.manager.add("radio0");
    CHECK(f.source(uuid).error);
    CHECK(f.source(uuid).retry_attempts == 1);
    f.come_back();
    f.manager.retry_due(Clock::now() + 6s);
    CHECK(f.source(uuid).running);
    CHECK(f.source(uuid).retry_attempts == 0);
}

TEST_CASE("retry=false keeps a failed source failed; the definition wins over retry_on_source_error")
{
    Fixture f(SourceDefaults{.retry = false});
    const std::string kept = f.manager.add("radio0:name=kept");
    CHECK_FALSE(f.source(kept).retry);
    f.radio_type->vanish();
    REQUIRE(eventually([&] { return f.source(kept).error; }));
    f.come_back();
    f.manager.retry_due(Clock::now() + 60s);
    const SourceSnapshot s = f.source(kept);
    CHECK(s.error);
    CHECK_FALSE(s.running);
    CHECK(s.retry_attempts == 0);
    CHECK(s.total_retry_attempts == 0);
    CHECK(f.opens() == 1);
    CHECK(f.said("Source 'kept' (" + kept +
                 ") has encountered an error (device vanished) but is not configured to automatically re-try "
                 "opening; it will remain closed"));

    const std::string retried = f.manager.add("radio1:retry=true");
    CHECK(f.source(retried).retry);
    CHECK_THROWS_WITH_AS(f.manager.add("radio2:retry=often"), doctest::Contains("retry=often"), std::invalid_argument);
}

TEST_CASE("closing a failed source cancels its retry; opening it re-opens at once")
{
    Fixture f;
    const std::string uuid = f.manager.add("radio0");
    f.radio_type->vanish();
    REQUIRE(eventually([&] { return f.source(uuid).error; }));
    f.manager.close(uuid);
    f.come_back();
    f.manager.retry_due(Clock::now() + 60s);
    CHECK_FALSE(f.source(uuid).running);
    CHECK(f.opens() == 1);

    f.manager.open(uuid);
    CHECK(f.source(uuid).running);
    CHECK_FALSE(f.source(uuid).error);
    CHECK(f.opens() == 2);
}

TEST_CASE("opening a failed source by hand does not wait for its retry, and the retry does not run twice")
{
    Fixture f;
    const std::string uuid = f.manager.add("radio0");
    f.radio_type->vanish();
    REQUIRE(eventually([&] { return f.source(uuid).error; }));
    f.come_back();
    f.manager.open(uuid); // a failed driver is closed and a new one opened
    CHECK(f.source(uuid).running);
    CHECK(f.opens() == 2);
    f.manager.retry_due(Clock::now() + 60s); // nothing pending any more
    CHECK(f.opens() == 2);
    CHECK(f.source(uuid).running);
}

TEST_CASE("stopping never waits for a pending retry")
{
    Fixture f;
    const std::string uuid = f.manager.add("radio0");
    f.radio_type->vanish();
    REQUIRE(eventually([&] { return f.source(uuid).error; }));
    const auto start = Clock::now();
    f.manager.clear();
    CHECK(Clock::now() - start < 1s);
    CHECK(f.manager.snapshot().empty());
    f.manager.retry_due(Clock::now() + 60s); // nothing left to retry
    CHECK(f.opens() == 1);
}
