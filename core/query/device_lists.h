// Device lists as REST replies (implements airsight::DeviceLists): the
// request's field query, regex and time bound applied to the devices a
// caller selects. The tracker only stores devices; this is where they
// become records and JSON.
//
// A list of 100,000 devices is never materialised: the ids are selected in
// one locked pass, then records are built a chunk at a time (locked per
// chunk) and written before the next chunk, so a slow client holds no lock.
#ifndef AIRSIGHT_CORE_QUERY_DEVICE_LISTS_H
#define AIRSIGHT_CORE_QUERY_DEVICE_LISTS_H

#include "devices/device_tracker.h"
#include "query/device_records.h"
#include "fields/field_registry.h"
#include "query/field_query.h"
#include "query/table_request.h"

#include <airsight/device_lists.h>

#include <cstddef>
#include <span>
#include <vector>

namespace airsight::core {

/// What a device list request asks for: a field query and a time bound.
struct DeviceListOptions {
    FieldQuery query;
    std::uint64_t modified_since = 0; // seconds; 0: every device
};

class DeviceListsImpl : public DeviceLists {
public:
    /// Devices rendered per tracker lock.
    static constexpr std::size_t kChunk = 512;

    /// `server_uuid` is what records carry as kismet.server.uuid.
    DeviceListsImpl(DeviceTrackerImpl& devices, FieldRegistryImpl& fields, std::string server_uuid);

    Reply list(const Request& request, FunctionRef<bool(const Device&)> select) override;
    /// The same with the request's options already read (by a caller that
    /// also looked at them, e.g. to tell a table from a list).
    Reply list(DeviceListOptions options, FunctionRef<bool(const Device&)> select) const;

    /// The whole record of one device (call it with the device locked, e.g.
    /// from DeviceTrackerImpl::with_key).
    Value record(const Device& d) const override { return records_.record(d, devices_.phy_name(d.phy_id)); }

    const FieldRegistry& registry() const { return fields_; }

    /// Reads `fields`, `regex` and `last_time` from a request (400 on errors).
    DeviceListOptions options(const Request& request) const;
    /// Calls `f` on the record of each device `select` accepts that passes
    /// the options' time bound and regex, built a chunk (kChunk devices) at
    /// a time: the tracker is locked only while a chunk is built, `f` runs
    /// unlocked, and at most one chunk of records exists at once. `f`
    /// returns false to stop (a closed client, say).
    void visit_records(const DeviceListOptions& options, FunctionRef<bool(const Device&)> select,
                       FunctionRef<bool(Value&)> f) const;
    /// Every such record at once (tests; a reply streams them instead).
    std::vector<Value> collect(const DeviceListOptions& options, FunctionRef<bool(const Device&)> select) const;

    /// One window of the devices `select` accepts, searched and sorted as
    /// `table` asks, wrapped as its shape wants (device_table.cc). Builds
    /// only the window's records.
    Reply table(const TableRequest& table, DeviceListOptions options, FunctionRef<bool(const Device&)> select) const;

private:
    /// Appends the records of `ids` (sparse when `wanted` allows) that pass
    /// the regex; the tracker is locked only while the records are built.
    void render(const DeviceListOptions& options, const std::vector<WantedField>& wanted,
                std::span<const DeviceTrackerImpl::DeviceId> ids, std::vector<Value>& out) const;
    /// render() a chunk at a time, calling `f` on each record until it returns false.
    void render_chunks(const DeviceListOptions& options, std::span<const DeviceTrackerImpl::DeviceId> ids,
                       FunctionRef<bool(Value&)> f) const;

    /// Writes the devices of `ids` through a field spec without building
    /// their records (for a list with a spec and no regex).
    void write_projection(const FieldSpec& spec, std::span<const DeviceTrackerImpl::DeviceId> ids, Writer& w) const;

    /// Writes the records of `ids`, in that order, through the options' query.
    void write_window(const DeviceListOptions& options, std::span<const DeviceTrackerImpl::DeviceId> ids, Writer& w) const;
    /// What a table search reads when the request names no fields.
    std::vector<FieldPath> default_search_paths() const;

    DeviceTrackerImpl& devices_;
    const FieldRegistry& fields_;
    DeviceRecords records_;
};

} // namespace airsight::core

#endif
