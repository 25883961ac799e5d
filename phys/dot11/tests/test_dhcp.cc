// DHCP in IPv4/UDP, and WPS messages in EAP: the fields the detectors use,
// and malformed input (truncated at every length, lying lengths, fragments).
#include "disconnect_frames.h"
#include "dissect/dhcp.h"
#include "dissect/wsc.h"

#include <doctest/doctest.h>

#include <string>

using namespace airsight;
using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

std::string text(Bytes b) { return std::string(b.begin(), b.end()); }

ByteVec discover()
{
    return dhcp_ipv4(68, 67, 0,
                     {{53, {1}}, {61, {1, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb}}, dhcp_text_option(12, "alpha"),
                      dhcp_text_option(60, "MSFT 5.0")});
}

} // namespace

TEST_CASE("A DHCP DISCOVER gives its ports, message type, client id, host name and vendor class")
{
    const ByteVec ip = discover();
    REQUIRE(may_be_dhcp(ip));
    const auto d = parse_dhcp(ip);
    REQUIRE(d);
    CHECK(d->from_client());
    CHECK_FALSE(d->from_server());
    CHECK(d->dest_ip == 0xffffffffu);
    CHECK(d->op == 1);
    CHECK(d->message_type == dhcp_message::discover);
    CHECK(d->client_id.size() == 7);
    CHECK(MacAddr::from_bytes(d->client_id.data() + 1) == mac("66:77:88:99:aa:bb"));
    CHECK(text(d->host_name) == "alpha");
    CHECK(text(d->vendor_class) == "MSFT 5.0");
    CHECK_FALSE(d->subnet_mask);
    CHECK_FALSE(d->options_truncated);
}

TEST_CASE("A DHCP OFFER gives the address offered and the subnet mask; pad options are skipped, the first of two kept")
{
    const ByteVec ip = dhcp_ipv4(67, 68, 0xc0a80132, {{0, {}}, {53, {2}}, {1, {255, 255, 255, 0}}, {53, {5}}});
    // A pad option is one byte: the builder wrote code 0 and a zero length, which reads as two pads.
    const auto d = parse_dhcp(ip);
    REQUIRE(d);
    CHECK(d->from_server());
    CHECK(d->your_ip == 0xc0a80132u);
    CHECK(d->subnet_mask == 0xffffff00u);
    CHECK(d->message_type == dhcp_message::offer);
}

TEST_CASE("IPv4 options move the UDP header; a mask of the wrong length is ignored")
{
    ByteVec ip = dhcp_ipv4(67, 68, 0x0a000007, {{53, {2}}, {1, {255, 0, 0}}});
    ip.insert(ip.begin() + 20, {1, 1, 1, 0}); // 4 bytes of IP options (NOPs, end)
    ip[0] = 0x46;
    const auto d = parse_dhcp(ip);
    REQUIRE(d);
    CHECK(d->your_ip == 0x0a000007u);
    CHECK_FALSE(d->subnet_mask);
}

TEST_CASE("Not DHCP: other protocols, ports, IP versions, later fragments, no magic cookie")
{
    ByteVec tcp = discover();
    tcp[9] = 6;
    CHECK_FALSE(may_be_dhcp(tcp));
    ByteVec dns = dhcp_ipv4(5353, 53, 0, {});
    CHECK_FALSE(parse_dhcp(dns));
    ByteVec v6 = discover();
    v6[0] = 0x65;
    CHECK_FALSE(parse_dhcp(v6));
    ByteVec short_header = discover();
    short_header[0] = 0x44; // IHL 4: shorter than the fixed IPv4 header
    CHECK_FALSE(parse_dhcp(short_header));
    ByteVec fragment = discover();
    fragment[7] = 0x10; // fragment offset 16 x 8 bytes
    CHECK(may_be_dhcp(fragment));
    CHECK_FALSE(parse_dhcp(fragment));
    ByteVec no_cookie = discover();
    no_cookie[20 + 8 + 236] = 0x62;
    CHECK_FALSE(parse_dhcp(no_cookie));
}

TEST_CASE("An option running past the packet ends the options; those before it are kept")
{
    ByteVec ip = dhcp_ipv4(68, 67, 0, {{53, {1}}, dhcp_text_option(12, "alpha")});
    ip.pop_back();             // the end option
    ip.push_back(60);          // vendor class ...
    ip.push_back(40);          // ... of 40 bytes, of which none follow
    const auto d = parse_dhcp(ip);
    REQUIRE(d);
    CHECK(d->options_truncated);
    CHECK(d->message_type == dhcp_message::discover);
    CHECK(text(d->host_name) == "alpha");
    CHECK(d->vendor_class.empty());
}

TEST_CASE("A DHCP message cut at every length parses to nothing or to views inside the bytes")
{
    const ByteVec full = discover();
    for (std::size_t n = 0; n <= full.size(); ++n) {
        const Bytes cut(full.data(), n);
        const auto d = parse_dhcp(cut);
        if (n < 20 + 8 + 236 + 4) {
            CHECK_FALSE(d);
            continue;
        }
        REQUIRE(d);
        for (Bytes part : {d->host_name, d->vendor_class, d->client_id})
            CHECK((part.empty() || (part.data() >= cut.data() && part.data() + part.size() <= cut.data() + n)));
    }
}

TEST_CASE("WPS: the message type of an EAP request or response with the WFA SimpleConfig vendor")
{
    const ByteVec m3 = wps_eap(eap_code::request, wsc_message::m3);
    const auto w = parse_wsc(m3);
    REQUIRE(w);
    CHECK(w->eap_code == eap_code::request);
    CHECK(w->message_type == wsc_message::m3);
    const auto m4 = parse_wsc(wps_eap(eap_code::response, wsc_message::m4));
    REQUIRE(m4);
    CHECK(m4->eap_code == eap_code::response);
    CHECK(m4->message_type == wsc_message::m4);
}

TEST_CASE("WPS: other vendors, EAPOL-Key frames and an EAP length shorter than the attributes give nothing")
{
    CHECK_FALSE(parse_wsc(wps_eap(eap_code::request, wsc_message::m3, 0x00508f)));
    CHECK_FALSE(parse_wsc(eapol_key(key_info::message1, 1, 0xa1)));
    ByteVec cut_by_length = wps_eap(eap_code::request, wsc_message::m3);
    cut_by_length[7] = 4 + 1 + 3 + 4 + 2 + 5; // the EAP length ends after the version attribute
    CHECK_FALSE(parse_wsc(cut_by_length));
    ByteVec lying_attribute = wps_eap(eap_code::request, wsc_message::m3);
    lying_attribute[4 + 14 + 2] = 0x40; // the version attribute claims 16 KB
    CHECK_FALSE(parse_wsc(lying_attribute));
}

TEST_CASE("WPS: a message cut at every length parses to nothing until its message type is complete")
{
    const ByteVec full = wps_eap(eap_code::request, wsc_message::m3);
    for (std::size_t n = 0; n < full.size(); ++n) CHECK_FALSE(parse_wsc(Bytes(full.data(), n)));
    CHECK(parse_wsc(full));
}
