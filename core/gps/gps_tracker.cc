#include "gps/gps_tracker.h"

#include <airsight/devices.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace airsight::core {
namespace {

double wall_now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool is_uuid(std::string_view s)
{
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

} // namespace

struct GpsTracker::Instance final : GpsSink {
    GpsTracker& tracker;
    GpsInstanceState state;
    std::unique_ptr<GpsDriver> driver;
    int stale_after = 10;
    double received = 0;          // when `state.location` came
    bool has_fix = false;         // the driver's last word was a position
    bool connection_known = false;
    bool garbage_reported = false; // since the last connection

    explicit Instance(GpsTracker& t) : tracker(t) {}

    std::string label() const { return "GPS " + state.name + " (" + state.type + ")"; }

    void connected(bool up, std::string_view detail) override
    {
        std::lock_guard lock(tracker.mutex_);
        const double now = tracker.clock_();
        const bool changed = !connection_known || up != state.connected;
        connection_known = true;
        state.connected = up;
        if (up) garbage_reported = false;
        else has_fix = false;
        // Once per change: a gpsd that is down is retried quietly.
        if (changed)
            tracker.log_.post(label() + ": " + std::string(detail), up ? MSG_INFO : MSG_ERROR);
        tracker.publish_locked(now);
    }

    void position(const std::optional<GpsFix>& fix) override
    {
        std::lock_guard lock(tracker.mutex_);
        const double now = tracker.clock_();
        state.data_time = static_cast<std::uint64_t>(now);
        if (!fix || !fix->valid()) {
            has_fix = false;
        } else {
            GpsFix stamped = *fix;
            stamped.time_sec = static_cast<std::int64_t>(now);
            stamped.time_usec = static_cast<std::uint32_t>((now - static_cast<double>(stamped.time_sec)) * 1e6);
            if (state.location) state.last_location = state.location;
            state.location = stamped;
            state.signal_time = state.data_time;
            received = now;
            has_fix = true;
        }
        tracker.publish_locked(now);
    }

    void garbage(std::string_view why, std::string_view line) override
    {
        std::lock_guard lock(tracker.mutex_);
        ++state.garbage_lines;
        if (garbage_reported) return;
        garbage_reported = true;
        std::string shown(line.substr(0, 80));
        for (char& c : shown)
            if (c < 0x20 || c > 0x7e) c = '?';
        tracker.log_.post(label() + ": ignoring a line that is " + std::string(why) + ": '" + shown +
                              "' (further ones are only counted)",
                          MSG_ERROR);
    }
};

GpsTracker::GpsTracker(MessageBus& log, CurrentFix& publish_to, std::string server_name, Clock clock)
    : log_(log), current_(publish_to), server_name_(std::move(server_name)), clock_(clock ? std::move(clock) : wall_now)
{
}

GpsTracker::~GpsTracker() { stop_all(); }

void GpsTracker::add_type(std::unique_ptr<GpsType> type)
{
    std::lock_guard lock(mutex_);
    const std::string name = type->info().name;
    for (const auto& t : types_)
        if (t->info().name == name) throw std::invalid_argument("GPS type '" + name + "' is already registered");
    types_.push_back(std::move(type));
}

std::vector<GpsTypeInfo> GpsTracker::types() const
{
    std::lock_guard lock(mutex_);
    std::vector<GpsTypeInfo> out;
    for (const auto& t : types_) out.push_back(t->info());
    return out;
}

std::string GpsTracker::uuid_for(std::string_view server_name, std::string_view definition)
{
    const std::string id = std::string(server_name) + std::string(definition);
    char text[40];
    std::snprintf(text, sizeof text, "%08X-0000-0000-0000-0000%08X", DeviceKey::hash_phy_name("kismet_gps"),
                  DeviceKey::hash_phy_name(id));
    return text;
}

std::string GpsTracker::unique_name_locked(const std::string& wanted) const
{
    auto taken = [&](const std::string& name) {
        return std::any_of(instances_.begin(), instances_.end(), [&](const auto& i) { return i->state.name == name; });
    };
    if (!taken(wanted)) return wanted;
    for (int n = 1;; ++n)
        if (!taken(wanted + std::to_string(n))) return wanted + std::to_string(n);
}

GpsInstanceState GpsTracker::add(std::string_view definition)
{
    const GpsOptions options = GpsOptions::parse(definition);
    auto instance = std::make_unique<Instance>(*this);
    {
        std::lock_guard lock(mutex_);
        const GpsType* type = nullptr;
        std::string known;
        for (const auto& t : types_) {
            if (t->info().name == options.type) type = t.get();
            known += (known.empty() ? "" : ", ") + t->info().name;
        }
        if (!type) throw std::invalid_argument("unknown GPS type '" + options.type + "' in '" + options.text + "' (known: " + known + ")");
        const GpsTypeInfo info = type->info();
        if (info.singleton)
            for (const auto& i : instances_)
                if (i->state.type == info.name)
                    throw std::invalid_argument("a GPS of type '" + info.name + "' is already defined, and there can be only one");
        GpsInstanceState& s = instance->state;
        s.type = info.name;
        s.definition = options.text;
        s.name = unique_name_locked(options.option("name").value_or(info.default_name));
        if (s.name.empty()) options.bad("name", "", "is empty");
        s.uuid = options.option("uuid").value_or(uuid_for(server_name_, options.text));
        if (!is_uuid(s.uuid)) options.bad("uuid", s.uuid, "is not a UUID (like 8-4-4-4-12 hex digits)");
        for (char& c : s.uuid) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        s.priority = static_cast<int>(options.integer("priority", -1000000, 1000000).value_or(info.priority));
        s.data_only = options.flag("dataonly", false);
        s.reconnect = options.flag("reconnect", true);
        instance->driver = type->create(options);
        s.description = instance->driver->description();
        instance->stale_after = instance->driver->stale_after_sec();
    }
    Instance& added = *instance;
    {
        std::lock_guard lock(mutex_);
        // Stable: of equal priorities the first defined comes first.
        const auto at = std::upper_bound(instances_.begin(), instances_.end(), added.state.priority,
                                         [](int p, const auto& i) { return p < i->state.priority; });
        instances_.insert(at, std::move(instance));
    }
    log_.post("GPS " + added.state.name + " (" + added.state.type + "): " + added.state.description +
                  ", priority " + std::to_string(added.state.priority),
              MSG_INFO);
    added.driver->start(added); // without the lock: it may report at once
    std::lock_guard lock(mutex_);
    GpsInstanceState out = added.state;
    out.valid = is_valid(added, clock_());
    return out;
}

void GpsTracker::stop_all()
{
    std::vector<std::unique_ptr<Instance>> stopping;
    {
        std::lock_guard lock(mutex_);
        stopping.swap(instances_);
    }
    // Their threads may be reporting: stop them without the lock.
    for (auto& i : stopping) i->driver->stop();
    std::lock_guard lock(mutex_);
    publish_locked(clock_());
}

bool GpsTracker::is_valid(const Instance& i, double now) const
{
    if (!i.has_fix || !i.state.connected || !i.state.location) return false;
    return i.stale_after == 0 || now - i.received <= i.stale_after;
}

std::vector<GpsInstanceState> GpsTracker::instances() const
{
    std::lock_guard lock(mutex_);
    const double now = clock_();
    std::vector<GpsInstanceState> out;
    for (const auto& i : instances_) {
        out.push_back(i->state);
        out.back().valid = is_valid(*i, now);
    }
    return out;
}

std::optional<BestFix> GpsTracker::best_locked(double now) const
{
    for (const auto& i : instances_)
        if (!i->state.data_only && is_valid(*i, now)) return BestFix{*i->state.location, i->state.uuid};
    return std::nullopt;
}

std::optional<BestFix> GpsTracker::best() const
{
    std::lock_guard lock(mutex_);
    return best_locked(clock_());
}

void GpsTracker::publish_locked(double now)
{
    const std::optional<BestFix> b = best_locked(now);
    const std::optional<GpsFix> fix = b ? std::optional<GpsFix>(b->fix) : std::nullopt;
    // CurrentFix starts without a fix: until one comes, nothing is published
    // and the packet path's generation check stays at 0.
    if (fix == published_) return;
    published_ = fix;
    current_.publish(fix);
}

bool GpsTracker::post_position(const GpsFix& fix)
{
    std::vector<GpsDriver*> drivers;
    {
        std::lock_guard lock(mutex_);
        for (const auto& i : instances_) drivers.push_back(i->driver.get());
    }
    // The drivers live until stop_all(), which the endpoints do not outlive.
    for (GpsDriver* d : drivers)
        if (d->accept_posted(fix)) return true;
    return false;
}

void GpsTracker::tick()
{
    std::lock_guard lock(mutex_);
    publish_locked(clock_());
}

} // namespace airsight::core
