// gps=serial and gps=tcp: NMEA sentences from a tty or a TCP server (a phone
// app, a GPS-to-network bridge).
#include "gps/gps_types.h"
#include "gps/line_stream_gps.h"
#include "gps/nmea_parser.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

namespace airsight::core {
namespace {

// Reports what each sentence adds up to.
void report_sentence(NmeaParser& parser, std::string_view line, GpsSink& sink)
{
    const NmeaStatus status = parser.feed(line);
    switch (status) {
    case NmeaStatus::Position: sink.position(parser.position()); break;
    case NmeaStatus::NoFix: sink.position(std::nullopt); break;
    case NmeaStatus::Ignored: break;
    case NmeaStatus::MissingChecksum:
    case NmeaStatus::BadChecksum:
    case NmeaStatus::Malformed: sink.garbage(std::string("not NMEA (") + std::string(nmea_status_name(status)) + ")", line); break;
    }
}

speed_t baud_constant(std::int64_t baud)
{
    switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return B0;
    }
}

class SerialGps final : public LineStreamGps {
public:
    SerialGps(std::string device, std::int64_t baud, bool reconnect)
        : LineStreamGps(reconnect), device_(std::move(device)), baud_(baud)
    {
    }
    ~SerialGps() override { stop(); }
    std::string description() const override { return "NMEA serial GPS on " + device_ + " at " + std::to_string(baud_) + " baud"; }

protected:
    std::string endpoint() const override { return "serial GPS " + device_; }
    int open_stream() override
    {
        parser_ = NmeaParser{};
        const int fd = open(device_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) throw std::runtime_error(std::string("cannot open it: ") + std::strerror(errno));
        termios t{};
        if (tcgetattr(fd, &t) != 0) {
            const int e = errno;
            close(fd);
            throw std::runtime_error(std::string("not a serial port: ") + std::strerror(e));
        }
        cfmakeraw(&t);
        t.c_cflag |= CLOCAL | CREAD;
        cfsetispeed(&t, baud_constant(baud_));
        cfsetospeed(&t, baud_constant(baud_));
        if (tcsetattr(fd, TCSANOW, &t) != 0) {
            const int e = errno;
            close(fd);
            throw std::runtime_error(std::string("cannot set ") + std::to_string(baud_) + " baud: " + std::strerror(e));
        }
        return fd;
    }
    void on_line(std::string_view line, GpsSink& sink) override { report_sentence(parser_, line, sink); }

private:
    std::string device_;
    std::int64_t baud_;
    NmeaParser parser_;
};

class TcpNmeaGps final : public LineStreamGps {
public:
    TcpNmeaGps(std::string host, std::string port, bool reconnect)
        : LineStreamGps(reconnect), host_(std::move(host)), port_(std::move(port))
    {
    }
    ~TcpNmeaGps() override { stop(); }
    std::string description() const override { return "NMEA over TCP from " + host_ + ":" + port_; }

protected:
    std::string endpoint() const override { return "TCP GPS " + host_ + ":" + port_; }
    int open_stream() override
    {
        parser_ = NmeaParser{};
        return connect_tcp(host_, port_);
    }
    void on_line(std::string_view line, GpsSink& sink) override { report_sentence(parser_, line, sink); }

private:
    std::string host_, port_;
    NmeaParser parser_;
};

class SerialGpsType final : public GpsType {
public:
    GpsTypeInfo info() const override
    {
        return {"serial", "serial-attached NMEA gps (includes USB GPS)", -1000, "serial", false};
    }
    std::unique_ptr<GpsDriver> create(const GpsOptions& o) const override
    {
        const std::string device = o.required("device", "the tty (like /dev/ttyUSB0)");
        const std::int64_t baud = o.integer("baud", 1, 4000000).value_or(4800);
        if (baud_constant(baud) == B0)
            o.bad("baud", std::to_string(baud), "is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400");
        return std::make_unique<SerialGps>(device, baud, o.flag("reconnect", true));
    }
};

class TcpGpsType final : public GpsType {
public:
    GpsTypeInfo info() const override
    {
        return {"tcp", "Raw NMEA over TCP (typically from a smartphone app)", -1000, "tcp", false};
    }
    std::unique_ptr<GpsDriver> create(const GpsOptions& o) const override
    {
        const std::string host = o.required("host", "the NMEA server");
        const std::int64_t port = o.integer("port", 1, 65535).value_or(0);
        if (port == 0) o.required("port", "the NMEA server's TCP port");
        return std::make_unique<TcpNmeaGps>(host, std::to_string(port), o.flag("reconnect", true));
    }
};

} // namespace

std::unique_ptr<GpsType> make_serial_gps_type() { return std::make_unique<SerialGpsType>(); }
std::unique_ptr<GpsType> make_tcp_gps_type() { return std::make_unique<TcpGpsType>(); }

} // namespace airsight::core
