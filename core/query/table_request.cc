#include "query/table_request.h"

#include <charconv>

namespace airsight::core {
namespace {

const std::string* variable(const Request& r, std::string_view name)
{
    if (auto it = r.form.find(name); it != r.form.end()) return &it->second;
    if (auto it = r.query.find(name); it != r.query.end()) return &it->second;
    return nullptr;
}

std::uint64_t number_variable(const Request& r, std::string_view name, std::uint64_t fallback)
{
    const std::string* s = variable(r, name);
    if (!s || s->empty()) return fallback;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || end != s->data() + s->size())
        throw HttpError(400, std::string(name) + " must be a non-negative number, not '" + *s + "'");
    return v;
}

FieldPath field_path(std::string_view path, const FieldRegistry& registry, std::string_view what)
{
    try {
        return parse_field_path(path, registry);
    } catch (const std::exception& e) {
        throw HttpError(400, std::string(what) + ": " + e.what());
    }
}

bool flag_option(const Request& r, std::string_view key)
{
    const Value* v = r.option(key);
    if (!v) return false;
    if (v->kind() == Value::Kind::Bool) return v->as_bool();
    if (v->is_number()) return v->as_int() != 0;
    throw HttpError(400, std::string(key) + " must be true or false");
}

// DataTables' sort column: colmap's first path for that column, else the
// spec's entry at that index. nullopt: no such column (unsorted, as Kismet).
std::optional<FieldPath> datatables_order(const Request& r, const FieldSpec& spec, const FieldRegistry& registry)
{
    const std::string* column = variable(r, "order[0][column]");
    if (!column || column->empty()) return std::nullopt;
    if (const Value* colmap = r.option("colmap")) {
        if (colmap->kind() != Value::Kind::Object && colmap->kind() != Value::Kind::Map)
            throw HttpError(400, "colmap must be an object of column number -> field paths");
        const Value* paths = colmap->find(*column);
        if (!paths) return std::nullopt;
        // Kismet takes the first path: ["a/b", ...] or [["a/b", "alias"], ...].
        const Value* first = paths->kind() == Value::Kind::Array && paths->size() > 0 ? &paths->at(0) : paths;
        if (first->kind() == Value::Kind::Array && first->size() > 0) first = &first->at(0);
        if (first->kind() != Value::Kind::String) throw HttpError(400, "colmap column " + *column + " names no field path");
        return field_path(first->as_string(), registry, "colmap column " + *column);
    }
    const std::uint64_t index = number_variable(r, "order[0][column]", 0);
    if (index >= spec.entries().size()) return std::nullopt;
    return spec.entries()[index].path;
}

} // namespace

std::optional<TableRequest> parse_table_request(const Request& r, const FieldSpec& spec, const FieldRegistry& registry)
{
    TableRequest t;
    if (variable(r, "page")) {
        t.shape = TableRequest::Shape::Paged;
        t.length = number_variable(r, "length", number_variable(r, "size", 0));
        t.start = number_variable(r, "page", 0) * t.length;
        if (const std::string* s = variable(r, "search")) t.search = *s;
        if (const std::string* sort = variable(r, "sort"); sort && !sort->empty()) {
            t.order = field_path(*sort, registry, "sort");
            const std::string* dir = variable(r, "sort_dir");
            t.descending = !(dir && *dir == "asc");
        }
        return t;
    }
    if (!flag_option(r, "datatable")) return std::nullopt;
    t.start = number_variable(r, "start", 0);
    t.length = std::min<std::uint64_t>(number_variable(r, "length", kMaxDataTablesWindow), kMaxDataTablesWindow);
    t.draw = number_variable(r, "draw", 0);
    if (const std::string* s = variable(r, "search[value]")) t.search = *s;
    t.order = datatables_order(r, spec, registry);
    if (t.order) {
        const std::string* dir = variable(r, "order[0][dir]");
        t.descending = dir && *dir == "desc";
    }
    return t;
}

} // namespace airsight::core
