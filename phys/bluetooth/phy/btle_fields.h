// The fields of Bluetooth devices, of both PHYs: Kismet's btle.device.*
// (phy_btle.h) and bluetooth.device.* (phy_bluetooth.h), with its names,
// types and descriptions; airsight.btle.* for what Kismet does not keep
// (address type, manufacturer data and what it says, connections), and
// airsight.bluetooth.* for what HCI reports say that Kismet has no name for.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_FIELDS_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_BTLE_FIELDS_H

#include <airsight/field.h>

namespace airsight::btle {

struct BtleFields {
    explicit BtleFields(FieldRegistry& r);

    // btle.device: Kismet's BTLE component
    const Field& btle_device;
    const Field& le_limited_discoverable;
    const Field& le_general_discoverable;
    const Field& br_edr_unsupported;
    const Field& simultaneous_br_edr_controller;
    const Field& simultaneous_br_edr_host;
    const Field& pdu_type;

    // bluetooth.device: Kismet's Bluetooth component
    const Field& bluetooth_device;
    const Field& bt_type;
    const Field& service_uuid_vec;
    const Field& solicitation_uuid_vec;
    const Field& scan_data_bytes;
    const Field& service_data_bytes;
    const Field& txpower;
    const Field& pathloss;
    const Field& connectable;
    const Field& major_class;
    const Field& minor_class;

    // airsight.bluetooth.device.*: members of bluetooth.device Kismet lacks (HCI reports)
    const Field& class_of_device;
    const Field& address_type;

    // airsight.btle.device.*: members of btle.device Kismet lacks
    const Field& random_address;
    const Field& pdu_types_seen;
    const Field& appearance;
    const Field& manufacturer_data;
    const Field& company;
    const Field& apple_continuity;
    const Field& ibeacon;
    const Field& eddystone;
    const Field& microsoft_device_type;
    const Field& connections;
    const Field& not_kept;

    // airsight.btle.ibeacon.*, airsight.btle.eddystone.*, airsight.btle.connection.*
    const Field& ibeacon_uuid;
    const Field& ibeacon_major;
    const Field& ibeacon_minor;
    const Field& ibeacon_measured_power;
    const Field& eddystone_uid;
    const Field& eddystone_url;
    const Field& eddystone_tx_power;
    const Field& connection_role;
    const Field& connection_access_address;
    const Field& connection_interval;
    const Field& connection_first_time;
    const Field& connection_last_time;
};

} // namespace airsight::btle

#endif
