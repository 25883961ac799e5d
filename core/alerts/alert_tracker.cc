#include "alerts/alert_tracker.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace airsight::core {

struct AlertTrackerImpl::Entry {
    AlertDefinition definition;
    std::uint32_t phy_hash = 0; // for device keys; 0 for any PHY
    mutable std::mutex mutex;   // guards throttle
    AlertThrottle throttle;
};

namespace {

double wall_seconds()
{
    using namespace std::chrono;
    return static_cast<double>(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()) / 1e6;
}

// Kismet's alert hash: its adler32 over the fields that together make an
// alert unique (DeviceKey::hash_phy_name is that checksum).
std::uint32_t alert_hash(const AlertRecord& r)
{
    char ts[32];
    std::snprintf(ts, sizeof ts, "%.6f", r.timestamp);
    const std::string text = r.header + " " + std::to_string(r.severity) + " " + std::to_string(r.phy) + " " + ts +
                             " " + r.transmitter.str() + " " + r.source.str() + " " + r.dest.str() + " " +
                             r.other.str() + " " + r.channel;
    return DeviceKey::hash_phy_name(text);
}

} // namespace

AlertTrackerImpl::AlertTrackerImpl(AlertOptions options, MessageBus& bus, DeviceTrackerImpl& devices, Clock clock)
    : options_(std::move(options)), bus_(bus), devices_(devices), clock_(clock ? std::move(clock) : Clock(wall_seconds))
{
}

AlertTrackerImpl::~AlertTrackerImpl()
{
    for (auto& slot : table_) delete slot.load();
}

AlertRef AlertTrackerImpl::define(const AlertDefinition& definition)
{
    auto e = std::make_unique<Entry>();
    e->definition = definition;
    e->definition.name = alert_name_key(definition.name);
    const std::string& name = e->definition.name;
    if (name.empty()) throw std::invalid_argument("an alert needs a name");
    if (name.find_first_of(" \t,") != std::string::npos)
        throw std::invalid_argument("alert name '" + name + "' has a space or comma");
    AlertRates rates;
    if (auto over = options_.rates.find(name); over != options_.rates.end()) {
        rates = over->second; // the operator's alert= line wins
    } else {
        try {
            rates = parse_alert_rates(definition.throttle, definition.burst);
        } catch (const std::invalid_argument& err) {
            throw std::invalid_argument("alert " + name + ": " + err.what());
        }
    }
    e->throttle.limit = rates.limit;
    e->throttle.burst = rates.burst;
    auto unit_name = [](const AlertRate& r) {
        static const char* names[] = {"sec", "min", "hour", "day"};
        return std::to_string(r.count) + "/" + names[static_cast<int>(r.unit)];
    };
    e->definition.throttle = unit_name(rates.limit);
    e->definition.burst = unit_name(rates.burst);
    if (definition.phy != ALERT_ANY_PHY) {
        if (definition.phy < 0 || definition.phy > 0xffff)
            throw std::invalid_argument("alert " + name + ": phy " + std::to_string(definition.phy) + " is not a PHY id");
        const std::string phy = devices_.phy_name(static_cast<std::uint32_t>(definition.phy));
        if (phy.empty()) throw std::invalid_argument("alert " + name + ": no PHY has id " + std::to_string(definition.phy));
        e->phy_hash = DeviceKey::hash_phy_name(phy);
    }

    std::lock_guard lock(define_mutex_);
    if (find(name)) throw std::invalid_argument("alert " + name + " is already defined");
    const std::uint32_t index = count_.load(std::memory_order_relaxed);
    if (index >= MAX_DEFINITIONS)
        throw std::length_error("cannot define alert " + name + ": " + std::to_string(MAX_DEFINITIONS) +
                                " alerts are defined already");
    table_[index].store(e.release(), std::memory_order_release);
    count_.store(index + 1, std::memory_order_release);
    return AlertRef(index);
}

std::optional<AlertRef> AlertTrackerImpl::find(std::string_view name) const
{
    const std::string key = alert_name_key(name);
    const std::uint32_t n = count_.load(std::memory_order_acquire);
    for (std::uint32_t i = 0; i < n; ++i)
        if (table_[i].load(std::memory_order_acquire)->definition.name == key) return AlertRef(i);
    return std::nullopt;
}

const AlertTrackerImpl::Entry& AlertTrackerImpl::entry(AlertRef alert) const
{
    if (!alert.valid()) throw std::out_of_range("an AlertRef that define() did not return names no alert");
    if (alert.index() >= count_.load(std::memory_order_acquire))
        throw std::out_of_range("no alert defined with index " + std::to_string(alert.index()));
    return *table_[alert.index()].load(std::memory_order_acquire);
}

bool AlertTrackerImpl::would_raise(AlertRef alert) const
{
    const Entry& e = entry(alert);
    const double now = clock_();
    std::lock_guard lock(e.mutex);
    return e.throttle.would_admit(now);
}

bool AlertTrackerImpl::raise(AlertRef alert, const AlertEvent& event) { return raise_record(alert, event).has_value(); }

std::optional<AlertRecord> AlertTrackerImpl::raise_record(AlertRef alert, const AlertEvent& event)
{
    Entry& e = const_cast<Entry&>(entry(alert));
    const double now = clock_();
    {
        std::lock_guard lock(e.mutex);
        if (!e.throttle.admit(now)) return std::nullopt;
    }
    AlertRecord r;
    r.header = e.definition.name;
    r.alert_class = e.definition.alert_class;
    r.severity = static_cast<std::uint8_t>(e.definition.severity);
    r.phy = static_cast<std::uint32_t>(e.definition.phy);
    r.timestamp = now;
    r.transmitter = event.transmitter;
    r.source = event.source;
    r.dest = event.dest;
    r.other = event.other;
    r.channel = std::string(event.channel);
    r.frequency_khz = event.frequency_khz;
    r.text = std::string(event.text);
    r.device_key = (e.phy_hash != 0 ? DeviceKey{e.phy_hash, event.transmitter} : DeviceKey{}).str();
    r.hash = alert_hash(r);
    // A packet's fix when the detector passed one, else where the server is
    // now (Kismet's alert tracker asks the GPS tracker too).
    if (event.location && event.location->valid()) r.location = *event.location;
    else if (current_fix_) r.location = current_fix_->get();
    {
        std::lock_guard lock(backlog_mutex_);
        backlog_.push_back(r);
        while (backlog_.size() > options_.backlog) backlog_.pop_front();
    }
    bus_.post(r.header + " " + r.text, MSG_ALERT);
    count_on_devices(e, event);
    sent_.notify(r);
    return r;
}

void AlertTrackerImpl::count_on_devices(const Entry& e, const AlertEvent& event)
{
    // Each device once, however many roles its MAC plays in the alert.
    const MacAddr* macs[] = {&event.transmitter, &event.source, &event.dest, &event.other};
    for (std::size_t i = 0; i < 4; ++i) {
        const MacAddr& mac = *macs[i];
        if (mac.is_zero()) continue;
        bool repeated = false;
        for (std::size_t j = 0; j < i; ++j) repeated = repeated || *macs[j] == mac;
        if (repeated) continue;
        auto bump = [](Device& d) { ++d.num_alerts; };
        if (e.definition.phy != ALERT_ANY_PHY) {
            devices_.with_device(static_cast<std::uint32_t>(e.definition.phy), mac, bump);
        } else {
            // Every registered PHY (ids count from 1; phys() would count devices).
            for (std::uint32_t id = 1; !devices_.phy_name(id).empty(); ++id) devices_.with_device(id, mac, bump);
        }
    }
}

std::vector<AlertRecord> AlertTrackerImpl::backlog() const
{
    std::lock_guard lock(backlog_mutex_);
    return {backlog_.begin(), backlog_.end()};
}

std::vector<AlertRecord> AlertTrackerImpl::since(double since) const
{
    std::lock_guard lock(backlog_mutex_);
    std::vector<AlertRecord> out;
    for (const AlertRecord& r : backlog_)
        if (r.timestamp > since) out.push_back(r);
    return out;
}

AlertDefinitionState AlertTrackerImpl::definition(AlertRef alert) const
{
    const Entry& e = entry(alert);
    std::lock_guard lock(e.mutex);
    return {e.definition, e.throttle};
}

std::vector<AlertDefinitionState> AlertTrackerImpl::definitions() const
{
    std::vector<AlertDefinitionState> out;
    const std::uint32_t n = count_.load(std::memory_order_acquire);
    for (std::uint32_t i = 0; i < n; ++i) out.push_back(definition(AlertRef(i)));
    return out;
}

} // namespace airsight::core
