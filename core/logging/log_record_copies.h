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
struct PacketCopy {
    std::vector<std::uint8_t> frame;
    std::string source_uuid;
    std::string phy_name;
    LoggedPacket packet; // its views point into the members above: see view()

    /// Copies `p`'s frame and names (no views into the chain's buffers are kept).
    static std::shared_ptr<const PacketCopy> make(const Packet& p, std::uint64_t id, std::string source_uuid,
                                                  std::string phy_name);
    /// How many queue bytes it costs (its frame and its bookkeeping).
    std::size_t cost() const { return frame.size() + sizeof(PacketCopy) + source_uuid.size() + phy_name.size(); }
    LoggedPacket view() const;
};

/// One call a writer thread makes on its LogFile.
using LogItem = std::variant<std::shared_ptr<const PacketCopy>, std::vector<LoggedDevice>, LoggedAlert,
                             LoggedMessage, LoggedSource, LoggedSnapshot>;

} // namespace airsight::core

#endif
