// The sim datasource type: definitions such as "sim", "sim:name=lab,seed=7"
// or "sim0:rate=max,frames=1000,pcapng=out.pcapng" (a new file in the
// server's output folder, see airsight/output.h).
#ifndef AIRSIGHT_DATASOURCES_SIM_SIM_TYPE_H
#define AIRSIGHT_DATASOURCES_SIM_SIM_TYPE_H

#include "sim_source.h"

#include <airsight/datasource.h>
#include <airsight/output.h>

#include <memory>
#include <string>

namespace airsight::sim {

class SimType final : public airsight::DatasourceType {
public:
    /// `outputs` creates pcapng= files; without it (nullptr) pcapng= is refused.
    explicit SimType(airsight::OutputFiles* outputs = nullptr) : outputs_(outputs) {}

    std::string name() const override { return "sim"; }
    std::string description() const override;
    airsight::DatasourceCapabilities capabilities() const override;
    /// True when the definition names type=sim, or (without type=) its
    /// interface is "sim" or starts with "sim" and holds no '/' or '.' (so a
    /// capture file such as simple.pcap is left to pcapfile).
    bool probe(const airsight::SourceDefinition& definition) const override;
    /// One interface, "sim".
    std::vector<airsight::InterfaceInfo> list_interfaces() const override;
    /// Returns a SimSource. Throws std::invalid_argument naming the option
    /// for a bad value, and for a pcapng= name the output folder refuses
    /// (absolute, leaving it, or taken: see OutputFiles::check).
    std::unique_ptr<airsight::Datasource> create(const airsight::SourceDefinition& definition) const override;

    /// The options of a definition; throws std::invalid_argument as create().
    ///   seed=N (1)  aps=N (12)  clients=N (30)  channels=1/6/11/36 (the engine's)
    ///   rate=realtime|N|max (realtime)  start=auto|now|fixed|<unix seconds> (auto)
    ///   deauth_flood=, spoofed_ap=, fcs= (false)  pcapng=NAME  frames=N (unlimited)
    ///   attacks="a,b" or a/b: scripted attacks from engine/attacks/ (none)
    ///   fail_after=N (never): each open fails (PacketSink::failed) after N
    ///   frames, as a radio that vanishes would, to exercise the server's retry
    /// pcapng= is only checked for emptiness here; create() checks the name.
    /// Kismet's channel options (channel=, channel_hop=, channel_hop_speed=)
    /// are not read here: the server applies them to every source it runs
    /// (DatasourceManager), and a channel the world lacks is refused then.
    static SimOptions parse_options(const airsight::SourceDefinition& definition);

private:
    airsight::OutputFiles* outputs_;
};

} // namespace airsight::sim

#endif
