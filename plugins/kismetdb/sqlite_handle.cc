#include "sqlite_handle.h"

#include <stdexcept>

namespace airsight::kismetdb {

std::string sqlite_reason(sqlite3* db)
{
    if (db == nullptr) return "out of memory";
    std::string reason = sqlite3_errmsg(db);
    // The extended code tells a write error (disk I/O error) from a full disk.
    const int code = sqlite3_extended_errcode(db);
    if (code != SQLITE_OK && code != SQLITE_ERROR) reason += " (" + std::string(sqlite3_errstr(code)) + ", code " +
                                                           std::to_string(code) + ")";
    return reason;
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
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string reason = error ? error : sqlite_reason(db);
        sqlite3_free(error);
        const int code = sqlite3_extended_errcode(db);
        if (code != SQLITE_OK && code != SQLITE_ERROR) reason += " (code " + std::to_string(code) + ")";
        throw std::runtime_error(std::string(context) + ": " + reason);
    }
}

} // namespace airsight::kismetdb
