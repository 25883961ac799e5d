#include "gps/gps_types.h"

namespace airsight::core {

std::vector<std::unique_ptr<GpsType>> builtin_gps_types()
{
    std::vector<std::unique_ptr<GpsType>> types;
    types.push_back(make_gpsd_gps_type());
    types.push_back(make_serial_gps_type());
    types.push_back(make_tcp_gps_type());
    types.push_back(make_virtual_gps_type());
    types.push_back(make_web_gps_type());
    return types;
}

} // namespace airsight::core
