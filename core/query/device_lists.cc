#include "query/device_lists.h"
#include "util/local_clock.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace airsight::core {

DeviceListsImpl::DeviceListsImpl(DeviceTrackerImpl& devices, FieldRegistryImpl& fields, std::string server_uuid)
    : devices_(devices), fields_(fields), records_(fields, std::move(server_uuid))
{
}

DeviceListOptions DeviceListsImpl::options(const Request& request) const
{
    DeviceListOptions o;
    o.query = parse_field_query(request, fields_);
    if (const Value* t = request.option("last_time")) {
        if (!t->is_number() || !std::isfinite(t->as_double()))
            throw HttpError(400, "last_time must be a number: seconds since the epoch, or negative seconds before now");
        const auto now = static_cast<double>(local_now_sec());
        const double v = t->as_double() < 0 ? now + t->as_double() : t->as_double();
        o.modified_since = seconds_bound(v);
    }
    return o;
}

void DeviceListsImpl::render(const DeviceListOptions& options, const std::vector<WantedField>& wanted,
                             std::span<const DeviceTrackerImpl::DeviceId> ids, std::vector<Value>& out) const
{
    const std::size_t first = out.size();
    devices_.visit_ids(ids, [&](const Device& d, const std::string& phy) {
        out.push_back(wanted.empty() ? records_.record(d, phy) : records_.sparse_record(d, phy, wanted));
    });
    // The regex runs unlocked, on the records.
    if (!options.query.filter.empty())
        out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                 [&](const Value& v) { return !options.query.accepts(v); }),
                  out.end());
}

void DeviceListsImpl::render_chunks(const DeviceListOptions& options, std::span<const DeviceTrackerImpl::DeviceId> ids,
                                    FunctionRef<bool(Value&)> f) const
{
    const std::vector<WantedField> wanted = options.query.wanted_fields();
    std::vector<Value> chunk;
    chunk.reserve(std::min(kChunk, ids.size()));
    for (std::size_t at = 0; at < ids.size(); at += kChunk) {
        chunk.clear();
        render(options, wanted, ids.subspan(at, std::min(kChunk, ids.size() - at)), chunk);
        for (Value& v : chunk)
            if (!f(v)) return;
    }
}

void DeviceListsImpl::visit_records(const DeviceListOptions& options, FunctionRef<bool(const Device&)> select,
                                    FunctionRef<bool(Value&)> f) const
{
    const std::vector<DeviceTrackerImpl::DeviceId> ids = devices_.select_ids(options.modified_since, select);
    render_chunks(options, ids, f);
}

std::vector<Value> DeviceListsImpl::collect(const DeviceListOptions& options, FunctionRef<bool(const Device&)> select) const
{
    std::vector<Value> out;
    visit_records(options, select, [&](Value& v) {
        out.push_back(std::move(v));
        return true;
    });
    return out;
}

Reply DeviceListsImpl::list(const Request& request, FunctionRef<bool(const Device&)> select)
{
    return list(options(request), select);
}

Reply DeviceListsImpl::list(DeviceListOptions options, FunctionRef<bool(const Device&)> select) const
{
    auto opts = std::make_shared<const DeviceListOptions>(std::move(options));
    auto ids = std::make_shared<const std::vector<DeviceTrackerImpl::DeviceId>>(
        devices_.select_ids(opts->modified_since, select));
    if (opts->query.filter.empty() && !opts->query.spec.empty())
        return Reply::stream([this, opts, ids](Writer& w) { write_projection(opts->query.spec, *ids, w); });
    return Reply::stream([this, opts, ids](Writer& w) {
        w.begin_array();
        render_chunks(*opts, *ids, [&](Value& v) {
            opts->query.write(w, v);
            return true;
        });
        w.end_array();
    });
}

void DeviceListsImpl::write_projection(const FieldSpec& spec, std::span<const DeviceTrackerImpl::DeviceId> ids,
                                       Writer& w) const
{
    // Each chunk's values, entry after entry, device after device: looked up
    // under the lock, written after it (a slow client holds no lock).
    const std::vector<FieldSpecEntry>& entries = spec.entries();
    std::vector<Value> values;
    values.reserve(std::min(kChunk, ids.size()) * entries.size());
    w.begin_array();
    for (std::size_t at = 0; at < ids.size(); at += kChunk) {
        values.clear();
        devices_.visit_ids(ids.subspan(at, std::min(kChunk, ids.size() - at)), [&](const Device& d, const std::string& phy) {
            for (const FieldSpecEntry& e : entries) values.push_back(records_.resolve(d, phy, e.path));
        });
        for (std::size_t first = 0; first < values.size(); first += entries.size()) {
            w.begin_object();
            for (std::size_t i = 0; i < entries.size(); ++i) {
                w.key(entries[i].name, entries[i].field);
                const Value& v = values[first + i];
                if (v.is_null())
                    w.integer(0); // what Kismet writes for a path the record lacks (as write_projected)
                else
                    w.value(v);
            }
            w.end_object();
        }
    }
    w.end_array();
}

} // namespace airsight::core
