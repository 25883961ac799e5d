// The GPS types the core provides, as Kismet names them in gps=TYPE:...
#ifndef AIRSIGHT_CORE_GPS_GPS_TYPES_H
#define AIRSIGHT_CORE_GPS_GPS_TYPES_H

#include "gps/gps_driver.h"

#include <memory>
#include <vector>

namespace airsight::core {

/// gpsd:host=...,port=2947 — gpsd's JSON protocol over TCP (gpsd_gps.cc).
std::unique_ptr<GpsType> make_gpsd_gps_type();
/// serial:device=/dev/ttyUSB0,baud=4800 — NMEA from a tty (nmea_gps.cc).
std::unique_ptr<GpsType> make_serial_gps_type();
/// tcp:host=...,port=... — NMEA over TCP (nmea_gps.cc).
std::unique_ptr<GpsType> make_tcp_gps_type();
/// virtual:lat=...,lon=...,alt=... — a fixed position (virtual_gps.cc).
std::unique_ptr<GpsType> make_virtual_gps_type();
/// web — positions a browser posts to /gps/web/update.cmd (web_gps.cc).
std::unique_ptr<GpsType> make_web_gps_type();

/// All of the above.
std::vector<std::unique_ptr<GpsType>> builtin_gps_types();

} // namespace airsight::core

#endif
