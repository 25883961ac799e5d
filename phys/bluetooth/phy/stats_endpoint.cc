#include "phy/stats_endpoint.h"

namespace airsight::btle {

Route stats_route(FieldRegistry& r, const BtlePhy& phy)
{
    const Field& advertising = r.add("airsight.btle.stats.advertising", FieldType::UInt64,
                                     "CRC-valid advertising PDUs tracked");
    const Field& bad_crc = r.add("airsight.btle.stats.bad_crc", FieldType::UInt64,
                                 "advertising PDUs with a bad CRC (not tracked)");
    const Field& malformed = r.add("airsight.btle.stats.malformed", FieldType::UInt64,
                                   "truncated capture headers or PDUs, PDUs of a reserved type (not tracked)");
    const Field& other = r.add("airsight.btle.stats.other_access_address", FieldType::UInt64,
                               "packets on another access address than advertising: connection data or a corrupted "
                               "access address (not tracked)");
    const Field& malformed_ad = r.add("airsight.btle.stats.malformed_ad", FieldType::UInt64,
                                      "tracked advertisements whose AD structures ran past their end");
    return Route{
        .methods = GET,
        .path = "/phy/phybtle/stats",
        .formats = JSON,
        .handler =
            [&phy, &advertising, &bad_crc, &malformed, &other, &malformed_ad](const Request&) {
                const BtleCounters& c = phy.counters();
                Value v = Value::object();
                v.set(advertising, c.advertising.load());
                v.set(bad_crc, c.bad_crc.load());
                v.set(malformed, c.malformed.load());
                v.set(other, c.other_access_address.load());
                v.set(malformed_ad, c.malformed_ad.load());
                return Reply::value(std::move(v));
            },
        .description = "what the BTLE PHY counted: advertisements tracked, bad CRCs, malformed packets",
        .field_query = true,
    };
}

} // namespace airsight::btle
