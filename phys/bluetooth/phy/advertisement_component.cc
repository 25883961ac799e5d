#include "phy/advertisement_component.h"

#include "dissect/ad.h"

namespace airsight::btle {

BtleRadio radio_of(LePhy phy)
{
    switch (phy) {
    case LePhy::le_1m: return BtleRadio::le_1m;
    case LePhy::le_2m: return BtleRadio::le_2m;
    case LePhy::le_coded: return BtleRadio::le_coded;
    default: return BtleRadio::unknown;
    }
}

void fill_advertisement(const AdvertisementFacts& facts, BtleAdvertisement& out)
{
    out.reset();
    out.advertiser = facts.advertiser;
    out.random_address = facts.random;
    out.extended = facts.extended;
    out.radio = radio_of(facts.radio);
    const Bytes ad = facts.ad;
    std::size_t at = 0;
    while (at < ad.size()) {
        const std::size_t length = ad[at];
        if (length == 0) break;                 // padding ends legacy data
        if (length > ad.size() - at - 1) break; // runs past the end
        const Bytes s = ad.subspan(at + 1, length);
        if (s[0] == ad_type::service_data16 && s.size() >= 3) out.add_service_data(load_le16(s.data() + 1), s.subspan(3));
        at += 1 + length;
    }
}

} // namespace airsight::btle
