#include "kismetdb_schema.h"

#include <airsight/host.h>

namespace airsight::kismetdb {

const char* const kCreateTables =
    "CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);"
    "CREATE TABLE devices (first_time INT, last_time INT, devkey TEXT, phyname TEXT, devmac TEXT, "
    "strongest_signal INT, min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL, avg_lat REAL, avg_lon REAL, "
    "bytes_data INT, type TEXT, device BLOB, UNIQUE(phyname, devmac) ON CONFLICT REPLACE);"
    "CREATE TABLE packets (ts_sec INT, ts_usec INT, phyname TEXT, sourcemac TEXT, destmac TEXT, transmac TEXT, "
    "frequency REAL, devkey TEXT, lat REAL, lon REAL, alt REAL, speed REAL, heading REAL, packet_len INT, "
    "signal INT, datasource TEXT, dlt INT, packet BLOB, error INT, tags TEXT, datarate REAL, hash INT, "
    "packetid INT, packet_full_len INT);"
    "CREATE TABLE data (ts_sec INT, ts_usec INT, phyname TEXT, devmac TEXT, lat REAL, lon REAL, alt REAL, "
    "speed REAL, heading REAL, datasource TEXT, type TEXT, json BLOB, signal INT );"
    "CREATE TABLE datasources (uuid TEXT, typestring TEXT, definition TEXT, name TEXT, interface TEXT, json BLOB, "
    "UNIQUE(uuid) ON CONFLICT REPLACE);"
    "CREATE TABLE alerts (ts_sec INT, ts_usec INT, phyname TEXT, devmac TEXT, lat REAL, lon REAL, header TEXT, "
    "json BLOB );"
    "CREATE TABLE messages (ts_sec INT, lat REAL, lon REAL, msgtype TEXT, message TEXT );"
    "CREATE TABLE snapshots (ts_sec INT, ts_usec INT, lat REAL, lon REAL, snaptype TEXT, json BLOB );";

std::string message_type(int flags)
{
    if (flags & MSG_INFO) return "INFO";
    if (flags & MSG_ERROR) return "ERROR";
    if (flags & MSG_DEBUG) return "DEBUG";
    if (flags & MSG_FATAL) return "FATAL";
    return "";
}

} // namespace airsight::kismetdb
