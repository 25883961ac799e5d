// Devices as REST records: kismet.device.base.* with Kismet's names and
// types, the PHY components under their own fields. A record can be built
// whole, or sparse (only the top-level fields a field spec or regex reads),
// which keeps a 5-field summary of 100,000 devices cheap.
#ifndef AIRSIGHT_CORE_QUERY_DEVICE_RECORDS_H
#define AIRSIGHT_CORE_QUERY_DEVICE_RECORDS_H

#include "fields/field_registry.h"
#include "query/field_spec.h"
#include "query/wanted_field.h"

#include <airsight/devices.h>
#include <airsight/rrd.h>
#include <airsight/value.h>

#include <string>
#include <vector>

namespace airsight::core {

class DeviceRecords {
public:
    explicit DeviceRecords(FieldRegistryImpl& fields, std::string server_uuid);

    /// The whole record. `phy_name` is the device's PHY's name.
    Value record(const Device& d, const std::string& phy_name) const;
    /// Only the members `wanted` names (others are left out); a component
    /// field with a member list is built from just those members.
    Value sparse_record(const Device& d, const std::string& phy_name, const std::vector<WantedField>& wanted) const;
    /// The value at `path` in the device's record (Null when the record lacks
    /// it), found without building the record: a field spec's summary of
    /// 100,000 devices then builds no record and no container per device.
    Value resolve(const Device& d, const std::string& phy_name, const FieldPath& path) const;

private:
    Value member(const Device& d, const std::string& phy_name, const Field& field) const;
    /// A signal record; `rrd` is the device's past minute (nullptr for a
    /// seen-by source's, which keeps none).
    Value signal_record(const SignalStats& s, const SignalRrd* rrd) const;
    /// One kismet.common.signal.* member; Null for another field, or an
    /// absent signal_rrd.
    Value signal_member(const SignalStats& s, const SignalRrd* rrd, const Field& f) const;

    const std::string server_uuid_;
    const Field& key_;
    const Field& macaddr_;
    const Field& name_;
    const Field& commonname_;
    const Field& server_uuid_field_;
    const Field& basic_type_set_;
    const Field& crypt_;
    const Field& basic_crypt_set_;
    const Field& first_time_;
    const Field& last_time_;
    const Field& mod_time_;
    const Field& packets_total_;
    const Field& packets_rx_;
    const Field& packets_tx_;
    const Field& packets_llc_;
    const Field& packets_error_;
    const Field& packets_data_;
    const Field& packets_crypt_;
    const Field& packets_filtered_;
    const Field& datasize_;
    const Field& packets_rrd_;
    const Field& channel_;
    const Field& frequency_;
    const Field& freq_khz_map_;
    const Field& num_alerts_;
    const Field& seenby_;
    const Field& phyname_;
    const Field& manuf_;
    const Field& signal_;
    const Field& type_;
    const Field& username_;
    const Field& tags_;
    // kismet.common.signal.*
    const Field& sig_type_;
    const Field& sig_last_;
    const Field& sig_last_noise_;
    const Field& sig_min_;
    const Field& sig_min_noise_;
    const Field& sig_max_;
    const Field& sig_max_noise_;
    const Field& sig_maxrate_;
    const Field& sig_encoding_;
    const Field& sig_carrier_;
    const Field& sig_rrd_;
    // kismet.common.seenby.*
    const Field& seen_source_number_;
    const Field& seen_first_;
    const Field& seen_last_;
    const Field& seen_packets_;
    const Field& seen_signal_;
    RrdFields rrd_fields_;
    std::vector<const Field*> base_order_; // output order of a whole record
    std::vector<const Field*> signal_order_; // ... and of a signal record
};

} // namespace airsight::core

#endif
