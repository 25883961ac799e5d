#include "eventbus/event_bus.h"

#include <mutex>
#include <stdexcept>

namespace airsight::core {

void EventBusImpl::declare_topic(std::string topic, std::string description)
{
    std::unique_lock lock(mutex_);
    auto& entry = topics_[std::move(topic)];
    if (entry.description.empty()) entry.description = std::move(description);
}

bool EventBusImpl::known(std::string_view topic) const
{
    std::shared_lock lock(mutex_);
    return topics_.find(topic) != topics_.end();
}

bool EventBusImpl::wanted(std::string_view topic) const
{
    if (subscriptions_.load(std::memory_order_relaxed) == 0) return false;
    std::shared_lock lock(mutex_);
    auto it = topics_.find(topic);
    return it != topics_.end() && !it->second.listeners.empty();
}

void EventBusImpl::publish(std::string_view topic, Value content)
{
    if (subscriptions_.load(std::memory_order_relaxed) == 0) return;
    if (content.kind() != Value::Kind::Map)
        throw std::invalid_argument("event content for " + std::string(topic) + " must be a map");
    const auto shared = std::make_shared<const Value>(std::move(content));
    // Listeners run under the shared lock: unsubscribe() waits for them, so a
    // session is never called after it unsubscribed. They only queue.
    std::shared_lock lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    for (const auto& [id, listener] : it->second.listeners) (*listener)(topic, shared);
}

std::vector<std::pair<std::string, std::string>> EventBusImpl::topics() const
{
    std::shared_lock lock(mutex_);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, topic] : topics_) out.emplace_back(name, topic.description);
    return out;
}

std::uint64_t EventBusImpl::subscribe(std::string_view topic, Listener listener)
{
    std::unique_lock lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) throw std::invalid_argument("unknown event topic '" + std::string(topic) + "'");
    const std::uint64_t id = next_id_++;
    it->second.listeners.emplace_back(id, std::make_shared<const Listener>(std::move(listener)));
    subscriptions_.fetch_add(1, std::memory_order_relaxed);
    return id;
}

void EventBusImpl::unsubscribe(std::uint64_t id)
{
    std::unique_lock lock(mutex_);
    for (auto& [name, topic] : topics_) {
        const auto removed = std::erase_if(topic.listeners, [id](const auto& l) { return l.first == id; });
        if (removed) subscriptions_.fetch_sub(removed, std::memory_order_relaxed);
    }
}

} // namespace airsight::core
