// gps=virtual: a fixed position (a stationary sensor), Kismet's gpsfake.
#include "gps/gps_types.h"

#include <sstream>

namespace airsight::core {
namespace {

class VirtualGps final : public GpsDriver {
public:
    explicit VirtualGps(GpsFix fix) : fix_(fix) {}
    void start(GpsSink& sink) override
    {
        sink.connected(true, "virtual GPS at a fixed position");
        sink.position(fix_);
    }
    void stop() override {}
    std::string description() const override
    {
        std::ostringstream s;
        s.precision(9);
        s << "Virtual GPS at " << fix_.lat << ", " << fix_.lon;
        if (fix_.fix == 3) s << " @ " << fix_.alt << " m";
        return s.str();
    }
    int stale_after_sec() const override { return 0; }

private:
    GpsFix fix_;
};

class VirtualGpsType final : public GpsType {
public:
    GpsTypeInfo info() const override { return {"virtual", "Virtual fixed-location GPS", 0, "virtual", true}; }
    std::unique_ptr<GpsDriver> create(const GpsOptions& o) const override
    {
        o.required("lat", "a latitude in decimal degrees");
        o.required("lon", "a longitude in decimal degrees");
        GpsFix f;
        f.lat = *o.number("lat", -90, 90);
        f.lon = *o.number("lon", -180, 180);
        f.fix = 2;
        if (const auto alt = o.number("alt", -100000, 1000000)) {
            f.alt = *alt;
            f.fix = 3;
        }
        return std::make_unique<VirtualGps>(f);
    }
};

} // namespace

std::unique_ptr<GpsType> make_virtual_gps_type() { return std::make_unique<VirtualGpsType>(); }

} // namespace airsight::core
