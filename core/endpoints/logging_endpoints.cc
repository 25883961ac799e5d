// /logging/...: Kismet's log tracker. The log drivers plugins registered
// (kismet.logfile.type.*), the logs opened this run (kismet.logfile.*), and
// the commands that start a log of a class and stop one (login required).
#include "endpoints/endpoints.h"

namespace airsight::core {
namespace {

struct DriverFields {
    const Field& log_class;
    const Field& name;
    const Field& stream;
    const Field& singleton;
    const Field& description;

    explicit DriverFields(FieldRegistryImpl& f)
        : log_class(f("kismet.logfile.type.class", FieldType::String, "class/type")),
          name(f("kismet.logfile.type.name", FieldType::String, "base type name")),
          stream(f("kismet.logfile.type.stream", FieldType::UInt8, "continual streaming")),
          singleton(f("kismet.logfile.type.singleton", FieldType::UInt8, "single-instance of log type permitted")),
          description(f("kismet.logfile.type.description", FieldType::String, "base description"))
    {
    }

    Value record(const LogDriver& d) const
    {
        Value v = Value::object();
        v.set(log_class, d.log_class());
        v.set(name, d.name());
        v.set(stream, 0u); // a log is a file; streams are served elsewhere
        v.set(singleton, unsigned{d.singleton()});
        v.set(description, d.description());
        return v;
    }
};

struct LogFields {
    const Field& uuid;
    const Field& description;
    const Field& path;
    const Field& log_template;
    const Field& open;
    const Field& type_driver;

    explicit LogFields(FieldRegistryImpl& f)
        : uuid(f("kismet.logfile.uuid", FieldType::Uuid, "unique log id")),
          description(f("kismet.logfile.description", FieldType::String, "log description")),
          path(f("kismet.logfile.path", FieldType::String, "filesystem path to log")),
          log_template(f("kismet.logfile.template", FieldType::String, "log name template")),
          open(f("kismet.logfile.open", FieldType::UInt8, "log is currently open")),
          type_driver(f("kismet.log.type_driver", FieldType::Object, "logfile driver"))
    {
    }

    Value record(const LogEntry& log, const LogDriverRegistry& drivers, const DriverFields& driver) const
    {
        Value v = Value::object();
        v.set(uuid, log.uuid);
        v.set(description, log.description);
        v.set(path, log.path);
        v.set(log_template, log.log_template);
        v.set(open, unsigned{log.open});
        // The driver as /logging/drivers shows it; an empty record once its plugin withdrew it.
        const auto d = drivers.find(log.log_class);
        v.set(type_driver, d ? driver.record(*d) : Value::object());
        return v;
    }
};

} // namespace

void register_logging_endpoints(Services& services, LoggingManager& logging)
{
    const DriverFields driver(services.fields);
    const LogFields log(services.fields);
    LogDriverRegistry& drivers = services.log_drivers;

    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/logging/drivers",
        .formats = LIST_FORMATS,
        .handler =
            [driver, &drivers](const Request&) {
                Value list = Value::array();
                for (const auto& d : drivers.list()) list.push(driver.record(*d));
                return Reply::value(std::move(list));
            },
        .description = "the log drivers plugins registered (log classes)",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/logging/active",
        .formats = LIST_FORMATS,
        .handler =
            [log, driver, &drivers, &logging](const Request&) {
                Value list = Value::array();
                for (const LogEntry& e : logging.logs()) list.push(log.record(e, drivers, driver));
                return Reply::value(std::move(list));
            },
        .description = "the logs opened this run, open or closed since",
        .field_query = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/logging/by-class/[CLASS]/start",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [log, driver, &drivers, &logging](const Request& r) {
                std::string title;
                if (const Value* t = r.option("title")) {
                    if (t->kind() != Value::Kind::String) throw HttpError(400, "'title' must be a string");
                    title = t->as_string();
                }
                try {
                    return Reply::value(log.record(logging.open_log(r.param("CLASS"), title), drivers, driver));
                } catch (const LogOpenError& e) {
                    throw HttpError(e.status(), e.what());
                }
            },
        .description = "opens a log of a class (optional title)",
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/logging/by-uuid/[UUID]/stop",
        .formats = CMD | JSON,
        .login_required = true,
        .handler =
            [log, driver, &drivers, &logging](const Request& r) {
                try {
                    return Reply::value(log.record(logging.close_log(r.param("UUID")), drivers, driver));
                } catch (const std::out_of_range& e) {
                    throw HttpError(404, e.what());
                }
            },
        .description = "closes an open log",
    });
}

} // namespace airsight::core
