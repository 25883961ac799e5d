// Field layouts: ASTM F3411-22a tables (as opendroneid-core-c encodes them).
#include "decode/remote_id.h"

namespace airsight::uav {

namespace {

constexpr double kLatLonScale = 1e-7;

// Altitudes: 0.5 m steps from -1000 m; -1000 m (code 0) means unknown.
std::optional<double> altitude(const std::uint8_t* p)
{
    const std::uint16_t code = load_le16(p);
    if (code == 0) return std::nullopt;
    return code * 0.5 - 1000.0;
}

// A latitude/longitude pair: both 0 means unknown; out of range is impossible.
bool position(const std::uint8_t* lat_p, const std::uint8_t* lon_p, std::optional<double>& lat,
              std::optional<double>& lon, RidProblems& problems)
{
    const std::int32_t la = les32(lat_p), lo = les32(lon_p);
    if (la == 0 && lo == 0) return false;
    const double dlat = la * kLatLonScale, dlon = lo * kLatLonScale;
    if (dlat < -90 || dlat > 90 || dlon < -180 || dlon > 180) {
        ++problems.impossible;
        return false;
    }
    lat = dlat;
    lon = dlon;
    return true;
}

void basic_id(Bytes m, RidReport& r)
{
    RidBasicId b;
    b.id_type = m[1] >> 4;
    b.ua_type = m[1] & 0x0f;
    b.uas_id = printable(m.subspan(2, 20));
    r.basic_ids.push_back(std::move(b));
}

void location(Bytes m, RidReport& r)
{
    RidLocation l;
    const std::uint8_t flags = m[1];
    l.status = flags >> 4;
    l.height_above_ground = flags & 0x04;
    const bool east_west = flags & 0x02, speed_multiplier = flags & 0x01;
    // Direction: 0..179, plus 180 with the east/west bit; 361 (code 181 + bit) is unknown.
    const unsigned direction = m[2] + (east_west ? 180u : 0u);
    if (direction < 360)
        l.direction = direction;
    else if (direction != 361)
        ++r.problems.impossible;
    // Horizontal speed: 0.25 m/s steps, or 0.75 m/s steps above 63.75 m/s; 255 m/s (code 255 x3) is unknown.
    if (!(speed_multiplier && m[3] == 255))
        l.speed_horizontal = speed_multiplier ? m[3] * 0.75 + 255 * 0.25 : m[3] * 0.25;
    // Vertical speed: signed 0.5 m/s steps; 63 m/s (code 126) is unknown, past +-62 is impossible.
    const auto vertical = static_cast<std::int8_t>(m[4]);
    if (vertical == 126) {
    } else if (vertical > 124 || vertical < -124) {
        ++r.problems.impossible;
    } else {
        l.speed_vertical = vertical * 0.5;
    }
    position(&m[5], &m[9], l.lat, l.lon, r.problems);
    l.altitude_baro = altitude(&m[13]);
    l.altitude_geo = altitude(&m[15]);
    l.height = altitude(&m[17]);
    l.horizontal_accuracy = m[19] & 0x0f;
    l.vertical_accuracy = m[19] >> 4;
    l.speed_accuracy = m[20] & 0x0f;
    l.baro_accuracy = m[20] >> 4;
    // Tenths of a second after the hour; 0xFFFF is unknown, past an hour impossible.
    const std::uint16_t tenths = load_le16(&m[21]);
    if (tenths == 0xffff) {
    } else if (tenths >= 36000) {
        ++r.problems.impossible;
    } else {
        l.timestamp = tenths / 10.0;
    }
    r.location = std::move(l);
}

void auth(Bytes m, RidReport& r)
{
    RidAuthPage a;
    a.auth_type = m[1] >> 4;
    a.page = m[1] & 0x0f;
    Bytes data;
    if (a.page == 0) {
        a.last_page_index = m[2];
        a.length = m[3];
        a.timestamp = load_le32(&m[4]);
        data = m.subspan(8, 17);
        if (a.last_page_index > 15) ++r.problems.impossible; // pages are numbered by a nibble
    } else {
        data = m.subspan(2, 23);
    }
    a.data.assign(data.begin(), data.end());
    r.auth_pages.push_back(std::move(a));
}

void self_id(Bytes m, RidReport& r) { r.self_id = RidSelfId{m[1], printable(m.subspan(2, 23))}; }

void system(Bytes m, RidReport& r)
{
    RidSystem s;
    s.operator_location_type = m[1] & 0x03;
    s.classification_type = (m[1] >> 2) & 0x07;
    position(&m[2], &m[6], s.operator_lat, s.operator_lon, r.problems);
    s.area_count = load_le16(&m[10]);
    s.area_radius = m[12] * 10u;
    s.area_ceiling = altitude(&m[13]);
    s.area_floor = altitude(&m[15]);
    s.class_eu = m[17] & 0x0f;
    s.category_eu = m[17] >> 4;
    s.operator_altitude_geo = altitude(&m[18]);
    s.timestamp = load_le32(&m[20]);
    r.system = std::move(s);
}

void operator_id(Bytes m, RidReport& r) { r.operator_id = RidOperatorId{m[1], printable(m.subspan(2, 20))}; }

void message_pack(Bytes m, RidReport& r)
{
    if (m.size() < 3) {
        ++r.problems.truncated;
        return;
    }
    const std::size_t size = m[1], count = m[2];
    if (size != kRidMessageSize || count > kRidMaxPackMessages) {
        ++r.problems.impossible;
        return;
    }
    const Bytes body = m.subspan(3);
    for (std::size_t i = 0; i < count; ++i) {
        if (body.size() < (i + 1) * kRidMessageSize) {
            ++r.problems.truncated;
            return;
        }
        const Bytes one = body.subspan(i * kRidMessageSize, kRidMessageSize);
        if ((one[0] >> 4) == rid_type::message_pack) { // a pack in a pack: not in the standard
            ++r.problems.impossible;
            continue;
        }
        decode_rid_message(one, r);
    }
}

} // namespace

const RidBasicId* RidReport::serial_basic_id() const
{
    for (const RidBasicId& b : basic_ids)
        if (b.id_type == 1) return &b;
    return basic_ids.empty() ? nullptr : &basic_ids.front();
}

void decode_rid_message(Bytes message, RidReport& report)
{
    if (message.empty()) {
        ++report.problems.truncated;
        return;
    }
    const std::uint8_t type = message[0] >> 4;
    if (type == rid_type::message_pack) {
        report.protocol_version = message[0] & 0x0f;
        message_pack(message, report);
        return;
    }
    if (type > rid_type::operator_id) {
        ++report.problems.unknown_type;
        return;
    }
    if (message.size() < kRidMessageSize) {
        ++report.problems.truncated;
        return;
    }
    message = message.first(kRidMessageSize);
    report.protocol_version = message[0] & 0x0f;
    switch (type) {
    case rid_type::basic_id: basic_id(message, report); break;
    case rid_type::location: location(message, report); break;
    case rid_type::auth: auth(message, report); break;
    case rid_type::self_id: self_id(message, report); break;
    case rid_type::system: system(message, report); break;
    default: operator_id(message, report); break;
    }
    ++report.messages;
}

RidReport decode_remote_id(Bytes bytes)
{
    RidReport r;
    decode_rid_message(bytes, r);
    return r;
}

RidReport decode_remote_id_counted(Bytes counter_and_pack)
{
    if (counter_and_pack.size() < 2) {
        RidReport r;
        ++r.problems.truncated;
        return r;
    }
    return decode_remote_id(counter_and_pack.subspan(1));
}

} // namespace airsight::uav
