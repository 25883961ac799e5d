#include "logging/logging_manager.h"

#include "logging/log_template.h"
#include "util/ascii_case.h"
#include "util/local_clock.h"
#include "util/random_ids.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>

namespace airsight::core {
namespace fs = std::filesystem;
namespace {

constexpr const char* kOwner = "core:logging";
constexpr std::int64_t kSnapshotSeconds = 10; // Kismet's GPS tracker logs a GPS snapshot every 10 s

std::int64_t wall_now_sec()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr std::size_t index_of(unsigned bit) { return static_cast<std::size_t>(std::countr_zero(bit)); }

// Points `observers` at `writers`: adds, replaces in place or removes the
// callback `id` (0: none) that hands each event to `on`; returns its id.
template <typename Event, typename Writers, typename On>
std::uint64_t rehook(Observers<Event>& observers, std::uint64_t id, const Writers& writers, On on)
{
    if (writers.empty()) {
        if (id) observers.remove(id);
        return 0;
    }
    auto callback = [writers, on](const Event& event) { on(writers, event); };
    if (!id) return observers.add(std::move(callback));
    observers.replace(id, std::move(callback));
    return id;
}

// What a LoggedSource is re-sent for: Kismet's add / open / close / error.
std::string state_of(const SourceSnapshot& s)
{
    return std::to_string(s.running) + std::to_string(s.paused) + std::to_string(s.error) + s.error_reason;
}

} // namespace

LoggingManager::LoggingManager(LoggingInputs inputs, LoggingOptions options)
    : in_(std::move(inputs)), options_(std::move(options))
{
}

LoggingManager::~LoggingManager() { close_all(); }

void LoggingManager::start()
{
    if (!options_.enabled) {
        in_.messages.post("Logging is disabled (enable_logging=false); logs open only on request (/logging/...)",
                          MSG_INFO);
    } else {
        ensure_log_prefix(options_.prefix); // throws ConfigError with the path and reason
        std::vector<std::shared_ptr<LogDriver>> drivers;
        for (const std::string& type : options_.types) {
            if (auto driver = in_.drivers.find(type)) {
                drivers.push_back(std::move(driver));
                continue;
            }
            std::string loaded;
            for (const auto& d : in_.drivers.list()) loaded += (loaded.empty() ? "" : ", ") + d->log_class();
            const std::string what = "log_types names '" + type + "', which no loaded plugin provides (loaded: " +
                                     (loaded.empty() ? "none" : loaded) + ")";
            if (options_.types_configured) throw ConfigError(what);
            in_.messages.post(what + "; that log is not written (log_types= is the built-in default: set it to the "
                                     "logs you want, or load the plugin)",
                              MSG_ERROR);
        }
        std::lock_guard lock(control_mutex_);
        for (const auto& driver : drivers) {
            try {
                open_locked(driver, options_.title);
            } catch (const LogOpenError& e) {
                throw ConfigError("Cannot open the '" + driver->log_class() + "' log of log_types=: " + e.what());
            }
        }
    }
    const std::int64_t now = local_now_sec();
    next_device_pass_ = now + options_.device_rate.count();
    next_snapshot_ = now + kSnapshotSeconds;
    ticker_ = std::make_unique<Ticker>(std::chrono::seconds(1), [this](std::int64_t t) { tick(t); });
}

LogEntry LoggingManager::open_log(std::string_view log_class, std::string title)
{
    auto driver = in_.drivers.find(log_class);
    if (!driver)
        throw LogOpenError(404, "no log driver for class '" + std::string(log_class) + "' (see /logging/drivers.json)");
    std::lock_guard lock(control_mutex_);
    return open_locked(driver, title.empty() ? options_.title : std::move(title));
}

LogEntry LoggingManager::open_locked(const std::shared_ptr<LogDriver>& driver, std::string title)
{
    const std::string log_class = driver->log_class();
    if (driver->singleton())
        for (const OpenLog& log : logs_)
            if (log.entry.open && log.entry.log_class == log_class)
                throw LogOpenError(400, "a '" + log_class + "' log is already open (" + log.entry.path + ", " +
                                            log.entry.uuid + "), and its driver allows one at a time");
    fs::path path;
    try {
        ensure_log_prefix(options_.prefix);
        const LogNameParts parts{options_.prefix.string(), title, log_class, in_.home, in_.start_sec};
        path = free_log_path(options_.log_template, parts, [](const fs::path& p) {
            std::error_code ec;
            return fs::exists(fs::symlink_status(p, ec));
        });
        fs::create_directories(path.parent_path());
    } catch (const std::exception& e) {
        throw LogOpenError(500, "cannot name a new '" + log_class + "' log: " + e.what());
    }

    LogOpenRequest request;
    request.path = path.string();
    request.uuid = random_uuid();
    request.title = title;
    request.start_sec = wall_now_sec();
    if (driver->contents() & LOG_SOURCES) request.sources = current_sources();
    std::unique_ptr<LogFile> file;
    try {
        file = driver->open(request);
    } catch (const std::exception& e) {
        throw LogOpenError(500, "the '" + log_class + "' driver could not open " + request.path + ": " + e.what());
    }
    if (!file) throw LogOpenError(500, "the '" + log_class + "' driver opened nothing at " + request.path);

    OpenLog log;
    log.entry = LogEntry{request.uuid, log_class, driver->name(), request.path, options_.log_template, true};
    log.driver = driver;
    log.contents = driver->contents();
    if (log.contents & LOG_DEVICES) log.devices = std::make_shared<DevicePass>();
    log.writer = std::make_shared<LogWriter>(
        std::move(file), request.path, [this](const std::string& text) { in_.messages.post(text, MSG_ERROR); },
        in_.queue_bytes);
    logs_.push_back(std::move(log));
    rewire_locked();
    in_.messages.post("Opened the " + driver->name() + " (" + log_class + ") log " + request.path, MSG_INFO);
    return logs_.back().entry;
}

LogEntry LoggingManager::close_log(std::string_view uuid)
{
    std::lock_guard lock(control_mutex_);
    for (OpenLog& log : logs_)
        if (log.entry.open && iequals(log.entry.uuid, uuid)) {
            close_locked(log, true);
            return log.entry;
        }
    throw std::out_of_range("no open log with UUID " + std::string(uuid) + " (see /logging/active.json)");
}

void LoggingManager::close_locked(OpenLog& log, bool final_pass)
{
    if (final_pass && log.devices) run_passes({{log.devices, log.writer}});
    // Out of the lists first, so no new record reaches a closing writer.
    log.entry.open = false;
    rewire_locked();
    log.writer->close();
    const std::string failure = log.writer->failure();
    if (failure.empty()) in_.messages.post("Closed the " + log.entry.log_class + " log " + log.entry.path, MSG_INFO);
    log.writer.reset();
}

std::vector<LogEntry> LoggingManager::logs() const
{
    std::lock_guard lock(control_mutex_);
    std::vector<LogEntry> out;
    for (const OpenLog& log : logs_) out.push_back(log.entry);
    return out;
}

void LoggingManager::close_logs_of(const std::vector<std::shared_ptr<LogDriver>>& drivers)
{
    std::lock_guard lock(control_mutex_);
    for (OpenLog& log : logs_)
        if (log.entry.open && std::find(drivers.begin(), drivers.end(), log.driver) != drivers.end())
            close_locked(log, true);
}

void LoggingManager::record_sources()
{
    std::lock_guard lock(control_mutex_);
    poll_sources();
}

void LoggingManager::close_all()
{
    ticker_.reset(); // its tick takes control_mutex_
    std::lock_guard lock(control_mutex_);
    for (OpenLog& log : logs_)
        if (log.entry.open) close_locked(log, true);
}

void LoggingManager::rewire_locked()
{
    std::array<Writers, kContentKinds> wanted;
    for (const OpenLog& log : logs_) {
        if (!log.entry.open || !log.writer || !log.writer->running()) continue;
        for (unsigned bit = 0; bit < wanted.size(); ++bit)
            if (log.contents & (1u << bit)) wanted[bit].push_back(log.writer);
    }
    const auto changed = [&](unsigned content) { return wanted[index_of(content)] != wanted_[index_of(content)]; };
    // Each change waits for the records in flight to the old list.
    if (changed(LOG_PACKETS)) {
        if (const Writers& writers = wanted[index_of(LOG_PACKETS)]; writers.empty())
            in_.chain.remove_owner(kOwner);
        else
            in_.chain.set_handler(PacketStage::OBSERVE, "log packets",
                                  [this, writers](Packet& p) { on_packet(writers, p); }, kOwner);
    }
    if (changed(LOG_MESSAGES))
        message_hook_ = rehook(in_.messages.subscribers(), message_hook_, wanted[index_of(LOG_MESSAGES)],
                               [this](const Writers& w, const Message& m) { on_message(w, m); });
    if (changed(LOG_ALERTS))
        alert_hook_ = rehook(in_.alerts.sent(), alert_hook_, wanted[index_of(LOG_ALERTS)],
                             [this](const Writers& w, const AlertRecord& a) { on_alert(w, a); });
    wanted_ = std::move(wanted);
}

const LoggingManager::Writers& LoggingManager::writers_for(unsigned bit) const { return wanted_[index_of(bit)]; }

void LoggingManager::on_packet(const Writers& writers, Packet& packet)
{
    const std::uint64_t id = next_packet_id_.fetch_add(1, std::memory_order_relaxed);
    const std::string_view uuid = source_uuid(packet.source_number), phy = phy_name(packet.phy_id);
    // A stopped log refuses: it said why when it stopped.
    for (const auto& w : writers) w->push_packet(packet, id, uuid, phy);
}

void LoggingManager::on_message(const Writers& writers, const Message& message)
{
    LoggedMessage m;
    m.ts_sec = static_cast<std::int64_t>(message.time);
    m.flags = message.flags;
    m.text = message.text;
    m.location = in_.chain.current_fix().get();
    for (const auto& w : writers) w->push(m);
}

void LoggingManager::on_alert(const Writers& writers, const AlertRecord& alert)
{
    LoggedAlert a;
    double whole = 0;
    const double fraction = std::modf(alert.timestamp, &whole);
    a.ts_sec = static_cast<std::int64_t>(whole);
    a.ts_usec = static_cast<std::uint32_t>(std::lround(fraction * 1e6) % 1000000);
    a.header = alert.header;
    if (static_cast<std::int64_t>(static_cast<std::int32_t>(alert.phy)) != ALERT_ANY_PHY)
        a.phy_name = phy_name(alert.phy);
    a.transmitter = alert.transmitter;
    a.source = alert.source;
    a.dest = alert.dest;
    a.location = alert.location;
    if (in_.alert_json) a.json = in_.alert_json(alert);
    for (const auto& w : writers) w->push(a);
}

std::string_view LoggingManager::source_uuid(std::uint32_t number)
{
    if (number == 0) return {}; // no source (sources count from 1): no lookup per packet
    return source_uuids_.get(number, [this](std::uint32_t n) { return in_.datasources.uuid_of(n); });
}

std::string_view LoggingManager::phy_name(std::uint32_t phy_id)
{
    if (phy_id == 0) return {};
    return phy_names_.get(phy_id, [this](std::uint32_t id) { return in_.devices.phy_name(id); });
}

LoggedSource LoggingManager::logged_source(const SourceSnapshot& s) const
{
    LoggedSource l;
    l.info = source_info(s);
    if (in_.source_json) l.json = in_.source_json(s);
    return l;
}

std::vector<LoggedSource> LoggingManager::current_sources() const
{
    std::vector<LoggedSource> out;
    for (const SourceSnapshot& s : in_.datasources.snapshot()) out.push_back(logged_source(s));
    return out;
}

void LoggingManager::poll_sources()
{
    const std::vector<SourceSnapshot> sources = in_.datasources.snapshot();
    const Writers& writers = writers_for(LOG_SOURCES);
    for (const SourceSnapshot& s : sources) {
        std::string state = state_of(s);
        auto [it, added] = source_states_.try_emplace(s.uuid, state);
        if (!added && it->second == state) continue;
        it->second = std::move(state);
        if (!writers.empty()) {
            const LoggedSource l = logged_source(s);
            for (const auto& w : writers) w->push(l);
        }
    }
}

void LoggingManager::device_pass()
{
    std::vector<PassTarget> targets;
    {
        std::lock_guard lock(control_mutex_);
        targets = pass_targets_locked();
    }
    run_passes(targets);
}

std::vector<LoggingManager::PassTarget> LoggingManager::pass_targets_locked() const
{
    std::vector<PassTarget> targets;
    for (const OpenLog& log : logs_)
        if (log.entry.open && log.devices) targets.push_back({log.devices, log.writer});
    return targets;
}

void LoggingManager::run_passes(const std::vector<PassTarget>& targets)
{
    const auto now = static_cast<std::uint64_t>(local_now_sec());
    for (const PassTarget& target : targets) {
        if (!target.writer->running()) continue; // stopped or closed since
        LogWriter& writer = *target.writer;
        target.devices->next(in_.devices, in_.device_record, now,
                             [&](std::vector<LoggedDevice>&& changed) { writer.push(std::move(changed)); });
    }
}

void LoggingManager::tick(std::int64_t now_sec)
{
    std::vector<PassTarget> passes;
    {
        std::lock_guard lock(control_mutex_);
        // A log whose writer stopped on an error: it already said why and closed.
        for (OpenLog& log : logs_)
            if (log.entry.open && !log.writer->running()) close_locked(log, false);
        poll_sources();
        if (now_sec >= next_snapshot_) {
            next_snapshot_ = now_sec + kSnapshotSeconds;
            const Writers& writers = writers_for(LOG_SNAPSHOTS);
            if (!writers.empty() && options_.gps_track && in_.gps_snapshots)
                for (const LoggedSnapshot& snapshot : in_.gps_snapshots())
                    for (const auto& w : writers) w->push(snapshot);
        }
        if (now_sec >= next_device_pass_) {
            next_device_pass_ = now_sec + options_.device_rate.count();
            passes = pass_targets_locked();
        }
    }
    run_passes(passes);
}

} // namespace airsight::core
