// What clients do: scan, join (authenticate, associate, 802.1X, 4-way
// handshake), exchange data, doze, roam and leave. Each wake-up decides the
// next burst of frames at once and when to wake again.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_CLIENT_SCRIPT_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_CLIENT_SCRIPT_H

#include "event_sink.h"
#include "prng.h"
#include "world.h"

#include <cstdint>
#include <vector>

namespace airsight::sim {

class ClientScript {
public:
    explicit ClientScript(const World& world);

    /// Schedules every client's first wake-up.
    void start(EventSink& sink);
    void wake(int client, std::uint64_t now_usec, EventSink& sink);

private:
    struct State {
        bool associated = false;
        bool dozing = false;       // told the AP it is in power save
        int ap = -1;               // the AP it is associated with
        std::uint32_t session = 0; // connections so far
        std::uint64_t replay = 0;  // EAPOL-Key replay counter of the current AP
        std::uint64_t session_end_usec = 0;
        std::uint16_t ping_seq = 0;
    };
    class Burst;

    std::uint64_t scan(int client, std::uint64_t t, EventSink& sink);
    std::uint64_t join(int client, int ap, std::uint64_t t, bool roaming, EventSink& sink);
    std::uint64_t exchange_data(int client, std::uint64_t t, EventSink& sink);
    std::uint64_t leave(int client, std::uint64_t t, EventSink& sink);

    const World& world_;
    Prng prng_;
    std::vector<State> states_;
};

} // namespace airsight::sim

#endif
