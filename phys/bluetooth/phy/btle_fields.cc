#include "phy/btle_fields.h"

namespace airsight::btle {

BtleFields::BtleFields(FieldRegistry& r)
    : btle_device(r.add("btle.device", FieldType::Object, "BTLE device")),
      le_limited_discoverable(r.add("btle.device.le_limited_discoverable", FieldType::UInt8, "BT LE limited discoverable mode")),
      le_general_discoverable(r.add("btle.device.le_general_discoverable", FieldType::UInt8, "BT LE general discoverable mode")),
      br_edr_unsupported(r.add("btle.device.br_edr_unsupported", FieldType::UInt8, "BT LE BR/EDR unsupported")),
      simultaneous_br_edr_controller(r.add("btle.device.simultaneous_br_edr_controller", FieldType::UInt8, "BT LE simultaneous BR/EDR controller mode")),
      simultaneous_br_edr_host(r.add("btle.device.simultaneous_br_edr_host", FieldType::UInt8, "BT LE simultaneous BR/EDR host mode")),
      pdu_type(r.add("btle.device.pdu_type", FieldType::UInt8, "BTLE advertising PDU type")),
      bluetooth_device(r.add("bluetooth.device", FieldType::Object, "Bluetooth device")),
      bt_type(r.add("bluetooth.device.type", FieldType::UInt8, "bt device type")),
      service_uuid_vec(r.add("bluetooth.device.service_uuid_vec", FieldType::Vector, "advertised service UUIDs")),
      solicitation_uuid_vec(r.add("bluetooth.device.solicitation_uuid_vec", FieldType::Vector, "advertised solicitation UUIDs")),
      scan_data_bytes(r.add("bluetooth.device.scan_data_bytes", FieldType::ByteArray, "scan result bytes")),
      service_data_bytes(r.add("bluetooth.device.service_data_bytes", FieldType::StringMap, "per-service result bytes")),
      txpower(r.add("bluetooth.device.txpower", FieldType::Int16, "advertised transmit power")),
      pathloss(r.add("bluetooth.device.pathloss", FieldType::Int16, "signal pathloss")),
      connectable(r.add("bluetooth.device.connectable", FieldType::UInt8, "device is connectable")),
      major_class(r.add("bluetooth.device.major_class", FieldType::String, "bt major class")),
      minor_class(r.add("bluetooth.device.minor_class", FieldType::String, "bt device minor class")),
      class_of_device(r.add("airsight.bluetooth.device.class_of_device", FieldType::UInt32, "class of device an inquiry result gave (24 bits: service classes, major and minor device class)")),
      address_type(r.add("airsight.bluetooth.device.address_type", FieldType::String, "address type an HCI report gave: public, random, public identity, random identity")),
      random_address(r.add("airsight.btle.device.random_address", FieldType::UInt8, "the address is random (TxAdd/RxAdd set), not public")),
      pdu_types_seen(r.add("airsight.btle.device.pdu_types_seen", FieldType::UInt32, "bitset of the advertising PDU types the device sent (bit n: type n)")),
      appearance(r.add("airsight.btle.device.appearance", FieldType::UInt16, "advertised appearance (GAP category and subcategory)")),
      manufacturer_data(r.add("airsight.btle.device.manufacturer_data", FieldType::IntMap, "latest manufacturer data, by Bluetooth SIG company id")),
      company(r.add("airsight.btle.device.company", FieldType::String, "company named by the first manufacturer data")),
      apple_continuity(r.add("airsight.btle.device.apple_continuity", FieldType::Vector, "Apple Continuity message types advertised")),
      ibeacon(r.add("airsight.btle.device.ibeacon", FieldType::Object, "latest iBeacon advertised")),
      eddystone(r.add("airsight.btle.device.eddystone", FieldType::Object, "latest Eddystone UID and URL advertised")),
      microsoft_device_type(r.add("airsight.btle.device.microsoft_device_type", FieldType::String, "device type of a Microsoft CDP beacon")),
      connections(r.add("airsight.btle.device.connections", FieldType::MacMap, "connections requested (CONNECT_IND), by peer address")),
      not_kept(r.add("airsight.btle.device.not_kept", FieldType::UInt64, "UUIDs, service data, manufacturers or connections not kept because the device's list was full")),
      ibeacon_uuid(r.add("airsight.btle.ibeacon.uuid", FieldType::Uuid, "iBeacon proximity UUID")),
      ibeacon_major(r.add("airsight.btle.ibeacon.major", FieldType::UInt16, "iBeacon major")),
      ibeacon_minor(r.add("airsight.btle.ibeacon.minor", FieldType::UInt16, "iBeacon minor")),
      ibeacon_measured_power(r.add("airsight.btle.ibeacon.measured_power", FieldType::Int8, "iBeacon power at 1 m, dBm")),
      eddystone_uid(r.add("airsight.btle.eddystone.uid", FieldType::String, "Eddystone-UID namespace and instance, hex")),
      eddystone_url(r.add("airsight.btle.eddystone.url", FieldType::String, "Eddystone-URL, decoded")),
      eddystone_tx_power(r.add("airsight.btle.eddystone.tx_power", FieldType::Int8, "Eddystone power at 0 m, dBm")),
      connection_role(r.add("airsight.btle.connection.role", FieldType::String, "this device's role: central (sent CONNECT_IND) or peripheral")),
      connection_access_address(r.add("airsight.btle.connection.access_address", FieldType::UInt32, "the connection's access address")),
      connection_interval(r.add("airsight.btle.connection.interval", FieldType::UInt16, "connection interval, units of 1.25 ms")),
      connection_first_time(r.add("airsight.btle.connection.first_time", FieldType::UInt64, "first CONNECT_IND between the two")),
      connection_last_time(r.add("airsight.btle.connection.last_time", FieldType::UInt64, "last CONNECT_IND between the two"))
{
}

} // namespace airsight::btle
