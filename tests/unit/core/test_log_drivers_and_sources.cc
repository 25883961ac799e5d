// The two SDK services logs stand on: the registry of log drivers plugins
// add, and the read-only directory of datasources (airsight/sources.h).
#include "datasources/source_directory.h"
#include "logging/log_driver_registry.h"
#include "manager_fixture.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::core;
using namespace airsight::test;

namespace {

class NamedDriver : public LogDriver {
public:
    explicit NamedDriver(std::string log_class) : class_(std::move(log_class)) {}
    std::string log_class() const override { return class_; }
    std::string name() const override { return "test log " + class_; }
    std::string description() const override { return "a log for tests"; }
    unsigned contents() const override { return LOG_PACKETS; }
    std::unique_ptr<LogFile> open(const LogOpenRequest& r) override
    {
        throw std::runtime_error("cannot open " + r.path);
    }

private:
    std::string class_;
};

class QuietSource : public Datasource {
public:
    void open(PacketSink&) override {}
    void close() override {}
    SourceStatus status() const override
    {
        SourceStatus s;
        s.capture_interface = "mon7";
        s.hardware = "test radio";
        s.dlt = 127;
        return s;
    }
};

class QuietType : public DatasourceType {
public:
    std::string name() const override { return "quiet"; }
    std::string description() const override { return "opens and delivers nothing"; }
    DatasourceCapabilities capabilities() const override
    {
        DatasourceCapabilities c;
        c.probe = true;
        return c;
    }
    bool probe(const SourceDefinition& d) const override { return d.interface.starts_with("quiet"); }
    std::unique_ptr<Datasource> create(const SourceDefinition&) const override
    {
        return std::make_unique<QuietSource>();
    }
};

} // namespace

TEST_CASE("log driver registry: one driver per class, well-formed classes only, withdrawn by owner")
{
    LogDriverRegistry registry;
    registry.add("plugin:a", std::make_unique<NamedDriver>("kismet"));
    registry.add("plugin:b", std::make_unique<NamedDriver>("pcapng"));
    REQUIRE(registry.find("kismet"));
    CHECK(registry.find("kismet")->name() == "test log kismet");
    CHECK_FALSE(registry.find("KISMET")); // classes are lower case; no folding
    CHECK(registry.list().size() == 2);

    CHECK_THROWS_WITH_AS(registry.add("plugin:c", std::make_unique<NamedDriver>("kismet")),
                         "log class 'kismet' is already registered by plugin:a", std::invalid_argument);
    CHECK_THROWS_AS(registry.add("plugin:c", std::make_unique<NamedDriver>("")), std::invalid_argument);
    CHECK_THROWS_AS(registry.add("plugin:c", std::make_unique<NamedDriver>("Pcap")), std::invalid_argument);
    CHECK_THROWS_AS(registry.add("plugin:c", std::make_unique<NamedDriver>("a/b")), std::invalid_argument);
    CHECK_THROWS_AS(registry.add("plugin:c", nullptr), std::invalid_argument);

    const auto removed = registry.remove_owner("plugin:a");
    REQUIRE(removed.size() == 1);
    CHECK(removed[0]->log_class() == "kismet");
    CHECK_FALSE(registry.find("kismet"));
    CHECK(registry.list().size() == 1);
    // Its class is free again.
    registry.add("plugin:c", std::make_unique<NamedDriver>("kismet"));
    CHECK(registry.find("kismet"));
}

TEST_CASE("source directory: what logs read of each source, by number and by UUID in any case")
{
    ManagerFixture f;
    f.types.add(std::make_unique<QuietType>(), "plugin:quiet");
    SourceDirectoryImpl directory(f.manager);
    CHECK(directory.list().empty());
    CHECK_FALSE(directory.by_number(1));

    const std::string first = f.manager.add("quiet0:name=alpha");
    const std::string second = f.manager.add("quiet1");
    const auto all = directory.list();
    REQUIRE(all.size() == 2);
    CHECK(all[0].uuid == first);
    CHECK(all[1].uuid == second);

    const auto one = directory.by_number(1);
    REQUIRE(one);
    CHECK(one->uuid == first);
    CHECK(one->name == "alpha");
    CHECK(one->type == "quiet");
    CHECK(one->definition == "quiet0:name=alpha");
    CHECK(one->interface == "quiet0");
    CHECK(one->capture_interface == "mon7");
    CHECK(one->hardware == "test radio");
    CHECK(one->dlt == 127u);
    CHECK(one->running);

    std::string lower = second;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string upper = second;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    REQUIRE(directory.by_uuid(lower));
    CHECK(directory.by_uuid(upper)->number == 2u);
    CHECK_FALSE(directory.by_uuid("00000000-0000-0000-0000-000000000000"));
    CHECK_FALSE(directory.by_number(3));

    f.manager.close(first);
    CHECK_FALSE(directory.by_number(1)->running);
}
