// Printable names for numbers BLE advertisements carry: company identifiers
// (the Bluetooth SIG's assigned numbers, the ones common in the air), Apple
// Continuity message types, Microsoft CDP device types, and the 16-bit
// service UUIDs commonly advertised, BR/EDR major device classes. Unknown
// numbers give "".
#ifndef AIRSIGHT_PHYS_BLUETOOTH_DISSECT_NAMES_H
#define AIRSIGHT_PHYS_BLUETOOTH_DISSECT_NAMES_H

#include <cstdint>
#include <string_view>

namespace airsight::btle {

std::string_view company_name(std::uint16_t company_id);
std::string_view apple_continuity_name(std::uint8_t type);
std::string_view microsoft_device_type_name(std::uint8_t device_type);
std::string_view service_uuid_name(std::uint16_t uuid16);
/// The major device class (bits 8..12 of a class of device, Assigned Numbers 2.8).
std::string_view major_device_class_name(std::uint8_t major);

} // namespace airsight::btle

#endif
