// libFuzzer target: what a GPS sends, line by line, to the NMEA parser (a
// tty or TCP stream) and to the gpsd JSON reader. Neither may crash, and a
// position either reports must be a real one.
#include "gps/gpsd_json.h"
#include "gps/nmea_parser.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(const airsight::GpsFix& f)
{
    if (f.fix < 2 || f.fix > 3 || !(std::fabs(f.lat) <= 90) || !(std::fabs(f.lon) <= 180) || !std::isfinite(f.alt) ||
        !std::isfinite(f.speed) || !std::isfinite(f.heading))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::core;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    NmeaParser nmea;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (nmea.feed(line) == NmeaStatus::Position) {
            if (!nmea.position()) std::abort();
            check(*nmea.position());
        }
        const GpsdReport r = parse_gpsd_line(line);
        if (r.fix) check(*r.fix);
        if (r.kind == GpsdReport::Malformed && r.text.empty()) std::abort(); // a reason, always
    }
    return 0;
}
