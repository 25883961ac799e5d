// Reading a kismetdb log back with the plain SQLite API, independent of the
// plugin's own code: for the plugin's tests and the server's integration
// test (tests/integration/test_kismetdb_log.cc) alike.
#ifndef AIRSIGHT_PLUGINS_KISMETDB_TESTS_SQLITE_READER_H
#define AIRSIGHT_PLUGINS_KISMETDB_TESTS_SQLITE_READER_H

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace airsight::kismetdb::test {

/// An SQLite connection to a finished log: read-only unless `flags` say
/// otherwise (read-write lets SQLite recover the WAL a killed writer left).
class Reader {
public:
    explicit Reader(const std::string& path, int flags = SQLITE_OPEN_READONLY)
    {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    }
    ~Reader() { sqlite3_close_v2(db_); }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    /// Every row of `sql`, every column as text (NULL as "<null>"); blobs as their bytes.
    std::vector<std::vector<std::string>> rows(const std::string& sql) const
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        std::vector<std::vector<std::string>> out;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                if (sqlite3_column_type(s, c) == SQLITE_NULL) {
                    row.emplace_back("<null>");
                    continue;
                }
                const auto* p = static_cast<const char*>(sqlite3_column_blob(s, c));
                row.emplace_back(p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, c))) : "");
            }
            out.push_back(std::move(row));
        }
        const std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
        sqlite3_finalize(s);
        if (!error.empty()) throw std::runtime_error(sql + ": " + error);
        return out;
    }
    std::string one(const std::string& sql) const
    {
        const auto r = rows(sql);
        if (r.size() != 1 || r[0].size() != 1) throw std::runtime_error(sql + ": not one value");
        return r[0][0];
    }
    /// The number of rows in `table`.
    std::uint64_t count(const std::string& table) const { return std::stoull(one("SELECT COUNT(*) FROM " + table)); }
    sqlite3* db() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

} // namespace airsight::kismetdb::test

#endif
