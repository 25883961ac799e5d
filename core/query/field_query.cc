#include "query/field_query.h"

#include <algorithm>

namespace airsight::core {

FieldQuery parse_field_query(const Request& request, const FieldRegistry& registry)
{
    FieldQuery q;
    try {
        if (const Value* fields = request.option("fields")) q.spec = parse_field_spec(*fields, registry);
        if (const Value* regex = request.option("regex")) q.filter = parse_regex_filter(*regex, registry);
    } catch (const QueryError& e) {
        throw HttpError(400, e.what());
    }
    return q;
}

std::vector<const Field*> FieldQuery::top_level_fields() const
{
    std::vector<const Field*> out;
    if (spec.empty()) return out;
    auto add = [&out](const FieldPath& path) {
        if (path.steps.empty() || !path.steps.front().field) return;
        if (std::find(out.begin(), out.end(), path.steps.front().field) == out.end())
            out.push_back(path.steps.front().field);
    };
    for (const FieldSpecEntry& e : spec.entries()) add(e.path);
    for (const FieldPath& p : filter.paths()) add(p);
    return out;
}

void FieldQuery::write(Writer& w, const Value& record) const
{
    if (spec.empty() || (record.kind() != Value::Kind::Object && record.kind() != Value::Kind::Map))
        w.value(record);
    else
        write_projected(w, record, spec);
}

void write_queried(Writer& w, const Value& tree, const FieldQuery& q)
{
    if (tree.kind() != Value::Kind::Array) {
        q.write(w, tree);
        return;
    }
    w.begin_array();
    for (std::size_t i = 0; i < tree.size(); ++i)
        if (q.accepts(tree.at(i))) q.write(w, tree.at(i));
    w.end_array();
}

} // namespace airsight::core
