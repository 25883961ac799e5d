// Test doubles for the plugin tests: a message bus, a field registry, a
// config and a host session that record what plugins do with them.
#ifndef AIRSIGHT_TESTS_UNIT_PLUGINS_FAKES_H
#define AIRSIGHT_TESTS_UNIT_PLUGINS_FAKES_H

#include "../fake_config.h"
#include "plugins/plugin_loader.h"

#include <airsight/host.h>
#include <airsight/writer.h>

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace airsight::test {

/// Records every post. Thread-safe.
class FakeBus : public MessageBus {
public:
    void post(std::string_view text, int flags) override
    {
        std::lock_guard lock(mutex_);
        posts_.emplace_back(std::string(text), flags);
    }
    std::vector<std::pair<std::string, int>> posts() const
    {
        std::lock_guard lock(mutex_);
        return posts_;
    }
    /// True when some post with exactly `flags` contains every one of `parts`.
    bool has(int flags, std::initializer_list<std::string_view> parts) const
    {
        for (const auto& [text, f] : posts()) {
            if (f != flags) continue;
            bool all = true;
            for (std::string_view part : parts) all = all && text.find(part) != std::string::npos;
            if (all) return true;
        }
        return false;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, int>> posts_;
};

class FakeFields : public FieldRegistry {
public:
    const Field& add(std::string_view name, FieldType type, std::string_view description) override
    {
        std::lock_guard lock(mutex_);
        for (const Field& f : fields_)
            if (f.name == name) {
                if (f.type != type) throw FieldError("type conflict for " + f.name);
                return f;
            }
        fields_.push_back(Field{static_cast<std::uint32_t>(fields_.size() + 1), std::string(name), type,
                                std::string(description)});
        return fields_.back();
    }
    const Field* find(std::string_view name) const override
    {
        std::lock_guard lock(mutex_);
        for (const Field& f : fields_)
            if (f.name == name) return &f;
        return nullptr;
    }
    std::vector<const Field*> all() const override
    {
        std::lock_guard lock(mutex_);
        std::vector<const Field*> out;
        for (const Field& f : fields_) out.push_back(&f);
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::deque<Field> fields_;
};

/// What every host of one test saw, in order: "route NAME PATH",
/// "withdraw NAME", "post NAME TEXT". Outlives the loader.
struct HostLog {
    std::mutex mutex;
    std::vector<std::string> events;
    int hosts_made = 0;

    void add(std::string e)
    {
        std::lock_guard lock(mutex);
        events.push_back(std::move(e));
    }
    std::vector<std::string> snapshot()
    {
        std::lock_guard lock(mutex);
        return events;
    }
};

/// A host session bound to one plugin. Keeps the routes it is given until
/// withdraw(), as the server does (they hold code from the plugin's .so).
class FakeHost : public core::PluginHostSession {
public:
    FakeHost(std::string plugin, HostLog& log, FakeFields& fields, const FakeConfig& config)
        : plugin_(std::move(plugin)), log_(log), fields_(fields), config_(config), bus_(*this)
    {
    }

    FieldRegistry& fields() override { return fields_; }
    void add_route(Route route) override
    {
        log_.add("route " + plugin_ + " " + route.path);
        routes.push_back(std::move(route));
    }
    MessageBus& messages() override { return bus_; }
    void add_packet_handler(PacketStage stage, std::string name, PacketHandler handler) override
    {
        log_.add("packet_handler " + plugin_ + " " + std::string(packet_stage_name(stage)) + " " + name);
        packet_handlers.emplace_back(stage, std::move(handler));
    }
    std::uint32_t add_packet_component(std::string name, const PacketComponentOps&) override
    {
        log_.add("packet_component " + plugin_ + " " + name);
        return packet_components++;
    }
    void add_datasource_type(std::unique_ptr<DatasourceType> type) override
    {
        log_.add("datasource_type " + plugin_ + " " + type->name());
        datasource_types.push_back(std::move(type));
    }
    DeviceTracker& devices() override { throw std::logic_error("this test host has no device tracker"); }
    DeviceLists& device_lists() override { throw std::logic_error("this test host has no device lists"); }
    void add_device_view(std::string id, std::string, std::function<bool(const Device&)>) override
    {
        log_.add("device_view " + plugin_ + " " + id);
    }
    const ConfigView& config() const override { return config_; }
    std::string plugin_dir() const override { return dir; }
    OutputFiles& outputs() override
    {
        if (output_files == nullptr) throw std::logic_error("this test host has no output folder (set output_files)");
        return *output_files;
    }
    AlertTracker& alerts() override { throw std::logic_error("this test host has no alert tracker"); }
    void add_log_driver(std::unique_ptr<LogDriver>) override
    {
        throw std::logic_error("this test host has no log drivers");
    }
    const SourceDirectory& sources() const override { throw std::logic_error("this test host has no datasources"); }
    StreamTracker& streams() override { throw std::logic_error("this test host has no stream tracker"); }
    EventBus& events() override { throw std::logic_error("this test host has no event bus"); }
    void withdraw() override
    {
        log_.add("withdraw " + plugin_);
        routes.clear();
        packet_handlers.clear();
        datasource_types.clear();
    }

    /// The route serving `path`, or nullptr.
    const Route* route(std::string_view path) const
    {
        for (const Route& r : routes)
            if (r.path == path) return &r;
        return nullptr;
    }

    std::vector<Route> routes;
    std::vector<std::pair<PacketStage, PacketHandler>> packet_handlers;
    std::uint32_t packet_components = 0;
    std::vector<std::unique_ptr<DatasourceType>> datasource_types;
    std::string dir;
    OutputFiles* output_files = nullptr; // what outputs() hands out

private:
    // Posts land in the shared log, tagged with the plugin's name.
    struct Bus : MessageBus {
        explicit Bus(FakeHost& h) : host(h) {}
        void post(std::string_view text, int) override
        {
            host.log_.add("post " + host.plugin_ + " " + std::string(text));
        }
        FakeHost& host;
    };

    std::string plugin_;
    HostLog& log_;
    FakeFields& fields_;
    const FakeConfig& config_;
    Bus bus_;
};

/// A Writer that produces compact JSON-like text, enough to check replies.
class TextWriter : public Writer {
public:
    std::string out;

    void begin_object() override { sep(); out += '{'; first_ = true; }
    void end_object() override { out += '}'; first_ = false; }
    void begin_array() override { sep(); out += '['; first_ = true; }
    void end_array() override { out += ']'; first_ = false; }
    void key(std::string_view name, const Field*) override
    {
        sep();
        out += '"';
        out += name;
        out += "\":";
        after_key_ = true;
    }
    void null() override { sep(); out += "null"; }
    void boolean(bool b) override { sep(); out += b ? "true" : "false"; }
    void integer(std::int64_t v) override { sep(); out += std::to_string(v); }
    void uinteger(std::uint64_t v) override { sep(); out += std::to_string(v); }
    void number(double v) override { sep(); out += std::to_string(v); }
    void string(std::string_view s) override
    {
        sep();
        out += '"';
        out += s;
        out += '"';
    }

private:
    void sep()
    {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_) out += ',';
        first_ = false;
    }
    bool first_ = true;
    bool after_key_ = false;
};

/// Runs a reply's body through a TextWriter.
inline std::string render(const Reply& reply)
{
    TextWriter w;
    if (reply.body) reply.body(w);
    return w.out;
}

} // namespace airsight::test

#endif
