#include "rates.h"

#include <cmath>

namespace airsight::dot11 {

namespace {

// One spatial stream, long guard interval, by MCS % 8.
constexpr double ht20_rate[8] = {6.5, 13, 19.5, 26, 39, 52, 58.5, 65};
constexpr double ht40_rate[8] = {13.5, 27, 40.5, 54, 81, 108, 121.5, 135};
// Kismet's table lists these 4-stream 20 MHz short-GI rates (MCS 24-31)
// slightly off the formula; matching them keeps advertised max rates equal.
constexpr double kismet_ht20_sgi_4ss[8] = {28.8, 57.6, 86.8, 115.6, 173.2, 231.2, 260, 288.8};

// [streams-1][0: MCS 7, 1: MCS 9][80 LGI, 80 SGI, 160 LGI, 160 SGI]
constexpr double vht_rate[4][2][4] = {
    {{292.5, 325, 585, 650}, {390, 433.3, 780, 866.7}},
    {{585, 650, 1170, 1300}, {780, 866.7, 1560, 1733.3}},
    {{877.5, 975, 1755, 1950}, {1170, 1300, 0, 0}},
    {{1170, 1300, 2340, 2600}, {1560, 1733.3, 3120, 3466.7}},
};

double round_tenth(double v) { return std::round(v * 10.0) / 10.0; }

} // namespace

double ht_rate_mbps(unsigned mcs, bool forty_mhz, bool short_gi)
{
    if (mcs > 31) return 0;
    const unsigned streams = mcs / 8 + 1;
    const unsigned index = mcs % 8;
    if (!forty_mhz && short_gi && streams == 4) return kismet_ht20_sgi_4ss[index];
    const double base = (forty_mhz ? ht40_rate[index] : ht20_rate[index]) * streams;
    return short_gi ? round_tenth(base * 10.0 / 9.0) : base;
}

double vht_rate_mbps(unsigned streams, unsigned mcs, bool wide160, bool short_gi)
{
    if (streams < 1 || streams > 4 || (mcs != 7 && mcs != 9)) return 0;
    return vht_rate[streams - 1][mcs == 9 ? 1 : 0][(wide160 ? 2 : 0) + (short_gi ? 1 : 0)];
}

} // namespace airsight::dot11
