#include "dissect/names.h"

#include <algorithm>
#include <array>
#include <utility>

namespace airsight::btle {
namespace {

template <typename Key, std::size_t N>
std::string_view lookup(const std::array<std::pair<Key, std::string_view>, N>& table, Key key)
{
    const auto it = std::lower_bound(table.begin(), table.end(), key,
                                     [](const auto& e, Key k) { return e.first < k; });
    return it != table.end() && it->first == key ? it->second : std::string_view();
}

// Sorted by id (lookup() searches in halves). Bluetooth SIG company identifiers.
constexpr std::array<std::pair<std::uint16_t, std::string_view>, 21> kCompanies{{
    {0x0000, "Ericsson AB"},
    {0x0002, "Intel Corp."},
    {0x0006, "Microsoft"},
    {0x000A, "Qualcomm Technologies International, Ltd. (QTIL)"},
    {0x000D, "Texas Instruments Inc."},
    {0x000F, "Broadcom Corporation"},
    {0x004C, "Apple, Inc."},
    {0x0059, "Nordic Semiconductor ASA"},
    {0x0075, "Samsung Electronics Co. Ltd."},
    {0x0087, "Garmin International, Inc."},
    {0x009E, "Bose Corporation"},
    {0x00D2, "Dialog Semiconductor B.V."},
    {0x00E0, "Google"},
    {0x0131, "Cypress Semiconductor"},
    {0x0157, "Anhui Huami Information Technology Co., Ltd."},
    {0x0171, "Amazon.com Services, LLC"},
    {0x01DA, "Logitech International SA"},
    {0x02E5, "Espressif Systems (Shanghai) Co., Ltd."},
    {0x038F, "Xiaomi Inc."},
    {0x0499, "Ruuvi Innovations Ltd."},
    {0x05A7, "Sonos Inc"},
}};

constexpr std::array<std::pair<std::uint8_t, std::string_view>, 15> kAppleTypes{{
    {0x02, "iBeacon"},
    {0x03, "AirPrint"},
    {0x05, "AirDrop"},
    {0x06, "HomeKit"},
    {0x07, "Proximity Pairing"},
    {0x08, "Hey Siri"},
    {0x09, "AirPlay Target"},
    {0x0A, "AirPlay Source"},
    {0x0B, "Magic Switch"},
    {0x0C, "Handoff"},
    {0x0D, "Tethering Target Presence"},
    {0x0E, "Tethering Source Presence"},
    {0x0F, "Nearby Action"},
    {0x10, "Nearby Info"},
    {0x12, "Find My"},
}};

constexpr std::array<std::pair<std::uint8_t, std::string_view>, 9> kMicrosoftDevices{{
    {1, "Xbox One"},
    {6, "Apple iPhone"},
    {7, "Apple iPad"},
    {8, "Android device"},
    {9, "Windows 10 Desktop"},
    {11, "Windows 10 Phone"},
    {12, "Linux device"},
    {13, "Windows IoT"},
    {14, "Surface Hub"},
}};

constexpr std::array<std::pair<std::uint16_t, std::string_view>, 23> kServices{{
    {0x1800, "Generic Access"},
    {0x1801, "Generic Attribute"},
    {0x1802, "Immediate Alert"},
    {0x1803, "Link Loss"},
    {0x1804, "Tx Power"},
    {0x1805, "Current Time"},
    {0x180A, "Device Information"},
    {0x180D, "Heart Rate"},
    {0x180F, "Battery"},
    {0x1811, "Alert Notification"},
    {0x1812, "Human Interface Device"},
    {0x1816, "Cycling Speed and Cadence"},
    {0x181A, "Environmental Sensing"},
    {0x1827, "Mesh Provisioning"},
    {0x1828, "Mesh Proxy"},
    {0xFD5A, "Samsung SmartTag"},
    {0xFD6F, "Exposure Notification"},
    {0xFE2C, "Google Fast Pair"},
    {0xFE9F, "Google"},
    {0xFEAA, "Eddystone"},
    {0xFEB8, "Meta Platforms"},
    {0xFEF3, "Google"},
    {0xFFFA, "ASTM Remote ID"},
}};

} // namespace

std::string_view company_name(std::uint16_t id) { return lookup(kCompanies, id); }
std::string_view apple_continuity_name(std::uint8_t type) { return lookup(kAppleTypes, type); }
std::string_view microsoft_device_type_name(std::uint8_t t) { return lookup(kMicrosoftDevices, t); }
std::string_view service_uuid_name(std::uint16_t uuid16) { return lookup(kServices, uuid16); }

std::string_view major_device_class_name(std::uint8_t major)
{
    static constexpr std::array<std::string_view, 10> kMajor{
        "Miscellaneous", "Computer", "Phone", "LAN/Network Access Point", "Audio/Video",
        "Peripheral", "Imaging", "Wearable", "Toy", "Health"};
    if (major < kMajor.size()) return kMajor[major];
    return major == 0x1F ? "Uncategorized" : "";
}

} // namespace airsight::btle
