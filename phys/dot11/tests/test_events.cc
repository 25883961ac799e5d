// Kismet's dot11 event bus topics (phy/dot11_events.h): which frames publish
// DOT11_ADVERTISED_SSID, DOT11_RESPONSE_SSID, DOT11_PROBED_SSID and
// DOT11_WPA_HANDSHAKE, with Kismet's content names, only to subscribers, and
// always after the device's lock is released.
#include "fake_phy_host.h"
#include "lab_frames.h"
#include "phy_harness.h"
#include "phy/dot11_events.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

// Records what the PHY publishes, and whether a device was locked then.
class RecordingBus : public EventBus {
public:
    explicit RecordingBus(const airsight::test::FakeDevices& devices) : devices_(devices) {}

    void declare_topic(std::string topic, std::string description) override { declared[topic] = description; }
    bool wanted(std::string_view topic) const override { return subscribed.contains(std::string(topic)); }
    void publish(std::string_view topic, Value content) override
    {
        if (devices_.locked()) published_locked = true;
        events.push_back({std::string(topic), std::move(content)});
    }

    std::map<std::string, std::string> declared;
    std::set<std::string> subscribed;
    struct Event {
        std::string topic;
        Value content;
    };
    std::vector<Event> events;
    bool published_locked = false;

private:
    const airsight::test::FakeDevices& devices_;
};

// A device's "record": its MAC, and how many were built (none, unless wanted).
class CountingLists : public DeviceLists {
public:
    Reply list(const Request&, FunctionRef<bool(const Device&)>) override
    {
        throw HttpError(500, "the PHY's events never list devices");
    }
    Value record(const Device& device) const override
    {
        ++built;
        Value v = Value::map();
        v.append("kismet.device.base.macaddr", device.mac.str());
        return v;
    }
    mutable int built = 0;
};

struct EventsHarness : Harness {
    RecordingBus bus{devices};
    CountingLists lists;
    Dot11Events events{bus, lists};

    EventsHarness() { phy.publish_events(&events); }

    std::vector<RecordingBus::Event> take()
    {
        auto out = std::move(bus.events);
        bus.events.clear();
        return out;
    }
};

std::string text_of(const Value& content, const char* key, const Field& field)
{
    const Value* record = content.find(key);
    REQUIRE(record);
    const Value* v = record->find(field);
    REQUIRE(v);
    return v->as_string();
}

std::string device_mac(const Value& content, const char* key)
{
    const Value* record = content.find(key);
    REQUIRE(record);
    return record->find("kismet.device.base.macaddr")->as_string();
}

} // namespace

TEST_CASE("the four dot11 topics are declared, so clients may subscribe before the first event")
{
    EventsHarness h;
    CHECK(h.bus.declared.size() == 4);
    for (const char* t : {"DOT11_ADVERTISED_SSID", "DOT11_RESPONSE_SSID", "DOT11_PROBED_SSID", "DOT11_WPA_HANDSHAKE"}) {
        CAPTURE(t);
        REQUIRE(h.bus.declared.contains(t));
        CHECK_FALSE(h.bus.declared[t].empty());
    }
}

TEST_CASE("without subscribers nothing is published and no record is built")
{
    EventsHarness h;
    h.run(in_radiotap(advertisement(true)), dlt_radiotap, 100);
    h.run(in_radiotap(advertisement(false)), dlt_radiotap, 100);
    h.run(in_radiotap(probe_request("lab")), dlt_radiotap, 100);
    h.run(in_radiotap(eapol(1)), dlt_radiotap, 101);
    CHECK(h.bus.events.empty());
    CHECK(h.lists.built == 0);
    REQUIRE(h.component(ap));
    CHECK(h.component(ap)->advertised.size() == 1); // the frames were tracked all the same
}

TEST_CASE("a beacon's new SSID: DOT11_ADVERTISED_SSID with the AP and the SSID's record, once per SSID")
{
    EventsHarness h;
    h.bus.subscribed = {"DOT11_ADVERTISED_SSID"};
    h.run(in_radiotap(advertisement(true)), dlt_radiotap, 100);
    auto events = h.take();
    REQUIRE(events.size() == 1);
    CHECK(events[0].topic == "DOT11_ADVERTISED_SSID");
    CHECK(device_mac(events[0].content, "DOT11_NEW_SSID_BASEDEV") == ap.str());
    CHECK(text_of(events[0].content, "DOT11_ADVERTISED_SSID", h.fields.adv_ssid) == "lab");
    CHECK(text_of(events[0].content, "DOT11_ADVERTISED_SSID", h.fields.adv_channel) == "6");

    h.run(in_radiotap(advertisement(true, 1)), dlt_radiotap, 101); // the same SSID again
    CHECK(h.take().empty());

    h.run(in_radiotap(advertisement(true, 2, "lab-guest")), dlt_radiotap, 102);
    events = h.take();
    REQUIRE(events.size() == 1);
    CHECK(text_of(events[0].content, "DOT11_ADVERTISED_SSID", h.fields.adv_ssid) == "lab-guest");

    h.run(in_radiotap(advertisement(false)), dlt_radiotap, 103); // a response: another topic, not subscribed
    CHECK(h.take().empty());
    CHECK_FALSE(h.bus.published_locked);
}

TEST_CASE("a probe response's new SSID: DOT11_RESPONSE_SSID, not DOT11_ADVERTISED_SSID")
{
    EventsHarness h;
    h.bus.subscribed = {"DOT11_ADVERTISED_SSID", "DOT11_RESPONSE_SSID"};
    h.run(in_radiotap(advertisement(false)), dlt_radiotap, 100);
    h.run(in_radiotap(advertisement(false, 1)), dlt_radiotap, 101);
    const auto events = h.take();
    REQUIRE(events.size() == 1);
    CHECK(events[0].topic == "DOT11_RESPONSE_SSID");
    CHECK(device_mac(events[0].content, "DOT11_NEW_SSID_BASEDEV") == ap.str());
    CHECK(text_of(events[0].content, "DOT11_RESPONSE_SSID", h.fields.adv_ssid) == "lab");
    CHECK(events[0].content.find("DOT11_ADVERTISED_SSID") == nullptr);
    CHECK_FALSE(h.bus.published_locked);
}

TEST_CASE("a client's new probed SSID: DOT11_PROBED_SSID with the client and the probe's record")
{
    EventsHarness h;
    h.bus.subscribed = {"DOT11_PROBED_SSID"};
    h.run(in_radiotap(probe_request("lab")), dlt_radiotap, 100);
    h.run(in_radiotap(probe_request("lab")), dlt_radiotap, 101);
    h.run(in_radiotap(probe_request("home")), dlt_radiotap, 102);
    const auto events = h.take();
    REQUIRE(events.size() == 2);
    CHECK(events[0].topic == "DOT11_PROBED_SSID");
    CHECK(device_mac(events[0].content, "DOT11_NEW_SSID_BASEDEV") == client.str());
    CHECK(text_of(events[0].content, "DOT11_PROBED_SSID", h.fields.probe_ssid) == "lab");
    CHECK(text_of(events[1].content, "DOT11_PROBED_SSID", h.fields.probe_ssid) == "home");
    CHECK_FALSE(h.bus.published_locked);
}

TEST_CASE("each kept handshake frame: DOT11_WPA_HANDSHAKE with the AP and its dot11 record")
{
    EventsHarness h;
    h.bus.subscribed = {"DOT11_WPA_HANDSHAKE"};
    h.run(in_radiotap(advertisement(true)), dlt_radiotap, 100);
    h.run(in_radiotap(eapol(1)), dlt_radiotap, 101);
    h.run(in_radiotap(eapol(2)), dlt_radiotap, 101, 5);
    h.run(in_radiotap(eapol(2)), dlt_radiotap, 101, 5, true); // another source's copy: not kept again
    const auto events = h.take();
    REQUIRE(events.size() == 2);
    for (const auto& e : events) {
        CHECK(e.topic == "DOT11_WPA_HANDSHAKE");
        CHECK(device_mac(e.content, "DOT11_WPA_HANDSHAKE_BASEDEV") == ap.str());
    }
    // The second event's dot11 record holds both frames of the client's handshake.
    const Value* dot11 = events[1].content.find("DOT11_WPA_HANDSHAKE_DOT11");
    REQUIRE(dot11);
    const Value* list = dot11->find(h.fields.wpa_handshake_list);
    REQUIRE(list);
    const Value* frames = list->find(client.str());
    REQUIRE(frames);
    CHECK(frames->size() == 2);
    CHECK_FALSE(h.bus.published_locked);
}
