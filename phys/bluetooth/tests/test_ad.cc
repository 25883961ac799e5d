#include "pdu_builder.h"

#include "dissect/ad.h"
#include "dissect/ad_vendor.h"
#include "dissect/names.h"

#include <doctest/doctest.h>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

AdvertisingData parse(const ByteVec& data)
{
    AdvertisingData out;
    parse_advertising_data(data, out);
    return out;
}

std::string str(Bytes b) { return std::string(b.begin(), b.end()); }

} // namespace

TEST_CASE("ad: flags, names, tx power, appearance")
{
    const ByteVec bytes = cat({ad(0x01, {0x06}), ad(0x08, text("Sho")), ad(0x0A, {0xF4}), ad(0x19, {0xC1, 0x03})});
    const AdvertisingData a = parse(bytes); // its spans point into `bytes`
    CHECK(a.flags == 0x06);
    CHECK(str(a.name) == "Sho");
    CHECK_FALSE(a.name_complete);
    CHECK(a.tx_power == -12);
    CHECK(a.appearance == 0x03C1);
    CHECK(a.structures == 4);
    CHECK_FALSE(a.malformed);

    // A complete name wins over a shortened one, in either order.
    CHECK(str(parse(cat({ad(0x09, text("Full")), ad(0x08, text("Fu"))})).name) == "Full");
    CHECK(str(parse(cat({ad(0x08, text("Fu")), ad(0x09, text("Full"))})).name) == "Full");
}

TEST_CASE("ad: service UUIDs of every width, solicitations and service data")
{
    const ByteVec u128{0xFB, 0x34, 0x9B, 0x5F, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00, 0x12, 0x18, 0x00, 0x00};
    const ByteVec bytes = cat({ad(0x03, {0x0F, 0x18, 0x12, 0x18}), ad(0x05, {0x78, 0x56, 0x34, 0x12}), ad(0x07, u128),
                               ad(0x14, {0x11, 0x18}), ad(0x16, {0xAA, 0xFE, 0x10, 0x00}), ad(0x20, {1, 2, 3, 4, 9}),
                               ad(0x21, cat({u128, {7}}))});
    const AdvertisingData a = parse(bytes);
    REQUIRE(a.service_uuids.size() == 4);
    CHECK(a.service_uuids[0].str() == "0000180F-0000-1000-8000-00805F9B34FB");
    CHECK(a.service_uuids[0].short16() == 0x180F);
    CHECK(a.service_uuids[1].short16() == 0x1812);
    CHECK(a.service_uuids[2].str() == "12345678-0000-1000-8000-00805F9B34FB");
    CHECK_FALSE(a.service_uuids[2].short16());
    CHECK(a.service_uuids[3] == a.service_uuids[1]); // the 128-bit form of 0x1812
    REQUIRE(a.solicitation_uuids.size() == 1);
    CHECK(a.solicitation_uuids[0].short16() == 0x1811);
    REQUIRE(a.service_data.size() == 3);
    CHECK(a.service_data[0].uuid.short16() == 0xFEAA);
    CHECK(a.service_data[0].data.size() == 2);
    CHECK(a.service_data[1].uuid.str() == "04030201-0000-1000-8000-00805F9B34FB");
    CHECK(a.service_data[2].data.size() == 1);
    CHECK_FALSE(a.malformed);
    // A UUID list of an odd length keeps the whole UUIDs and says so.
    const AdvertisingData odd = parse(ad(0x02, {0x0F, 0x18, 0x12}));
    CHECK(odd.service_uuids.size() == 1);
    CHECK(odd.malformed);
}

TEST_CASE("ad: manufacturer data, and structures that run past the end or are empty")
{
    const ByteVec bytes = cat({ad(0xFF, {0x4C, 0x00, 0x12, 0x02, 0x00, 0x01}), ad(0xFF, {0x06, 0x00, 0x01, 0x09})});
    const AdvertisingData a = parse(bytes);
    REQUIRE(a.manufacturer.size() == 2);
    CHECK(a.manufacturer[0].company == company::apple);
    CHECK(a.manufacturer[0].data.size() == 4);
    CHECK(a.manufacturer[1].company == company::microsoft);
    CHECK(company_name(0x004C) == "Apple, Inc.");
    CHECK(company_name(0xFFFE).empty());

    CHECK(parse(ad(0xFF, {0x4C})).malformed);
    CHECK(parse(ad(0x01, {})).malformed);
    CHECK(parse(ad(0x19, {1})).malformed);
    const AdvertisingData past = parse(ByteVec{0x05, 0x09, 'a', 'b'});
    CHECK(past.malformed);
    CHECK(past.structures == 0);
    // Zero padding ends legacy data, and a structure's length is remembered.
    const AdvertisingData padded = parse(cat({ad(0x01, {0x1A}), {0, 0, 0}}));
    CHECK_FALSE(padded.malformed);
    CHECK(padded.structures == 1);
    CHECK(padded.longest == 2);

    // Every cut of real-looking data parses without reading past the cut.
    const ByteVec whole = cat({ad(0x01, {0x06}), ad(0x09, text("Thermo")), ad(0xFF, {0x59, 0x00, 1, 2})});
    for (std::size_t n = 0; n <= whole.size(); ++n) {
        CAPTURE(n);
        const ByteVec cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        const AdvertisingData c = parse(cut);
        CHECK(c.structures <= 3);
    }
}

TEST_CASE("ad_vendor: Apple Continuity types and iBeacon")
{
    // Nearby Info (0x10, 5 bytes) then Find My (0x12, 2 bytes).
    const ByteVec continuity{0x10, 0x05, 1, 2, 3, 4, 5, 0x12, 0x02, 0, 1};
    const auto c = read_apple_continuity(continuity);
    REQUIRE(c);
    CHECK(c->types == ((1u << 0x10) | (1u << 0x12)));
    CHECK_FALSE(c->malformed);
    CHECK(read_apple_continuity(ByteVec{0x10, 0x09, 1})->malformed);
    CHECK(apple_continuity_name(0x12) == "Find My");

    const ByteVec ibeacon{0x02, 0x15, 0xE2, 0xC5, 0x6D, 0xB5, 0xDF, 0xFB, 0x48, 0xD2, 0xB0, 0x60, 0xD0, 0xF5,
                          0xA7, 0x10, 0x96, 0xE0, 0x00, 0x01, 0x00, 0x02, 0xC5};
    const auto b = read_ibeacon(ibeacon);
    REQUIRE(b);
    CHECK(b->proximity_uuid.str() == "E2C56DB5-DFFB-48D2-B060-D0F5A71096E0");
    CHECK(b->major == 1);
    CHECK(b->minor == 2);
    CHECK(b->measured_power == -59);
    CHECK(read_apple_continuity(ibeacon)->types == (1u << 0x02));
    CHECK_FALSE(read_ibeacon(ByteVec(ibeacon.begin(), ibeacon.end() - 1)));
    CHECK_FALSE(read_ibeacon(continuity));
}

TEST_CASE("ad_vendor: Eddystone UID, URL, TLM, EID")
{
    const ByteVec uid{0x00, 0xEC, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xA, 0xB, 0xC, 0xD, 0xE, 0xF, 0, 0};
    const auto u = read_eddystone(uid);
    REQUIRE(u);
    CHECK(u->frame_type == 0x00);
    CHECK(u->tx_power == -20);
    CHECK(u->uid == "000102030405060708090a0b0c0d0e0f");
    CHECK_FALSE(u->malformed);
    CHECK(read_eddystone(ByteVec{0x00, 0xEC, 1})->malformed);

    const auto url = read_eddystone(ByteVec{0x10, 0xF6, 0x03, 'g', 'o', 'o', '.', 'g', 'l', 0x07});
    REQUIRE(url);
    CHECK(url->url == "https://goo.gl.com");
    CHECK(read_eddystone(ByteVec{0x10, 0xF6, 0x09})->malformed);
    CHECK(read_eddystone(ByteVec{0x20, 0x00, 1, 2})->frame_type == 0x20);
    CHECK(read_eddystone(ByteVec{0x30, 0x00, 1})->malformed);
    CHECK_FALSE(read_eddystone(ByteVec{0x40}));
    CHECK_FALSE(read_eddystone(ByteVec{}));
}

TEST_CASE("ad_vendor: Microsoft CDP beacons")
{
    const auto b = read_microsoft(ByteVec{0x01, 0x09, 0x20, 0x02});
    REQUIRE(b);
    CHECK(b->scenario == 1);
    CHECK(b->device_type == 9);
    CHECK(microsoft_device_type_name(9) == "Windows 10 Desktop");
    CHECK(read_microsoft(ByteVec{0x03, 0x00})->scenario == 3);
    CHECK_FALSE(read_microsoft(ByteVec{0x01}));
    CHECK_FALSE(read_microsoft(ByteVec{}));
    CHECK(service_uuid_name(0x180F) == "Battery");
}
