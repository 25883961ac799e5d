#include "kismetdb_type.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
    struct stat st {};
    const char* why = nullptr;
    if (::stat(path.c_str(), &st) != 0) why = std::strerror(errno);
    else if (S_ISDIR(st.st_mode)) why = std::strerror(EISDIR);
    else if (!S_ISREG(st.st_mode)) why = "not a regular file";
    else if (::access(path.c_str(), R_OK) != 0) why = std::strerror(errno);
    if (why) throw std::invalid_argument("cannot read kismetdb log " + path + ": " + why);
    return std::make_unique<KismetdbSource>(path, options);
}

} // namespace airsight::kismetdb
