// PHY data rates for HT and VHT, as Kismet tabulates them (Kismet's HT table
// rounds a few 4-stream short-GI values differently from the standard).
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_RATES_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_RATES_H

namespace airsight::dot11 {

/// HT rate for MCS 0-31 in Mbps; 0 for anything else (MCS 32 included).
double ht_rate_mbps(unsigned mcs, bool forty_mhz, bool short_gi);

/// VHT rate at 80/160 MHz for 1-4 streams and MCS 7 or 9, the only cells Kismet
/// uses when it derives a maximum rate from VHT capabilities; 0 otherwise.
double vht_rate_mbps(unsigned streams, unsigned mcs, bool wide160, bool short_gi);

} // namespace airsight::dot11

#endif
