#include "ble_advertisers.h"

#include <stdexcept>

namespace airsight::sim {
namespace {

// AD types (Bluetooth Assigned Numbers, Generic Access Profile).
enum AdType : std::uint8_t {
    kFlags = 0x01, kCompleteUuid16 = 0x03, kCompleteName = 0x09, kTxPower = 0x0A, kManufacturer = 0xFF,
};
// Flags: LE General Discoverable, BR/EDR not supported.
constexpr std::uint8_t kDiscoverableLeOnly = 0x06, kLeOnly = 0x04;
// Company identifiers (Bluetooth SIG assigned numbers).
constexpr std::uint16_t kMicrosoft = 0x0006, kApple = 0x004C, kNordic = 0x0059, kSamsung = 0x0075;

constexpr const char* kSensorNames[] = {"Thermo", "HR Strap", "Scale", "Plant"};
constexpr const char* kBeaconNames[] = {"Beacon", "Shelf", "Door"};
constexpr const char* kTagNames[] = {"Tag", "Keys", "Wallet"};
// 16-bit services a sensor offers: battery, environmental sensing, heart rate, device information.
constexpr std::uint16_t kSensorServices[] = {0x180F, 0x181A, 0x180D, 0x180A};

void ad(std::vector<std::uint8_t>& out, std::uint8_t type, const std::vector<std::uint8_t>& data)
{
    out.push_back(static_cast<std::uint8_t>(data.size() + 1));
    out.push_back(type);
    out.insert(out.end(), data.begin(), data.end());
}

std::vector<std::uint8_t> text(const std::string& s) { return {s.begin(), s.end()}; }

std::vector<std::uint8_t> company_data(const BleAdvertiser& a)
{
    std::vector<std::uint8_t> out{static_cast<std::uint8_t>(a.company_id), static_cast<std::uint8_t>(a.company_id >> 8)};
    out.insert(out.end(), a.manufacturer_data.begin(), a.manufacturer_data.end());
    return out;
}

std::vector<std::uint8_t> random_bytes(Prng& prng, std::size_t n)
{
    std::vector<std::uint8_t> out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(prng.next());
    return out;
}

std::string suffix(Prng& prng)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string s(4, '0');
    for (char& c : s) c = kHex[prng.below(16)];
    return s;
}

// The AD structures of the advertising PDU and the scan response, per profile.
void build_payloads(BleAdvertiser& a)
{
    switch (a.profile) {
    case BleProfile::Sensor: {
        ad(a.adv_data, kFlags, {a.flags});
        ad(a.adv_data, kCompleteName, text(a.name));
        ad(a.adv_data, kTxPower, {static_cast<std::uint8_t>(a.tx_power_dbm)});
        std::vector<std::uint8_t> uuids;
        for (std::uint16_t u : a.service_uuids) {
            uuids.push_back(static_cast<std::uint8_t>(u));
            uuids.push_back(static_cast<std::uint8_t>(u >> 8));
        }
        ad(a.adv_data, kCompleteUuid16, uuids);
        ad(a.scan_response_data, kManufacturer, company_data(a));
        break;
    }
    case BleProfile::IBeacon:
        ad(a.adv_data, kFlags, {a.flags});
        ad(a.adv_data, kManufacturer, company_data(a));
        ad(a.scan_response_data, kCompleteName, text(a.name));
        ad(a.scan_response_data, kTxPower, {static_cast<std::uint8_t>(a.tx_power_dbm)});
        break;
    case BleProfile::Tag:
        ad(a.adv_data, kFlags, {a.flags});
        ad(a.adv_data, kCompleteName, text(a.name));
        ad(a.adv_data, kManufacturer, company_data(a));
        break;
    case BleProfile::MicrosoftCdp:
        ad(a.adv_data, kManufacturer, company_data(a));
        break;
    }
    if (a.adv_data.size() > kMaxLegacyAdvData || a.scan_response_data.size() > kMaxLegacyAdvData)
        throw std::logic_error("sim BLE advertiser " + a.name + ": advertising data longer than 31 bytes");
}

} // namespace

BleProfile ble_profile_of(int index)
{
    static constexpr BleProfile kOrder[] = {BleProfile::Sensor, BleProfile::IBeacon, BleProfile::Tag,
                                            BleProfile::MicrosoftCdp};
    return kOrder[static_cast<std::size_t>(index) % std::size(kOrder)];
}

bool ble_uses_random_address(BleProfile profile)
{
    return profile == BleProfile::Tag || profile == BleProfile::MicrosoftCdp;
}

BleAdvertiser make_ble_advertiser(int index, const MacAddr& address, bool random_address, Prng& prng)
{
    BleAdvertiser a;
    a.profile = ble_profile_of(index);
    a.address = address;
    a.random_address = random_address;
    a.tx_power_dbm = static_cast<std::int8_t>(prng.between(-12, 4));
    a.interval_usec = static_cast<std::uint64_t>(prng.between(100, 1'000)) * 1'000;
    a.first_usec = prng.below(a.interval_usec);
    a.signal_dbm = static_cast<int>(prng.between(-90, -45));
    switch (a.profile) {
    case BleProfile::Sensor:
        a.name = std::string(kSensorNames[prng.below(std::size(kSensorNames))]) + " " + suffix(prng);
        a.flags = kDiscoverableLeOnly;
        a.company_id = kNordic;
        a.manufacturer_data = random_bytes(prng, 4);
        a.service_uuids = {kSensorServices[prng.below(std::size(kSensorServices))], 0x180F};
        if (a.service_uuids[0] == 0x180F) a.service_uuids.pop_back();
        a.pdu = BlePdu::AdvInd;
        break;
    case BleProfile::IBeacon: {
        a.name = std::string(kBeaconNames[prng.below(std::size(kBeaconNames))]) + " " + suffix(prng);
        a.flags = kDiscoverableLeOnly;
        a.company_id = kApple;
        // iBeacon: type 0x02, length 0x15, proximity UUID, major and minor (big endian), measured power at 1 m.
        a.manufacturer_data = {0x02, 0x15};
        const auto uuid = random_bytes(prng, 16);
        a.manufacturer_data.insert(a.manufacturer_data.end(), uuid.begin(), uuid.end());
        const auto major_minor = random_bytes(prng, 4);
        a.manufacturer_data.insert(a.manufacturer_data.end(), major_minor.begin(), major_minor.end());
        a.manufacturer_data.push_back(static_cast<std::uint8_t>(a.tx_power_dbm - 41));
        a.pdu = BlePdu::AdvInd;
        break;
    }
    case BleProfile::Tag:
        a.name = std::string(kTagNames[prng.below(std::size(kTagNames))]) + " " + suffix(prng);
        a.flags = kLeOnly;
        a.company_id = kSamsung;
        a.manufacturer_data = random_bytes(prng, 6);
        a.pdu = BlePdu::AdvNonconnInd;
        break;
    case BleProfile::MicrosoftCdp: {
        a.company_id = kMicrosoft;
        // Scenario type 1 (Bluetooth beacon), version and device type (Windows 10 desktop),
        // version and flags, reserved; then a 4-byte salt and a 16-byte device hash.
        a.manufacturer_data = {0x01, 0x09, 0x20, 0x02};
        const auto salt_and_hash = random_bytes(prng, 20);
        a.manufacturer_data.insert(a.manufacturer_data.end(), salt_and_hash.begin(), salt_and_hash.end());
        a.pdu = BlePdu::AdvNonconnInd;
        break;
    }
    }
    build_payloads(a);
    return a;
}

} // namespace airsight::sim
