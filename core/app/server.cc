#include "app/server.h"

#include "app/paths.h"
#include "alerts/server_alerts.h"
#include "app/plugin_host.h"
#include "endpoints/endpoints.h"
#include "gps/gps_types.h"
#include "json/json_writers.h"
#include "util/random_ids.h"

#include <chrono>
#include <cstdlib>

#include <pwd.h>
#include <unistd.h>

namespace airsight::core {
namespace fs = std::filesystem;
namespace {

HttpServerOptions read_http_options(const ConfigFile& config)
{
    HttpServerOptions o;
    o.bind_address = config.get_string("httpd_bind_address", "127.0.0.1");
    o.port = static_cast<std::uint16_t>(config.get_uint("httpd_port", 2501, 0, 65535));
    o.max_threads = static_cast<int>(config.get_uint("httpd_threads", 16, 1, 256));
    o.max_body_bytes = config.get_uint("httpd_max_body", 1 << 20, 1024, 1ull << 32);
    o.body_budget_bytes = config.get_uint("httpd_body_budget", 64ull << 20, 1024, 1ull << 40);
    const auto seconds = [&](const char* key, std::uint64_t fallback) {
        return std::chrono::milliseconds(1000 * config.get_uint(key, fallback, 1, 86400));
    };
    o.header_timeout = seconds("httpd_header_timeout", 10);
    o.body_timeout = seconds("httpd_body_timeout", 30);
    o.idle_timeout = seconds("httpd_idle_timeout", 30);
    o.send_timeout = seconds("httpd_send_timeout", 10);
    o.reply_budget_bytes = config.get_uint("httpd_reply_budget", 64ull << 20, 0, 1ull << 40);
    o.max_connections = config.get_uint("httpd_max_connections", 4096, 16, 1u << 20);
    o.max_connections_per_address = config.get_uint("httpd_max_connections_per_address", 256, 1, 1u << 20);
    o.max_websockets = config.get_uint("httpd_max_websockets", 64, 1, 1u << 16);
    o.websocket.max_message = config.get_uint("httpd_websocket_max_message", 64 * 1024, 125, 16u << 20);
    o.websocket.queue_bytes = config.get_uint("httpd_websocket_queue", 4u << 20, 64 * 1024, 1ull << 32);
    o.websocket.messages_per_second = static_cast<double>(config.get_uint("httpd_websocket_rate", 20, 1, 100000));
    o.websocket.message_burst = 5 * o.websocket.messages_per_second;
    o.websocket.send_timeout = o.send_timeout;
    return o;
}

ServerInfo read_server_info(const ConfigFile& config)
{
    ServerInfo info;
    info.uuid = config.get_string("server_uuid", "");
    if (info.uuid.empty()) info.uuid = random_uuid();
    info.name = config.get_string("server_name", "airsight");
    info.description = config.get_string("server_description", "");
    info.location = config.get_string("server_location", "");
    info.start_sec = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    return info;
}

// channel_hop (true unless false), channel_hop_speed (5, 5/sec, 30/min),
// split_source_hopping and retry_on_source_error (true unless false), as in
// kismet.conf. A bad speed is said on the message bus, not silently replaced.
SourceDefaults read_source_defaults(const ConfigFile& config, MessageBus& log)
{
    SourceDefaults d;
    d.hop = config.get_bool("channel_hop", true);
    d.split_hopping = config.get_bool("split_source_hopping", true);
    d.retry = config.get_bool("retry_on_source_error", true);
    if (const auto speed = config.value("channel_hop_speed")) {
        if (const auto rate = parse_hop_rate(*speed))
            d.hop_rate = *rate;
        else
            log.post("channel_hop_speed=" + *speed + " is not a hop rate (5, 5/sec or 30/min channels); using " +
                         std::to_string(static_cast<int>(d.hop_rate)) + "/sec",
                     MSG_ERROR);
    }
    return d;
}

DeviceTrackerOptions read_tracker_options(const ConfigFile& config)
{
    DeviceTrackerOptions o;
    o.max_devices = config.get_uint("tracker_max_devices", 0);
    o.idle_timeout_sec = config.get_uint("tracker_device_timeout", 0);
    return o;
}

// alertbacklog and alert= lines; a malformed one stops the start, quoted.
AlertOptions read_alert_options(const ConfigFile& config)
{
    try {
        return AlertOptions::from_config(config);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
}

// devicefound=/devicelost= and their timeouts; a malformed one stops the start, quoted.
DevicePresenceOptions read_presence_options(const ConfigFile& config)
{
    try {
        return DevicePresenceOptions::from_config(config);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
}

std::shared_ptr<const OuiTable> load_oui_table(const ConfigFile& config, MessageBus& log)
{
    std::string error;
    auto table = std::make_shared<const OuiTable>(OuiTable::load_default(config.get_string("oui_file", ""), error));
    if (!error.empty()) log.post(error, MSG_ERROR);
    return table;
}

// Kismet's %h: the user's home folder (not airsight's own homedir).
std::string user_home()
{
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) return pw->pw_dir;
    return "/";
}

fs::path webroot_for(const ConfigFile& config, const fs::path& executable)
{
    const std::string configured = config.get_string("httpd_home", "");
    return configured.empty() ? default_webroot(executable) : fs::path(configured);
}

// output_dir, or <homedir>/logs; a relative folder is taken from the working directory.
fs::path output_dir_for(const ConfigFile& config, const fs::path& homedir)
{
    const std::string configured = config.get_string("output_dir", "");
    return configured.empty() ? homedir / "logs" : fs::path(configured);
}

} // namespace

Server::Server(ServerSetup setup)
    : setup_(std::move(setup)),
      credentials_(resolve_http_credentials(setup_.config, setup_.homedir)),
      http_options_(read_http_options(setup_.config)),
      location_fields_(fields_),
      messages_(50, setup_.echo),
      chain_(messages_),
      datasources_(datasource_types_, chain_, messages_, read_source_defaults(setup_.config, messages_)),
      info_(read_server_info(setup_.config)),
      devices_(read_tracker_options(setup_.config), messages_, load_oui_table(setup_.config, messages_)),
      device_lists_(devices_, fields_, info_.uuid),
      alerts_(read_alert_options(setup_.config), messages_, devices_),
      presence_(read_presence_options(setup_.config), alerts_, devices_),
      gps_(messages_, chain_.current_fix(), info_.name),
      sessions_(std::chrono::seconds(setup_.config.get_uint("httpd_session_timeout", 7200, 60, 30 * 86400))),
      files_(webroot_for(setup_.config, setup_.executable)),
      outputs_(output_dir_for(setup_.config, setup_.homedir)),
      logging_options_(LoggingOptions::from_config(setup_.config, outputs_.directory())),
      services_{fields_, messages_, routes_, chain_, packet_rates_, system_rates_, datasource_types_, datasources_, devices_, device_lists_, alerts_, setup_.config, outputs_, log_drivers_, sources_, streams_, events_, info_}
{
    if (credentials_.generated)
        messages_.post("Generated an HTTP login for user '" + credentials_.username + "'; the password is in " +
                           credentials_.stored_in.string() + " (mode 0600)",
                       MSG_INFO);
    if (!credentials_.warning.empty()) messages_.post(credentials_.warning, MSG_ERROR);
    datasources_.raise_errors_on(alerts_);
    define_server_alerts(alerts_);
    if (presence_.watching()) devices_.watch_presence(&presence_);
    devices_.keep_locations(location_fields_);
    alerts_.take_locations_from(chain_.current_fix());
    for (auto& type : builtin_gps_types()) gps_.add_type(std::move(type));
}

Server::~Server() { stop(); }

void Server::start()
{
    // Reads need the login unless the operator restores the 2018 API's open
    // reads; read first so a bad value stops the start before plugins run.
    const AccessPolicy access{setup_.config.get_bool("httpd_allow_anonymous_reads", false)};
    register_system_endpoints(services_);
    register_session_endpoints(services_, sessions_);
    register_messagebus_endpoints(services_);
    register_plugin_endpoints(services_);
    register_datasource_endpoints(services_);
    register_packetchain_endpoints(services_);
    register_device_endpoints(services_);
    register_channel_endpoints(services_, channels_);
    register_alert_endpoints(services_);
    register_gps_endpoints(services_, gps_);
    register_stream_endpoints(services_);
    register_eventbus_endpoints(services_);
    event_publishers_ = std::make_unique<CoreEventPublishers>(events_, services_, gps_, location_fields_);
    device_monitor_ = std::make_unique<DeviceMonitor>(services_);
    device_monitor_->register_routes();

    PluginSelection selection{setup_.config.values("plugin_enable"), setup_.config.values("plugin_disable")};
    plugins_ = std::make_unique<PluginLoader>(messages_, [this](const PluginRecord& record) {
        return std::make_unique<PluginHostImpl>(services_, record);
    });
    plugins_->load(plugin_search_path(setup_.config, setup_.homedir, setup_.executable), selection);
    for (const PluginRecord& record : plugins_->records())
        if (record.state == PluginState::Loaded && record.has_httpd)
            files_.add_plugin_dir(record.name, record.dir / "httpd");
    services_.plugins = plugins_.get();
    plugins_->start_all();
    start_logging();       // after plugins registered their drivers, before sources: the first packet is logged
    open_configured_gps(); // before the sources, so their first packets have the fix
    open_configured_sources();
    rate_ticker_ = std::make_unique<Ticker>(std::chrono::seconds(1), [this](std::int64_t now) {
        sample_rates(now);
        channels_.tick(now, devices_);
        gps_.tick();
        datasources_.retry_due();
        presence_.check_lost(static_cast<std::uint64_t>(now));
        event_publishers_->tick();
        device_monitor_->tick();
    });

    dispatcher_ = std::make_unique<Dispatcher>(routes_, sessions_, files_, fields_,
                                               Login{credentials_.username, credentials_.password}, messages_, access);
    http_ = std::make_unique<HttpServer>(*dispatcher_, messages_, http_options_);
    services_.http_connections = [server = http_.get()] { return server->current_connections(); };
    http_->start();
    messages_.post("HTTP server listening on http://" + http_options_.bind_address + ":" + std::to_string(port()) + "/",
                   MSG_INFO);
}

void Server::start_logging()
{
    LoggingInputs inputs{
        .drivers = log_drivers_,
        .chain = chain_,
        .messages = messages_,
        .alerts = alerts_,
        .datasources = datasources_,
        .devices = devices_,
        .alert_json = [render = alert_record_renderer(fields_)](const AlertRecord& a) { return to_json(render(a)); },
        .source_json = [render = source_record_renderer(fields_)](const SourceSnapshot& s) { return to_json(render(s)); },
        .device_record = [this](const Device& d, const std::string&) { return device_lists_.record(d); },
        .gps_snapshots = gps_snapshot_source(fields_, gps_),
        .home = user_home(),
        .start_sec = static_cast<std::int64_t>(info_.start_sec),
    };
    logging_ = std::make_unique<LoggingManager>(std::move(inputs), logging_options_);
    register_logging_endpoints(services_, *logging_);
    logging_->start();
    services_.logging = logging_.get();
}

void Server::open_configured_sources()
{
    for (const std::string& definition : setup_.config.values("source")) {
        try {
            datasources_.add(definition);
        } catch (const std::exception& e) {
            // A bad source= line must not stop the server: say why and go on.
            messages_.post("Cannot add source '" + definition + "': " + e.what(), MSG_ERROR);
        }
    }
}

void Server::open_configured_gps()
{
    for (const std::string& definition : setup_.config.values("gps")) {
        try {
            gps_.add(definition);
        } catch (const std::exception& e) {
            // As with sources: say why and go on without that GPS.
            messages_.post("Cannot add GPS '" + definition + "': " + e.what(), MSG_ERROR);
        }
    }
}

void Server::sample_rates(std::int64_t now_sec)
{
    packet_rates_.sample(chain_.counters(), now_sec);
    datasources_.sample_rates(now_sec);
    system_rates_.memory.add_value(static_cast<double>(resident_kib()), now_sec);
    system_rates_.devices.add_value(static_cast<double>(devices_.size()), now_sec);
}

void Server::stop()
{
    rate_ticker_.reset();
    if (http_) {
        http_->stop();
        services_.http_connections = [] { return 0; };
        http_.reset();
    }
    gps_.stop_all(); // after HTTP: the web GPS's command reaches its driver
    if (logging_) logging_->record_sources();
    // Sources run plugin code on their own threads: end them before plugins unload.
    datasources_.clear();
    // Every log closes cleanly (final device pass, flush, close) while its
    // driver's plugin is still there.
    if (logging_) {
        logging_->close_all();
        services_.logging = nullptr;
    }
    if (plugins_) {
        plugins_->stop_all();
        services_.plugins = nullptr;
        plugins_.reset(); // destroys plugins and withdraws their routes
    }
    event_publishers_.reset();
}

std::uint16_t Server::port() const { return http_ ? http_->port() : 0; }

} // namespace airsight::core
