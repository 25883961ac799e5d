#include "client_script.h"

namespace airsight::sim {

// Frames of one exchange, each a little after the previous (SIFS, air time,
// processing), all on one channel between one client and one AP.
class ClientScript::Burst {
public:
    Burst(EventSink& sink, Prng& prng, std::uint64_t t, int channel, int ap, int client, std::uint32_t session)
        : sink_(sink), prng_(prng), t_(t), channel_(channel), ap_(ap), client_(client), session_(session) {}

    /// Sends after a gap of [min_gap, max_gap] µs.
    void send(FrameKind kind, Sender sender, std::uint8_t step = 0, std::uint32_t value = 0,
              std::uint64_t min_gap = 150, std::uint64_t max_gap = 600)
    {
        t_ += static_cast<std::uint64_t>(prng_.between(static_cast<std::int64_t>(min_gap), static_cast<std::int64_t>(max_gap)));
        Transmission tx;
        tx.ts_usec = t_;
        tx.channel = channel_;
        tx.kind = kind;
        tx.sender = sender;
        tx.step = step;
        tx.ap = ap_;
        tx.client = client_;
        tx.value = value;
        tx.session = session_;
        sink_.transmit(tx);
    }
    void set_ap(int ap) { ap_ = ap; }
    std::uint64_t time() const { return t_; }

private:
    EventSink& sink_;
    Prng& prng_;
    std::uint64_t t_;
    int channel_, ap_, client_;
    std::uint32_t session_;
};

ClientScript::ClientScript(const World& world)
    : world_(world), prng_(mix(world.config.seed, 0x636c69656e7473)) // "clients"
    , states_(world.clients.size()) {}

void ClientScript::start(EventSink& sink)
{
    const std::uint64_t start = world_.config.start_usec;
    for (std::size_t i = 0; i < world_.clients.size(); ++i) {
        const bool probe_only = world_.clients[i].probe_only;
        // Joining clients start early, so even short captures hold handshakes.
        sink.wake_client(static_cast<int>(i), start + static_cast<std::uint64_t>(probe_only ? prng_.between(0, 5'000'000) : prng_.between(50'000, 3'000'000)));
    }
}

void ClientScript::wake(int client, std::uint64_t now, EventSink& sink)
{
    const Client& c = world_.clients[static_cast<std::size_t>(client)];
    State& s = states_[static_cast<std::size_t>(client)];
    if (c.probe_only) {
        const std::uint64_t done = scan(client, now, sink);
        sink.wake_client(client, done + static_cast<std::uint64_t>(prng_.between(10'000'000, 30'000'000)));
        return;
    }
    if (!s.associated) {
        // Back from idle: sometimes the other AP of the SSID is the better one now.
        int target = c.home_ap;
        const int partner = world_.roam_partner(target);
        if (partner >= 0 && prng_.chance(30)) target = partner;
        const std::uint64_t done = join(client, target, scan(client, now, sink), false, sink);
        sink.wake_client(client, done + static_cast<std::uint64_t>(prng_.between(20'000, 200'000)));
        return;
    }
    if (now >= s.session_end_usec) {
        const int partner = world_.roam_partner(s.ap);
        if (partner >= 0 && prng_.chance(50)) {
            const std::uint64_t done = join(client, partner, now, true, sink);
            sink.wake_client(client, done + static_cast<std::uint64_t>(prng_.between(20'000, 200'000)));
        } else {
            // Back after more than 10 s: data sooner after its own
            // disassociation is what Kismet's DISASSOCTRAFFIC flags.
            const std::uint64_t done = leave(client, now, sink);
            sink.wake_client(client, done + static_cast<std::uint64_t>(prng_.between(10'500'000, 16'000'000)));
        }
        return;
    }
    const std::uint64_t done = exchange_data(client, now, sink);
    sink.wake_client(client, done + static_cast<std::uint64_t>(s.dozing ? prng_.between(300'000, 900'000) : prng_.between(20'000, 250'000)));
}

// Active scan: a wildcard probe on every channel, answered by the APs there
// that do not hide their SSID; probe-only clients also ask for remembered names.
std::uint64_t ClientScript::scan(int client, std::uint64_t t, EventSink& sink)
{
    const bool probe_only = world_.clients[static_cast<std::size_t>(client)].probe_only;
    const std::uint32_t session = states_[static_cast<std::size_t>(client)].session;
    for (int channel : world_.config.channels) {
        Burst burst(sink, prng_, t, channel, -1, client, session);
        burst.send(FrameKind::ProbeRequest, Sender::Client);
        if (probe_only) {
            const auto& names = remembered_ssids();
            burst.send(FrameKind::ProbeRequest, Sender::Client, 0, static_cast<std::uint32_t>(1 + prng_.below(names.size())));
        }
        for (std::size_t a = 0; a < world_.aps.size(); ++a) {
            const AccessPoint& ap = world_.aps[a];
            if (ap.channel != channel || ap.hidden) continue;
            burst.set_ap(static_cast<int>(a));
            burst.send(FrameKind::ProbeResponse, Sender::Ap, 0, 0, 300, 1500);
        }
        t += static_cast<std::uint64_t>(prng_.between(20'000, 40'000)); // dwell time per channel
    }
    return t;
}

// Directed probe, authentication (open or SAE), (re)association, 802.1X for
// enterprise networks, then the 4-way handshake where the security has one.
std::uint64_t ClientScript::join(int client, int ap_index, std::uint64_t t, bool roaming, EventSink& sink)
{
    State& s = states_[static_cast<std::size_t>(client)];
    const AccessPoint& ap = world_.aps[static_cast<std::size_t>(ap_index)];
    const int previous = s.ap;
    ++s.session;
    s.replay = 0; // a new association starts a new key hierarchy
    Burst burst(sink, prng_, t, ap.channel, ap_index, client, s.session);

    burst.send(FrameKind::ProbeRequest, Sender::Client); // directed: reveals hidden SSIDs
    for (std::size_t a = 0; a < world_.aps.size(); ++a) {
        const AccessPoint& other = world_.aps[a];
        if (other.channel != ap.channel || other.ssid != ap.ssid) continue;
        burst.set_ap(static_cast<int>(a)); // an evil twin on this channel answers too
        burst.send(FrameKind::ProbeResponse, Sender::Ap, 0, 0, 300, 1500);
    }
    burst.set_ap(ap_index);

    if (ap.security == Security::Wpa3Sae) { // SAE: both sides commit, then both confirm
        burst.send(FrameKind::Authentication, Sender::Client, 1, 3, 2'000, 5'000);
        burst.send(FrameKind::Authentication, Sender::Ap, 1, 3, 2'000, 8'000);
        burst.send(FrameKind::Authentication, Sender::Client, 2, 3, 1'000, 4'000);
        burst.send(FrameKind::Authentication, Sender::Ap, 2, 3, 1'000, 4'000);
    } else {
        burst.send(FrameKind::Authentication, Sender::Client, 1, 0, 1'000, 3'000);
        burst.send(FrameKind::Authentication, Sender::Ap, 2, 0);
    }
    const bool reassoc = roaming && previous >= 0;
    burst.send(reassoc ? FrameKind::ReassocRequest : FrameKind::AssocRequest, Sender::Client, 0,
               reassoc ? static_cast<std::uint32_t>(previous) : 0, 500, 2'000);
    burst.send(reassoc ? FrameKind::ReassocResponse : FrameKind::AssocResponse, Sender::Ap, 0, 0, 500, 3'000);

    if (ap.security == Security::Wpa2Enterprise) {
        burst.send(FrameKind::Eap, Sender::Ap, 1, 0, 1'000, 3'000);
        burst.send(FrameKind::Eap, Sender::Client, 2, 0, 1'000, 3'000);
        burst.send(FrameKind::Eap, Sender::Ap, 3, 0, 20'000, 80'000); // the RADIUS server's turn
    }
    if (has_four_way_handshake(ap.security)) {
        const std::uint64_t r = s.replay + 1;
        const auto first = static_cast<std::uint32_t>(r), second = static_cast<std::uint32_t>(r + 1);
        burst.send(FrameKind::EapolKey, Sender::Ap, 1, first, 1'000, 5'000);
        burst.send(FrameKind::EapolKey, Sender::Client, 2, first, 1'000, 5'000);
        burst.send(FrameKind::EapolKey, Sender::Ap, 3, second, 1'000, 5'000);
        burst.send(FrameKind::EapolKey, Sender::Client, 4, second, 500, 2'000);
        s.replay = r + 1;
    }
    s.associated = true;
    s.dozing = false;
    s.ap = ap_index;
    s.session_end_usec = burst.time() + static_cast<std::uint64_t>(prng_.between(4'000'000, 20'000'000));
    return burst.time();
}

// A few pings, waking from power save first; sometimes dozing off afterwards.
std::uint64_t ClientScript::exchange_data(int client, std::uint64_t t, EventSink& sink)
{
    State& s = states_[static_cast<std::size_t>(client)];
    const int channel = world_.aps[static_cast<std::size_t>(s.ap)].channel;
    Burst burst(sink, prng_, t, channel, s.ap, client, s.session);
    if (s.dozing) {
        burst.send(FrameKind::NullData, Sender::Client, 0);
        s.dozing = false;
    }
    const int pings = static_cast<int>(prng_.between(1, 3));
    for (int i = 0; i < pings; ++i) {
        burst.send(FrameKind::Data, Sender::Client, 0, s.ping_seq, 2'000, 15'000);
        burst.send(FrameKind::Data, Sender::Ap, 0, s.ping_seq, 1'000, 4'000);
        ++s.ping_seq;
    }
    if (prng_.chance(10)) {
        burst.send(FrameKind::NullData, Sender::Client, 1, 0, 1'000, 5'000);
        s.dozing = true;
    }
    return burst.time();
}

std::uint64_t ClientScript::leave(int client, std::uint64_t t, EventSink& sink)
{
    State& s = states_[static_cast<std::size_t>(client)];
    Burst burst(sink, prng_, t, world_.aps[static_cast<std::size_t>(s.ap)].channel, s.ap, client, s.session);
    burst.send(FrameKind::Disassociation, Sender::Client, 0, 8); // 8: leaving the BSS
    s.associated = false;
    s.dozing = false;
    return burst.time();
}

} // namespace airsight::sim
