#include "pdu_builder.h"

#include "dissect/framing.h"

#include <doctest/doctest.h>

#include <deque>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

const ByteVec kPdu = pdu(pdu_type::adv_ind, false, false, air(mac("00:11:22:33:44:55")));

ByteVec pdu_of(const LinkFrame& f) { return ByteVec(f.pdu.begin(), f.pdu.end()); }

// parse_link_frame over a record kept alive for the whole test (the frame's
// spans point into it).
LinkFrame parse(std::uint32_t dlt, ByteVec record)
{
    static std::deque<ByteVec> kept;
    kept.push_back(std::move(record));
    return parse_link_frame(dlt, kept.back());
}

} // namespace

TEST_CASE("framing: 251 is the bare link-layer packet")
{
    const ByteVec rec = ll(kPdu);
    const LinkFrame f = parse(dlt::ble_ll, rec);
    CHECK(f.ours);
    CHECK(f.error.empty());
    CHECK(f.access_address == kAdvertisingAccessAddress);
    CHECK(pdu_of(f) == kPdu);
    CHECK(f.header_crc == HeaderCrc::unchecked);
    CHECK(f.freq_mhz == 0);
    CHECK(parse(dlt::ble_ll, ByteVec{0xD6, 0xBE, 0x89, 0x8E, 0x00}).error ==
          "BLE packet shorter than its access address and PDU header");
}

TEST_CASE("framing: 256's header gives the channel, signal, noise and the CRC verdict")
{
    // RF channel 12 is advertising channel 38 (2426 MHz); signal and noise valid.
    const LinkFrame f = parse(dlt::ble_ll_with_phdr, phdr(12, 0x0001 | 0x0002 | 0x0004, -61, ll(kPdu)));
    CHECK(f.error.empty());
    CHECK(f.channel == 38);
    CHECK(f.freq_mhz == 2426);
    CHECK(f.signal_dbm == -61);
    CHECK(f.noise_dbm == -90);
    CHECK(f.header_crc == HeaderCrc::unchecked);
    CHECK(pdu_of(f) == kPdu);

    const LinkFrame ok = parse(dlt::ble_ll_with_phdr, phdr(0, 0x0400 | 0x0800, 0, ll(kPdu)));
    CHECK(ok.header_crc == HeaderCrc::valid);
    CHECK(ok.channel == 37);
    CHECK_FALSE(ok.signal_dbm);
    CHECK(parse(dlt::ble_ll_with_phdr, phdr(39, 0x0400, 0, ll(kPdu))).header_crc == HeaderCrc::invalid);
    // A data channel: RF 5 is channel index 4 at 2412 MHz.
    const LinkFrame data = parse(dlt::ble_ll_with_phdr, phdr(5, 0, 0, ll(kPdu, 0x12345678)));
    CHECK(data.channel == 4);
    CHECK(data.freq_mhz == 2412);
    CHECK(data.access_address == 0x12345678);

    const ByteVec whole = phdr(12, 0, 0, ll(kPdu));
    for (std::size_t n = 0; n < 16; ++n) {
        CAPTURE(n);
        const ByteVec cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK_FALSE(parse(dlt::ble_ll_with_phdr, cut).error.empty());
    }
}

TEST_CASE("framing: 272 (nRF Sniffer 3): flags, channel, RSSI; LE Coded frames skip the coding indicator")
{
    const LinkFrame f = parse(dlt::nordic_ble, nordic(0x01, 37, 53, ll(kPdu)));
    CHECK(f.error.empty());
    CHECK(f.header_crc == HeaderCrc::valid);
    CHECK(f.phy == LePhy::le_1m);
    CHECK(f.channel == 37);
    CHECK(f.freq_mhz == 2402);
    CHECK(f.signal_dbm == -53);
    CHECK(pdu_of(f) == kPdu);

    // Coded PHY (bits 4-6 = 2), CRC bad: the byte after the access address is the CI.
    const ByteVec coded_ll = cat({{0xD6, 0xBE, 0x89, 0x8E}, {0x00}, kPdu});
    const LinkFrame c = parse(dlt::nordic_ble, nordic(0x20, 10, 60, coded_ll));
    CHECK(c.error.empty());
    CHECK(c.phy == LePhy::le_coded);
    CHECK(c.header_crc == HeaderCrc::invalid);
    CHECK(c.channel == 10);
    CHECK(c.freq_mhz == 2424);
    CHECK(pdu_of(c) == kPdu);

    ByteVec v1 = nordic(0x01, 37, 53, ll(kPdu));
    v1[3] = 1;
    CHECK(parse(dlt::nordic_ble, v1).error == "nRF Sniffer protocol version other than 2 or 3");
    const ByteVec whole = nordic(0x01, 37, 53, ll(kPdu));
    for (std::size_t n = 0; n < 23; ++n) {
        CAPTURE(n);
        const ByteVec cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK_FALSE(parse(dlt::nordic_ble, cut).error.empty());
    }
}

TEST_CASE("framing: PPI is ours only around BLE (inner 147, 251 or 256)")
{
    const LinkFrame f = parse(dlt::ppi, ppi(dlt::user0, 2402, ll(kPdu)));
    CHECK(f.ours);
    CHECK(f.error.empty());
    CHECK(f.freq_mhz == 2402);
    CHECK(f.channel == 37);
    CHECK(pdu_of(f) == kPdu);
    CHECK(parse(dlt::ppi, ppi(dlt::ble_ll_with_phdr, 2480, phdr(39, 0, 0, ll(kPdu)))).channel == 39);

    CHECK_FALSE(parse(dlt::ppi, ppi(105, 2412, ll(kPdu))).ours);
    CHECK_FALSE(parse(dlt::ppi, ByteVec{0, 0, 8}).ours);
    CHECK_FALSE(parse(127, ll(kPdu)).ours);
    ByteVec bad = ppi(dlt::user0, 2402, ll(kPdu));
    bad[2] = 200; // header longer than the record
    CHECK(parse(dlt::ppi, bad).error == "PPI header length past the record");
}

TEST_CASE("framing: channel indexes and RF channels")
{
    CHECK(channel_of_rf_channel(0) == 37);
    CHECK(channel_of_rf_channel(1) == 0);
    CHECK(channel_of_rf_channel(11) == 10);
    CHECK(channel_of_rf_channel(12) == 38);
    CHECK(channel_of_rf_channel(13) == 11);
    CHECK(channel_of_rf_channel(38) == 36);
    CHECK(channel_of_rf_channel(39) == 39);
    CHECK_FALSE(channel_of_rf_channel(40));
    for (unsigned rf = 0; rf < 40; ++rf) CHECK(mhz_of_channel(*channel_of_rf_channel(rf)) == 2402 + 2 * rf);
    CHECK(mhz_of_channel(40) == 0);
}
