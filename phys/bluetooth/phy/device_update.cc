#include "phy/device_update.h"

#include "dissect/ad_vendor.h"
#include "dissect/names.h"

#include <airsight/hex.h>
#include <airsight/printable.h>

#include <algorithm>

namespace airsight::btle {
namespace {

void add_uuids(const std::vector<Uuid>& seen, std::vector<Uuid>& kept, std::uint64_t& not_kept)
{
    for (const Uuid& u : seen) {
        if (std::find(kept.begin(), kept.end(), u) != kept.end()) continue;
        if (kept.size() >= BluetoothDevice::kMaxUuids) {
            ++not_kept;
            continue;
        }
        kept.push_back(u);
    }
}

// Writes `data` as hex over what `out` held, in its room: a device repeats
// the same data in every advertisement, so no packet allocates once warm.
void assign_hex(std::string& out, Bytes data)
{
    out.clear();
    append_hex(out, data);
}

// Replaces the data under `key` (as hex), or adds it while the list has room.
template <typename Key>
void put_bounded(std::vector<std::pair<Key, std::string>>& list, const Key& key, Bytes data, std::size_t max,
                 std::uint64_t& not_kept)
{
    for (auto& [k, v] : list)
        if (k == key) {
            assign_hex(v, data);
            return;
        }
    if (list.size() >= max) {
        ++not_kept;
        return;
    }
    list.emplace_back(key, hex_string(data));
}

void read_manufacturer(const ManufacturerData& m, BtleDevice& le)
{
    if (m.company == company::apple) {
        if (const auto c = read_apple_continuity(m.data)) le.apple_types |= c->types;
        if (const auto b = read_ibeacon(m.data)) le.ibeacon = *b;
    } else if (m.company == company::microsoft) {
        if (const auto b = read_microsoft(m.data); b && b->scenario == 0x01) {
            const std::string_view name = microsoft_device_type_name(b->device_type);
            if (!name.empty()) le.microsoft_device_type.assign(name);
            else le.microsoft_device_type = "device type " + std::to_string(b->device_type);
        }
    }
}

} // namespace

BluetoothDevice& bluetooth_component(Device& d, const std::shared_ptr<const BtleFields>& fields)
{
    return d.component<BluetoothDevice>(fields->bluetooth_device, [&] { return std::make_unique<BluetoothDevice>(fields); });
}

LeComponents le_components(Device& d, const std::shared_ptr<const BtleFields>& fields, bool random)
{
    if (random) d.manuf = kRandomManufacturer;
    BtleDevice& le = d.component<BtleDevice>(fields->btle_device, [&] { return std::make_unique<BtleDevice>(fields); });
    le.random_address = random;
    return {le, bluetooth_component(d, fields)};
}

void apply_advertisement(Device& device, BtleDevice& le, BluetoothDevice& bt, const Advertisement& a)
{
    const AdvertisingData& ad = a.data;
    // A complete name replaces what the device had (in its room, as the hex
    // below); a shortened one only fills a gap.
    if (!ad.name.empty() && (ad.name_complete || device.name.empty())) {
        device.name.clear();
        append_printable(device.name, ad.name);
    }
    if (ad.flags) le.flags = ad.flags;
    if (ad.appearance) le.appearance = ad.appearance;
    if (ad.tx_power) {
        bt.txpower = *ad.tx_power;
        if (a.signal_dbm) bt.pathloss = static_cast<std::int16_t>(*ad.tx_power - *a.signal_dbm);
    }
    if (a.connectable) bt.connectable = *a.connectable;
    add_uuids(ad.service_uuids, bt.service_uuids, le.not_kept);
    add_uuids(ad.solicitation_uuids, bt.solicitation_uuids, le.not_kept);
    for (const ServiceData& s : ad.service_data) {
        put_bounded(bt.service_data, s.uuid, s.data, BluetoothDevice::kMaxServiceData, le.not_kept);
        if (s.uuid.short16() == kEddystoneUuid) {
            if (const auto e = read_eddystone(s.data)) {
                if (!e->uid.empty()) le.eddystone_uid = e->uid;
                if (!e->url.empty()) le.eddystone_url = e->url;
                if (e->tx_power) le.eddystone_tx_power = e->tx_power;
            }
        }
    }
    for (const ManufacturerData& m : ad.manufacturer) {
        put_bounded(le.manufacturer_data, m.company, m.data, BtleDevice::kMaxManufacturers, le.not_kept);
        if (le.company.empty()) {
            const std::string_view name = company_name(m.company);
            if (!name.empty()) le.company = name;
        }
        read_manufacturer(m, le);
    }
    if (a.scan_response) assign_hex(bt.scan_data, a.raw);
}

void note_connection(BtleDevice& le, const ConnectionRecord& c)
{
    for (ConnectionRecord& r : le.connections)
        if (r.peer == c.peer && r.central == c.central) {
            r.access_address = c.access_address;
            r.interval = c.interval;
            r.last_time = c.last_time;
            return;
        }
    if (le.connections.size() >= BtleDevice::kMaxConnections) {
        ++le.not_kept;
        return;
    }
    le.connections.push_back(c);
}

} // namespace airsight::btle
