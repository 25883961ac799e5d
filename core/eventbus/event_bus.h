// Kismet's event bus: topics, their subscribers, and publishing to them.
//
// Publishing costs one relaxed atomic load while nobody subscribes to
// anything, and a shared lock and a map lookup while someone subscribes to
// something else; only a topic with subscribers has its content built
// (publishers ask wanted() first) and handed to each. Subscribers run on the
// publisher's thread and must only queue (the websocket sessions encode and
// queue a frame; a full queue closes that client, never blocks).
#ifndef AIRSIGHT_CORE_EVENTBUS_EVENT_BUS_H
#define AIRSIGHT_CORE_EVENTBUS_EVENT_BUS_H

#include <airsight/events.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace airsight::core {

class EventBusImpl : public EventBus {
public:
    /// Told of one event: its topic and content (a Map), shared by every subscriber.
    using Listener = std::function<void(std::string_view topic, const std::shared_ptr<const Value>& content)>;

    void declare_topic(std::string topic, std::string description) override;
    bool wanted(std::string_view topic) const override;
    void publish(std::string_view topic, Value content) override;

    bool known(std::string_view topic) const;
    /// Topic names and descriptions, sorted.
    std::vector<std::pair<std::string, std::string>> topics() const;
    /// Adds a listener to a declared topic (std::invalid_argument otherwise); returns its id.
    std::uint64_t subscribe(std::string_view topic, Listener listener);
    /// Removes a listener; returns once no call to it is running. Not from inside a listener.
    void unsubscribe(std::uint64_t id);

private:
    struct Topic {
        std::string description;
        std::vector<std::pair<std::uint64_t, std::shared_ptr<const Listener>>> listeners;
    };
    mutable std::shared_mutex mutex_;
    std::map<std::string, Topic, std::less<>> topics_;
    std::atomic<std::size_t> subscriptions_{0};
    std::uint64_t next_id_ = 1;
};

} // namespace airsight::core

#endif
