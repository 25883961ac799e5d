// The frame-fingerprint detectors (phys/dot11/ids/frame_alerts): each alert
// raised by the frame that should raise it, naming the right MACs, and not by
// the nearest benign frame; SSID canaries and their config lines.
#include "byte_builder.h"
#include "fake_alerts.h"
#include "phy_harness.h"
#include "ids/frame_alerts.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

using ByteVec = std::vector<std::uint8_t>;

const MacAddr ap = mac("00:11:22:33:44:55");
const MacAddr client = mac("66:77:88:99:aa:bb");
const MacAddr broadcast = mac("ff:ff:ff:ff:ff:ff");

struct FakeConfig : ConfigView {
    std::multimap<std::string, std::string, std::less<>> entries;
    std::optional<std::string> value(std::string_view key) const override
    {
        auto v = values(key);
        return v.empty() ? std::nullopt : std::optional(v.back());
    }
    std::vector<std::string> values(std::string_view key) const override
    {
        std::vector<std::string> out;
        for (auto [it, end] = entries.equal_range(key); it != end; ++it) out.push_back(it->second);
        return out;
    }
};

struct FakeBus : MessageBus {
    std::vector<std::string> errors;
    void post(std::string_view text, int flags) override
    {
        if (flags & MSG_ERROR) errors.emplace_back(text);
    }
};

ids::FrameAlertOptions with_canaries(std::initializer_list<const char*> lines)
{
    ids::FrameAlertOptions options;
    for (const char* line : lines) options.canaries.add(line);
    return options;
}

// The PHY and the detector, fed as the chain would (DECAP..TRACK, then OBSERVE).
struct Fixture {
    Harness h;
    RecordingAlerts alerts;
    ids::FrameAlerts detector;
    explicit Fixture(ids::FrameAlertOptions options = {})
        : detector(alerts, h.phy.phy_id(), std::move(options))
    {
    }
    void feed(const ByteVec& record, std::uint32_t dlt = dlt_ieee802_11, bool duplicate = false)
    {
        Packet p = h.run(record, dlt, 100, 0, duplicate);
        if (const Dissection* d = h.dissection.find(p)) detector.observe(p, *d);
    }
    std::size_t count(std::string_view name) const { return alerts.count(name); }
    const RaisedAlert& last() const { return alerts.raised.back(); }
};

ByteBuilder mgmt_header(std::uint8_t fc0, const MacAddr& to, const MacAddr& from, const MacAddr& bssid,
                        std::uint8_t fc1 = 0)
{
    return ByteBuilder().u8(fc0).u8(fc1).le16(0).mac(to.str()).mac(from.str()).mac(bssid.str()).le16(0);
}

// A beacon of `from` (its BSSID too) with the IEs `ies` after the fixed fields.
ByteVec beacon(const ByteVec& ies, const MacAddr& from = ap)
{
    return mgmt_header(0x80, broadcast, from, from).le64(0).le16(100).le16(0x0011).bytes(Bytes(ies)).vec();
}

ByteVec probe_response(const ByteVec& ies, const MacAddr& from = ap)
{
    return mgmt_header(0x50, client, from, from).le64(0).le16(100).le16(0x0011).bytes(Bytes(ies)).vec();
}

ByteVec probe_request(const ByteVec& ies) { return mgmt_header(0x40, broadcast, client, broadcast).bytes(Bytes(ies)).vec(); }

ByteVec association_response(const ByteVec& ies)
{
    return mgmt_header(0x10, client, ap, ap).le16(0x0011).le16(0).le16(0xc001).bytes(Bytes(ies)).vec();
}

// SSID, rates and DS parameter IEs, then `extra`.
ByteVec ies_with(std::string_view ssid, const ByteVec& extra = {}, std::uint8_t channel = 6)
{
    ByteBuilder b;
    b.u8(0).u8(static_cast<std::uint8_t>(ssid.size())).text(ssid);
    b.ie(1, {0x82, 0x84, 0x8b, 0x96}).ie(3, {channel});
    return b.bytes(Bytes(extra)).vec();
}

ByteVec ie(std::uint8_t id, const ByteVec& data) { return ByteBuilder().ie(id, Bytes(data)).vec(); }

ByteVec concat(std::initializer_list<ByteVec> parts)
{
    ByteVec out;
    for (const ByteVec& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// A WMM vendor IE body (OUI 00-50-F2 type 2) of `length` bytes, OUI included, with `subtype`.
ByteVec wmm(std::size_t length, std::uint8_t subtype = 1)
{
    ByteVec d{0x00, 0x50, 0xf2, 0x02, subtype, 0x01};
    d.resize(length, 0);
    return ie(221, d);
}

// A radiotap header with channel (frequency) and dBm signal around `frame`.
ByteVec in_radiotap(const ByteVec& frame, int dbm, std::uint16_t mhz = 2437)
{
    ByteBuilder b;
    b.u8(0).u8(0).le16(13).le32(0x28).le16(mhz).le16(0x00a0).u8(static_cast<std::uint8_t>(static_cast<std::int8_t>(dbm)));
    return b.bytes(Bytes(frame)).vec();
}

// An EAPOL-Key data frame: from the AP (FromDS) or the client (ToDS), with
// key_info, the announced 802.1X length and key data of `key_data` bytes.
ByteVec eapol_key(bool from_ap, std::uint16_t key_info, std::size_t key_data, std::size_t announced = 0,
                  std::size_t captured_extra = 0)
{
    ByteBuilder b;
    b.u8(0x08).u8(from_ap ? 0x02 : 0x01).le16(0);
    b.mac((from_ap ? client : ap).str()).mac((from_ap ? ap : client).str()).mac(ap.str()).le16(0);
    b.bytes({0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x88, 0x8e});
    const std::size_t length = announced ? announced : 95 + key_data;
    b.u8(2).u8(3).be16(static_cast<std::uint16_t>(length));
    b.u8(2).be16(key_info).be16(16).be64(2).zeros(32 + 16 + 8 + 8 + 16);
    b.be16(static_cast<std::uint16_t>(key_data)).zeros(key_data + captured_extra);
    return b.vec();
}

// Message 3 of the 4-way handshake: install, ack, MIC, pairwise, descriptor version `version`.
constexpr std::uint16_t m3_info(std::uint16_t version) { return static_cast<std::uint16_t>(0x13c8 | version); }

} // namespace

TEST_SUITE("ids-frames") {

TEST_CASE("every alert of the group is defined with Kismet's facts")
{
    Fixture f;
    for (const char* name : {"NULLPROBERESP", "LONGSSID", "MSFBCOMSSID", "MSFDLINKRATE", "MSFNETGEARBEACON",
                             "AIRJACKSSID", "NETSTUMBLER", "LUCENTTEST", "WMMOVERFLOW", "WMMTSPEC", "QCOMEXTENDED",
                             "RSNLOOP", "BCOM11KCHAN", "BADFIXLENIE", "RTLWIFIP2P", "RTL8195VD1406", "VDOO202027301",
                             "VDOO202027302", "FORMATSTRING", "MALFORMMGMT", "KARMAOUI", "PROBECHAN", "OVERPOWERED",
                             "SSIDCANARY"}) {
        CAPTURE(name);
        const AlertDefinition& d = f.alerts.definition(name);
        CHECK(d.phy == f.h.phy.phy_id());
        CHECK_FALSE(d.description.empty());
    }
    CHECK(f.alerts.definitions.size() == 24);
    const AlertDefinition& longssid = f.alerts.definition("LONGSSID");
    CHECK(longssid.alert_class == "EXPLOIT");
    CHECK(longssid.severity == AlertSeverity::CRITICAL);
    CHECK(longssid.throttle == "5/min");
    CHECK(longssid.burst == "1/sec");
    CHECK(f.alerts.definition("OVERPOWERED").throttle == "0/min"); // shipped silenced
    CHECK(f.alerts.definition("BADFIXLENIE").throttle == "10/min"); // no conf line: Kismet's default rate
    CHECK(f.alerts.definition("KARMAOUI").alert_class == "PROBE");
    CHECK(f.alerts.definition("SSIDCANARY").severity == AlertSeverity::HIGH);
}

TEST_CASE("LONGSSID: an SSID over 32 bytes, once per change of the AP's IEs")
{
    Fixture f;
    f.feed(beacon(ies_with(std::string(32, 'a'))));
    CHECK(f.count("LONGSSID") == 0);
    const ByteVec attack = beacon(ies_with(std::string(33, 'a')), mac("00:11:22:33:44:66"));
    f.feed(attack);
    REQUIRE(f.count("LONGSSID") == 1);
    CHECK(f.last().transmitter == mac("00:11:22:33:44:66"));
    CHECK(f.last().source == mac("00:11:22:33:44:66"));
    CHECK(f.last().dest == broadcast);
    CHECK(f.last().channel == "6");
    CHECK(f.last().text.find("33-byte") != std::string::npos);
    f.feed(attack); // the same IEs again: Kismet does not read them twice
    CHECK(f.count("LONGSSID") == 1);
    f.feed(beacon(ies_with(std::string(40, 'b')), mac("00:11:22:33:44:66")));
    CHECK(f.count("LONGSSID") == 2);
    // Probe requests are read every time.
    f.feed(probe_request(ies_with(std::string(33, 'c'))));
    f.feed(probe_request(ies_with(std::string(33, 'c'))));
    CHECK(f.count("LONGSSID") == 4);
    CHECK(f.last().source == client);
}

TEST_CASE("IE alerts need a complete IE list, and a second source's copy raises nothing")
{
    Fixture f;
    ByteVec truncated = ies_with(std::string(33, 'a'));
    truncated.insert(truncated.end(), {48, 20, 1, 0}); // an RSN IE that runs past the frame
    f.feed(probe_request(truncated));
    CHECK(f.count("LONGSSID") == 0);
    f.feed(probe_request(ies_with(std::string(33, 'a'))), dlt_ieee802_11, true);
    CHECK(f.count("LONGSSID") == 0);
}

TEST_CASE("MSFDLINKRATE: the Metasploit D-Link signature in a rates IE")
{
    Fixture f;
    f.feed(probe_request(concat({ie(0, {'x'}), ie(1, {0x02, 0x75, 0xeb, 0x49, 0x04})})));
    REQUIRE(f.count("MSFDLINKRATE") == 1);
    CHECK(f.last().source == client);
    f.feed(probe_request(concat({ie(0, {'x'}), ie(50, {0x0c, 0x75, 0xeb, 0x48})})));
    CHECK(f.count("MSFDLINKRATE") == 1);
}

TEST_CASE("BADFIXLENIE: a DS parameter IE of more than one byte")
{
    Fixture f;
    f.feed(beacon(concat({ie(0, {'l', 'a', 'b'}), ie(3, {6})})));
    CHECK(f.count("BADFIXLENIE") == 0);
    f.feed(beacon(concat({ie(0, {'l', 'a', 'b'}), ie(3, {6, 6})})));
    REQUIRE(f.count("BADFIXLENIE") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().text.find("2 bytes") != std::string::npos);
}

TEST_CASE("RSNLOOP: an RSN IE declaring over 1024 pairwise ciphers")
{
    Fixture f;
    const ByteVec good_rsn = ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 2});
    f.feed(beacon(ies_with("lab", good_rsn)));
    CHECK(f.count("RSNLOOP") == 0);
    const ByteVec loop_rsn = ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 0x01, 0x04, 0x00, 0x0f, 0xac, 4}); // 1025 declared
    f.feed(beacon(ies_with("lab", loop_rsn)));
    REQUIRE(f.count("RSNLOOP") == 1);
    CHECK(f.last().text.find("1025") != std::string::npos);
    const ByteVec many_rsn = ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 0x00, 0x04, 0x00, 0x0f, 0xac, 4}); // 1024: malformed only
    f.feed(probe_request(ies_with("lab", many_rsn)));
    CHECK(f.count("RSNLOOP") == 1);
}

TEST_CASE("QCOMEXTENDED: an extended capabilities IE over 15 bytes")
{
    Fixture f;
    f.feed(beacon(ies_with("lab", ie(127, ByteVec(15, 0)))));
    CHECK(f.count("QCOMEXTENDED") == 0);
    f.feed(beacon(ies_with("lab", ie(127, ByteVec(16, 0)))));
    CHECK(f.count("QCOMEXTENDED") == 1);
}

TEST_CASE("WMMOVERFLOW: a WMM IE over 24 bytes, in beacons only")
{
    Fixture f;
    f.feed(beacon(ies_with("lab", wmm(24))));
    CHECK(f.count("WMMOVERFLOW") == 0);
    f.feed(probe_response(ies_with("lab", wmm(25))));
    CHECK(f.count("WMMOVERFLOW") == 0);
    f.feed(beacon(ies_with("lab", wmm(25))));
    REQUIRE(f.count("WMMOVERFLOW") == 1);
    CHECK(f.last().transmitter == ap);
}

TEST_CASE("WMMTSPEC: more than four WMM TSPEC IEs in an association response")
{
    Fixture f;
    ByteVec four;
    for (int i = 0; i < 4; ++i) four = concat({four, wmm(61, 2)});
    f.feed(association_response(four));
    CHECK(f.count("WMMTSPEC") == 0);
    f.feed(association_response(concat({four, wmm(61, 1)}))); // a parameter element, not a TSPEC
    CHECK(f.count("WMMTSPEC") == 0);
    f.feed(association_response(concat({four, wmm(61, 2)})));
    REQUIRE(f.count("WMMTSPEC") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().dest == client);
}

TEST_CASE("RTLWIFIP2P: a P2P Notice of Absence longer than 28 bytes")
{
    Fixture f;
    const auto p2p = [](std::uint16_t noa_length) {
        ByteBuilder b;
        b.bytes({0x50, 0x6f, 0x9a, 0x09});
        b.u8(2).le16(2).bytes({0x21, 0x00});  // P2P capability
        b.u8(12).le16(noa_length).zeros(noa_length);
        return ie(221, b.vec());
    };
    f.feed(probe_request(ies_with("", p2p(28))));
    CHECK(f.count("RTLWIFIP2P") == 0);
    f.feed(probe_request(ies_with("", p2p(29))));
    REQUIRE(f.count("RTLWIFIP2P") == 1);
    CHECK(f.last().source == client);
}

TEST_CASE("MSFBCOMSSID and MSFNETGEARBEACON: Metasploit beacons")
{
    Fixture f;
    const MacAddr msf = mac("90:e9:75:12:34:56");
    f.feed(beacon(ies_with("lab"), msf));
    REQUIRE(f.count("MSFBCOMSSID") == 1);
    CHECK(f.last().source == msf);
    f.feed(beacon(ies_with("lab"), mac("90:e9:76:12:34:56")));
    CHECK(f.count("MSFBCOMSSID") == 1);

    // Filler vendor IEs, then one whose body holds the signature at offset 1180 of the frame.
    const auto netgear = [](bool signature) {
        ByteBuilder b = mgmt_header(0x80, broadcast, ap, ap).le64(0).le16(100).le16(0x0011);
        for (int i = 0; i < 4; ++i) b.u8(221).u8(255).bytes({0x00, 0x10, 0x18}).zeros(252);
        const std::size_t at = 1180 - (b.size() + 2); // the signature's offset in the last IE's body
        b.u8(221).u8(static_cast<std::uint8_t>(at + 6)).bytes({0x00, 0x10, 0x18}).zeros(at - 3);
        b.bytes({0x6a, 0x39, 0x58, static_cast<std::uint8_t>(signature ? 0x01 : 0x02)});
        return b.zeros(2).vec();
    };
    f.feed(netgear(false));
    CHECK(f.count("MSFNETGEARBEACON") == 0);
    const ByteVec attack = netgear(true);
    REQUIRE(attack.size() >= 1184);
    CHECK(attack[1180] == 0x6a);
    f.feed(attack);
    CHECK(f.count("MSFNETGEARBEACON") == 1);
    f.feed(attack); // a frame signature: every beacon, as Kismet checks it
    CHECK(f.count("MSFNETGEARBEACON") == 2);
}

TEST_CASE("BCOM11KCHAN: an 802.11k neighbor report naming a channel above 224")
{
    Fixture f;
    const auto report = [](std::uint8_t channel, std::uint8_t fc1 = 0) {
        ByteBuilder b = mgmt_header(0xd0, client, ap, ap, fc1);
        b.u8(5).u8(5).u8(1); // radio measurement, neighbor report response, dialog token
        b.u8(52).u8(13).mac("00:11:22:33:44:77").le32(0).u8(81).u8(channel).u8(7);
        return b.vec();
    };
    f.feed(report(224));
    CHECK(f.count("BCOM11KCHAN") == 0);
    f.feed(report(225, 0x40)); // protected: its body cannot be read
    CHECK(f.count("BCOM11KCHAN") == 0);
    f.feed(report(225));
    REQUIRE(f.count("BCOM11KCHAN") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().dest == client);
    CHECK(f.last().text.find("225") != std::string::npos);
}

TEST_CASE("KARMAOUI: a probe response from OUI 00:13:37")
{
    Fixture f;
    const MacAddr karma = mac("00:13:37:a1:b2:c3");
    f.feed(beacon(ies_with("lab"), karma));
    CHECK(f.count("KARMAOUI") == 0);
    f.feed(probe_response(ies_with("anything"), mac("00:13:38:a1:b2:c3")));
    CHECK(f.count("KARMAOUI") == 0);
    f.feed(probe_response(ies_with("anything"), karma));
    REQUIRE(f.count("KARMAOUI") == 1);
    CHECK(f.last().source == karma);
    CHECK(f.last().dest == client);
}

TEST_CASE("FORMATSTRING and AIRJACKSSID: SSIDs checked when new to the AP")
{
    Fixture f;
    f.feed(beacon(ies_with("100% free")));
    CHECK(f.count("FORMATSTRING") == 0);
    f.feed(beacon(ies_with("free%nwifi")));
    REQUIRE(f.count("FORMATSTRING") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().text.find("free%nwifi") != std::string::npos);
    f.feed(beacon(ies_with("free%nwifi", {}, 11))); // other IEs, the same SSID: not new
    CHECK(f.count("FORMATSTRING") == 1);
    f.feed(probe_response(ies_with("%@")));
    CHECK(f.count("FORMATSTRING") == 2);

    f.feed(beacon(ies_with("airjack")));
    CHECK(f.count("AIRJACKSSID") == 0);
    f.feed(beacon(ies_with("AirJack")));
    REQUIRE(f.count("AIRJACKSSID") == 1);
    CHECK(f.last().source == ap);
    f.feed(probe_request(ies_with("AirJack"))); // Kismet looks at advertised SSIDs only
    CHECK(f.count("AIRJACKSSID") == 1);
}

TEST_CASE("SSIDCANARY: a canary SSID advertised, answered for or probed for")
{
    Fixture f(with_canaries({"Lit:ssid=\"FoobarCanary\"", "Any:ssid=\"(?i:^corp-guest$)\""}));
    f.feed(beacon(ies_with("OtherNet")));
    CHECK(f.count("SSIDCANARY") == 0);
    f.feed(beacon(ies_with("xFoobarCanaryx")));
    REQUIRE(f.count("SSIDCANARY") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().text.find("Lit") != std::string::npos);
    f.feed(beacon(ies_with("xFoobarCanaryx", {}, 1))); // known to the AP already
    CHECK(f.count("SSIDCANARY") == 1);
    f.feed(probe_request(ies_with("CORP-GUEST")));
    REQUIRE(f.count("SSIDCANARY") == 2);
    CHECK(f.last().source == client);
    CHECK(f.last().text.find("probing for") != std::string::npos);
    f.feed(probe_request(ies_with("corp-guests")));
    CHECK(f.count("SSIDCANARY") == 2);
}

TEST_CASE("ssidcanary lines: a malformed one is refused naming it")
{
    ids::SsidCanaries c;
    c.add("Foo:ssid=\"a,b\",other=1");
    REQUIRE(c.canaries().size() == 1);
    CHECK(c.canaries()[0].pattern == "a,b");
    CHECK(c.canaries()[0].matches("xa,by"));
    CHECK_THROWS_WITH_AS(c.add("nocolon"), doctest::Contains("'nocolon'"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(c.add("Bar:other=\"x\""), doctest::Contains("no ssid="), std::invalid_argument);
    CHECK_THROWS_WITH_AS(c.add("Bar:ssid=\"open"), doctest::Contains("quote is not closed"), std::invalid_argument);
    // A stray item is refused rather than skipped, as on an apspoof= line.
    CHECK_THROWS_WITH_AS(c.add("Bar:ssid=\"x\",junk"), doctest::Contains("'junk' is not option=value"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(c.add("Bar:ssid=\"(unclosed\""), doctest::Contains("does not compile"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(c.add("Foo:ssid=\"x\""), doctest::Contains("already defined"), std::invalid_argument);

    FakeConfig config;
    config.entries.emplace("ssidcanary", "Good:ssid=\"ok\"");
    config.entries.emplace("ssidcanary", "Bad:ssid=\"[\"");
    config.entries.emplace("dot11_max_signal", "-20");
    FakeBus bus;
    const ids::FrameAlertOptions options = ids::frame_alert_options(config, bus);
    CHECK(options.canaries.canaries().size() == 1);
    CHECK(options.max_signal_dbm == -20);
    REQUIRE(bus.errors.size() == 1);
    CHECK(bus.errors[0].find("Bad:ssid=\"[\"") != std::string::npos);

    config.entries.erase("dot11_max_signal");
    config.entries.emplace("dot11_max_signal", "loud");
    FakeBus bus2;
    CHECK(ids::frame_alert_options(config, bus2).max_signal_dbm == -10);
    CHECK(bus2.errors.size() == 2);
}

TEST_CASE("OVERPOWERED: a signal above dot11_max_signal")
{
    Fixture f;
    const ByteVec data = ByteBuilder().u8(0x08).u8(0x01).le16(0).mac(ap.str()).mac(client.str()).mac(ap.str()).le16(0)
                             .bytes({0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 0x45}).vec();
    f.feed(in_radiotap(data, -11));
    f.feed(in_radiotap(data, 0)); // 0 dBm is how some drivers say "unknown"
    CHECK(f.count("OVERPOWERED") == 0);
    f.feed(in_radiotap(data, -9), dlt_radiotap);
    f.feed(in_radiotap(data, -11), dlt_radiotap);
    REQUIRE(f.count("OVERPOWERED") == 1);
    CHECK(f.last().source == client);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().channel == "6");
    CHECK(f.last().frequency_khz == 2437000);
    CHECK(f.last().text.find("-9 dBm") != std::string::npos);
}

TEST_CASE("RTL8195VD1406: an EAPOL key frame over 512 bytes, captured whole")
{
    Fixture f;
    f.feed(eapol_key(true, 0x008a, 512 - 95));
    CHECK(f.count("RTL8195VD1406") == 0);
    f.feed(eapol_key(true, 0x008a, 0, 600)); // announced, not captured
    CHECK(f.count("RTL8195VD1406") == 0);
    f.feed(eapol_key(true, 0x008a, 0, 600, 505));
    REQUIRE(f.count("RTL8195VD1406") == 1);
    CHECK(f.last().source == ap);
    CHECK(f.last().dest == client);
    CHECK(f.last().transmitter == ap);
}

TEST_CASE("VDOO202027301/VDOO202027302: over-long keys in a third handshake message")
{
    Fixture f;
    f.feed(eapol_key(true, m3_info(2), 0x38)); // an ordinary M3
    f.feed(eapol_key(false, m3_info(2), 0x90)); // not from the AP
    f.feed(eapol_key(true, m3_info(1), 0x101));
    CHECK(f.count("VDOO202027301") == 0);
    CHECK(f.count("VDOO202027302") == 0);
    f.feed(eapol_key(true, m3_info(2), 0x81));
    REQUIRE(f.count("VDOO202027302") == 1);
    CHECK(f.last().transmitter == ap);
    CHECK(f.last().dest == client);
    f.feed(eapol_key(true, m3_info(1), 0x102));
    CHECK(f.count("VDOO202027301") == 1);
    f.feed(eapol_key(true, m3_info(2), 0x102)); // AES: the 27302 check alone
    CHECK(f.count("VDOO202027301") == 1);
    CHECK(f.count("VDOO202027302") == 2);
}

TEST_CASE("ordinary traffic raises nothing")
{
    Fixture f(with_canaries({"C:ssid=\"canary\""}));
    const ByteVec rsn = ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 2, 0, 0});
    f.feed(beacon(ies_with("home", concat({rsn, wmm(24), ie(127, ByteVec(8, 0))}))));
    f.feed(probe_response(ies_with("home", rsn)));
    f.feed(probe_request(ies_with("home")));
    f.feed(association_response(concat({ie(1, {0x82}), wmm(24)})));
    f.feed(eapol_key(true, 0x008a, 0));
    f.feed(eapol_key(true, m3_info(2), 0x38));
    CHECK(f.alerts.raised.empty());
}

} // TEST_SUITE
