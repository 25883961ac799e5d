// Packets queued for one log, laid out so that queueing allocates nothing
// once the batch has grown to its working size: the frames back to back in
// one byte buffer, their records in one vector. A LogWriter fills one batch
// while its thread writes the other, then swaps them (clear() keeps the
// memory), so the capture thread neither allocates nor frees per packet and
// never touches memory the writer thread frees.
#ifndef AIRSIGHT_CORE_LOGGING_PACKET_BATCH_H
#define AIRSIGHT_CORE_LOGGING_PACKET_BATCH_H

#include <airsight/logging.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace airsight::core {

class PacketBatch {
public:
    /// What a queued packet costs against the queue's bound besides its frame.
    static constexpr std::size_t kRecordBytes = sizeof(LoggedPacket) + 2 * sizeof(std::size_t);

    /// Copies `p`'s frame and facts. `source_uuid` and `phy_name` are not
    /// copied: they must outlive the batch (the manager's name tables do).
    void append(const Packet& p, std::uint64_t id, std::string_view source_uuid, std::string_view phy_name);

    std::size_t size() const { return records_.size(); }
    bool empty() const { return records_.empty(); }
    /// Frame bytes plus kRecordBytes per packet: what the queue bound counts.
    std::size_t bytes() const { return frames_.size() + records_.size() * kRecordBytes; }
    /// The i-th packet; its data view is valid until the batch changes.
    LoggedPacket at(std::size_t i) const;
    /// Forgets the packets and keeps the memory for the next fill.
    void clear();
    /// Gives the memory back (a closed log's batches).
    void release();

private:
    struct Record {
        LoggedPacket packet; // data empty: the frame is frames_[offset, offset + size)
        std::size_t offset = 0, size = 0;
    };
    std::vector<std::uint8_t> frames_;
    std::vector<Record> records_;
};

} // namespace airsight::core

#endif
