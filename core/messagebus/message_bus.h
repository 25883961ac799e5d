// The message bus: user-visible messages, kept in a short backlog for the
// REST API (/messagebus/...) and echoed to the log.
#ifndef AIRSIGHT_CORE_MESSAGEBUS_MESSAGE_BUS_H
#define AIRSIGHT_CORE_MESSAGEBUS_MESSAGE_BUS_H

#include "util/observers.h"

#include <airsight/host.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace airsight::core {

struct Message {
    std::string text;
    int flags = 0;          // airsight::MessageFlags bits
    std::uint64_t time = 0; // seconds since the epoch
    std::uint64_t sequence = 0;
};

class MessageBusImpl : public MessageBus {
public:
    /// Called for every message, e.g. to print it; runs under no lock.
    using Echo = std::function<void(const Message&)>;

    explicit MessageBusImpl(std::size_t backlog = 50, Echo echo = {});

    void post(std::string_view text, int flags) override;

    /// The backlog, oldest first.
    std::vector<Message> recent() const;
    /// Messages whose time is after `since` (seconds), oldest first.
    std::vector<Message> since(std::uint64_t since) const;

    /// Told of every message after it is kept and echoed (the logs' messages).
    Observers<Message>& subscribers() { return subscribers_; }

private:
    const std::size_t backlog_;
    Echo echo_;
    mutable std::mutex mutex_;
    std::deque<Message> messages_;
    std::uint64_t next_sequence_ = 1;
    Observers<Message> subscribers_;
};

/// Prints a message to stderr as "LEVEL: text" (the server's log line).
void print_message(const Message& m);

} // namespace airsight::core

#endif
