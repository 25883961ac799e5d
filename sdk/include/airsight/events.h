// airsight SDK: Kismet's event bus, the topics websocket clients of
// /eventbus/events.ws subscribe to (see docs/EVENTBUS.md for the topics and
// their content).
//
// A publisher names a topic and gives the content: a map from names to
// values, as Kismet's event content (usually one key, the topic itself, e.g.
// {"NEW_DEVICE": record}). Each subscriber gets the content as one JSON
// object, each value summarised by the fields it subscribed with. Publishing
// never waits for a client: each client has a bounded queue.
#ifndef AIRSIGHT_EVENTS_H
#define AIRSIGHT_EVENTS_H

#include <airsight/value.h>

#include <string>
#include <string_view>

namespace airsight {

class EventBus {
public:
    virtual ~EventBus() = default;
    /// Makes `topic` known, so clients may subscribe to it before its first
    /// event (a subscription to an unknown topic is refused). Thread-safe.
    virtual void declare_topic(std::string topic, std::string description) = 0;
    /// Whether anyone subscribes to `topic` now. One atomic load while
    /// nobody subscribes to anything: ask it before building the content of
    /// an event on the packet path.
    virtual bool wanted(std::string_view topic) const = 0;
    /// Publishes one event to the topic's subscribers (none: nothing done).
    /// `content` must be a Map. Thread-safe; call it outside any lock the
    /// device tracker holds (not inside an update callback).
    virtual void publish(std::string_view topic, Value content) = 0;
};

} // namespace airsight

#endif
