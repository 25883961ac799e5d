// Information elements: SSID forms, rates, channels, RSN/WPA, WPS, HT/VHT/HE,
// vendor IEs, and the strict-bounds walk.
#include "byte_builder.h"
#include "dissect/ie.h"

#include <airsight/crc32.h>

#include <doctest/doctest.h>

#include <string>

using namespace airsight::dot11;
using airsight::dot11::test::ByteBuilder;
using airsight::dot11::test::mac;

namespace {

std::string text(Bytes b) { return std::string(b.begin(), b.end()); }

// RSN: version 1, group CCMP, pairwise {CCMP}, AKMs as given, capabilities.
ByteBuilder rsn_body(std::initializer_list<std::uint8_t> akm_types, std::uint16_t caps)
{
    ByteBuilder b;
    b.le16(1).bytes({0x00, 0x0f, 0xac, 4}).le16(1).bytes({0x00, 0x0f, 0xac, 4});
    b.le16(static_cast<std::uint16_t>(akm_types.size()));
    for (std::uint8_t t : akm_types) b.bytes({0x00, 0x0f, 0xac, t});
    b.le16(caps);
    return b;
}

} // namespace

TEST_CASE("SSID: raw non-UTF-8 bytes and length are kept")
{
    const ByteBuilder ies = ByteBuilder().ie(0, {0xb2, 0xe2, 0xca, 0xd4});
    const Ies p = parse_ies(ies.span());
    REQUIRE(p.has_ssid);
    CHECK(p.ssid.size() == 4);
    CHECK(p.ssid[0] == 0xb2);
    CHECK(p.ssid[3] == 0xd4);
    CHECK_FALSE(p.ssid_cloaked());
    CHECK_FALSE(p.kismet_corrupt);
}

TEST_CASE("SSID: cloaked when missing, empty or all NUL")
{
    CHECK(parse_ies({}).ssid_cloaked());
    CHECK(parse_ies(ByteBuilder().ie(0, {}).span()).ssid_cloaked());
    const ByteBuilder nul_bytes = ByteBuilder().ie(0, {0, 0, 0, 0, 0});
    const Ies nul = parse_ies(nul_bytes.span());
    CHECK(nul.ssid_cloaked());
    CHECK(nul.ssid.size() == 5);
    CHECK_FALSE(parse_ies(ByteBuilder().ie(0, {0, 'a'}).span()).ssid_cloaked());
}

TEST_CASE("SSID over 32 bytes is kept but Kismet-corrupt")
{
    ByteBuilder b;
    b.u8(0).u8(33).zeros(33);
    const Ies p = parse_ies(b.span());
    CHECK(p.ssid.size() == 33);
    CHECK(p.kismet_corrupt);
}

TEST_CASE("a truncated IE stops the walk but keeps what was parsed")
{
    ByteBuilder b;
    b.ie(0, {'n', 'e', 't'}).ie(3, {6}).u8(48).u8(20).bytes({1, 0});
    const Ies p = parse_ies(b.span());
    CHECK(p.truncated);
    CHECK(p.count == 2);
    CHECK(text(p.ssid) == "net");
    CHECK(p.ds_channel == 6);
    CHECK_FALSE(p.rsn.present);
    CHECK(p.kismet_corrupt);
    CHECK(p.kismet_corrupt_reason == "IE list truncated");
}

TEST_CASE("rates, DS channel, TIM, country, QBSS, power, mobility, extended capabilities")
{
    ByteBuilder b;
    b.ie(1, {0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24});
    b.ie(50, {0x30, 0x48, 0x60, 0x6c, 0xff});
    b.ie(3, {11});
    b.ie(5, {0, 3, 0, 0});
    b.ie(7, {'D', 'E', ' ', 1, 13, 20});
    b.ie(11, {7, 0, 128, 0x10, 0x27});
    b.ie(32, {3});
    b.ie(54, {0x34, 0x12, 0x01});
    b.ie(127, {0, 0, 0x08, 0});
    const Ies p = parse_ies(b.span());
    CHECK_FALSE(p.truncated);
    CHECK(p.count == 9);
    CHECK(p.max_legacy_rate_mbps == doctest::Approx(54.0));
    CHECK(p.ds_channel == 11);
    CHECK(p.channel() == 11);
    REQUIRE(p.tim);
    CHECK(p.tim->dtim_period == 3);
    REQUIRE(p.country);
    CHECK(p.country->code[0] == 'D');
    CHECK(p.country->code[1] == 'E');
    CHECK(p.country->environment == ' ');
    CHECK(p.country->triplets.size() == 3);
    REQUIRE(p.qbss);
    CHECK(p.qbss->station_count == 7);
    CHECK(p.qbss->channel_utilization == 128);
    CHECK(p.qbss->channel_utilization_percent() == doctest::Approx(128 / 255.0 * 100));
    CHECK(p.power_constraint == 3);
    REQUIRE(p.mobility_domain);
    CHECK(p.mobility_domain->mdid == 0x1234);
    CHECK(p.extended_capability(19));   // BSS transition
    CHECK_FALSE(p.extended_capability(18));
    CHECK_FALSE(p.extended_capability(200));
    CHECK(p.checksum == airsight::crc32(b.span()));
}

TEST_CASE("Kismet rejects a 2-byte DS parameter IE and a short QBSS IE")
{
    CHECK(parse_ies(ByteBuilder().ie(3, {6, 6}).span()).kismet_corrupt);
    CHECK(parse_ies(ByteBuilder().ie(11, {1, 0}).span()).kismet_corrupt);
}

TEST_CASE("RSN: WPA2-PSK CCMP with MFP capable, PMKIDs and a group management cipher")
{
    ByteBuilder body = rsn_body({suite::akm_psk}, 0x0080);
    body.le16(1).zeros(16).bytes({0x00, 0x0f, 0xac, 6});
    const Ies p = parse_ies(ByteBuilder().ie(48, body.span()).span());
    const SecurityIe& r = p.rsn;
    REQUIRE(r.present);
    CHECK_FALSE(r.malformed);
    CHECK(r.version == 1);
    CHECK(r.group_cipher == suite::rsn(suite::ccmp128));
    REQUIRE(r.pairwise.count == 1);
    CHECK(r.pairwise.items[0] == 0x000fac04u);
    REQUIRE(r.akms.count == 1);
    CHECK(r.akms.items[0] == suite::rsn(suite::akm_psk));
    CHECK(r.mfp_capable());
    CHECK_FALSE(r.mfp_required());
    CHECK(r.pmkid_count == 1);
    CHECK(r.group_management_cipher == suite::rsn(suite::bip_cmac128));
}

TEST_CASE("RSN: SAE and PSK (WPA3 transition), SAE-only with MFP required, OWE")
{
    const Ies transition = parse_ies(ByteBuilder().ie(48, rsn_body({2, 8}, 0x0080).span()).span());
    CHECK(transition.rsn.akms.contains(suite::rsn(suite::akm_sae)));
    CHECK(transition.rsn.akms.contains(suite::rsn(suite::akm_psk)));

    const Ies sae = parse_ies(ByteBuilder().ie(48, rsn_body({8}, 0x00c0).span()).span());
    CHECK(sae.rsn.mfp_required());
    CHECK(sae.rsn.akms.view().size() == 1);

    const Ies owe = parse_ies(ByteBuilder().ie(48, rsn_body({18}, 0x00c0).span()).span());
    CHECK(owe.rsn.akms.contains(suite::rsn(suite::akm_owe)));
}

TEST_CASE("RSN: the IE may end after any field")
{
    const Ies version_only = parse_ies(ByteBuilder().ie(48, {1, 0}).span());
    CHECK(version_only.rsn.present);
    CHECK_FALSE(version_only.rsn.malformed);
    CHECK_FALSE(version_only.rsn.group_cipher);

    const Ies group_only = parse_ies(ByteBuilder().ie(48, {1, 0, 0, 0x0f, 0xac, 2}).span());
    CHECK(group_only.rsn.group_cipher == suite::rsn(suite::tkip));
    CHECK(group_only.rsn.pairwise.count == 0);
    CHECK_FALSE(group_only.rsn.capabilities);
}

TEST_CASE("RSN: a malformed IE is flagged and does not clobber the SSID")
{
    ByteBuilder b;
    b.ie(0, {'h', 'o', 'm', 'e'});
    // pairwise count says 5, only one suite follows
    b.ie(48, {1, 0, 0, 0x0f, 0xac, 4, 5, 0, 0, 0x0f, 0xac, 4});
    b.ie(3, {1});
    const Ies p = parse_ies(b.span());
    CHECK(text(p.ssid) == "home");
    CHECK(p.rsn.present);
    CHECK(p.rsn.malformed);
    CHECK(p.rsn.pairwise.declared == 5);
    CHECK(p.rsn.pairwise.count == 0);  // a list that does not fit yields nothing, as in tshark
    CHECK(p.ds_channel == 1);
    CHECK(p.kismet_corrupt);
    CHECK(p.kismet_corrupt_reason == "RSN IE malformed");
}

TEST_CASE("RSN: more suites than the inline capacity keeps the first ones")
{
    ByteBuilder body;
    body.le16(1).bytes({0x00, 0x0f, 0xac, 4}).le16(10);
    for (int i = 0; i < 10; ++i) body.bytes({0x00, 0x0f, 0xac, 4});
    const Ies p = parse_ies(ByteBuilder().ie(48, body.span()).span());
    CHECK(p.rsn.pairwise.count == SuiteList::capacity);
    CHECK(p.rsn.pairwise.overflow);
    CHECK_FALSE(p.rsn.malformed);
}

TEST_CASE("WPA vendor IE")
{
    ByteBuilder b;
    b.ie(221, {0x00, 0x50, 0xf2, 1, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2, 2, 1, 0, 0x00, 0x50, 0xf2, 2});
    const Ies p = parse_ies(b.span());
    REQUIRE(p.wpa.present);
    CHECK(p.wpa.version == 1);
    CHECK(p.wpa.group_cipher == suite::wpa(suite::tkip));
    CHECK(p.wpa.pairwise.contains(suite::wpa(suite::tkip)));
    CHECK(p.wpa.akms.contains(suite::wpa(suite::akm_psk)));
    CHECK(p.has_vendor(0x0050f2, 1));
    CHECK_FALSE(p.rsn.present);
}

TEST_CASE("WPS: version, state, methods, names, lock")
{
    ByteBuilder wps;
    wps.bytes({0x00, 0x50, 0xf2, 0x04});
    wps.be16(0x104a).be16(1).u8(0x10);
    wps.be16(0x1044).be16(1).u8(2);
    wps.be16(0x1057).be16(1).u8(1);
    wps.be16(0x1008).be16(2).be16(0x2008);
    wps.be16(0x1011).be16(6).text("Router");
    wps.be16(0x1021).be16(4).text("ACME");
    wps.be16(0x1023).be16(2).text("X1");
    const ByteBuilder ies = ByteBuilder().ie(221, wps.span());
    const Ies p = parse_ies(ies.span());
    REQUIRE(p.wps);
    CHECK(p.wps->version == 0x10);
    CHECK(p.wps->state == 2);
    CHECK(p.wps->ap_setup_locked);
    CHECK(p.wps->config_methods == 0x2008);
    CHECK(text(p.wps->device_name) == "Router");
    CHECK(text(p.wps->manufacturer) == "ACME");
    CHECK(text(p.wps->model_name) == "X1");
    CHECK(p.wps->kismet_state_bits() == (1u | 4u));
    CHECK_FALSE(p.wps->malformed);

    ByteBuilder bad;
    bad.bytes({0x00, 0x50, 0xf2, 0x04}).be16(0x1011).be16(40).text("short");
    const Ies q = parse_ies(ByteBuilder().ie(221, bad.span()).span());
    REQUIRE(q.wps);
    CHECK(q.wps->malformed);
    CHECK(q.kismet_corrupt);
}

TEST_CASE("WMM, OWE transition, other vendor IEs, RSN extension, Cisco CCX")
{
    ByteBuilder b;
    b.ie(221, {0x00, 0x50, 0xf2, 2, 1, 1, 0x80, 0, 0x03, 0xa4, 0});
    b.ie(221, {0x50, 0x6f, 0x9a, 0x1c, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 3, 'o', 'w', 'e'});
    b.ie(221, {0xfa, 0x0b, 0xbc, 0x0d, 0x42});
    b.ie(244, {0x20});
    ByteBuilder ccx;
    ccx.zeros(10).text("ap-lobby").zeros(8);
    b.ie(133, ccx.span());
    const Ies p = parse_ies(b.span());
    REQUIRE(p.wmm);
    CHECK(p.wmm->subtype == 1);
    CHECK(p.wmm->qos_info == 0x80);
    REQUIRE(p.owe_transition);
    CHECK(p.owe_transition->bssid == mac("02:00:00:00:00:01"));
    CHECK(text(p.owe_transition->ssid) == "owe");
    CHECK(p.vendor_ies().size() == 3);
    CHECK(p.has_vendor(0xfa0bbc, 0x0d));
    CHECK(p.rsn_extension.size() == 1);
    CHECK(text(p.cisco_ap_name) == "ap-lobby");

    // A vendor IE without OUI + type is what Kismet rejects.
    CHECK(parse_ies(ByteBuilder().ie(221, {0x00, 0x50}).span()).kismet_corrupt);
}

TEST_CASE("HT operation: HT20, HT40+ and HT40-")
{
    const auto with_ht_op = [](std::uint8_t primary, std::uint8_t info1) {
        ByteBuilder op;
        op.u8(primary).u8(info1).zeros(20);
        return parse_ies(ByteBuilder().ie(3, {primary}).ie(61, op.span()).span());
    };
    const Ies ht20 = with_ht_op(1, 0x00);
    CHECK(ht20.ht_mode() == "HT20");
    CHECK(ht20.channel_width_mhz() == 20);
    const Ies plus = with_ht_op(36, 0x05);
    CHECK(plus.ht_mode() == "HT40+");
    CHECK(plus.channel_width_mhz() == 40);
    CHECK(plus.channel() == 36);
    const Ies minus = with_ht_op(40, 0x07);
    CHECK(minus.ht_mode() == "HT40-");
    CHECK(minus.ht_center_1_mhz() == 0);

    CHECK(parse_ies(ByteBuilder().ie(3, {6}).span()).ht_mode().empty());
}

TEST_CASE("channel: the DS parameter set wins over HT operation's primary channel")
{
    // As in test1.pcap: DS says 6, HT operation says 5; tshark and Kismet report 6.
    ByteBuilder op;
    op.u8(5).u8(0x00).zeros(20);
    const Ies both = parse_ies(ByteBuilder().ie(3, {6}).ie(61, op.span()).span());
    REQUIRE(both.ht_operation);
    CHECK(both.ht_operation->primary_channel == 5);
    CHECK(both.channel() == 6);

    // Without a DS IE (5 GHz), or with a DS channel of 0, HT's primary stands in.
    ByteBuilder op36;
    op36.u8(36).u8(0x05).zeros(20);
    CHECK(parse_ies(ByteBuilder().ie(61, op36.span()).span()).channel() == 36);
    CHECK(parse_ies(ByteBuilder().ie(3, {0}).ie(61, op36.span()).span()).channel() == 36);
    CHECK(parse_ies(ByteBuilder().ie(0, {'x'}).span()).channel() == 0);
}

TEST_CASE("VHT operation: 80 and 160 MHz with centre frequencies")
{
    ByteBuilder ht_op;
    ht_op.u8(36).u8(0x05).zeros(20);
    const Ies vht80 = parse_ies(ByteBuilder().ie(61, ht_op.span()).ie(192, {1, 42, 0, 0xfc, 0xff}).span());
    REQUIRE(vht80.vht_operation);
    CHECK(vht80.ht_mode() == "HT80");
    CHECK(vht80.channel_width_mhz() == 80);
    CHECK(vht80.ht_center_1_mhz() == 5210);
    CHECK(vht80.ht_center_2_mhz() == 5000);  // Kismet reports segment 1 even when it is 0

    const Ies vht160 = parse_ies(ByteBuilder().ie(61, ht_op.span()).ie(192, {1, 42, 50, 0xfc, 0xff}).span());
    CHECK(vht160.ht_mode() == "HT80");       // Kismet keys only on the width field
    CHECK(vht160.channel_width_mhz() == 160);
    CHECK(vht160.ht_center_2_mhz() == 5250);

    const Ies legacy160 = parse_ies(ByteBuilder().ie(61, ht_op.span()).ie(192, {2, 50, 0, 0, 0}).span());
    CHECK(legacy160.ht_mode() == "HT160");
    CHECK(legacy160.ht_center_1_mhz() == 5250);
    CHECK(legacy160.ht_center_2_mhz() == 0);
}

TEST_CASE("HT/VHT capabilities drive Kismet's max rate; HE IEs are recognised")
{
    ByteBuilder ht_cap;
    ht_cap.le16(0x0062).u8(0).bytes({0xff, 0xff, 0, 0}).zeros(19);  // 40 MHz, SGI20+40, MCS 0-15; 26 bytes
    const Ies ht = parse_ies(ByteBuilder().ie(1, {0x82, 0x6c}).ie(45, ht_cap.span()).span());
    REQUIRE(ht.ht_capabilities);
    CHECK(ht.ht_capabilities->supports_40mhz());
    CHECK(ht.max_legacy_rate_mbps == doctest::Approx(54.0));
    CHECK(ht.kismet_max_rate_mbps() == doctest::Approx(300.0));

    ByteBuilder vht_cap;
    vht_cap.le32(0x00000020).le16(0xfffa).le16(0).le16(0xfffa).le16(0);  // SGI80, 2 streams MCS 0-9
    const Ies vht = parse_ies(ByteBuilder().ie(45, ht_cap.span()).ie(191, vht_cap.span()).span());
    REQUIRE(vht.vht_capabilities);
    CHECK(vht.vht_capabilities->rx_mcs_for_stream(2) == 2);
    CHECK(vht.kismet_max_rate_mbps() == doctest::Approx(866.7));

    CHECK(parse_ies(ByteBuilder().ie(45, {0x62, 0}).span()).kismet_corrupt);

    ByteBuilder he;
    he.ie(255, {35, 0, 0, 0}).ie(255, {36, 0x00, 0x00, 0x02, 0x05, 0, 0, 37, 0, 0, 0, 0});
    const Ies hes = parse_ies(he.span());
    CHECK(hes.he_capabilities);
    REQUIRE(hes.he_operation);
    CHECK(hes.he_operation->bss_color() == 5);
    CHECK(hes.he_operation->sixghz_primary_channel == 37);
}

TEST_CASE("the extremes of the IEs exploits abuse are measured while parsing")
{
    const Ies ordinary = parse_ies(ByteBuilder().ie(0, {'a', 'b'}).ie(3, {6}).span());
    CHECK(ordinary.extremes.longest_ssid == 2);
    CHECK(ordinary.extremes.longest_ds_parameters == 1);
    CHECK(ordinary.extremes.most_rsn_pairwise == 0);
    CHECK(ordinary.extremes.wmm_tspec_count == 0);
    CHECK_FALSE(ordinary.extremes.msf_rates_signature);

    ByteBuilder b;
    b.ie(0, {'a'}).u8(0).u8(40).zeros(40);                                       // a second, longer SSID
    b.ie(1, {0x02, 0x75, 0xeb, 0x49});                                           // the MSF D-Link bytes
    b.ie(3, {6, 6, 6});
    b.ie(48, {1, 0, 0x00, 0x0f, 0xac, 4, 0x10, 0x27});                           // 10000 pairwise declared
    b.ie(127, {1, 2, 3}).u8(127).u8(20).zeros(20);
    b.ie(221, {0x00, 0x50, 0xf2, 2, 2, 1, 0}).ie(221, {0x00, 0x50, 0xf2, 2, 2, 1, 0, 0, 0, 0});
    b.u8(221).u8(4 + 3 + 30).bytes({0x50, 0x6f, 0x9a, 9, 12, 30, 0}).zeros(30); // Notice of Absence, 30 bytes
    const Ies odd = parse_ies(b.span());
    CHECK(odd.extremes.longest_ssid == 40);
    CHECK(odd.ssid.size() == 1); // the first SSID is still the one kept
    CHECK(odd.extremes.msf_rates_signature);
    CHECK(odd.extremes.longest_ds_parameters == 3);
    CHECK(odd.extremes.most_rsn_pairwise == 10000);
    CHECK(odd.extremes.longest_extended_capabilities == 20);
    CHECK(odd.extremes.longest_wmm == 10);
    CHECK(odd.extremes.wmm_tspec_count == 2);
    CHECK(odd.extremes.longest_p2p_absence == 30);
}
