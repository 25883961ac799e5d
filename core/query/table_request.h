// What a paged device table asks for, in the two shapes Kismet's web UIs
// send to /devices/views/[VIEW]/devices and /devices/summary/devices:
//   - DataTables ("datatable": true in the json= command): start, length,
//     draw, search[value], order[0][column], order[0][dir]; the column is
//     looked up in the command's "colmap" (column number -> field paths)
//     when there is one, else taken as an index into "fields";
//   - paged (a `page` variable, Kismet's current UI): page, length or size,
//     sort (a field path), sort_dir, search.
// Variables are read from the form, then the query string.
#ifndef AIRSIGHT_CORE_QUERY_TABLE_REQUEST_H
#define AIRSIGHT_CORE_QUERY_TABLE_REQUEST_H

#include "query/field_spec.h"

#include <airsight/http.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace airsight::core {

struct TableRequest {
    enum class Shape { DataTables, Paged };
    Shape shape = Shape::DataTables;
    std::size_t start = 0;      // first row of the window (rows: devices after filtering)
    std::size_t length = 0;     // rows in the window; 0: all of them
    std::uint64_t draw = 0;     // DataTables' request counter, echoed
    std::string search;         // case-insensitive substring; empty: none
    std::optional<FieldPath> order; // the sort field; none: the tracker's order
    bool descending = false;
};

/// DataTables caps a window at this many rows, as Kismet does.
inline constexpr std::size_t kMaxDataTablesWindow = 500;

/// The table request `request` makes, or nullopt when it asks for a plain
/// list. `spec` is the request's parsed field spec (a DataTables column
/// number indexes it). Throws HttpError(400) naming a bad variable.
std::optional<TableRequest> parse_table_request(const Request& request, const FieldSpec& spec,
                                                const FieldRegistry& registry);

} // namespace airsight::core

#endif
