// The pcapfile datasource type (Kismet's "pcapfile"): definitions naming a
// capture file, e.g. "/tmp/foo.pcap:realtime=true" or "foo.pcapng:type=pcapfile".
#ifndef AIRSIGHT_DATASOURCES_PCAPFILE_PCAPFILE_TYPE_H
#define AIRSIGHT_DATASOURCES_PCAPFILE_PCAPFILE_TYPE_H

#include "pcapfile_source.h"

#include <airsight/datasource.h>

#include <memory>
#include <string>

namespace airsight::pcapfile {

class PcapfileType final : public airsight::DatasourceType {
public:
    std::string name() const override { return "pcapfile"; }
    std::string description() const override;
    airsight::DatasourceCapabilities capabilities() const override;
    /// True when the definition names type=pcapfile, or (without type=) its
    /// interface is an existing regular file.
    bool probe(const airsight::SourceDefinition& definition) const override;
    /// Returns a PcapfileSource. Throws std::invalid_argument for a bad
    /// option value (realtime=, pps=, name=, type=) or a path that is not a
    /// readable regular file ("cannot read capture file PATH: REASON").
    std::unique_ptr<airsight::Datasource> create(const airsight::SourceDefinition& definition) const override;

    /// The options of a definition; throws std::invalid_argument as create().
    static PcapfileOptions parse_options(const airsight::SourceDefinition& definition);
};

} // namespace airsight::pcapfile

#endif
