// Kismet's kismetdb schema, as Kismet writes it (kis_databaselogfile.cc,
// kis_database.cc), so Kismet's own tools (kismetdb_to_pcap,
// kismetdb_statistics, ...) read what airsight writes.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_SCHEMA_H
#define AIRSIGHT_PLUGINS_KISMETDB_KISMETDB_SCHEMA_H

#include <string>

namespace airsight::kismetdb {

/// KISMETDB_LOG_VERSION of the Kismet whose schema this is.
inline constexpr int kLogVersion = 10;
/// The KISMET table's db_module for the log (kis_database's module name).
inline constexpr const char* kDbModule = "kismetlog";
/// What Kismet writes where it knows no address, source or device.
inline constexpr const char* kZeroUuid = "00000000-0000-0000-0000-000000000000";

/// Every CREATE TABLE of a new log, in Kismet's order, column for column.
extern const char* const kCreateTables;

/// The messages table's msgtype for MessageFlags bits, picked as Kismet
/// does: INFO, ERROR, DEBUG, FATAL in that order; "" for anything else.
std::string message_type(int flags);

} // namespace airsight::kismetdb

#endif
