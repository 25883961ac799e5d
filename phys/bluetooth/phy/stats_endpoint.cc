#include "phy/stats_endpoint.h"

#include <string>
#include <vector>

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
    const Field& ignored_random = r.add("airsight.btle.stats.ignored_random", FieldType::UInt64,
                                        "PDUs from a random address, not tracked (btle_ignore_random=true)");
    return Route{
        .methods = GET,
        .path = "/phy/phybtle/stats",
        .formats = JSON,
        .handler =
            [&phy, &advertising, &bad_crc, &malformed, &other, &malformed_ad, &ignored_random](const Request&) {
                const BtleCounters& c = phy.counters();
                Value v = Value::object();
                v.set(advertising, c.advertising.load());
                v.set(bad_crc, c.bad_crc.load());
                v.set(malformed, c.malformed.load());
                v.set(other, c.other_access_address.load());
                v.set(malformed_ad, c.malformed_ad.load());
                v.set(ignored_random, c.ignored_random.load());
                return Reply::value(std::move(v));
            },
        .description = "what the BTLE PHY counted: advertisements tracked, bad CRCs, malformed packets",
        .field_query = true,
    };
}

Route stats_route(FieldRegistry& r, const BluetoothPhy& phy)
{
    struct Counter {
        const Field& field;
        const std::atomic<std::uint64_t> BluetoothCounters::*member;
    };
    auto add = [&r](const char* name, const char* description) -> const Field& {
        return r.add(std::string("airsight.bluetooth.stats.") + name, FieldType::UInt64, description);
    };
    const std::vector<Counter> counters{
        {add("events", "HCI events read, of any kind"), &BluetoothCounters::events},
        {add("le_reports", "LE Advertising Report reports tracked"), &BluetoothCounters::le_reports},
        {add("le_extended_reports", "LE Extended Advertising Report reports tracked"),
         &BluetoothCounters::le_extended_reports},
        {add("inquiry_reports", "Inquiry Result responses (plain, with RSSI, extended) tracked"),
         &BluetoothCounters::inquiry_reports},
        {add("remote_names", "successful Remote Name Request Complete events tracked"), &BluetoothCounters::remote_names},
        {add("malformed", "capture headers or HCI events shorter than they say (not tracked)"),
         &BluetoothCounters::malformed},
        {add("other_events", "well-formed HCI events that name no device"), &BluetoothCounters::other_events},
        {add("other_hci", "HCI commands, ACL, SCO and ISO data, the Linux monitor's own records"),
         &BluetoothCounters::other_hci},
        {add("malformed_ad", "tracked reports whose AD or EIR structures ran past their end"),
         &BluetoothCounters::malformed_ad},
        {add("not_shared", "LE reports after an event's first, not in the shared btle.advertisement component"),
         &BluetoothCounters::not_shared},
    };
    return Route{
        .methods = GET,
        .path = "/phy/phybluetooth/stats",
        .formats = JSON,
        .handler =
            [&phy, counters](const Request&) {
                Value v = Value::object();
                for (const Counter& c : counters) v.set(c.field, (phy.counters().*c.member).load());
                return Reply::value(std::move(v));
            },
        .description = "what the Bluetooth PHY counted: HCI events, reports tracked by kind, malformed events",
        .field_query = true,
    };
}

} // namespace airsight::btle
