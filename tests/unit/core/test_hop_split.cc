// Kismet's split_source_hopping: open sources of one type hopping over the
// same channels each start at their own place in the list.
#include "manager_fixture.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::core;

namespace {

std::vector<std::string> split(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    for (;;) {
        const std::size_t slash = text.find('/', from);
        out.push_back(text.substr(from, slash - from));
        if (slash == std::string::npos) return out;
        from = slash + 1;
    }
}

// Hops over what it is told. Its status shows the order it was given in
// `warning` (the manager's record shows the list before its rotation).
class HopperSource : public Datasource {
public:
    explicit HopperSource(std::vector<std::string> channels) : channels_(std::move(channels)) {}
    void open(PacketSink&) override {}
    void close() override {}
    SourceStatus status() const override
    {
        SourceStatus s;
        s.channels = channels_;
        s.channel = channel_;
        s.hopping = channel_.empty();
        s.hop_channels = hop_;
        for (const std::string& c : hop_) s.warning += (s.warning.empty() ? "" : " ") + c;
        return s;
    }
    void set_channel(std::string_view channel) override
    {
        channel_ = std::string(channel);
        hop_.clear();
    }
    void set_hop(double, const std::vector<std::string>& channels) override
    {
        channel_.clear();
        hop_ = channels;
    }

private:
    std::vector<std::string> channels_;
    std::string channel_;
    std::vector<std::string> hop_;
};

// "chans=1/6/11" gives its channels (default 1/6/11/36/40/44).
class HopperType : public DatasourceType {
public:
    explicit HopperType(std::string name) : name_(std::move(name)) {}
    std::string name() const override { return name_; }
    std::string description() const override { return "hops"; }
    DatasourceCapabilities capabilities() const override
    {
        DatasourceCapabilities c;
        c.tune = true;
        c.hop = true;
        return c;
    }
    bool probe(const SourceDefinition&) const override { return false; }
    std::unique_ptr<Datasource> create(const SourceDefinition& d) const override
    {
        return std::make_unique<HopperSource>(split(d.option("chans").value_or("1/6/11/36/40/44")));
    }

private:
    std::string name_;
};

struct Fixture : airsight::test::ManagerFixture {
    explicit Fixture(SourceDefaults defaults = {}) : ManagerFixture(defaults)
    {
        types.add(std::make_unique<HopperType>("hopper"), "plugin:hopper");
        types.add(std::make_unique<HopperType>("other"), "plugin:other");
    }
    std::string order(const std::string& uuid) { return source(uuid).status.warning; }
};

} // namespace

TEST_CASE("split_offset is Kismet's: channels / sources * index")
{
    CHECK(split_offset(6, 1, 0) == 0);
    CHECK(split_offset(6, 2, 1) == 3);
    CHECK(split_offset(6, 3, 2) == 4);
    CHECK(split_offset(3, 2, 1) == 1);
    CHECK(split_offset(6, 0, 0) == 0);
}

TEST_CASE("sources of one type hopping over the same channels start apart; each still hops over all of them")
{
    Fixture f;
    const std::string a = f.manager.add("a:type=hopper");
    CHECK(f.source(a).hop_offset == 0);
    CHECK_FALSE(f.source(a).hop_split);
    CHECK(f.order(a) == "1 6 11 36 40 44");

    const std::string b = f.manager.add("b:type=hopper");
    CHECK(f.source(a).hop_offset == 0);
    CHECK(f.source(a).hop_split);
    CHECK(f.source(b).hop_offset == 3);
    CHECK(f.source(b).hop_split);
    CHECK(f.order(b) == "36 40 44 1 6 11");
    // The record shows the list itself, beside the offset, as Kismet does.
    CHECK(f.source(b).status.hop_channels == std::vector<std::string>{"1", "6", "11", "36", "40", "44"});

    // The same channels in another order are the same list.
    const std::string c = f.manager.add("c:type=hopper,chans=44/40/36/11/6/1");
    CHECK(f.source(a).hop_offset == 0);
    CHECK(f.source(b).hop_offset == 2);
    CHECK(f.order(b) == "11 36 40 44 1 6");
    CHECK(f.source(c).hop_offset == 4);
    CHECK(f.order(c) == "6 1 44 40 36 11");
}

TEST_CASE("locked, closed, other-type and other-list sources take no part in the split")
{
    Fixture f;
    const std::string a = f.manager.add("a:type=hopper");
    const std::string locked = f.manager.add("l:type=hopper,channel=6");
    const std::string off = f.manager.add("s:type=hopper,channel_hop=false");
    const std::string other = f.manager.add("o:type=other");
    const std::string fewer = f.manager.add("f:type=hopper,chans=1/6/11");
    CHECK_FALSE(f.source(a).hop_split);
    CHECK(f.source(locked).status.channel == "6");
    CHECK(f.source(off).status.channel == "1");
    CHECK_FALSE(f.source(other).hop_split);
    CHECK_FALSE(f.source(fewer).hop_split);

    const std::string b = f.manager.add("b:type=hopper");
    CHECK(f.source(b).hop_offset == 3);
    f.manager.close(b);
    const std::string c = f.manager.add("c:type=hopper"); // b is closed: two sources share the list
    CHECK(f.source(c).hop_offset == 3);
    CHECK(f.source(a).hop_offset == 0);

    f.manager.open(b); // back: it joins again, in its place by creation
    CHECK(f.source(a).hop_offset == 0);
    CHECK(f.source(b).hop_offset == 2);
    CHECK(f.source(c).hop_offset == 4);
}

TEST_CASE("set_hop keeps a source's offset, as Kismet does")
{
    Fixture f;
    const std::string a = f.manager.add("a:type=hopper");
    const std::string b = f.manager.add("b:type=hopper");
    f.manager.set_hop(b, 2, {"1", "6", "11", "36", "40", "44"});
    CHECK(f.source(b).hop_offset == 3);
    CHECK(f.order(b) == "36 40 44 1 6 11");

    f.manager.set_channel(b, "11"); // locked: a keeps its place
    CHECK(f.source(a).hop_offset == 0);
    f.manager.set_hop(b, 2, {"1", "6"});
    CHECK(f.order(b) == "6 1"); // the offset, 3, taken modulo the list
}

TEST_CASE("split_source_hopping=false: every source starts at the top of its list")
{
    Fixture f(SourceDefaults{.split_hopping = false});
    const std::string a = f.manager.add("a:type=hopper");
    const std::string b = f.manager.add("b:type=hopper");
    CHECK(f.source(a).hop_offset == 0);
    CHECK(f.source(b).hop_offset == 0);
    CHECK_FALSE(f.source(b).hop_split);
    CHECK(f.order(b) == "1 6 11 36 40 44");
}
