#include "logging/log_record_copies.h"

namespace airsight::core {

std::shared_ptr<const PacketCopy> PacketCopy::make(const Packet& p, std::uint64_t id, SharedName source_uuid,
                                                   SharedName phy_name)
{
    auto copy = std::make_shared<PacketCopy>();
    copy->frame.assign(p.data.begin(), p.data.end());
    copy->source_uuid = std::move(source_uuid);
    copy->phy_name = std::move(phy_name);
    LoggedPacket& l = copy->packet;
    l.id = id;
    l.ts_sec = p.ts_sec;
    l.ts_usec = p.ts_usec;
    l.dlt = p.dlt;
    l.original_length = p.original_length;
    l.source_number = p.source_number;
    l.addresses = p.addresses;
    l.radio = p.radio;
    if (p.location && p.location->valid()) l.location = *p.location;
    l.error = p.error;
    l.duplicate = p.duplicate;
    return copy;
}

LoggedPacket PacketCopy::view() const
{
    LoggedPacket l = packet;
    l.data = frame;
    l.source_uuid = *source_uuid;
    l.phy_name = *phy_name;
    return l;
}

} // namespace airsight::core
