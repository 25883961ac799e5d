// /packetchain/packet_stats: Kismet's packet-rate RRDs (what its web UI
// graphs), plus airsight's per-stage counters, which show where packets go
// and where they fail.
#include "endpoints/endpoints.h"
#include "util/local_clock.h"

#include <airsight/rrd.h>

#include <memory>

namespace airsight::core {
namespace {

struct PacketStatsFields {
    explicit PacketStatsFields(FieldRegistryImpl& f)
        : rrd(f),
          peak(f("kismet.packetchain.peak_packets_rrd", FieldType::Object, "incoming packets peak rrd")),
          packets(f("kismet.packetchain.packets_rrd", FieldType::Object, "total packet rate rrd")),
          errors(f("kismet.packetchain.error_packets_rrd", FieldType::Object, "error packet rate rrd")),
          duplicates(f("kismet.packetchain.dupe_packets_rrd", FieldType::Object, "duplicate packet rate rrd")),
          queued(f("kismet.packetchain.queued_packets_rrd", FieldType::Object, "packet backlog queue rrd")),
          dropped(f("kismet.packetchain.dropped_packets_rrd", FieldType::Object, "lost packet / queue overfull rrd")),
          processed(f("kismet.packetchain.processed_packets_rrd", FieldType::Object, "processed packet rrd")),
          delivered_total(f("airsight.packetchain.delivered", FieldType::UInt64, "frames sources delivered")),
          processed_total(f("airsight.packetchain.processed", FieldType::UInt64, "frames that went through every stage")),
          duplicates_total(f("airsight.packetchain.duplicates", FieldType::UInt64, "frames another source delivered too")),
          dropped_total(f("airsight.packetchain.dropped", FieldType::UInt64, "frames dropped before the chain (paused sources)")),
          stages(f("airsight.packetchain.stages", FieldType::Vector, "per-stage counters, in chain order")),
          stage_name(f("airsight.packetchain.stage.name", FieldType::String, "stage name")),
          stage_packets(f("airsight.packetchain.stage.packets", FieldType::UInt64, "packets that reached the stage")),
          stage_errors(f("airsight.packetchain.stage.errors", FieldType::UInt64, "packets the stage found malformed")),
          stage_handlers(f("airsight.packetchain.stage.handlers", FieldType::Vector, "handlers of the stage, in order"))
    {
    }

    RrdFields rrd;
    const Field& peak;
    const Field& packets;
    const Field& errors;
    const Field& duplicates;
    const Field& queued;
    const Field& dropped;
    const Field& processed;
    const Field& delivered_total;
    const Field& processed_total;
    const Field& duplicates_total;
    const Field& dropped_total;
    const Field& stages;
    const Field& stage_name;
    const Field& stage_packets;
    const Field& stage_errors;
    const Field& stage_handlers;
};

Value packet_stats(const PacketStatsFields& f, const PacketChain& chain, const PacketRates& rates)
{
    const std::int64_t now = local_now_sec();
    Value v = Value::object();
    v.set(f.peak, f.rrd.record(rates.peak.snapshot(), now));
    v.set(f.packets, f.rrd.record(rates.packets.snapshot(), now));
    v.set(f.errors, f.rrd.record(rates.errors.snapshot(), now));
    v.set(f.duplicates, f.rrd.record(rates.duplicates.snapshot(), now));
    v.set(f.queued, f.rrd.record(rates.queued.snapshot(), now));
    v.set(f.dropped, f.rrd.record(rates.dropped.snapshot(), now));
    v.set(f.processed, f.rrd.record(rates.processed.snapshot(), now));

    const ChainCounters c = chain.counters();
    v.set(f.delivered_total, c.delivered);
    v.set(f.processed_total, c.processed);
    v.set(f.duplicates_total, c.duplicates);
    v.set(f.dropped_total, c.dropped);
    const auto handlers = chain.handlers();
    Value list = Value::array();
    for (int s = 0; s < kPacketStageCount; ++s) {
        Value stage = Value::object();
        stage.set(f.stage_name, std::string(packet_stage_name(PacketStage(s))));
        stage.set(f.stage_packets, c.stages[s].packets);
        stage.set(f.stage_errors, c.stages[s].errors);
        Value names = Value::array();
        for (const auto& [st, name] : handlers)
            if (st == PacketStage(s)) names.push(name);
        stage.set(f.stage_handlers, std::move(names));
        list.push(std::move(stage));
    }
    v.set(f.stages, std::move(list));
    return v;
}

} // namespace

void register_packetchain_endpoints(Services& services)
{
    auto fields = std::make_shared<const PacketStatsFields>(services.fields);
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/packetchain/packet_stats",
        .formats = OBJECT_FORMATS,
        .handler = [fields, &chain = services.chain, &rates = services.packet_rates](
                       const Request&) { return Reply::value(packet_stats(*fields, chain, rates)); },
        .description = "packet rates (Kismet's RRDs) and per-stage counters",
        .field_query = true,
    });
}

} // namespace airsight::core
