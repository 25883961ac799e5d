#include "phy/uav_sighting.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace airsight::uav {

namespace {

constexpr std::array<std::uint8_t, 6> kOdidServiceId{0x88, 0x69, 0x19, 0x9d, 0x92, 0x09};
constexpr std::uint8_t kNanServiceDescriptor = 0x03;
constexpr std::uint8_t kPublicAction = 4, kVendorSpecific = 9;

void count(UavSighting& s, unsigned truncated, unsigned impossible, unsigned unknown)
{
    s.truncated += truncated;
    s.impossible += impossible;
    s.unknown += unknown;
}

void add_remote_id(UavSighting& s, RemoteIdCarrier carrier, RidReport report)
{
    count(s, report.problems.truncated, report.problems.impossible, report.problems.unknown_type);
    if (report.messages == 0) return;
    s.carrier = carrier;
    s.remote_id = std::move(report);
}

// A Service Descriptor Attribute: service ID (6), instance, requestor instance,
// control; then, by control bits, binding bitmap (bit 6), matching filter
// (bit 2), service response filter (bit 3), service info (bit 4).
std::optional<Bytes> service_info(Bytes sda, unsigned& truncated)
{
    if (sda.size() < 9) {
        ++truncated;
        return std::nullopt;
    }
    if (!std::equal(kOdidServiceId.begin(), kOdidServiceId.end(), sda.begin())) return std::nullopt;
    const std::uint8_t control = sda[8];
    std::size_t at = 9;
    const auto skip_counted = [&]() {
        if (at >= sda.size()) return false;
        at += 1 + sda[at];
        return at <= sda.size();
    };
    if (control & 0x40) at += 2;
    if ((control & 0x04) && !skip_counted()) return ++truncated, std::nullopt;
    if ((control & 0x08) && !skip_counted()) return ++truncated, std::nullopt;
    if (!(control & 0x10)) return std::nullopt;
    if (at >= sda.size() || at + 1 + sda[at] > sda.size()) return ++truncated, std::nullopt;
    return sda.subspan(at + 1, sda[at]);
}

void set_location(GpsFix& l, double lat, double lon, std::optional<double> alt, std::int64_t sec,
                  std::uint32_t usec)
{
    l.lat = lat;
    l.lon = lon;
    l.alt = alt.value_or(0);
    l.fix = alt ? 3 : 2;
    l.time_sec = sec;
    l.time_usec = usec;
}

void apply_remote_id(const RidReport& r, RemoteIdCarrier carrier, UavDevice& dev, std::int64_t sec,
                     std::uint32_t usec)
{
    dev.match_type = std::string(carrier_match_type(carrier));
    dev.protocol_version = r.protocol_version;
    if (const RidBasicId* b = r.serial_basic_id()) {
        if (!b->uas_id.empty()) dev.serial = b->uas_id;
        dev.id_type = b->id_type;
        dev.ua_type = b->ua_type;
        if (dev.model.empty() && b->ua_type != 0) dev.model = std::string(rid_ua_type_name(b->ua_type));
    }
    if (r.location) {
        const RidLocation& l = *r.location;
        dev.status = l.status;
        if (l.lat && l.lon) {
            UavTelemetry t;
            set_location(t.location, *l.lat, *l.lon, l.altitude_geo ? l.altitude_geo : l.altitude_baro, sec, usec);
            const double speed = l.speed_horizontal.value_or(0);
            t.location.speed = speed * 3.6; // the triplet's speed is km/h
            t.location.heading = l.direction.value_or(0);
            if (l.direction && l.speed_horizontal) {
                constexpr double kRad = 3.14159265358979323846 / 180.0;
                t.v_north = speed * std::cos(*l.direction * kRad);
                t.v_east = speed * std::sin(*l.direction * kRad);
            }
            t.v_up = l.speed_vertical.value_or(0);
            t.height = l.height.value_or(0);
            t.yaw = l.direction.value_or(0);
            t.airborne = l.status == 2 || l.status == 3;
            t.motor_on = t.airborne;
            t.timestamp = static_cast<double>(sec) + usec / 1e6;
            dev.add_telemetry(t);
        }
    }
    if (r.system) {
        const RidSystem& s = *r.system;
        dev.operator_location_type = s.operator_location_type;
        if (s.operator_lat && s.operator_lon) {
            set_location(dev.app, *s.operator_lat, *s.operator_lon, s.operator_altitude_geo, sec, usec);
            // A take-off operator location is where the flight started: Kismet's home.
            if (s.operator_location_type == 0) dev.home = dev.app;
        }
    }
    if (r.operator_id) dev.operator_id = r.operator_id->operator_id;
    if (r.self_id) dev.self_id = r.self_id->description;
    for (const RidAuthPage& a : r.auth_pages) {
        dev.auth_type = a.auth_type;
        ++dev.auth_pages;
    }
}

void apply_dji(const DjiDroneId& d, UavDevice& dev, std::int64_t sec, std::uint32_t usec)
{
    if (d.broken_firmware) {
        dev.manufacturer = "DJI";
        dev.model = "(Broken firmware)";
        dev.match_type = "DroneID";
        return;
    }
    if (d.telemetry) {
        const DjiFlightTelemetry& f = *d.telemetry;
        if (f.serial) dev.serial = *f.serial;
        UavTelemetry t;
        if (f.lat && f.lon) set_location(t.location, *f.lat, *f.lon, f.altitude, sec, usec);
        t.yaw = f.yaw.value_or(0);
        t.pitch = f.pitch.value_or(0);
        t.roll = f.roll.value_or(0);
        t.v_north = f.v_north.value_or(0);
        t.v_east = f.v_east.value_or(0);
        t.v_up = f.v_up.value_or(0);
        t.height = f.height.value_or(0);
        t.motor_on = f.motor_on();
        t.airborne = f.airborne();
        t.timestamp = static_cast<double>(sec) + usec / 1e6;
        dev.add_telemetry(t);
        dev.match_type = "DroneID WiFi";
        if (dev.manufacturer.empty()) dev.manufacturer = "DJI";
        if (dev.model.empty() && f.product_type) dev.model = dji_product_name(*f.product_type);
        if (f.home_lat && f.home_lon) set_location(dev.home, *f.home_lat, *f.home_lon, std::nullopt, sec, usec);
        if (f.app_lat && f.app_lon) set_location(dev.app, *f.app_lat, *f.app_lon, std::nullopt, sec, usec);
    }
    if (d.user_entry) {
        dev.serial = d.user_entry->serial;
        dev.match_type = "DroneID WiFi";
        if (dev.manufacturer.empty()) dev.manufacturer = "DJI";
    }
}

} // namespace

std::optional<Bytes> nan_remote_id_service_info(Bytes body, unsigned& truncated)
{
    // OUI 50:6F:9A, type 0x13 (NAN), then attributes: id, 16-bit length, body.
    if (body.size() < 4 || body[0] != 0x50 || body[1] != 0x6f || body[2] != 0x9a || body[3] != kWfaNanType)
        return std::nullopt;
    Bytes rest = body.subspan(4);
    while (!rest.empty()) {
        if (rest.size() < 3) {
            ++truncated;
            return std::nullopt;
        }
        const std::uint8_t id = rest[0];
        const std::size_t length = load_le16(&rest[1]);
        if (rest.size() < 3 + length) {
            ++truncated;
            return std::nullopt;
        }
        if (id == kNanServiceDescriptor)
            if (auto info = service_info(rest.subspan(3, length), truncated)) return info;
        rest = rest.subspan(3 + length);
    }
    return std::nullopt;
}

UavSighting read_frame(const Ieee80211Frame& frame, const UavMatchers& matchers)
{
    UavSighting s;
    if (frame.kind == Ieee80211FrameKind::action) {
        if (frame.action_category != kPublicAction || frame.action_code != kVendorSpecific) return s;
        unsigned truncated = 0;
        const auto info = nan_remote_id_service_info(frame.action_body, truncated);
        s.truncated += truncated;
        if (info) add_remote_id(s, RemoteIdCarrier::nan, decode_remote_id_counted(*info));
        return s;
    }
    for (const Ieee80211VendorIe& ie : frame.vendor_ies()) {
        if (ie.oui == kAstmOui && ie.type == kAstmBeaconType && !s.remote_id) {
            add_remote_id(s, RemoteIdCarrier::beacon, decode_remote_id_counted(ie.payload));
        } else if (ie.oui == kDjiDroneIdOui && !s.dji) {
            DjiDroneId d = decode_dji_droneid(ie.payload);
            count(s, d.truncated, d.impossible, d.unknown);
            if (d.broken_firmware || d.telemetry || d.user_entry) s.dji = std::move(d);
        }
    }
    // Kismet matches the advertising AP only: a beacon or response from its BSSID.
    if (frame.transmitter == frame.bssid) {
        const std::string_view ssid(reinterpret_cast<const char*>(frame.ssid.data()), frame.ssid.size());
        s.rule = matchers.match(frame.bssid, ssid);
    }
    return s;
}

UavSighting read_advertisement(const BtleAdvertisement& advertisement)
{
    UavSighting s;
    for (const BtleServiceData16& sd : advertisement.service_data()) {
        if (sd.uuid != kAstmServiceUuid || s.remote_id) continue;
        if (sd.data.empty()) {
            ++s.truncated;
            continue;
        }
        if (sd.data[0] != kAstmAppCode) {
            ++s.unknown; // 0xFFFA is ASTM's: another application code is none we know
            continue;
        }
        const RemoteIdCarrier carrier = !advertisement.extended                   ? RemoteIdCarrier::ble_legacy
                                        : advertisement.radio == BtleRadio::le_coded ? RemoteIdCarrier::ble_long_range
                                                                                     : RemoteIdCarrier::ble_extended;
        add_remote_id(s, carrier, decode_remote_id_counted(sd.data.subspan(1)));
    }
    return s;
}

std::string_view carrier_match_type(RemoteIdCarrier carrier)
{
    switch (carrier) {
    case RemoteIdCarrier::beacon: return "Remote ID WiFi Beacon";
    case RemoteIdCarrier::nan: return "Remote ID WiFi NAN";
    case RemoteIdCarrier::ble_legacy: return "Remote ID Bluetooth Legacy";
    case RemoteIdCarrier::ble_extended: return "Remote ID Bluetooth 5";
    case RemoteIdCarrier::ble_long_range: return "Remote ID Bluetooth 5 Long Range";
    case RemoteIdCarrier::none: break;
    }
    return "";
}

void apply_sighting(const UavSighting& s, UavDevice& dev, std::int64_t sec, std::uint32_t usec,
                    std::string_view oui_manufacturer)
{
    dev.decode_errors += s.errors();
    if (s.rule) {
        if (!dev.matched_rule) {
            if (dev.manufacturer.empty()) dev.manufacturer = s.rule->manufacturer;
            if (dev.model.empty()) dev.model = s.rule->model;
        }
        dev.matched_rule = s.rule;
        dev.match_type = "UAV Fingerprint";
    }
    if (s.dji) apply_dji(*s.dji, dev, sec, usec);
    if (s.remote_id) {
        apply_remote_id(*s.remote_id, s.carrier, dev, sec, usec);
        if (dev.manufacturer.empty() && !oui_manufacturer.empty() && oui_manufacturer != "Unknown")
            dev.manufacturer = std::string(oui_manufacturer);
    }
}

std::string_view rid_ua_type_name(std::uint8_t ua_type)
{
    static constexpr std::array<std::string_view, 16> names{
        "None",           "Aeroplane",       "Helicopter or Multirotor", "Gyroplane",
        "Hybrid Lift",    "Ornithopter",     "Glider",                   "Kite",
        "Free Balloon",   "Captive Balloon", "Airship",                  "Free Fall or Parachute",
        "Rocket",         "Tethered Powered Aircraft", "Ground Obstacle", "Other"};
    return names[ua_type & 0x0f];
}

} // namespace airsight::uav
