#include "decode/dji_droneid.h"

#include <algorithm>
#include <array>
#include <utility>

namespace airsight::uav {

namespace {

constexpr double kDjiAngle = 174533.0; // raw units per degree (1e7 per radian)
constexpr std::uint8_t subcommand_flight_reg = 0x10, subcommand_flight_purpose = 0x11;

// A DJI point: 0 means unset; past the poles or the antimeridian is impossible.
void point(std::int32_t raw_lat, std::int32_t raw_lon, std::optional<double>& lat, std::optional<double>& lon,
           unsigned& impossible)
{
    if (raw_lat == 0 && raw_lon == 0) return;
    const double la = raw_lat / kDjiAngle, lo = raw_lon / kDjiAngle;
    if (la < -90 || la > 90 || lo < -180 || lo > 180) {
        ++impossible;
        return;
    }
    lat = la;
    lon = lo;
}

void flight_reg(Bytes r, DjiDroneId& out)
{
    constexpr std::size_t position_end = 29, v1_end = 55, v2_end = 66;
    if (r.size() < position_end) {
        ++out.truncated;
        return;
    }
    DjiFlightTelemetry t;
    t.version = r[0];
    t.sequence = load_le16(&r[1]);
    t.state = load_le16(&r[3]);
    if (t.state & 0x01) t.serial = printable(r.subspan(5, 16));
    if (t.state & 0x40) point(les32(&r[25]), les32(&r[21]), t.lat, t.lon, out.impossible);
    const std::uint8_t* p = r.data();
    if (t.version == 1 && r.size() >= v1_end) {
        if (t.state & 0x80) t.altitude = les16(p + 29);
        if (t.state & 0x100) t.height = les16(p + 31);
        if (t.state & 0x200) {
            t.v_north = les16(p + 33) / 100.0;
            t.v_east = les16(p + 35) / 100.0;
        }
        if (t.state & 0x400) t.v_up = les16(p + 37) / 100.0;
        if (t.state & 0x800) {
            t.pitch = les16(p + 39) / 100.0;
            t.roll = les16(p + 41) / 100.0;
        }
        t.yaw = les16(p + 43) / 100.0;
        point(les32(p + 49), les32(p + 45), t.home_lat, t.home_lon, out.impossible);
        t.product_type = p[53];
    } else if (t.version == 2 && r.size() >= v2_end) {
        if (t.state & 0x100) t.height = les16(p + 29) / 10.0;
        if (t.state & 0x80) t.altitude = les16(p + 31);
        if (t.state & 0x200) {
            t.v_north = les16(p + 33) / 100.0;
            t.v_east = les16(p + 35) / 100.0;
        }
        if (t.state & 0x400) t.v_up = les16(p + 37) / 100.0;
        t.yaw = les16(p + 39) / 100.0;
        point(les32(p + 49), les32(p + 53), t.app_lat, t.app_lon, out.impossible);
        point(les32(p + 61), les32(p + 57), t.home_lat, t.home_lon, out.impossible);
        t.product_type = p[65];
    } else if (t.version == 1 || t.version == 2) {
        ++out.truncated; // the position is kept, as Kismet reads it
    } else {
        ++out.unknown;
    }
    out.telemetry = std::move(t);
}

void flight_purpose(Bytes r, DjiDroneId& out)
{
    // Serial (16), drone ID length and 10 bytes, purpose length and the rest
    // (DJI sends fewer purpose bytes than its length says: the rest is what there is).
    if (r.size() < 28) {
        ++out.truncated;
        return;
    }
    DjiUserEntry e;
    e.serial = printable(r.subspan(0, 16));
    e.drone_id = printable(r.subspan(17, std::min<std::size_t>(r[16], 10)));
    const Bytes purpose = r.subspan(28);
    e.purpose = printable(purpose.first(std::min<std::size_t>(r[27], purpose.size())));
    out.user_entry = std::move(e);
}

} // namespace

DjiDroneId decode_dji_droneid(Bytes payload)
{
    DjiDroneId out;
    if (payload.size() < 3) {
        ++out.truncated;
        return out;
    }
    out.subcommand = payload[2];
    const Bytes record = payload.subspan(3);
    switch (out.subcommand) {
    case subcommand_flight_reg: flight_reg(record, out); break;
    case subcommand_flight_purpose: flight_purpose(record, out); break;
    case 0: {
        const Bytes first = record.first(std::min<std::size_t>(record.size(), 32));
        out.broken_firmware = std::all_of(first.begin(), first.end(), [](std::uint8_t b) { return b == 0; });
        if (!out.broken_firmware) ++out.unknown;
        break;
    }
    default: ++out.unknown; break;
    }
    return out;
}

std::string dji_product_name(std::uint8_t product_type)
{
    static constexpr std::array<std::pair<std::uint8_t, std::string_view>, 48> names{{
        {1, "Instpire 1"}, {2, "Phantom 3 Series"}, {3, "Phantom 3 Series"}, {4, "Phandom 3 Std"}, {5, "M100"},
        {6, "ACEONE"}, {7, "WKM"}, {8, "NAZA"}, {9, "A2"}, {10, "A3"}, {11, "Phantom 4"}, {12, "MG1"},
        {14, "M600"}, {15, "Phantom 3 4k"}, {16, "Mavic Pro"}, {17, "Inspire 2"}, {18, "Phantom 4 Pro"},
        {20, "N2"}, {21, "Spark"}, {23, "M600 Pro"}, {24, "Mavic Air"}, {25, "M200"}, {26, "Phantom 4 Series"},
        {27, "Phantom 4 Adv"}, {28, "M210"}, {30, "M210RTK"}, {31, "A3_AG"}, {32, "MG2"}, {34, "MG1A"},
        {35, "Phantom 4 RTK"}, {36, "Phantom 4 Pro V2.0"}, {38, "MG1P"}, {40, "MV1P-RTK"}, {41, "Mavic 2"},
        {44, "M200 V2 Series"}, {51, "Mavic 2 Enterprise"}, {53, "Mavic Mini"}, {58, "Mavic Air 2"},
        {59, "P4M"}, {60, "M300 RTK"}, {61, "DJI FPV"}, {63, "Mini 2"}, {64, "AGRAS T10"}, {65, "AGRAS T30"},
        {66, "Air 2S"}, {68, "Mavic 3"}, {69, "Mavic 2 Enterprise Advanced"}, {70, "Mini SE"},
    }};
    for (const auto& [code, name] : names)
        if (code == product_type) return std::string(name);
    return "Unknown (" + std::to_string(product_type) + ")";
}

} // namespace airsight::uav
