// Everything the world transmits, on every channel, in time order.
// It runs whether or not a radio listens, so what happens on one channel
// never depends on how a radio was tuned: same seed, same air.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_TIMELINE_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_TIMELINE_H

#include "client_script.h"
#include "event_sink.h"
#include "prng.h"
#include "transmission.h"
#include "world.h"

#include <cstdint>
#include <vector>

namespace airsight::sim {

class Timeline final : private EventSink {
public:
    explicit Timeline(const World& world);
    Timeline(const Timeline&) = delete;
    Timeline& operator=(const Timeline&) = delete;

    /// When the next transmission happens (handles wake-ups due before it).
    std::uint64_t peek_time();
    /// Takes the next transmission, with its sequence number; valid until the next call.
    const Transmission& pop();

private:
    enum class EventType : std::uint8_t { Transmit, ClientWake, FloodWake, AttackWake, BleWake, DroneBleWake };
    struct Event {
        std::uint64_t t;
        std::uint64_t order; // insertion order breaks ties, so equal times stay deterministic
        EventType type;
        int who;         // the client, attack, BLE advertiser or drone the wake-up is for
        std::uint32_t burst; // AttackWake: which burst is due; BLE wake-ups: which advertising event
        Transmission tx;
    };

    void transmit(const Transmission& tx) override;
    void wake_client(int client, std::uint64_t at_usec) override;
    void push(Event e);
    Event take();
    void run_due_wakeups();
    void flood_burst(std::uint64_t now);
    void attack_burst(int attack, std::uint32_t burst, std::uint64_t now);
    /// One advertising event (a PDU on each of 37, 38, 39), then the next event's wake-up.
    void ble_event(EventType type, int who, std::uint32_t event, std::uint64_t now);
    std::uint16_t next_seq(const Transmission& tx);

    const World& world_;
    ClientScript clients_;
    Prng prng_;
    std::vector<Event> heap_;
    std::uint64_t order_ = 0;
    std::vector<std::uint16_t> seq_; // per transmitter
    Transmission current_;
};

} // namespace airsight::sim

#endif
