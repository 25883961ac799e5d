// gps=web: the position a logged-in browser posts to /gps/web/update.cmd
// (Kismet's gpsweb: lat, lon, alt, spd; an altitude makes it a 3D fix).
#include "gps/gps_types.h"

#include <cmath>
#include <mutex>

namespace airsight::core {
namespace {

// Initial bearing from one point to another, degrees from true north.
double bearing(const GpsFix& from, const GpsFix& to)
{
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dlon = (to.lon - from.lon) * kRad;
    const double y = std::sin(dlon) * std::cos(to.lat * kRad);
    const double x = std::cos(from.lat * kRad) * std::sin(to.lat * kRad) -
                     std::sin(from.lat * kRad) * std::cos(to.lat * kRad) * std::cos(dlon);
    const double deg = std::atan2(y, x) / kRad;
    return deg < 0 ? deg + 360 : deg;
}

class WebGps final : public GpsDriver {
public:
    void start(GpsSink& sink) override
    {
        std::lock_guard lock(mutex_);
        sink_ = &sink;
        sink.connected(true, "waiting for a browser to post its position to /gps/web/update.cmd");
    }
    void stop() override
    {
        std::lock_guard lock(mutex_);
        sink_ = nullptr;
    }
    std::string description() const override { return "web-based GPS using location from browser"; }
    // A browser posts every few seconds while its page is open.
    int stale_after_sec() const override { return 30; }

    bool accept_posted(const GpsFix& posted) override
    {
        std::lock_guard lock(mutex_);
        if (!sink_) return false;
        GpsFix f = posted;
        // Browsers rarely know their heading: take it from the last move, as Kismet does.
        if (previous_ && f.heading == 0 && (previous_->lat != f.lat || previous_->lon != f.lon))
            f.heading = bearing(*previous_, f);
        previous_ = f;
        sink_->position(f);
        return true;
    }

private:
    std::mutex mutex_;
    GpsSink* sink_ = nullptr;
    std::optional<GpsFix> previous_;
};

class WebGpsType final : public GpsType {
public:
    GpsTypeInfo info() const override { return {"web", "Web-based GPS using client browser", 0, "web", true}; }
    std::unique_ptr<GpsDriver> create(const GpsOptions&) const override { return std::make_unique<WebGps>(); }
};

} // namespace

std::unique_ptr<GpsType> make_web_gps_type() { return std::make_unique<WebGpsType>(); }

} // namespace airsight::core
