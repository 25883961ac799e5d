#include "pdu_builder.h"

#include "dissect/pdu.h"

#include <doctest/doctest.h>

#include <deque>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

const MacAddr kAdv = mac("C0:01:02:03:04:05");
const MacAddr kPeer = mac("11:22:33:44:55:66");

// Parses over bytes kept alive for the whole test (the result's spans point into them).
ParsedPdu parse(ByteVec p)
{
    static std::deque<ByteVec> kept;
    kept.push_back(std::move(p));
    return parse_advertising_pdu(kept.back());
}

} // namespace

TEST_CASE("pdu: the legacy advertising types carry AdvA and their advertising data")
{
    const ByteVec data = ad(0x09, text("lamp"));
    for (std::uint8_t type : {pdu_type::adv_ind, pdu_type::adv_nonconn_ind, pdu_type::scan_rsp, pdu_type::adv_scan_ind}) {
        CAPTURE(int{type});
        const ParsedPdu r = parse(pdu(type, true, false, cat({air(kAdv), data})));
        REQUIRE(r.error == PduError::none);
        CHECK(r.pdu.type == type);
        CHECK(r.pdu.tx_random);
        CHECK_FALSE(r.pdu.rx_random);
        REQUIRE(r.pdu.transmitter);
        CHECK(*r.pdu.transmitter == kAdv);
        CHECK_FALSE(r.pdu.receiver);
        CHECK(ByteVec(r.pdu.adv_data.begin(), r.pdu.adv_data.end()) == data);
        CHECK(crc24(kAdvertisingCrcInit, r.covered) == r.pdu.crc);
    }
    CHECK(pdu_type_name(pdu_type::adv_nonconn_ind) == "ADV_NONCONN_IND");
}

TEST_CASE("pdu: ADV_DIRECT_IND and SCAN_REQ name their addressee, typed by RxAdd")
{
    // ADV_DIRECT_IND: AdvA then TargetA; SCAN_REQ: ScanA (the sender) then AdvA.
    for (std::uint8_t type : {pdu_type::adv_direct_ind, pdu_type::scan_req}) {
        CAPTURE(int{type});
        const ParsedPdu r = parse(pdu(type, false, true, cat({air(kAdv), air(kPeer)})));
        REQUIRE(r.error == PduError::none);
        CHECK(*r.pdu.transmitter == kAdv);
        CHECK(*r.pdu.receiver == kPeer);
        CHECK(r.pdu.rx_random);
        CHECK(r.pdu.adv_data.empty());
    }
    CHECK(parse(pdu(pdu_type::scan_req, false, false, air(kAdv))).error == PduError::too_short);
}

TEST_CASE("pdu: CONNECT_IND gives InitA, AdvA and the link parameters")
{
    const ByteVec lldata{0x78, 0x56, 0x34, 0x12, // access address
                         0xAA, 0xBB, 0xCC,       // CRCInit
                         0x02,                   // WinSize
                         0x10, 0x00,             // WinOffset
                         0x28, 0x00,             // Interval 40
                         0x01, 0x00,             // Latency 1
                         0xC8, 0x00,             // Timeout 200
                         0xFF, 0xFF, 0xFF, 0xFF, 0x1F, // ChM
                         0x2B};                  // Hop 11, SCA 1
    const ParsedPdu r = parse(pdu(pdu_type::connect_ind, true, false, cat({air(kPeer), air(kAdv), lldata})));
    REQUIRE(r.error == PduError::none);
    CHECK(*r.pdu.transmitter == kPeer); // InitA: the central
    CHECK(*r.pdu.receiver == kAdv);     // AdvA: the peripheral
    REQUIRE(r.pdu.connection);
    CHECK(r.pdu.connection->access_address == 0x12345678);
    CHECK(r.pdu.connection->crc_init == 0xCCBBAA);
    CHECK(r.pdu.connection->interval == 40);
    CHECK(r.pdu.connection->latency == 1);
    CHECK(r.pdu.connection->timeout == 200);
    CHECK(r.pdu.connection->hop == 11);
    // One byte short of its 34.
    ByteVec shorter = cat({air(kPeer), air(kAdv), lldata});
    shorter.pop_back();
    CHECK(parse(pdu(pdu_type::connect_ind, true, false, shorter)).error == PduError::too_short);
}

TEST_CASE("pdu: ADV_EXT_IND / AUX_ADV_IND: the extended header's fields, then the data")
{
    // Header length 9: flags AdvA|ADI, AdvA, ADI; AdvMode 0 (non-connectable).
    const ByteVec data = ad(0x16, {0xFA, 0xFF, 0x0D, 0x00});
    const ByteVec payload = cat({{0x09, 0x09}, air(kAdv), {0x75, 0x0E}, data});
    const ParsedPdu r = parse(pdu(pdu_type::adv_ext_ind, false, false, payload));
    REQUIRE(r.error == PduError::none);
    REQUIRE(r.pdu.extended);
    CHECK(r.pdu.extended->adv_mode == 0);
    CHECK(r.pdu.extended->adi == 0x0E75);
    CHECK(*r.pdu.transmitter == kAdv);
    CHECK(ByteVec(r.pdu.adv_data.begin(), r.pdu.adv_data.end()) == data);

    // Connectable, with TargetA, AuxPtr and TxPower; no AdvA.
    const ByteVec p2 = cat({{0x40 | 11, 0x02 | 0x10 | 0x40}, air(kPeer), {1, 2, 3}, {0xF6}});
    const ParsedPdu r2 = parse(pdu(pdu_type::adv_ext_ind, false, true, p2));
    REQUIRE(r2.error == PduError::none);
    CHECK(r2.pdu.extended->adv_mode == 1);
    CHECK(r2.pdu.extended->aux_pointer);
    CHECK(r2.pdu.extended->tx_power == -10);
    CHECK_FALSE(r2.pdu.transmitter);
    CHECK(*r2.pdu.receiver == kPeer);
    CHECK(r2.pdu.adv_data.empty());

    // A header longer than the payload, or flags announcing more than it holds.
    CHECK(parse(pdu(pdu_type::adv_ext_ind, false, false, {0x09, 0x01})).error == PduError::too_short);
    CHECK(parse(pdu(pdu_type::adv_ext_ind, false, false, {0x03, 0x01, 0, 0})).error == PduError::too_short);
    CHECK(parse(pdu(pdu_type::adv_ext_ind, false, false, {})).error == PduError::too_short);
}

TEST_CASE("pdu: reserved types, and every truncation of a PDU, are errors, never reads past the end")
{
    CHECK(parse(pdu(0x0F, false, false, air(kAdv))).error == PduError::reserved_type);
    CHECK(pdu_error_text(PduError::reserved_type) == "BLE advertising PDU of a reserved type");

    const ByteVec whole = pdu(pdu_type::adv_ind, false, false, cat({air(kAdv), ad(0x09, text("sensor"))}));
    for (std::size_t n = 0; n < whole.size(); ++n) {
        CAPTURE(n);
        // A copy of exactly n bytes, so the sanitizer sees any read past it.
        const ByteVec cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK(parse(cut).error == PduError::truncated);
    }
    CHECK(parse(whole).error == PduError::none);
    // Bytes after the CRC are not the PDU's.
    ByteVec longer = whole;
    longer.push_back(0xEE);
    const ParsedPdu r = parse(longer);
    CHECK(r.error == PduError::none);
    CHECK(r.covered.size() == whole.size() - 3);
}
