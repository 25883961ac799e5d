#include "mgmt.h"

namespace airsight::dot11 {

namespace {

// Authentication algorithms whose body continues with ordinary IEs
// (SAE and FILS carry their own structures there).
bool auth_has_ies(std::uint16_t algorithm)
{
    return algorithm == static_cast<std::uint16_t>(AuthAlgorithm::open) ||
           algorithm == static_cast<std::uint16_t>(AuthAlgorithm::shared_key) ||
           algorithm == static_cast<std::uint16_t>(AuthAlgorithm::fast_transition);
}

} // namespace

MgmtFields parse_mgmt_body(std::uint8_t subtype, Bytes body)
{
    MgmtFields m;
    Cursor c(body);
    bool has_ies = true;
    switch (subtype) {
    case mgmt_subtype::beacon:
    case mgmt_subtype::probe_resp:
        m.timestamp = c.le64();
        m.beacon_interval = c.le16();
        m.capability = Capability{c.le16()};
        break;
    case mgmt_subtype::assoc_req:
        m.capability = Capability{c.le16()};
        m.listen_interval = c.le16();
        break;
    case mgmt_subtype::reassoc_req: {
        m.capability = Capability{c.le16()};
        m.listen_interval = c.le16();
        const Bytes ap = c.take(6);
        if (!c.failed()) m.current_ap = MacAddr::from_bytes(ap.data());
        break;
    }
    case mgmt_subtype::assoc_resp:
    case mgmt_subtype::reassoc_resp:
        m.capability = Capability{c.le16()};
        m.status_code = c.le16();
        m.association_id = c.le16() & 0x3fff;
        break;
    case mgmt_subtype::probe_req: break;
    case mgmt_subtype::disassoc:
    case mgmt_subtype::deauth:
        m.reason_code = c.le16();
        has_ies = false;
        break;
    case mgmt_subtype::auth: {
        AuthFields a;
        a.algorithm = c.le16();
        a.sequence = c.le16();
        a.status = c.le16();
        m.auth = a;
        has_ies = auth_has_ies(a.algorithm);
        break;
    }
    case mgmt_subtype::action:
    case mgmt_subtype::action_no_ack:
        m.action_category = c.u8();
        m.action_code = c.u8();
        has_ies = false;
        break;
    default: has_ies = false; break;
    }

    if (c.failed()) {
        // Keep nothing half-read: a short body has no trustworthy fixed fields.
        MgmtFields truncated;
        truncated.truncated = true;
        return truncated;
    }
    if (has_ies) {
        m.ie_offset = c.offset();
        m.ies = c.rest();
    }
    return m;
}

} // namespace airsight::dot11
