// What a field query reads of a record: which top-level fields, and which of
// their members. Sparse device records are built from it.
#ifndef AIRSIGHT_CORE_QUERY_WANTED_FIELD_H
#define AIRSIGHT_CORE_QUERY_WANTED_FIELD_H

#include <airsight/field.h>

#include <vector>

namespace airsight::core {

/// A top-level field a query reads, and which of its members (empty: all).
struct WantedField {
    const Field* field = nullptr;
    std::vector<const Field*> members;
};

} // namespace airsight::core

#endif
