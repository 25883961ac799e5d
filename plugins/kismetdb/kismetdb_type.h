// The kismetdb datasource type (Kismet's "kismetdb"): definitions naming a
// .kismet log, e.g. "/tmp/Kismet-20250101.kismet:realtime=true".
#ifndef AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_TYPE_H
#define AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_TYPE_H

#include "kismetdb_source.h"

#include <airsight/datasource.h>

#include <memory>
#include <string>

namespace airsight::kismetdb {

class KismetdbType final : public DatasourceType {
public:
    std::string name() const override { return "kismetdb"; }
    std::string description() const override;
    DatasourceCapabilities capabilities() const override;
    /// True when the definition names type=kismetdb or, without type=, its
    /// interface ends in ".kismet" (as Kismet's kismetdb source claims them).
    bool probe(const SourceDefinition& definition) const override;
    /// Returns a KismetdbSource. Throws std::invalid_argument for a bad option
    /// (realtime=, name=, type=) or a path that is not a readable regular file.
    std::unique_ptr<Datasource> create(const SourceDefinition& definition) const override;

    static KismetdbSourceOptions parse_options(const SourceDefinition& definition);
};

} // namespace airsight::kismetdb

#endif
