#include "phy/uav_match.h"

#include <airsight/datasource.h>

#include <array>
#include <stdexcept>

namespace airsight::uav {

namespace {

MacAddr masked(const MacAddr& m, const MacAddr& mask)
{
    MacAddr out;
    for (std::size_t i = 0; i < out.bytes.size(); ++i) out.bytes[i] = m.bytes[i] & mask.bytes[i];
    return out;
}

constexpr std::array<std::string_view, 34> kDefaults{
    R"(skyrider:name="Propel",model="Sky Rider",ssid="Propel Sky Rider",mac=4C:0F:C7:00:00:00/FF:FF:FF:00:00:00)",
    R"(skyrider_nighthawk:name="Propel",model="Sky Rider Night Hawk",ssid="^Sky Rider Vox-.*",mac=24:72:60:00:00:00/FF:FF:FF:00:00:00)",
    R"(360flight:name="360 Flight",ssid="^360 Flight-.*",mac=E0:B9:4D:00:00:00/FF:FF:FF:00:00:00)",
    R"(360lflight:name="360-L Flight",ssid="^360-L Flight-.*",mac=4C:0F:C7:00:00:00/FF:FF:FF:00:00:00)",
    R"(3drsolo:name="3DRobotics",model="Solo",ssid="^SoloLink_.*",mac=8A:DC:96:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_phantom:name="DJI",model="Phantom 3 Standard",ssid="^Phantom3_.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_mavic:name="DJI",model="Mavic",ssid="^Mavic_.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_mavic_3:name="DJI",model="Mavic 3",ssid="^DJI-MAVIC3.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_mini3_pro:name="DJI",model="Mini3 Pro",ssid="^DJI-MINI3-Pro-.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_spark:name="DJI",model="Spark",ssid="^Spark-(?!RC-).*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_spark_rc:name="DJI",model="Spark RC",ssid="^Spark-RC-.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_tello:name="DJI",model="Tello",ssid="^TELLO.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_osmo:name="DJI",model="Osmo",ssid="^OSMO_.*",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
    R"(propel_hd_1:name="Propel",model="HD Video Drone",ssid="Propel HD Video Drone",mac=EC:3D:FD:00:00:00/FF:FF:FF:00:00:00)",
    R"(propel_hd_2:name="Propel",model="HD Video Drone",ssid="Propel HD Video Drone",mac=28:F3:66:00:00:00/FF:FF:FF:00:00:00)",
    R"(propel_hd_3:name="Propel",model="HD Video Drone",ssid="Propel HD Video Drone",mac=E0:B9:4D:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_1:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=08:EA:40:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_2:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=4C:0F:C7:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_3:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=00:7E:56:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_4:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=B0:41:1D:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_5:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=E0:B9:4D:00:00:00/FF:FF:FF:00:00:00)",
    R"(yd_ufo_6:name="Attop",model="UFO",ssid="^YD[_-]UFO[_-].*",mac=E8:AB:FA:00:00:00/FF:FF:FF:00:00:00)",
    R"(xbm_720p_1:name="XBM",model="720P",ssid="^XBM-720P-.*",mac=90:97:D5:00:00:00/FF:FF:FF:00:00:00)",
    R"(xbm_720p_2:name="XBM",model="720P",ssid="^XBM-720P-.*",mac=08:EA:40:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_bebop:name="Parrot",model="Bebop Drone",ssid="^BebopDrone.*",mac=A0:14:3D:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_bebop2_1:name="Parrot",model="Bebop 2",ssid="^Bebop2.*",mac=90:3A:E6:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_bebop2_2:name="Parrot",model="Bebop 2",ssid="^Bebop2.*",mac=A0:14:3D:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_sumo:name="Parrot",model="Jumping Sumo",ssid="^JumpingSumo-.*",mac=A0:14:3D:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_ardrone:name="Parrot",model="AR Drone",ssid="^ardrone[^2].*",mac=00:26:7E:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_ardrone2_1:name="Parrot",model="AR Drone 2.0",ssid="^ardrone2.*",mac=90:03:B7:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_ardrone2_2:name="Parrot",model="AR Drone 2.0",ssid="^ardrone2.*",mac=00:26:7E:00:00:00/FF:FF:FF:00:00:00)",
    R"(parrot_skycontroller:name="Parrot",model="SkyController",ssid="^SkyController.*",mac=A0:14:3D:00:00:00/FF:FF:FF:00:00:00)",
    R"(syma:name="GuangDong Syma",ssid="^FPV_WIFI__[0-9A-F]{4}$",mac=58:04:54:00:00:00/FF:FF:FF:00:00:00)",
    R"(dji_m1p:name="DJI",model="Mavic 1 Pro",ssid="^Mavic-[0-9A-F]{6}$",mac=60:60:1F:00:00:00/FF:FF:FF:00:00:00)",
};

} // namespace

bool UavMatchRule::matches(const MacAddr& bssid, std::string_view ssid_text) const
{
    if (mac) {
        if (masked(bssid, *mask) != *mac) return false;
        if (partial || !ssid) return true;
    }
    return ssid && ssid->found_in(ssid_text);
}

Value UavMatchRule::to_value(const UavFields& f) const
{
    Value v = Value::object();
    v.set(f.m_match_name, match_name);
    v.set(f.m_name, manufacturer);
    v.set(f.m_model, model);
    v.set(f.m_mac, mac ? mac->str() : std::string("00:00:00:00:00:00"));
    v.set(f.m_ssid_regex, ssid_pattern);
    v.set(f.m_partial, std::uint64_t{partial});
    return v;
}

UavMatchRule parse_uav_match(std::string_view line)
{
    const std::size_t colon = line.find(':');
    const auto refuse = [&](const std::string& why) {
        return std::invalid_argument("uav_match=" + std::string(line) + ": " + why);
    };
    if (colon == std::string_view::npos || colon == 0)
        throw refuse("expected NAME:name=\"...\",ssid=\"...\",mac=...");
    UavMatchRule rule;
    rule.match_name = std::string(line.substr(0, colon));
    const auto options = parse_definition_options(line, "uav_match");
    const auto get = [&](std::string_view key) {
        auto it = options.find(key);
        return it == options.end() ? std::string() : it->second;
    };
    rule.manufacturer = get("name");
    if (rule.manufacturer.empty()) throw refuse("expected name=\"...\" (the manufacturer)");
    rule.model = get("model");
    rule.ssid_pattern = get("ssid");
    const std::string any = get("match_any");
    rule.partial = any == "true" || any == "1" || any == "yes";
    if (const std::string mac = get("mac"); !mac.empty()) {
        const std::size_t slash = mac.find('/');
        const auto address = MacAddr::parse(std::string_view(mac).substr(0, slash));
        const auto mask = slash == std::string::npos ? MacAddr::parse("FF:FF:FF:FF:FF:FF")
                                                     : MacAddr::parse(std::string_view(mac).substr(slash + 1));
        if (!address || !mask) throw refuse("mac=" + mac + " is not a MAC address (or MAC/mask)");
        rule.mask = *mask;
        rule.mac = masked(*address, *mask);
    }
    if (!rule.ssid_pattern.empty()) {
        try {
            rule.ssid.emplace(rule.ssid_pattern);
        } catch (const std::invalid_argument& e) {
            throw refuse("ssid=\"" + rule.ssid_pattern + "\" is not a regular expression: it " + e.what());
        }
    }
    if (!rule.mac && !rule.ssid) throw refuse("needs mac= or ssid=, or it would match every network");
    return rule;
}

std::span<const std::string_view> kismet_default_uav_matches() { return kDefaults; }

void UavMatchers::add(UavMatchRule rule)
{
    for (const auto& r : rules_)
        if (r->match_name == rule.match_name)
            throw std::invalid_argument("uav_match name '" + rule.match_name + "' is already in use");
    rules_.push_back(std::make_shared<const UavMatchRule>(std::move(rule)));
}

std::shared_ptr<const UavMatchRule> UavMatchers::match(const MacAddr& bssid, std::string_view ssid) const
{
    for (const auto& r : rules_)
        if (r->matches(bssid, ssid)) return r;
    return nullptr;
}

Value UavMatchers::to_value(const UavFields& f) const
{
    Value list = Value::array();
    for (const auto& r : rules_) list.push(r->to_value(f));
    return list;
}

} // namespace airsight::uav
