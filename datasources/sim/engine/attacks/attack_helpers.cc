// Header writers shared by the attack builders.
#include "engine/attacks/attack.h"

namespace airsight::sim {

void attack_mgmt_header(ByteSink& out, std::uint8_t subtype, const AttackFrame& frame, const MacAddr& a1,
                        const MacAddr& a2, const MacAddr& a3, bool is_protected)
{
    out.u8(static_cast<std::uint8_t>((subtype & 0x0f) << 4)); // type 0: management
    out.u8(is_protected ? 0x40 : 0x00);
    out.le16(a1.is_broadcast() ? 0 : 314); // the NAV of a unicast frame at 1 Mb/s
    out.mac(a1);
    out.mac(a2);
    out.mac(a3);
    out.le16(static_cast<std::uint16_t>(frame.seq << 4)); // fragment 0
}

void attack_data_header(ByteSink& out, const AttackFrame& frame, bool to_ds, bool from_ds, const MacAddr& a1,
                        const MacAddr& a2, const MacAddr& a3, bool is_protected, bool qos)
{
    out.u8(qos ? 0x88 : 0x08); // type 2: data; subtype 8: QoS data
    std::uint8_t flags = 0;
    if (to_ds) flags |= 0x01;
    if (from_ds) flags |= 0x02;
    if (is_protected) flags |= 0x40;
    out.u8(flags);
    out.le16(a1.is_broadcast() ? 0 : 44);
    out.mac(a1);
    out.mac(a2);
    out.mac(a3);
    out.le16(static_cast<std::uint16_t>(frame.seq << 4));
    if (qos) out.le16(0);
}

} // namespace airsight::sim
