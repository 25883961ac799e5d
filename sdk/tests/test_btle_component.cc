#include <airsight/btle_component.h>

#include <doctest/doctest.h>

#include <cstdint>

using namespace airsight;

TEST_CASE("BLE advertisement component: service data kept in order, the overflow counted, reset forgets both")
{
    const std::uint8_t bytes[] = {0x0d, 0x01, 0x02};
    BtleAdvertisement a;
    for (std::uint16_t i = 0; i < BtleAdvertisement::kMaxServiceData + 3; ++i)
        a.add_service_data(static_cast<std::uint16_t>(0xfff0 + i), std::span(bytes).first(i % 3));
    REQUIRE(a.service_data().size() == BtleAdvertisement::kMaxServiceData);
    CHECK(a.service_data()[0].uuid == 0xfff0);
    CHECK(a.service_data()[7].uuid == 0xfff7);
    CHECK(a.service_data()[2].data.size() == 2);
    CHECK(a.service_data_dropped == 3);
    a.advertiser = MacAddr::parse("aa:bb:cc:dd:ee:ff").value();
    a.extended = true;
    a.radio = BtleRadio::le_coded;
    a.reset();
    CHECK(a.service_data().empty());
    CHECK(a.service_data_dropped == 0);
    CHECK(a.advertiser.is_zero());
    CHECK_FALSE(a.extended);
    CHECK(a.radio == BtleRadio::unknown);
}
