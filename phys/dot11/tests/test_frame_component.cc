// The shared 802.11 component dot11 fills for other plugins: a beacon's SSID
// and vendor IEs, an action frame's category, code and body, nothing for
// other frames.
#include "byte_builder.h"
#include "phy/frame_component.h"
#include "phy_harness.h"

#include <doctest/doctest.h>

namespace airsight::dot11::test {
namespace {

constexpr std::uint32_t dlt_ieee802_11 = 105;

std::vector<std::uint8_t> mgmt(std::uint8_t fc0, std::string_view addr3)
{
    ByteBuilder b;
    b.u8(fc0).u8(0).le16(0).mac("ff:ff:ff:ff:ff:ff").mac("84:cc:a8:60:43:24").mac(addr3).le16(0x10);
    return b.vec();
}

// What the PHY's dissect attached for the frame (`filled`: anything at all).
Ieee80211Frame shared(Harness& h, const std::vector<std::uint8_t>& frame, bool& filled)
{
    const Packet p = h.run(frame, dlt_ieee802_11);
    const Ieee80211Frame* attached = h.shared_frame.find(p);
    filled = attached != nullptr;
    CHECK(filled == shares_frame(h.storage));
    if (filled) CHECK(p.phy_id == h.phy.phy_id());
    return filled ? *attached : Ieee80211Frame{};
}

TEST_CASE("a beacon shares its transmitter, BSSID, SSID and vendor IEs in order")
{
    std::vector<std::uint8_t> frame = mgmt(0x80, "84:cc:a8:60:43:24");
    ByteBuilder body;
    body.le64(1).le16(100).le16(0x0001).ie(0, {'R', 'I', 'D'});
    body.ie(221, {0xfa, 0x0b, 0xbc, 0x0d, 0x22, 0xf0});
    body.ie(221, {0x00, 0x50, 0xf2, 0x02, 0x00, 0x01, 0x00});
    body.ie(221, {0x26, 0x37, 0x12}); // no type byte: not shared
    frame.insert(frame.end(), body.vec().begin(), body.vec().end());

    Harness h;
    bool filled = false;
    const Ieee80211Frame f = shared(h, frame, filled);
    REQUIRE(filled);
    CHECK(f.kind == Ieee80211FrameKind::beacon);
    CHECK(f.transmitter == mac("84:cc:a8:60:43:24"));
    CHECK(f.bssid == mac("84:cc:a8:60:43:24"));
    CHECK(std::string(f.ssid.begin(), f.ssid.end()) == "RID");
    REQUIRE(f.vendor_ies().size() == 2);
    CHECK(f.vendor_ies()[0].oui == 0xfa0bbc);
    CHECK(f.vendor_ies()[0].type == 0x0d);
    CHECK(std::vector<std::uint8_t>(f.vendor_ies()[0].payload.begin(), f.vendor_ies()[0].payload.end()) ==
          std::vector<std::uint8_t>{0x22, 0xf0});
    CHECK(f.vendor_ies()[1].oui == 0x0050f2);
    CHECK(f.vendor_ies_dropped == 0);
}

TEST_CASE("more vendor IEs than the component holds are counted as dropped")
{
    std::vector<std::uint8_t> frame = mgmt(0x80, "84:cc:a8:60:43:24");
    ByteBuilder body;
    body.le64(1).le16(100).le16(0x0001).ie(0, {'x'});
    for (int i = 0; i < 20; ++i) body.ie(221, {0x00, 0x11, 0x22, static_cast<std::uint8_t>(i)});
    frame.insert(frame.end(), body.vec().begin(), body.vec().end());
    Harness h;
    bool filled = false;
    const Ieee80211Frame f = shared(h, frame, filled);
    REQUIRE(filled);
    CHECK(f.vendor_ies().size() == Ieee80211Frame::kMaxVendorIes);
    CHECK(f.vendor_ies_dropped > 0);
}

TEST_CASE("an action frame shares its category, code and the body after them")
{
    std::vector<std::uint8_t> frame = mgmt(0xd0, "50:6f:9a:01:01:79");
    for (std::uint8_t b : {0x04, 0x09, 0x50, 0x6f, 0x9a, 0x13, 0x03}) frame.push_back(b);
    Harness h;
    bool filled = false;
    const Ieee80211Frame f = shared(h, frame, filled);
    REQUIRE(filled);
    CHECK(f.kind == Ieee80211FrameKind::action);
    CHECK(f.action_category == 4);
    CHECK(f.action_code == 9);
    CHECK(std::vector<std::uint8_t>(f.action_body.begin(), f.action_body.end()) ==
          std::vector<std::uint8_t>{0x50, 0x6f, 0x9a, 0x13, 0x03});
    CHECK(f.bssid == mac("50:6f:9a:01:01:79"));
}

TEST_CASE("probe requests, truncated action frames and data frames share nothing")
{
    Harness h;
    bool filled = true;
    std::vector<std::uint8_t> probe = mgmt(0x40, "ff:ff:ff:ff:ff:ff");
    probe.insert(probe.end(), {0, 0});
    shared(h, probe, filled);
    CHECK_FALSE(filled);
    std::vector<std::uint8_t> action = mgmt(0xd0, "50:6f:9a:01:01:79");
    action.push_back(0x04); // no action code
    shared(h, action, filled);
    CHECK_FALSE(filled);
    std::vector<std::uint8_t> data = mgmt(0x08, "84:cc:a8:60:43:24");
    shared(h, data, filled);
    CHECK_FALSE(filled);
}

TEST_CASE("a PHY not asked to share frames attaches nothing, not even to a beacon")
{
    std::vector<std::uint8_t> frame = mgmt(0x80, "84:cc:a8:60:43:24");
    ByteBuilder body;
    body.le64(1).le16(100).le16(0x0001).ie(0, {'R', 'I', 'D'});
    frame.insert(frame.end(), body.vec().begin(), body.vec().end());
    Harness h;
    h.phy.share_frames(PacketComponent<Ieee80211Frame>{}); // what the PHY holds until the plugin sets it
    const Packet p = h.run(frame, dlt_ieee802_11);
    REQUIRE(h.storage.dissected);
    CHECK(shares_frame(h.storage));
    CHECK(h.shared_frame.find(p) == nullptr);
}

} // namespace
} // namespace airsight::dot11::test
