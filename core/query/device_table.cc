// DeviceListsImpl::table: one window of a sorted, searched device list (the
// web UI's device table). Only the window's records are built: the search
// and the sort read each device's few values in one pass over the tracker
// (a shard locked at a time), so a table over 100,000 devices costs that
// pass and a sort of (key, id) pairs, not 100,000 records.
#include "query/device_lists.h"

#include <algorithm>
#include <cctype>

namespace airsight::core {
namespace {

using DeviceId = DeviceTrackerImpl::DeviceId;

bool contains_icase(std::string_view hay, std::string_view lowered_needle)
{
    return std::search(hay.begin(), hay.end(), lowered_needle.begin(), lowered_needle.end(), [](char h, char n) {
               return std::tolower(static_cast<unsigned char>(h)) == n;
           }) != hay.end();
}

// Strings anywhere in `v` (a list of SSIDs, a map of clients...), a few levels deep.
bool value_matches(const Value& v, std::string_view needle, int depth = 0)
{
    switch (v.kind()) {
    case Value::Kind::String: return contains_icase(v.as_string(), needle);
    case Value::Kind::Array:
        if (depth < 3)
            for (std::size_t i = 0; i < v.size(); ++i)
                if (value_matches(v.at(i), needle, depth + 1)) return true;
        return false;
    case Value::Kind::Object:
        if (depth < 3)
            for (const auto& m : v.members())
                if (value_matches(*m.value(), needle, depth + 1)) return true;
        return false;
    case Value::Kind::Map:
        if (depth < 3)
            for (const auto& e : v.entries())
                if (contains_icase(e.key, needle) || value_matches(*e.value(), needle, depth + 1)) return true;
        return false;
    default: return false;
    }
}

// A sort key: missing values first (ascending), then numbers, then strings.
struct SortKey {
    int rank = 0;
    double number = 0;
    std::string text;
    static SortKey of(const Value& v)
    {
        if (v.is_number()) return {1, v.as_double(), {}};
        if (v.kind() == Value::Kind::Bool) return {1, v.as_bool() ? 1.0 : 0.0, {}};
        if (v.kind() == Value::Kind::String) return {2, 0, v.as_string()};
        return {};
    }
    friend bool operator<(const SortKey& a, const SortKey& b)
    {
        if (a.rank != b.rank) return a.rank < b.rank;
        if (a.rank == 1) return a.number < b.number;
        return a.text < b.text;
    }
};

struct Row {
    DeviceId id;
    SortKey key;
};

} // namespace

std::vector<FieldPath> DeviceListsImpl::default_search_paths() const
{
    std::vector<FieldPath> out;
    for (const char* name : {"kismet.device.base.commonname", "kismet.device.base.name", "kismet.device.base.username",
                             "kismet.device.base.macaddr", "kismet.device.base.manuf", "kismet.device.base.type",
                             "kismet.device.base.crypt", "kismet.device.base.phyname"})
        out.push_back(parse_field_path(name, fields_));
    return out;
}

Reply DeviceListsImpl::table(const TableRequest& table, DeviceListOptions options,
                             FunctionRef<bool(const Device&)> select) const
{
    std::string needle = table.search;
    std::transform(needle.begin(), needle.end(), needle.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    std::vector<FieldPath> search_paths;
    if (!needle.empty()) {
        if (options.query.spec.empty())
            search_paths = default_search_paths();
        else
            for (const FieldSpecEntry& e : options.query.spec.entries()) search_paths.push_back(e.path);
    }
    // The regex needs records: the rare case, built only for the fields it reads.
    const std::vector<WantedField> regex_wanted = options.query.filter.empty() ? std::vector<WantedField>{} : options.query.wanted_fields();

    // One pass over the tracker, each shard locked in turn: a device's few
    // values are read where it lies in memory (looking the ids up again
    // afterwards would cost a second round of cache misses).
    std::size_t total = 0;
    std::vector<Row> rows;
    rows.reserve(devices_.size());
    devices_.visit_selected(options.modified_since, select, [&](DeviceId id, const Device& d, const std::string& phy) {
        ++total;
        if (!options.query.filter.empty() &&
            !options.query.accepts(regex_wanted.empty() ? records_.record(d, phy) : records_.sparse_record(d, phy, regex_wanted)))
            return;
        if (!needle.empty() &&
            std::none_of(search_paths.begin(), search_paths.end(),
                         [&](const FieldPath& p) { return value_matches(records_.resolve(d, phy, p), needle); }))
            return;
        rows.push_back(Row{id, table.order ? SortKey::of(records_.resolve(d, phy, *table.order)) : SortKey{}});
    });

    const std::size_t filtered = rows.size();
    // Past the end: the first window, as Kismet answers.
    const std::size_t start = table.start >= filtered ? 0 : table.start;
    const std::size_t end = table.length == 0 ? filtered : std::min(filtered, start + table.length);

    // Only the window is put in order: the rows before it are found (not
    // sorted), then the window sorted. Ties go by id, so a refreshed page
    // shows the same devices in the same places.
    const auto before = [&](const Row& a, const Row& b) {
        if (table.order) {
            if (a.key < b.key) return !table.descending;
            if (b.key < a.key) return table.descending;
        }
        return a.id < b.id;
    };
    const auto first = rows.begin() + static_cast<std::ptrdiff_t>(start);
    std::nth_element(rows.begin(), first, rows.end(), before);
    std::partial_sort(first, rows.begin() + static_cast<std::ptrdiff_t>(end), rows.end(), before);

    auto window = std::make_shared<std::vector<DeviceId>>();
    window->reserve(end - start);
    for (std::size_t i = start; i < end; ++i) window->push_back(rows[i].id);

    auto opts = std::make_shared<const DeviceListOptions>(std::move(options));
    return Reply::stream([this, opts, window, table, total, filtered](Writer& w) {
        w.begin_object();
        auto number = [&w](const char* name, std::uint64_t v) {
            w.key(name, nullptr);
            w.uinteger(v);
        };
        if (table.shape == TableRequest::Shape::DataTables) {
            number("draw", table.draw);
            number("recordsTotal", total);
            number("recordsFiltered", filtered);
        } else {
            number("last_page", table.length ? (filtered + table.length - 1) / table.length : 1);
            number("last_row", filtered);
            number("total_row", total);
        }
        w.key("data", nullptr);
        write_window(*opts, *window, w);
        w.end_object();
    });
}

void DeviceListsImpl::write_window(const DeviceListOptions& options, std::span<const DeviceId> ids, Writer& w) const
{
    if (!options.query.spec.empty()) {
        write_projection(options.query.spec, ids, w);
        return;
    }
    // Whole records, in the window's order (visit_ids skips a device gone since).
    std::vector<Value> records;
    devices_.visit_ids(ids, [&](const Device& d, const std::string& phy) { records.push_back(records_.record(d, phy)); });
    w.begin_array();
    for (const Value& v : records) options.query.write(w, v);
    w.end_array();
}

} // namespace airsight::core
