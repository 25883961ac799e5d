// Owning handles for SQLite connections and statements, and the two calls
// every user of them needs: prepare a statement, run a statement without
// rows. Errors throw std::runtime_error carrying SQLite's own reason.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_SQLITE_HANDLE_H
#define AIRSIGHT_PLUGINS_KISMETDB_SQLITE_HANDLE_H

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

namespace airsight::kismetdb {

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, SqliteCloser>;

struct SqliteFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, SqliteFinalizer>;

/// SQLite's reason for the last failure on `db`, with the system's reason
/// when the disk failed: "disk I/O error (SQLite error 778: File too
/// large)". `os_errno` is errno read right after the failed call: SQLite
/// keeps it for some failures only (sqlite3_system_errno), not for a WAL write.
std::string sqlite_reason(sqlite3* db, int os_errno = 0);

/// Prepares `sql` for repeated use; throws std::runtime_error("`context`:
/// REASON") when SQLite refuses it.
Statement prepare(sqlite3* db, std::string_view sql, std::string_view context);

/// Runs statements that return no rows; throws as prepare().
void exec(sqlite3* db, const char* sql, std::string_view context);

} // namespace airsight::kismetdb

#endif
