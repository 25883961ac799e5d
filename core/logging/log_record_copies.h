// What the manager queues for a log's writer thread: a packet copied once
// from the chain (shared by every open log that wants packets, refcounted)
// and the other records by value.
#ifndef AIRSIGHT_CORE_LOGGING_LOG_RECORD_COPIES_H
#define AIRSIGHT_CORE_LOGGING_LOG_RECORD_COPIES_H

#include <airsight/logging.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace airsight::core {

/// A packet that outlives its trip through the chain; view() is what a
/// LogFile is given.
/// A name many packets share (a source's UUID, a PHY's name): one string,
/// not one allocation per packet. Never null.
using SharedName = std::shared_ptr<const std::string>;

struct PacketCopy {
    std::vector<std::uint8_t> frame;
    SharedName source_uuid;
    SharedName phy_name;
    LoggedPacket packet; // its views point into the members above: see view()

    /// Copies `p`'s frame and names (no views into the chain's buffers are kept).
    static std::shared_ptr<const PacketCopy> make(const Packet& p, std::uint64_t id, SharedName source_uuid,
                                                  SharedName phy_name);
    /// How many queue bytes it costs (its frame and its bookkeeping).
    std::size_t cost() const { return frame.size() + sizeof(PacketCopy); }
    LoggedPacket view() const;
};

/// One call a writer thread makes on its LogFile.
using LogItem = std::variant<std::shared_ptr<const PacketCopy>, std::vector<LoggedDevice>, LoggedAlert,
                             LoggedMessage, LoggedSource, LoggedSnapshot>;

} // namespace airsight::core

#endif
