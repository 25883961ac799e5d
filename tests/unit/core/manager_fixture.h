// What the datasource manager's unit tests each need around it: a message
// bus that keeps what was said, a packet chain, the types and the manager.
// A test derives from ManagerFixture and adds its fake types in its
// constructor.
#ifndef AIRSIGHT_TESTS_UNIT_CORE_MANAGER_FIXTURE_H
#define AIRSIGHT_TESTS_UNIT_CORE_MANAGER_FIXTURE_H

#include "datasources/datasource_manager.h"
#include "messagebus/message_bus.h"

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace airsight::test {

/// True once `condition()` holds, polled for up to 5 seconds.
template <typename F> bool eventually(F&& condition)
{
    for (int i = 0; i < 500; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

struct ManagerFixture {
    explicit ManagerFixture(core::SourceDefaults defaults = {}) : manager{types, chain, bus, defaults} {}

    /// Some message on the bus contains `text`.
    bool said(const std::string& text)
    {
        std::lock_guard lock(messages_mutex);
        for (const auto& m : messages)
            if (m.find(text) != std::string::npos) return true;
        return false;
    }
    core::SourceSnapshot source(const std::string& uuid) { return *manager.find(uuid); }

    std::vector<std::string> messages;
    std::mutex messages_mutex;
    core::MessageBusImpl bus{50, [this](const core::Message& m) {
                                 std::lock_guard lock(messages_mutex);
                                 messages.push_back(m.text);
                             }};
    core::PacketChain chain{bus};
    core::DatasourceTypes types;
    core::DatasourceManager manager;
};

} // namespace airsight::test

#endif
