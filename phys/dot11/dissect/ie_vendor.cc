// Vendor-specific IEs: the list of OUI/type pairs, plus WPA, WMM, WPS (all
// Microsoft OUI 00-50-F2) and the Wi-Fi Alliance OWE transition element.
#include "ie_parts.h"

#include <algorithm>

namespace airsight::dot11 {

namespace {

constexpr std::uint32_t oui_microsoft = 0x0050f2;
constexpr std::uint32_t oui_wifi_alliance = 0x506f9a;
constexpr std::uint8_t ms_type_wpa = 1, ms_type_wmm = 2, ms_type_wps = 4;
constexpr std::uint8_t wfa_type_p2p = 0x09, wfa_type_owe_transition = 0x1c;
constexpr std::uint8_t wmm_subtype_tspec = 2;
constexpr std::uint8_t p2p_attribute_notice_of_absence = 12;

// WPS attribute types (big-endian TLVs).
constexpr std::uint16_t wps_version = 0x104a, wps_state = 0x1044, wps_ap_setup_locked = 0x1057,
                        wps_config_methods = 0x1008, wps_device_name = 0x1011, wps_manufacturer = 0x1021,
                        wps_model_name = 0x1023, wps_model_number = 0x1024, wps_serial_number = 0x1042;

void apply_owe_transition(Bytes data, Ies& out)
{
    // BSSID(6), SSID length(1), SSID, then optional band/channel.
    Cursor c(data);
    const Bytes bssid = c.take(6);
    const std::uint8_t length = c.u8();
    const Bytes ssid = c.take(length);
    if (c.failed() || out.owe_transition) return;
    out.owe_transition = OweTransition{MacAddr::from_bytes(bssid.data()), ssid};
}

// P2P attributes (id, 16-bit little-endian length, body): only the longest
// Notice of Absence is of interest (rtlwifi overflowed on long ones).
void apply_p2p(Bytes data, Ies& out)
{
    Cursor c(data);
    while (!c.at_end()) {
        const std::uint8_t id = c.u8();
        const std::uint16_t length = c.le16();
        c.skip(length);
        if (c.failed()) return;
        if (id == p2p_attribute_notice_of_absence)
            out.extremes.longest_p2p_absence = std::max(out.extremes.longest_p2p_absence, length);
    }
}

} // namespace

std::uint32_t Wps::kismet_state_bits() const
{
    std::uint32_t bits = 0;
    if (state == 2) bits |= 1;
    if (state == 1) bits |= 2;
    if (ap_setup_locked) bits |= 4;
    return bits;
}

Wps parse_wps_ie(Bytes data)
{
    Wps wps;
    Cursor c(data);
    while (!c.at_end()) {
        const std::uint16_t type = c.be16();
        const std::uint16_t length = c.be16();
        const Bytes value = c.take(length);
        if (c.failed()) {
            wps.malformed = true;
            break;
        }
        switch (type) {
        case wps_version:
            if (!value.empty()) wps.version = value[0];
            break;
        case wps_state:
            if (!value.empty()) wps.state = value[0];
            break;
        case wps_ap_setup_locked:
            if (!value.empty()) wps.ap_setup_locked = value[0] != 0;
            break;
        case wps_config_methods:
            if (value.size() >= 2) wps.config_methods = load_be16(value.data());
            break;
        case wps_device_name: wps.device_name = value; break;
        case wps_manufacturer: wps.manufacturer = value; break;
        case wps_model_name: wps.model_name = value; break;
        case wps_model_number: wps.model_number = value; break;
        case wps_serial_number: wps.serial_number = value; break;
        default: break;
        }
    }
    return wps;
}

std::string_view apply_vendor_ie(std::uint8_t element_id, Bytes data, Ies& out)
{
    if (data.size() < 3) return "vendor IE shorter than its OUI";
    VendorIe v;
    v.element_id = element_id;
    v.oui = load_oui(data.data());
    v.type = data.size() > 3 ? data[3] : 0;
    v.data = data.subspan(3);
    if (out.vendor_count < Ies::vendor_capacity) {
        out.vendors[out.vendor_count++] = v;
    } else {
        out.vendor_overflow = true;
    }
    if (element_id != ie_id::vendor) return {};
    if (data.size() < 4) return "vendor IE shorter than its OUI and type";

    const Bytes payload = data.subspan(4);
    if (v.oui == oui_microsoft && v.type == ms_type_wpa) {
        if (out.wpa.present) return {};
        out.wpa = parse_wpa_ie(payload);
        if (out.wpa.malformed) return "WPA IE malformed";
    } else if (v.oui == oui_microsoft && v.type == ms_type_wmm) {
        if (payload.size() >= 3 && !out.wmm) out.wmm = Wmm{payload[0], payload[1], payload[2]};
        out.extremes.longest_wmm = std::max(out.extremes.longest_wmm, static_cast<std::uint8_t>(data.size()));
        if (!payload.empty() && payload[0] == wmm_subtype_tspec && out.extremes.wmm_tspec_count < 255)
            ++out.extremes.wmm_tspec_count;
    } else if (v.oui == oui_microsoft && v.type == ms_type_wps) {
        if (out.wps) return {};
        out.wps = parse_wps_ie(payload);
        if (out.wps->malformed) return "WPS IE malformed";
    } else if (v.oui == oui_wifi_alliance && v.type == wfa_type_owe_transition) {
        apply_owe_transition(payload, out);
    } else if (v.oui == oui_wifi_alliance && v.type == wfa_type_p2p) {
        apply_p2p(payload, out);
    }
    return {};
}

} // namespace airsight::dot11
