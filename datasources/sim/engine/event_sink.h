// Where scripted behaviour puts what it decides: frames to send and wake-ups.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_EVENT_SINK_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_EVENT_SINK_H

#include "transmission.h"

#include <cstdint>

namespace airsight::sim {

class EventSink {
public:
    /// Queues a frame for tx.ts_usec, which must not be earlier than the event being handled.
    virtual void transmit(const Transmission& tx) = 0;
    /// Asks for ClientScript::wake(client, ...) at `at_usec`.
    virtual void wake_client(int client, std::uint64_t at_usec) = 0;

protected:
    ~EventSink() = default;
};

} // namespace airsight::sim

#endif
