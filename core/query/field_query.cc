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

std::vector<WantedField> FieldQuery::wanted_fields() const
{
    std::vector<WantedField> out;
    if (spec.empty()) return out;
    std::vector<bool> whole; // parallel to out: some path wants the entire field
    auto add = [&](const FieldPath& path) {
        if (path.steps.empty() || !path.steps.front().field) return;
        const Field* top = path.steps.front().field;
        auto it = std::find_if(out.begin(), out.end(), [&](const WantedField& w) { return w.field == top; });
        if (it == out.end()) {
            out.push_back(WantedField{top, {}});
            whole.push_back(false);
            it = out.end() - 1;
        }
        const std::size_t i = static_cast<std::size_t>(it - out.begin());
        const bool member = path.steps.size() >= 2 && path.steps[1].field && !path.steps[1].data_key;
        if (!member) {
            whole[i] = true;
            it->members.clear();
        } else if (!whole[i] && std::find(it->members.begin(), it->members.end(), path.steps[1].field) == it->members.end()) {
            it->members.push_back(path.steps[1].field);
        }
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
