// The pcapng plugin: the "pcapng" log class (pcapng_log.h) and Kismet's live
// pcapng streams over HTTP (packet_stream.h):
//   /pcap/all_packets.pcapng                          every packet
//   /datasource/pcap/by-uuid/[uuid]/packets.pcapng    one datasource's
//   /devices/pcap/by-key/[key]/packets.pcapng         one device's
#include "packet_stream.h"
#include "pcapng_log.h"

#include <airsight/config_flag.h>
#include <airsight/devices.h>
#include <airsight/host.h>
#include <airsight/plugin.h>

#include <memory>

namespace airsight::pcapng_plugin {
namespace {

// A stream's queue: about a second of a busy radio; beyond it packets are dropped and counted.
constexpr std::size_t kMaxQueued = 4096;
constexpr std::size_t kMaxQueuedBytes = 16u << 20;
constexpr const char* kPcapngType = "application/vnd.tcpdump.pcap"; // Kismet's type for .pcapng

class PcapngPlugin : public Plugin {
public:
    explicit PcapngPlugin(PluginHost& host) : host_(host)
    {
        host.add_log_driver(std::make_unique<PcapngLogDriver>(PcapngLogOptions{
            .log_duplicates = config_flag(host.config(), "pcapng_log_duplicate_packets", true),
            .log_data = config_flag(host.config(), "pcapng_log_data_packets", true)}));
        host.add_packet_handler(PacketStage::OBSERVE, "pcapng streams",
                                [hub = hub_](Packet& packet) { hub->offer(packet); });
        add_stream_routes();
    }

private:
    void add_stream_routes()
    {
        host_.add_route({
            .methods = GET,
            .path = "/pcap/all_packets",
            .formats = PCAPNG,
            .login_required = true, // hands out captured frames
            .handler =
                [this](const Request&) {
                    return live_reply(nullptr, {"kismet-all-packets.pcapng", "pcapng", "httpd",
                                                "pcapng of all packets"});
                },
            .description = "every packet, live, as pcapng, until the client disconnects",
        });
        host_.add_route({
            .methods = GET,
            .path = "/datasource/pcap/by-uuid/[uuid]/packets",
            .formats = PCAPNG,
            .login_required = true,
            .handler =
                [this](const Request& r) {
                    const auto source = host_.sources().by_uuid(r.param("uuid"));
                    if (!source) throw HttpError(404, "no datasource " + r.param("uuid"));
                    const std::uint32_t number = source->number;
                    const std::string name = "kismet-datasource-" + source->name + "-" + source->uuid + ".pcapng";
                    return live_reply([number](const Packet& p) { return p.source_number == number; },
                                      {name, "pcapng", "httpd",
                                       "pcapng of packets for datasource " + source->name + " " + source->uuid});
                },
            .description = "one datasource's packets, live, as pcapng",
        });
        host_.add_route({
            .methods = GET,
            .path = "/devices/pcap/by-key/[key]/packets",
            .formats = PCAPNG,
            .login_required = true,
            .handler = [this](const Request& r) { return device_stream(r.param("key")); },
            .description = "the packets naming one device, live, as pcapng",
        });
    }

    Reply device_stream(const std::string& text)
    {
        const auto key = DeviceKey::parse(text);
        if (!key) throw HttpError(400, "malformed device key '" + text + "'");
        // PHY ids are small and few: find the one whose name hashes to the key's.
        std::uint32_t phy = 0;
        bool found = false;
        for (std::uint32_t id = 0; id < 256 && !found; ++id) {
            const std::string name = host_.devices().phy_name(id);
            if (!name.empty() && DeviceKey::hash_phy_name(name) == key->phy_hash) {
                phy = id;
                found = true;
            }
        }
        if (!found || !host_.devices().with_device(phy, key->mac, [](Device&) {}))
            throw HttpError(404, "no device " + text);
        const MacAddr mac = key->mac;
        const std::string name = "kismet-device-" + key->str() + ".pcapng";
        return live_reply(
            [phy, mac](const Packet& p) {
                const PacketAddresses& a = p.addresses;
                return p.phy_id == phy &&
                       (a.source == mac || a.destination == mac || a.transmitter == mac || a.network == mac);
            },
            {name, "pcapng", "httpd", "pcapng of packets for dev key " + key->str()});
    }

    Reply live_reply(PacketFilter filter, StreamDescription description)
    {
        Reply reply = Reply::live(kPcapngType, [this, filter = std::move(filter),
                                                description](ByteSink& sink) { run_stream(sink, filter, description); });
        reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + description.name + "\"");
        return reply;
    }

    // On the REST worker answering the request, until the stream ends.
    void run_stream(ByteSink& sink, const PacketFilter& filter, const StreamDescription& description)
    {
        auto stream = std::make_shared<PacketStream>(filter, kMaxQueued, kMaxQueuedBytes);
        // Declared after `stream`: the handle (and with it the close callback) goes first.
        auto handle = host_.streams().add(description, [&sink, s = stream.get()] {
            sink.interrupt();
            s->close();
        });
        stream->attach(handle.get());
        hub_->add(stream);
        struct Detach {
            StreamHub& hub;
            const std::shared_ptr<PacketStream>& stream;
            ~Detach() { hub.remove(stream); } // no packet reaches it (nor its handle) after this
        } detach{*hub_, stream};
        stream->run(sink, host_.sources());
    }

    PluginHost& host_;
    std::shared_ptr<StreamHub> hub_ = std::make_shared<StreamHub>();
};

} // namespace
} // namespace airsight::pcapng_plugin

AIRSIGHT_PLUGIN(airsight::pcapng_plugin::PcapngPlugin, "pcapng", "1.0",
                "pcapng log files and live pcapng packet streams", AIRSIGHT_PLUGIN_LOG | AIRSIGHT_PLUGIN_ENDPOINTS)
