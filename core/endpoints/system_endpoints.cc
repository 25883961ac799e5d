// /system/status, /system/timestamp and /system/tracked_fields.html.
#include "util/build_info.h"
#include "endpoints/endpoints.h"
#include "stats/system_rates.h"
#include "util/local_clock.h"

#include <airsight/rrd.h>

#include <pwd.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

namespace airsight::core {
namespace fs = std::filesystem;
namespace {

std::string user_name()
{
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return std::to_string(geteuid());
}

std::optional<std::string> read_line(const fs::path& p)
{
    std::ifstream in(p);
    std::string line;
    if (in && std::getline(in, line)) return line;
    return std::nullopt;
}

struct Battery {
    std::int64_t percentage = 0;
    std::string charging = "unknown";
    std::uint64_t ac = 0;
    std::uint64_t remaining = 0;
};

// Battery state from the kernel's power_supply class (absent on servers).
Battery read_battery()
{
    Battery b;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/sys/class/power_supply", ec)) {
        const auto type = read_line(entry.path() / "type");
        if (type == "Mains") {
            if (read_line(entry.path() / "online") == "1") b.ac = 1;
        } else if (type == "Battery") {
            if (auto cap = read_line(entry.path() / "capacity")) b.percentage = std::atoi(cap->c_str());
            if (auto status = read_line(entry.path() / "status")) {
                b.charging = *status == "Charging" ? "charging"
                             : *status == "Discharging" ? "discharging"
                             : *status == "Full" ? "charged" : "unknown";
            }
        }
    }
    return b;
}

std::string html_escape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

void register_system_endpoints(Services& services)
{
    auto& f = services.fields;
    const Field& ts_sec = f("kismet.system.timestamp.sec", FieldType::UInt64, "system timestamp, seconds");
    const Field& ts_usec = f("kismet.system.timestamp.usec", FieldType::UInt64, "system timestamp, usec");
    const Field& start_sec = f("kismet.system.timestamp.start_sec", FieldType::UInt64, "system startup timestamp, seconds");
    const Field& batt_pct = f("kismet.system.battery.percentage", FieldType::Int32, "remaining battery percentage");
    const Field& batt_chg = f("kismet.system.battery.charging", FieldType::String, "battery charging state");
    const Field& batt_ac = f("kismet.system.battery.ac", FieldType::UInt8, "on AC power");
    const Field& batt_rem = f("kismet.system.battery.remaining", FieldType::UInt32, "battery remaining in seconds");
    const Field& rss = f("kismet.system.memory.rss", FieldType::UInt64, "memory RSS in kbytes");
    const Field& memory_rrd = f("kismet.system.memory.rrd", FieldType::Object, "memory used RRD");
    const Field& devices_count = f("kismet.system.devices.count", FieldType::UInt64, "number of devices in devicetracker");
    const Field& devices_rrd = f("kismet.system.devices.rrd", FieldType::Object, "device count RRD");
    const auto rrd_fields = std::make_shared<RrdFields>(f);
    const Field& user = f("kismet.system.user", FieldType::String, "user Kismet is running as");
    const Field& version = f("kismet.system.version", FieldType::String, "Kismet version string");
    const Field& git = f("kismet.system.git", FieldType::String, "Git commit string");
    const Field& build_time = f("kismet.system.build_time", FieldType::String, "Server build time");
    const Field& server_name = f("kismet.system.server_name", FieldType::String, "Arbitrary name of server instance");
    const Field& server_desc = f("kismet.system.server_description", FieldType::String, "Arbitrary server description");
    const Field& server_loc = f("kismet.system.server_location", FieldType::String, "Arbitrary server location string");
    const Field& num_fields = f("kismet.system.num_fields", FieldType::UInt64, "number of allocated tracked element fields");
    const Field& num_http = f("kismet.system.num_http_connections", FieldType::UInt64, "number of concurrent http connections");
    const Field& uuid = f("kismet.server.uuid", FieldType::Uuid, "unique server UUID");

    Services* s = &services;
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/system/status",
        .formats = OBJECT_FORMATS,
        .handler =
            [=, &ts_sec, &ts_usec, &start_sec, &batt_pct, &batt_chg, &batt_ac, &batt_rem, &rss, &user, &version, &git,
             &build_time, &server_name, &server_desc, &server_loc, &num_fields, &num_http, &uuid, &memory_rrd,
             &devices_count, &devices_rrd](const Request&) {
                const double now = wall_clock_now();
                const Battery battery = read_battery();
                Value v = Value::object();
                v.set(batt_pct, battery.percentage);
                v.set(batt_chg, battery.charging);
                v.set(batt_ac, battery.ac);
                v.set(batt_rem, battery.remaining);
                v.set(ts_sec, static_cast<std::uint64_t>(now));
                v.set(ts_usec, static_cast<std::uint64_t>(std::fmod(now, 1.0) * 1e6));
                v.set(start_sec, s->info.start_sec);
                v.set(rss, resident_kib());
                const std::int64_t now_sec = local_now_sec();
                v.set(memory_rrd, rrd_fields->record(s->system_rates.memory.snapshot(), now_sec));
                v.set(devices_count, static_cast<std::uint64_t>(s->devices.size()));
                v.set(devices_rrd, rrd_fields->record(s->system_rates.devices.snapshot(), now_sec));
                v.set(user, user_name());
                v.set(version, build_version());
                v.set(git, build_git());
                v.set(build_time, build_time_string());
                v.set(server_name, s->info.name);
                v.set(server_desc, s->info.description);
                v.set(server_loc, s->info.location);
                v.set(num_fields, static_cast<std::uint64_t>(s->fields.size()));
                v.set(num_http, static_cast<std::uint64_t>(std::max(0, s->http_connections())));
                v.set(uuid, s->info.uuid);
                return Reply::value(std::move(v));
            },
        .description = "server status: time, memory, battery, identity",
        .field_query = true,
    });

    services.routes.add(Route{
        .methods = GET,
        .path = "/system/timestamp",
        .formats = OBJECT_FORMATS,
        .handler =
            [&ts_sec, &ts_usec](const Request&) {
                const double now = wall_clock_now();
                Value v = Value::object();
                v.set(ts_sec, static_cast<std::uint64_t>(now));
                v.set(ts_usec, static_cast<std::uint64_t>(std::fmod(now, 1.0) * 1e6));
                return Reply::value(std::move(v));
            },
        .description = "server time, seconds and microseconds",
    });

    services.routes.add(Route{
        .methods = GET,
        .path = "/system/tracked_fields",
        .formats = HTML,
        .handler =
            [s](const Request&) {
                std::string html = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>airsight tracked "
                                   "fields</title></head><body>\n<h1>Tracked fields</h1>\n<table border=\"1\">\n"
                                   "<tr><th>Name</th><th>ID</th><th>Type</th><th>Description</th></tr>\n";
                for (const Field* field : s->fields.all()) {
                    html += "<tr><td>" + html_escape(field->name) + "</td><td>" + std::to_string(field->id) +
                            "</td><td>" + html_escape(field_type_name(field->type)) + "</td><td>" +
                            html_escape(field->description) + "</td></tr>\n";
                }
                html += "</table>\n</body></html>\n";
                return Reply::bytes("text/html; charset=utf-8", std::move(html));
            },
        .description = "every registered field: name, type, description",
    });
}

} // namespace airsight::core
