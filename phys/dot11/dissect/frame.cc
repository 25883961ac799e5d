#include "frame.h"

namespace airsight::dot11 {

namespace {

constexpr std::size_t mac_header_3addr = 24;
constexpr std::uint16_t qos_mesh_control_present = 0x0100;

FrameControl decode_frame_control(std::uint16_t raw)
{
    FrameControl fc;
    fc.version = raw & 0x03;
    fc.type = static_cast<FrameType>((raw >> 2) & 0x03);
    fc.subtype = (raw >> 4) & 0x0f;
    fc.to_ds = raw & 0x0100;
    fc.from_ds = raw & 0x0200;
    fc.more_fragments = raw & 0x0400;
    fc.retry = raw & 0x0800;
    fc.power_management = raw & 0x1000;
    fc.more_data = raw & 0x2000;
    fc.protected_frame = raw & 0x4000;
    fc.order = raw & 0x8000;
    return fc;
}

// Kismet's direction from the DS bits; management frames override it.
Distribution ds_distribution(const FrameControl& fc)
{
    if (fc.to_ds && fc.from_ds) return Distribution::inter_ds;
    if (fc.to_ds) return Distribution::to_ds;
    if (fc.from_ds) return Distribution::from_ds;
    return Distribution::adhoc;
}

Frame failed(Frame f, std::string_view why)
{
    f.ok = false;
    f.error = why;
    return f;
}

void read_addresses(Frame& f, Bytes bytes, std::uint8_t count)
{
    static constexpr std::size_t offsets[4] = {4, 10, 16, 24};
    f.address_count = count;
    for (std::uint8_t i = 0; i < count; ++i) f.addr[i] = MacAddr::from_bytes(bytes.data() + offsets[i]);
}

void read_sequence(Frame& f, Bytes bytes)
{
    const std::uint16_t raw = load_le16(bytes.data() + 22);
    f.has_sequence = true;
    f.fragment = raw & 0x0f;
    f.sequence = raw >> 4;
}

// Control frames: ACK and CTS (and a few rare subtypes) carry only the RA.
Frame parse_control(Frame f, Bytes bytes)
{
    using namespace ctrl_subtype;
    const std::uint8_t subtype = f.fc.subtype;
    const bool one_address = subtype == ack || subtype == cts || subtype == control_extension ||
                             subtype == control_wrapper || subtype < trigger || subtype == 3;
    const std::size_t header = subtype == control_wrapper ? 16 : one_address ? 10 : 16;

    // Kismet needs the second address only for these subtypes (and marks them corrupt without it).
    const bool kismet_needs_two =
        subtype == ndp_announcement || subtype == block_ack_req || subtype == block_ack || subtype == rts;
    if (bytes.size() < header) {
        read_addresses(f, bytes, 1);
        f.kismet_corrupt = kismet_needs_two;
        return failed(f, "control frame shorter than its header");
    }
    read_addresses(f, bytes, one_address ? 1 : 2);
    f.distribution = ds_distribution(f.fc);
    if (subtype == control_wrapper) f.ht_control = load_le32(bytes.data() + 12);
    f.header_length = header;
    f.body = bytes.subspan(header);

    // Kismet's roles for control frames, quirks included (BA reversed, PS-Poll as source).
    Roles& r = f.roles;
    switch (subtype) {
    case ndp_announcement:
    case block_ack_req:
    case rts:
        r.dest = f.addr[0];
        r.source = f.addr[1];
        break;
    case block_ack:
        r.source = f.addr[0];
        r.dest = f.addr[1];
        break;
    case ps_poll:
        r.source = f.addr[0];
        r.bssid = f.addr[0];
        break;
    case cts:
    case ack:
        r.dest = f.addr[0];
        r.source = f.addr[0];
        break;
    default: break;
    }
    f.ok = true;
    return f;
}

Frame parse_management(Frame f, Bytes bytes, bool header_padded)
{
    if (bytes.size() < mac_header_3addr) {
        f.kismet_corrupt = true;
        return failed(f, "management frame shorter than 24 bytes");
    }
    read_addresses(f, bytes, 3);
    read_sequence(f, bytes);
    std::size_t header = mac_header_3addr;
    if (f.fc.order) {
        // +HTC: an HT Control field follows the sequence control.
        if (bytes.size() < header + 4) return failed(f, "management frame shorter than its HT control field");
        f.ht_control = load_le32(bytes.data() + header);
        header += 4;
    }
    if (header_padded) header = (header + 3) & ~std::size_t{3};
    if (bytes.size() < header) return failed(f, "management frame shorter than its padded header");
    f.header_length = header;
    f.body = bytes.subspan(header);

    f.roles.dest = f.addr[0];
    f.roles.source = f.addr[1];
    f.roles.bssid = f.addr[2];

    using namespace mgmt_subtype;
    const std::uint8_t subtype = f.fc.subtype;
    // Kismet's minimum lengths for management subtypes it dissects.
    const bool needs_36 = subtype == assoc_req || subtype == assoc_resp || subtype == reassoc_req ||
                          subtype == probe_resp || subtype == beacon || subtype == atim;
    const bool needs_30 = subtype == action || subtype == action_no_ack;
    if ((needs_36 && bytes.size() < 36) || (needs_30 && bytes.size() < 30)) f.kismet_corrupt = true;

    if (!f.fc.protected_frame) f.mgmt = parse_mgmt_body(subtype, f.body);

    if (subtype == probe_req) {
        f.distribution = Distribution::to_ds;
    } else if (f.mgmt.capability && (subtype == beacon || subtype == probe_resp) && !f.mgmt.capability->ess() &&
               f.mgmt.capability->ibss()) {
        f.distribution = Distribution::adhoc;
    }
    f.ok = true;
    return f;
}

// 802.11s: Mesh Control present bit in QoS control, on frames a mesh STA sends.
void parse_mesh_control(Frame& f)
{
    if (!f.qos_control || !(*f.qos_control & qos_mesh_control_present) || !f.fc.from_ds) return;
    if (f.body.empty()) return;
    const std::uint8_t flags = f.body[0];
    const unsigned address_extension = flags & 0x03;
    if ((flags & 0xfc) != 0 || address_extension == 3) return;  // not a mesh control field
    const std::size_t length = 6 + 6 * address_extension;
    if (f.body.size() < length) return;
    MeshControl m;
    m.flags = flags;
    m.ttl = f.body[1];
    m.sequence = load_le32(f.body.data() + 2);
    m.extra_addresses = static_cast<std::uint8_t>(address_extension);
    for (unsigned i = 0; i < address_extension; ++i) m.addresses[i] = MacAddr::from_bytes(f.body.data() + 6 + 6 * i);
    f.mesh = m;
}

// LLC/SNAP (RFC 1042 or 802.1H bridge tunnel) in front of an unprotected payload.
void parse_llc(Frame& f)
{
    const Bytes payload = f.mesh ? f.body.subspan(6 + 6 * f.mesh->extra_addresses) : f.body;
    if (payload.size() < 8 || payload[0] != 0xaa || payload[1] != 0xaa || payload[2] != 0x03) return;
    const std::uint32_t oui = load_oui(payload.data() + 3);
    if (oui != 0x000000 && oui != 0x0000f8) return;
    f.ethertype = load_be16(payload.data() + 6);
    f.llc_payload = payload.subspan(8);
    if (*f.ethertype == ethertype_eapol) f.eapol = parse_eapol(f.llc_payload);
}

Frame parse_data(Frame f, Bytes bytes, bool header_padded)
{
    const bool four_address = f.fc.to_ds && f.fc.from_ds;
    std::size_t header = mac_header_3addr + (four_address ? 6 : 0);
    if (bytes.size() < header) {
        f.kismet_corrupt = true;
        return failed(f, four_address ? "4-address data frame shorter than 30 bytes" : "data frame shorter than 24 bytes");
    }
    read_addresses(f, bytes, four_address ? 4 : 3);
    read_sequence(f, bytes);
    if (f.fc.subtype & 0x08) {
        if (bytes.size() < header + 2) return failed(f, "QoS data frame shorter than its QoS control field");
        f.qos_control = load_le16(bytes.data() + header);
        header += 2;
        if (f.fc.order) {
            if (bytes.size() < header + 4) return failed(f, "QoS data frame shorter than its HT control field");
            f.ht_control = load_le32(bytes.data() + header);
            header += 4;
        }
    }
    if (header_padded) header = (header + 3) & ~std::size_t{3};
    if (bytes.size() < header) return failed(f, "data frame shorter than its padded header");
    f.header_length = header;
    f.body = bytes.subspan(header);
    // Kismet rejects the reserved subtype 13 and the odd CF-Ack+CF-Poll (7).
    if (f.fc.subtype == 7 || f.fc.subtype == 13) f.kismet_corrupt = true;

    Roles& r = f.roles;
    f.distribution = ds_distribution(f.fc);
    switch (f.distribution) {
    case Distribution::adhoc:  // DA SA BSSID; Kismet falls back to SA for a zero BSSID
        r.dest = f.addr[0];
        r.source = f.addr[1];
        r.bssid = f.addr[2].is_zero() ? f.addr[1] : f.addr[2];
        break;
    case Distribution::from_ds:  // DA BSSID SA
        r.dest = f.addr[0];
        r.bssid = f.addr[1];
        r.source = f.addr[2];
        break;
    case Distribution::to_ds:  // BSSID SA DA
        r.bssid = f.addr[0];
        r.source = f.addr[1];
        r.dest = f.addr[2];
        break;
    default:  // WDS: RA TA DA SA, no BSSID
        r.receiver = f.addr[0];
        r.transmitter = f.addr[1];
        r.dest = f.addr[2];
        r.source = f.addr[3];
        break;
    }

    if (f.carries_data() && !f.fc.protected_frame) {
        parse_mesh_control(f);
        parse_llc(f);
    }
    f.ok = true;
    return f;
}

} // namespace

Frame parse_frame(Bytes bytes, bool header_padded)
{
    Frame f;
    if (bytes.size() < 10) {
        f.kismet_corrupt = true;
        return failed(f, "frame shorter than 10 bytes");
    }
    f.fc = decode_frame_control(load_le16(bytes.data()));
    f.duration = load_le16(bytes.data() + 2);

    switch (f.fc.type) {
    case FrameType::control: return parse_control(f, bytes);
    case FrameType::management: return parse_management(f, bytes, header_padded);
    case FrameType::data: return parse_data(f, bytes, header_padded);
    case FrameType::extension: break;
    }
    // Extension frames (DMG beacons, S1G): only the first address is common to all.
    read_addresses(f, bytes, 1);
    f.header_length = 10;
    f.body = bytes.subspan(10);
    f.ok = true;
    return f;
}

} // namespace airsight::dot11
