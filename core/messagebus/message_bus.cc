#include "messagebus/message_bus.h"

#include <chrono>
#include <cstdio>

namespace airsight::core {

MessageBusImpl::MessageBusImpl(std::size_t backlog, Echo echo) : backlog_(backlog), echo_(std::move(echo)) {}

void MessageBusImpl::post(std::string_view text, int flags)
{
    Message m;
    m.text = std::string(text);
    m.flags = flags;
    m.time = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    {
        std::lock_guard lock(mutex_);
        m.sequence = next_sequence_++;
        messages_.push_back(m);
        while (messages_.size() > backlog_) messages_.pop_front();
    }
    if (echo_) echo_(m);
    subscribers_.notify(m);
}

std::vector<Message> MessageBusImpl::recent() const
{
    std::lock_guard lock(mutex_);
    return {messages_.begin(), messages_.end()};
}

std::vector<Message> MessageBusImpl::since(std::uint64_t since) const
{
    std::lock_guard lock(mutex_);
    std::vector<Message> out;
    for (const Message& m : messages_)
        if (m.time > since) out.push_back(m);
    return out;
}

void print_message(const Message& m)
{
    const char* level = (m.flags & MSG_FATAL)   ? "FATAL"
                        : (m.flags & MSG_ERROR) ? "ERROR"
                        : (m.flags & MSG_ALERT) ? "ALERT"
                        : (m.flags & MSG_DEBUG) ? "DEBUG"
                                                : "INFO";
    std::fprintf(stderr, "%s: %s\n", level, m.text.c_str());
    std::fflush(stderr);
}

} // namespace airsight::core
