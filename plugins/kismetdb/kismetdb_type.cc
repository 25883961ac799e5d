#include "kismetdb_type.h"

#include <airsight/readable_file.h>

#include <stdexcept>

namespace airsight::kismetdb {

std::string KismetdbType::description() const { return "Replays the packets of a Kismet .kismet (kismetdb) log"; }

DatasourceCapabilities KismetdbType::capabilities() const
{
    return {.list_interfaces = false, .probe = true, .local = true, .tune = false, .hop = false};
}

bool KismetdbType::probe(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) return *type == name();
    return definition.interface.ends_with(".kismet");
}

KismetdbSourceOptions KismetdbType::parse_options(const SourceDefinition& definition)
{
    definition.check_type_and_name("kismetdb");
    KismetdbSourceOptions options;
    options.realtime = definition.flag("realtime", false); // Kismet replays as fast as possible by default
    return options;
}

std::unique_ptr<Datasource> KismetdbType::create(const SourceDefinition& definition) const
{
    const KismetdbSourceOptions options = parse_options(definition);
    const std::string& path = definition.interface;
    if (const std::string why = unreadable_file_reason(path); !why.empty())
        throw std::invalid_argument("cannot read kismetdb log " + path + ": " + why);
    return std::make_unique<KismetdbSource>(path, options);
}

} // namespace airsight::kismetdb
