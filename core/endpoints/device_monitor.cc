#include "endpoints/device_monitor.h"

#include "endpoints/json_command_session.h"
#include "json/json_writers.h"
#include "query/field_query.h"
#include "util/local_clock.h"

#include <cmath>

namespace airsight::core {
namespace {

class DeviceMonitorSession : public JsonCommandSession {
public:
    DeviceMonitorSession(DeviceMonitor& monitor, std::function<bool(const Device&)> view)
        : monitor_(monitor), view_(std::move(view)), id_(monitor.new_session_id())
    {
    }

    void on_close() override
    {
        monitor_.remove_session(id_);
        peer_.reset();
    }

private:
    void on_command(const Value& command) override
    {
        const Value* cancel = command.find("cancel");
        const Value* monitor = command.find("monitor");
        if (!cancel && !monitor) return reply_error("expected {\"monitor\": ..., \"request\": ...} or {\"cancel\": id}");
        if (cancel) {
            const auto id = request_id(*cancel);
            if (!id) return reply_error("cancel takes a request id (an integer)");
            monitor_.cancel(id_, *id);
        }
        if (monitor) add(*monitor, command);
    }

    static std::optional<std::int64_t> request_id(const Value& v)
    {
        switch (v.kind()) {
        case Value::Kind::Int: return v.as_int();
        case Value::Kind::UInt: return static_cast<std::int64_t>(v.as_uint());
        default: return std::nullopt;
        }
    }

    void add(const Value& target_value, const Value& command)
    {
        if (target_value.kind() != Value::Kind::String)
            return reply_error("monitor takes \"*\", a device key or a MAC address");
        const Value* request = command.find("request");
        const auto id = request ? request_id(*request) : std::nullopt;
        if (!id) return reply_error("a monitor request needs \"request\": an integer id");
        auto watch = std::make_shared<DeviceMonitor::Watch>();
        watch->session = id_;
        watch->request = *id;
        watch->target = target_value.as_string();
        if (const Value* rate = command.find("rate")) {
            double seconds = -1;
            if (rate->kind() == Value::Kind::Int || rate->kind() == Value::Kind::UInt || rate->kind() == Value::Kind::Double)
                seconds = rate->as_double();
            if (!(seconds >= 1 && seconds <= 86400)) return reply_error("rate is a number of seconds, 1 to 86400");
            watch->rate_sec = static_cast<std::int64_t>(std::ceil(seconds));
        }
        std::function<bool(const Device&)> target;
        if (watch->target != "*") {
            if (auto key = DeviceKey::parse(watch->target)) {
                target = [key = *key](const Device& d) { return d.key == key; };
            } else if (auto mac = MacAddr::parse(watch->target)) {
                target = [mac = *mac](const Device& d) { return d.mac == mac; };
            } else {
                return reply_error("invalid device reference '" + watch->target + "': \"*\", a device key or a MAC");
            }
        }
        watch->select = [view = view_, target](const Device& d) { return (!view || view(d)) && (!target || target(d)); };
        std::optional<FieldQuery> fields = fields_of(command, monitor_.services().fields);
        if (!fields) return; // answered
        watch->options.query = std::move(*fields);
        watch->peer = peer_;
        monitor_.add(std::move(watch));
    }

    DeviceMonitor& monitor_;
    std::function<bool(const Device&)> view_;
    const std::uint64_t id_;
};

} // namespace

DeviceMonitor::DeviceMonitor(Services& services) : services_(services) {}

void DeviceMonitor::register_routes()
{
    services_.routes.add(Route{
        .methods = GET,
        .path = "/devices/monitor",
        .formats = WEBSOCKET,
        .handler = [this](const Request&) {
            return Reply::websocket(std::make_shared<DeviceMonitorSession>(*this, nullptr));
        },
        .description = "Kismet's device monitor: changed devices at a rate, over a websocket",
    });
    services_.routes.add(Route{
        .methods = GET,
        .path = "/devices/views/[VIEW]/monitor",
        .formats = WEBSOCKET,
        .handler = [this](const Request& r) {
            const std::string& id = r.param("VIEW");
            std::function<bool(const Device&)> view;
            if (id != "all") {
                for (const PhyInfo& p : services_.devices.phys())
                    if (id == "phy-" + p.name) view = [pid = p.id](const Device& d) { return d.phy_id == pid; };
                for (const DeviceView& v : services_.devices.views())
                    if (!view && v.id == id) view = v.select ? v.select : [](const Device&) { return true; };
                if (!view) throw HttpError(404, "no device view '" + id + "' (see /devices/views/all_views.json)");
            }
            return Reply::websocket(std::make_shared<DeviceMonitorSession>(*this, std::move(view)));
        },
        .description = "Kismet's device monitor over the devices of one view",
    });
}

void DeviceMonitor::add(std::shared_ptr<Watch> watch)
{
    std::lock_guard lock(mutex_);
    // A request id used again replaces the request, as in Kismet.
    std::erase_if(watches_, [&](const auto& w) {
        const bool same = w->session == watch->session && w->request == watch->request;
        if (same) w->cancelled = true;
        return same;
    });
    watches_.push_back(std::move(watch));
}

void DeviceMonitor::cancel(std::uint64_t session, std::int64_t request)
{
    std::lock_guard lock(mutex_);
    std::erase_if(watches_, [&](const auto& w) {
        const bool same = w->session == session && w->request == request;
        if (same) w->cancelled = true;
        return same;
    });
}

void DeviceMonitor::remove_session(std::uint64_t session)
{
    std::lock_guard lock(mutex_);
    std::erase_if(watches_, [&](const auto& w) {
        if (w->session == session) w->cancelled = true;
        return w->session == session;
    });
}

void DeviceMonitor::tick()
{
    const std::int64_t now = local_now_sec();
    std::vector<std::shared_ptr<Watch>> due;
    {
        std::lock_guard lock(mutex_);
        for (const auto& w : watches_)
            if (w->next_due <= now) {
                w->next_due = now + w->rate_sec;
                due.push_back(w);
            }
    }
    for (const auto& w : due) run(*w, now); // unlocked: a client may cancel meanwhile
}

void DeviceMonitor::run(Watch& watch, std::int64_t now)
{
    if (watch.cancelled || !watch.peer->open()) return;
    watch.options.modified_since = watch.since;
    // Selected now; a device changed this second is sent again next time (at
    // or after `since`), never missed.
    watch.since = static_cast<std::uint64_t>(now);
    // A chunk of records at a time: "*" over 100,000 devices never holds
    // them all, nor the tracker's lock while they are sent.
    services_.device_lists.visit_records(
        watch.options, [&](const Device& d) { return watch.select(d); },
        [&](Value& record) {
            if (watch.cancelled) return false;
            std::string out;
            auto writer = make_writer(JSON, out);
            watch.options.query.write(*writer, record);
            return watch.peer->send_text(out); // false: closed (its queue overflowed, or it left)
        });
}

} // namespace airsight::core
