#include "logging/packet_batch.h"

namespace airsight::core {

void PacketBatch::append(const Packet& p, std::uint64_t id, std::string_view source_uuid, std::string_view phy_name)
{
    Record& r = records_.emplace_back();
    r.offset = frames_.size();
    r.size = p.data.size();
    frames_.insert(frames_.end(), p.data.begin(), p.data.end());
    LoggedPacket& l = r.packet;
    l.id = id;
    l.ts_sec = p.ts_sec;
    l.ts_usec = p.ts_usec;
    l.dlt = p.dlt;
    l.original_length = p.original_length;
    l.source_number = p.source_number;
    l.source_uuid = source_uuid;
    l.phy_name = phy_name;
    l.addresses = p.addresses;
    l.kind = p.kind;
    l.radio = p.radio;
    if (p.location && p.location->valid()) l.location = *p.location;
    l.error = p.error;
    l.duplicate = p.duplicate;
}

LoggedPacket PacketBatch::at(std::size_t i) const
{
    const Record& r = records_[i];
    LoggedPacket l = r.packet;
    l.data = std::span<const std::uint8_t>(frames_.data() + r.offset, r.size);
    return l;
}

void PacketBatch::clear()
{
    frames_.clear();
    records_.clear();
}

void PacketBatch::release()
{
    std::vector<std::uint8_t>().swap(frames_);
    std::vector<Record>().swap(records_);
}

} // namespace airsight::core
