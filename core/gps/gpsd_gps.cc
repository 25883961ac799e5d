// gps=gpsd: a client of gpsd's JSON protocol.
#include "gps/gps_types.h"
#include "gps/gpsd_json.h"
#include "gps/line_stream_gps.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

namespace airsight::core {
namespace {

class GpsdGps final : public LineStreamGps {
public:
    GpsdGps(std::string host, std::string port, bool reconnect)
        : LineStreamGps(reconnect), host_(std::move(host)), port_(std::move(port))
    {
    }
    ~GpsdGps() override { stop(); }

    std::string description() const override { return "gpsd at " + host_ + ":" + port_; }

protected:
    int open_stream() override { return connect_tcp(host_, port_); }
    std::string endpoint() const override { return "gpsd " + host_ + ":" + port_; }

    void on_open(int fd) override
    {
        // gpsd answers a watch at any time, so it need not wait for VERSION.
        std::string_view left = kGpsdWatch;
        for (int tries = 0; !left.empty() && tries < 100; ++tries) {
            const ssize_t n = write(fd, left.data(), left.size());
            if (n > 0) left.remove_prefix(static_cast<std::size_t>(n));
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                throw std::runtime_error(std::string("cannot send ?WATCH: ") + std::strerror(errno));
            else usleep(10000);
        }
        if (!left.empty()) throw std::runtime_error("cannot send ?WATCH: the socket stays full");
    }

    void on_line(std::string_view line, GpsSink& sink) override
    {
        const GpsdReport r = parse_gpsd_line(line);
        switch (r.kind) {
        case GpsdReport::Tpv: sink.position(r.fix); break;
        case GpsdReport::Malformed: sink.garbage(r.text, line); break;
        case GpsdReport::Version:
        case GpsdReport::Sky:
        case GpsdReport::Other: break; // DEVICES, WATCH, SKY...: nothing about the position
        }
    }

private:
    std::string host_, port_;
};

class GpsdGpsType final : public GpsType {
public:
    GpsTypeInfo info() const override { return {"gpsd", "networked GPSD server", -1000, "gpsd", false}; }
    std::unique_ptr<GpsDriver> create(const GpsOptions& o) const override
    {
        const std::string host = o.required("host", "the gpsd server (like localhost)");
        const std::int64_t port = o.integer("port", 1, 65535).value_or(2947);
        return std::make_unique<GpsdGps>(host, std::to_string(port), o.flag("reconnect", true));
    }
};

} // namespace

std::unique_ptr<GpsType> make_gpsd_gps_type() { return std::make_unique<GpsdGpsType>(); }

} // namespace airsight::core
