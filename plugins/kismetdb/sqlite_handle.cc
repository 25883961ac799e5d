#include "sqlite_handle.h"

#include <cstring>
#include <stdexcept>

namespace airsight::kismetdb {

std::string sqlite_reason(sqlite3* db, int os_errno)
{
    if (db == nullptr) return "out of memory";
    std::string reason = sqlite3_errmsg(db);
    // The extended code tells which write failed (SQLITE_IOERR_WRITE, _FSYNC,
    // ...), and the system's errno why ("File too large", "No space left").
    const int code = sqlite3_extended_errcode(db);
    if (code == SQLITE_OK || code == SQLITE_ERROR) return reason;
    reason += " (SQLite error " + std::to_string(code);
    // errno only for the codes that come from a system call, where it is SQLite's last one.
    const int primary = code & 0xff;
    int err = sqlite3_system_errno(db);
    if (err == 0 && (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN)) err = os_errno;
    if (err != 0) reason += ": " + std::string(std::strerror(err));
    return reason + ")";
}

Statement prepare(sqlite3* db, std::string_view sql, std::string_view context)
{
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                                      nullptr);
    Statement statement(raw);
    if (rc != SQLITE_OK) throw std::runtime_error(std::string(context) + ": " + sqlite_reason(db));
    return statement;
}

void exec(sqlite3* db, const char* sql, std::string_view context)
{
    // sqlite3_exec leaves its error on the connection, where sqlite_reason() reads it.
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string(context) + ": " + sqlite_reason(db));
}

} // namespace airsight::kismetdb
