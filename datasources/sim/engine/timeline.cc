#include "timeline.h"

#include "attacks/attack.h"

#include <algorithm>

namespace airsight::sim {
namespace {

constexpr std::uint64_t kFloodPeriodUsec = 2'000'000;
constexpr int kFloodBurstFrames = 40;

// std::push_heap builds a max-heap; "later" first makes the earliest event the top.
struct Later {
    template <class E>
    bool operator()(const E& a, const E& b) const { return a.t != b.t ? a.t > b.t : a.order > b.order; }
};

} // namespace

Timeline::Timeline(const World& world)
    : world_(world), clients_(world), prng_(mix(world.config.seed, 0x74696d656c696e65)) // "timeline"
    , seq_(world.transmitter_count(), 0)
{
    heap_.reserve(256);
    for (std::size_t a = 0; a < world_.aps.size(); ++a) {
        Transmission beacon;
        beacon.ts_usec = world_.config.start_usec + world_.aps[a].first_beacon_usec;
        beacon.channel = world_.aps[a].channel;
        beacon.kind = FrameKind::Beacon;
        beacon.ap = static_cast<int>(a);
        transmit(beacon);
    }
    for (std::size_t d = 0; d < world_.drones.size(); ++d) {
        Transmission beacon;
        beacon.ts_usec = world_.config.start_usec + world_.drones[d].first_beacon_usec;
        beacon.channel = world_.drones[d].channel;
        beacon.kind = FrameKind::RemoteIdBeacon;
        beacon.sender = Sender::Drone;
        beacon.value = static_cast<std::uint32_t>(d);
        transmit(beacon);
    }
    clients_.start(*this);
    if (world_.flood_target >= 0) push({world_.config.start_usec + 700'000, 0, EventType::FloodWake, 0, 0, {}});
    for (std::size_t a = 0; a < world_.attacks.size(); ++a)
        push({world_.config.start_usec + world_.attacks[a]->first_usec, 0, EventType::AttackWake, static_cast<int>(a), 0, {}});
    for (std::size_t b = 0; b < world_.ble_advertisers.size(); ++b)
        push({world_.config.start_usec + world_.ble_advertisers[b].first_usec, 0, EventType::BleWake, static_cast<int>(b), 0, {}});
    for (std::size_t d = 0; d < world_.drones.size(); ++d)
        push({world_.config.start_usec + world_.drones[d].first_ble_usec, 0, EventType::DroneBleWake, static_cast<int>(d), 0, {}});
}

void Timeline::transmit(const Transmission& tx) { push({tx.ts_usec, 0, EventType::Transmit, 0, 0, tx}); }

void Timeline::wake_client(int client, std::uint64_t at_usec) { push({at_usec, 0, EventType::ClientWake, client, 0, {}}); }

void Timeline::push(Event e)
{
    e.order = order_++;
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Later{});
}

Timeline::Event Timeline::take()
{
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Event e = heap_.back();
    heap_.pop_back();
    return e;
}

void Timeline::run_due_wakeups()
{
    // Every wake-up queues at least one frame (a client's probe, the flooder's
    // burst), so this loop ends with a transmission on top or an empty world.
    while (!heap_.empty() && heap_.front().type != EventType::Transmit) {
        const Event e = take();
        if (e.type == EventType::ClientWake) clients_.wake(e.who, e.t, *this);
        else if (e.type == EventType::AttackWake) attack_burst(e.who, e.burst, e.t);
        else if (e.type == EventType::BleWake || e.type == EventType::DroneBleWake) ble_event(e.type, e.who, e.burst, e.t);
        else flood_burst(e.t);
    }
}

std::uint64_t Timeline::peek_time()
{
    run_due_wakeups();
    return heap_.empty() ? UINT64_MAX : heap_.front().t;
}

const Transmission& Timeline::pop()
{
    run_due_wakeups();
    current_ = take().tx; // callers ask peek_time() first: an empty world has nothing to pop
    if (current_.kind == FrameKind::Beacon) {
        Transmission next = current_;
        next.ts_usec += kBeaconIntervalUsec;
        transmit(next);
    } else if (current_.kind == FrameKind::RemoteIdBeacon) {
        Transmission next = current_;
        next.ts_usec += kDroneBeaconIntervalUsec;
        ++next.session;
        transmit(next);
    }
    if (is_ble(current_.kind)) return current_; // BLE has no 802.11 sequence numbers
    current_.seq = next_seq(current_);
    return current_;
}

// Broadcast deauthentications forged with the target AP's BSSID, with the
// attacker's own sequence numbers (which is how IDSs tell them apart).
void Timeline::flood_burst(std::uint64_t now)
{
    const AccessPoint& target = world_.aps[static_cast<std::size_t>(world_.flood_target)];
    std::uint64_t t = now;
    for (int i = 0; i < kFloodBurstFrames; ++i) {
        t += static_cast<std::uint64_t>(prng_.between(800, 1'500));
        Transmission deauth;
        deauth.ts_usec = t;
        deauth.channel = target.channel;
        deauth.kind = FrameKind::Deauthentication;
        deauth.sender = Sender::Attacker;
        deauth.ap = world_.flood_target;
        deauth.value = 7; // class 3 frame received from nonassociated STA
        transmit(deauth);
    }
    push({now + kFloodPeriodUsec, 0, EventType::FloodWake, 0, 0, {}});
}

// One burst of a scripted attack: its frames, then the next burst's wake-up.
void Timeline::attack_burst(int attack, std::uint32_t burst, std::uint64_t now)
{
    const AttackSpec& spec = *world_.attacks[static_cast<std::size_t>(attack)];
    const AccessPoint& target = world_.aps[0];
    for (int i = 0; i < spec.frames_per_burst; ++i) {
        Transmission tx;
        tx.ts_usec = now + static_cast<std::uint64_t>(i) * spec.spacing_usec;
        tx.kind = FrameKind::Attack;
        tx.sender = Sender::Attacker;
        tx.ap = 0;
        tx.step = static_cast<std::uint8_t>(i);
        tx.value = static_cast<std::uint32_t>(attack);
        tx.session = burst;
        const AttackFrame where{world_, target, burst, i, 0, tx.ts_usec, 0};
        tx.channel = spec.channel ? spec.channel(where) : target.channel;
        transmit(tx);
    }
    if (spec.period_usec > 0) push({now + spec.period_usec, 0, EventType::AttackWake, attack, burst + 1, {}});
}

void Timeline::ble_event(EventType type, int who, std::uint32_t event, std::uint64_t now)
{
    const bool drone = type == EventType::DroneBleWake;
    const std::size_t index = static_cast<std::size_t>(who);
    const BleAdvertiser* advertiser = drone ? nullptr : &world_.ble_advertisers[index];
    Transmission tx;
    tx.kind = drone ? FrameKind::RemoteIdBle : FrameKind::BleAdvertisement;
    tx.sender = Sender::Ble;
    tx.value = static_cast<std::uint32_t>(who);
    tx.session = event;
    for (int i = 0; i < 3; ++i) {
        tx.ts_usec = now + static_cast<std::uint64_t>(i) * kBleChannelSpacingUsec;
        tx.channel = 37 + i;
        transmit(tx);
    }
    if (advertiser != nullptr && !advertiser->scan_response_data.empty()) {
        // A phone nearby scans actively: the advertiser answers its SCAN_REQ on
        // channel 37 (the request itself is too faint for the sensor to hear).
        Transmission response = tx;
        response.kind = FrameKind::BleScanResponse;
        response.channel = 37;
        response.ts_usec = now + kBleChannelSpacingUsec / 2;
        transmit(response);
    }
    // advInterval plus advDelay, a pseudo-random 0-10 ms (Core spec Vol 6 Part B 4.4.2.2),
    // keyed by the event rather than drawn from prng_: the Wi-Fi world's draws stay as they were.
    const std::uint64_t interval = drone ? world_.drones[index].ble_interval_usec : advertiser->interval_usec;
    const std::uint64_t key = (std::uint64_t{index} << 33) | (drone ? 1ULL << 32 : 0) | event;
    const std::uint64_t delay = mix(world_.config.seed ^ 0x626c65, key) % 10'001; // "ble"
    push({now + interval + delay, 0, type, who, event + 1, {}});
}

std::uint16_t Timeline::next_seq(const Transmission& tx)
{
    std::size_t who = world_.aps.size() + world_.clients.size(); // the attacker
    if (tx.sender == Sender::Ap) who = static_cast<std::size_t>(tx.ap);
    else if (tx.sender == Sender::Drone) who = world_.aps.size() + world_.clients.size() + 1 + tx.value;
    else if (tx.sender == Sender::Client) who = world_.aps.size() + static_cast<std::size_t>(tx.client);
    const std::uint16_t seq = seq_[who];
    seq_[who] = static_cast<std::uint16_t>((seq + 1) & 0x0fff);
    return seq;
}

} // namespace airsight::sim
