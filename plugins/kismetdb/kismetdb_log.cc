#include "kismetdb_log.h"

#include "kismetdb_schema.h"

#include <airsight/abi.h>
#include <airsight/config_flag.h>
#include <airsight/crc32.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace airsight::kismetdb {

namespace {

// Bindings that take a view: the statement runs before the view's owner
// goes away, so SQLite need not copy (SQLITE_STATIC).
void bind_text(sqlite3_stmt* s, int column, std::string_view text)
{
    sqlite3_bind_text(s, column, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}
void bind_blob(sqlite3_stmt* s, int column, const void* data, std::size_t size)
{
    // A zero-length blob is still a blob, not NULL, as Kismet writes it.
    if (size == 0) sqlite3_bind_zeroblob(s, column, 0);
    else sqlite3_bind_blob64(s, column, data, size, SQLITE_STATIC);
}
void bind_blob(sqlite3_stmt* s, int column, std::string_view text) { bind_blob(s, column, text.data(), text.size()); }

// lat and lon of a fix, 0 0 without one, as Kismet fills every location column.
GpsFix fix_or_zero(const std::optional<GpsFix>& location)
{
    if (location && location->valid()) return *location;
    return GpsFix{};
}

void unlink_log_files(const std::string& path)
{
    ::unlink(path.c_str());
    ::unlink((path + "-wal").c_str());
    ::unlink((path + "-shm").c_str());
}

std::uint64_t config_seconds(const ConfigView& config, const char* key)
{
    const auto v = config.value(key);
    if (!v || v->empty()) return 0;
    std::uint64_t seconds = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), seconds);
    if (ec != std::errc() || end != v->data() + v->size())
        throw std::invalid_argument(std::string("config ") + key + "=" + *v + " is not a number of seconds");
    return seconds;
}

} // namespace

KismetLogOptions KismetLogOptions::from_config(const ConfigView& config)
{
    KismetLogOptions o;
    const struct {
        const char* key;
        unsigned bit;
    } switches[] = {{"kis_log_packets", LOG_PACKETS},
                    {"kis_log_devices", LOG_DEVICES},
                    {"kis_log_alerts", LOG_ALERTS},
                    {"kis_log_messages", LOG_MESSAGES},
                    {"kis_log_datasources", LOG_SOURCES}};
    for (const auto& s : switches)
        if (!config_flag(config, s.key, true)) o.contents &= ~s.bit;
    o.log_duplicate_packets = config_flag(config, "kis_log_duplicate_packets", true);
    o.log_data_packets = config_flag(config, "kis_log_data_packets", true);
    o.timeouts.packets = config_seconds(config, "kis_log_packet_timeout");
    o.timeouts.devices = config_seconds(config, "kis_log_device_timeout");
    o.timeouts.messages = config_seconds(config, "kis_log_message_timeout");
    o.timeouts.alerts = config_seconds(config, "kis_log_alert_timeout");
    o.timeouts.snapshots = config_seconds(config, "kis_log_snapshot_timeout");
    return o;
}

std::string KismetLogDriver::description() const
{
    return "Unified Kismet log containing device, data source, packet, alert, and other runtime data";
}

std::unique_ptr<LogFile> KismetLogDriver::open(const LogOpenRequest& request)
{
    return std::make_unique<KismetLog>(request, options_);
}

// Kismet's inserts, column for column (kis_databaselogfile.cc).
struct KismetLog::Statements {
    Statement packet, packets, device, alert, message, source, snapshot;
};

namespace {
// Kismet's packets columns, in the order bind_packet() binds them.
constexpr const char* kPacketInsert =
    "INSERT INTO packets (ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, devkey, "
    "frequency, lat, lon, alt, speed, heading, packet_len, packet_full_len, signal, datasource, "
    "dlt, packet, error, tags, datarate, hash, packetid) VALUES ";
constexpr int kPacketColumns = 24;

std::string packet_insert(std::size_t rows)
{
    std::string row = "(?";
    for (int i = 1; i < kPacketColumns; ++i) row += ", ?";
    row += ")";
    std::string sql = kPacketInsert;
    for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + row;
    return sql;
}
} // namespace

KismetLog::KismetLog(const LogOpenRequest& request, KismetLogOptions options)
    : path_(request.path), options_(options)
{
    // Created here, exclusively, so an existing file is never taken over.
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        throw std::runtime_error("cannot create kismetdb log " + path_ + ": " + std::strerror(err));
    }
    ::close(fd);

    try {
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
        db_.reset(raw);
        if (rc != SQLITE_OK) fail("cannot open it");
        sqlite3_extended_result_codes(db_.get(), 1);

        const std::string context = "kismetdb log " + path_ + ": cannot set it up";
        exec(db_.get(), "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", context);
        exec(db_.get(), "BEGIN", context);
        exec(db_.get(), kCreateTables, context);
        {
            Statement kismet = prepare(db_.get(), "INSERT INTO KISMET (kismet_version, db_version, db_module) "
                                                  "VALUES (?, ?, ?)", context);
            bind_text(kismet.get(), 1, "airsight-" AIRSIGHT_SDK_VERSION);
            sqlite3_bind_int(kismet.get(), 2, kLogVersion);
            bind_text(kismet.get(), 3, kDbModule);
            step(kismet.get(), "the KISMET table");
        }
        exec(db_.get(), "COMMIT", context);

        statements_ = std::make_unique<Statements>();
        Statements& s = *statements_;
        s.packet = prepare(db_.get(), packet_insert(1).c_str(), context);
        s.packets = prepare(db_.get(), packet_insert(kRowsPerInsert).c_str(), context);
        s.device = prepare(db_.get(),
                           "INSERT INTO devices (first_time, last_time, devkey, phyname, devmac, strongest_signal, "
                           "min_lat, min_lon, max_lat, max_lon, avg_lat, avg_lon, bytes_data, type, device) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           context);
        s.alert = prepare(db_.get(),
                          "INSERT INTO alerts (ts_sec, ts_usec, phyname, devmac, lat, lon, header, json) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          context);
        s.message = prepare(db_.get(),
                            "INSERT INTO messages (ts_sec, lat, lon, msgtype, message) VALUES (?, ?, ?, ?, ?)", context);
        s.source = prepare(db_.get(),
                           "INSERT INTO datasources (uuid, typestring, definition, name, interface, json) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           context);
        s.snapshot = prepare(db_.get(),
                             "INSERT INTO snapshots (ts_sec, ts_usec, lat, lon, snaptype, json) VALUES (?, ?, ?, ?, ?, ?)",
                             context);

        exec(db_.get(), "BEGIN", context);
        for (const LoggedSource& src : request.sources) source(src);
    } catch (...) {
        statements_.reset();
        db_.reset();
        unlink_log_files(path_);
        throw;
    }
}

KismetLog::~KismetLog() { close_quietly(); }

void KismetLog::fail(const std::string& what) const
{
    const int os_errno = errno; // first: anything below may change it
    throw std::runtime_error("kismetdb log " + path_ + ": " + what + ": " + sqlite_reason(db_.get(), os_errno));
}

void KismetLog::require_open() const
{
    if (!db_) throw std::runtime_error("kismetdb log " + path_ + " is closed");
}

void KismetLog::step(sqlite3_stmt* statement, const char* what)
{
    const int rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE) {
        // The reason first: reset() reports the error again and may replace it.
        const std::string reason = sqlite_reason(db_.get(), errno);
        sqlite3_reset(statement);
        throw std::runtime_error("kismetdb log " + path_ + ": cannot write " + what + ": " + reason);
    }
    sqlite3_reset(statement);
}

void KismetLog::bind_packet(sqlite3_stmt* s, int first, const LoggedPacket& p, MacTexts& macs)
{
    const int c = first - 1; // columns count from 1
    macs = {p.addresses.source.text(), p.addresses.destination.text(), p.addresses.transmitter.text()};
    const GpsFix fix = fix_or_zero(p.location);
    sqlite3_bind_int64(s, c + 1, p.ts_sec);
    sqlite3_bind_int64(s, c + 2, p.ts_usec);
    bind_text(s, c + 3, p.phy_name.empty() ? std::string_view("Unknown") : p.phy_name);
    for (int m = 0; m < 3; ++m) bind_text(s, c + 4 + m, std::string_view(macs[m].data(), macs[m].size()));
    bind_text(s, c + 7, "0"); // Kismet: packets are no longer 1:1 with a device
    sqlite3_bind_double(s, c + 8, p.radio.freq_khz);
    sqlite3_bind_double(s, c + 9, fix.lat);
    sqlite3_bind_double(s, c + 10, fix.lon);
    sqlite3_bind_double(s, c + 11, fix.alt);
    sqlite3_bind_double(s, c + 12, fix.speed);
    sqlite3_bind_double(s, c + 13, fix.heading);
    sqlite3_bind_int64(s, c + 14, static_cast<std::int64_t>(p.data.size()));
    sqlite3_bind_int64(s, c + 15, p.original_length);
    sqlite3_bind_int(s, c + 16, p.radio.signal_dbm.value_or(0));
    bind_text(s, c + 17, p.source_uuid.empty() ? std::string_view(kZeroUuid) : p.source_uuid);
    sqlite3_bind_int64(s, c + 18, p.dlt);
    bind_blob(s, c + 19, p.data.data(), p.data.size());
    sqlite3_bind_int(s, c + 20, p.error ? 1 : 0);
    bind_text(s, c + 21, ""); // packet tags: airsight has none
    sqlite3_bind_double(s, c + 22, p.radio.data_rate_mbps);
    // Kismet binds its uint32 hash with sqlite3_bind_int: the same 32 bits, signed.
    sqlite3_bind_int(s, c + 23, static_cast<std::int32_t>(crc32(p.data)));
    sqlite3_bind_int64(s, c + 24, static_cast<std::int64_t>(p.id));
}

void KismetLog::packet(const LoggedPacket& p) { packets(std::span<const LoggedPacket>(&p, 1)); }

void KismetLog::packets(std::span<const LoggedPacket> batch)
{
    require_open();
    std::array<const LoggedPacket*, kRowsPerInsert> rows{};
    std::array<MacTexts, kRowsPerInsert> macs; // bound without a copy: they live until the step
    std::size_t pending = 0;
    const auto insert = [&](sqlite3_stmt* s, std::size_t count) {
        for (std::size_t r = 0; r < count; ++r)
            bind_packet(s, static_cast<int>(r) * kPacketColumns + 1, *rows[r], macs[r]);
        step(s, count == 1 ? "a packet" : "packets");
    };
    for (const LoggedPacket& p : batch) {
        if (p.duplicate && !options_.log_duplicate_packets) continue;
        if (p.kind == PacketKind::data && !options_.log_data_packets) continue;
        rows[pending++] = &p;
        if (pending == kRowsPerInsert) {
            insert(statements_->packets.get(), pending);
            pending = 0;
        }
    }
    for (std::size_t r = 0; r < pending; ++r) {
        rows[0] = rows[r];
        insert(statements_->packet.get(), 1);
    }
}

void KismetLog::devices(std::span<const LoggedDevice> changed)
{
    require_open();
    sqlite3_stmt* s = statements_->device.get();
    for (const LoggedDevice& d : changed) {
        const std::string mac = d.mac.str();
        sqlite3_bind_int64(s, 1, static_cast<std::int64_t>(d.first_time));
        sqlite3_bind_int64(s, 2, static_cast<std::int64_t>(d.last_time));
        bind_text(s, 3, d.key);
        bind_text(s, 4, d.phy_name);
        bind_text(s, 5, mac);
        sqlite3_bind_int(s, 6, d.strongest_signal);
        const double box[6] = {d.min_lat, d.min_lon, d.max_lat, d.max_lon, d.avg_lat, d.avg_lon};
        for (int i = 0; i < 6; ++i) sqlite3_bind_double(s, 7 + i, d.has_location ? box[i] : 0);
        sqlite3_bind_int64(s, 13, static_cast<std::int64_t>(d.bytes_data));
        bind_text(s, 14, d.type);
        bind_blob(s, 15, d.json);
        step(s, "a device");
    }
}

void KismetLog::alert(const LoggedAlert& a)
{
    require_open();
    sqlite3_stmt* s = statements_->alert.get();
    const std::string mac = a.transmitter.str();
    const GpsFix fix = fix_or_zero(a.location);
    sqlite3_bind_int64(s, 1, a.ts_sec);
    sqlite3_bind_int64(s, 2, a.ts_usec);
    bind_text(s, 3, a.phy_name.empty() ? std::string_view("ANY") : std::string_view(a.phy_name)); // Kismet's KIS_PHY_ANY
    bind_text(s, 4, mac);
    sqlite3_bind_double(s, 5, fix.lat);
    sqlite3_bind_double(s, 6, fix.lon);
    bind_text(s, 7, a.header);
    bind_blob(s, 8, a.json);
    step(s, "an alert");
}

void KismetLog::message(const LoggedMessage& m)
{
    require_open();
    sqlite3_stmt* s = statements_->message.get();
    const GpsFix fix = fix_or_zero(m.location);
    const std::string type = message_type(m.flags);
    sqlite3_bind_int64(s, 1, m.ts_sec);
    sqlite3_bind_double(s, 2, fix.lat);
    sqlite3_bind_double(s, 3, fix.lon);
    bind_text(s, 4, type);
    bind_text(s, 5, m.text);
    step(s, "a message");
}

void KismetLog::source(const LoggedSource& src)
{
    require_open();
    sqlite3_stmt* s = statements_->source.get();
    bind_text(s, 1, src.info.uuid);
    bind_text(s, 2, src.info.type);
    bind_text(s, 3, src.info.definition);
    bind_text(s, 4, src.info.name);
    bind_text(s, 5, src.info.interface);
    bind_blob(s, 6, src.json);
    step(s, "a datasource");
}

void KismetLog::snapshot(const LoggedSnapshot& snap)
{
    require_open();
    sqlite3_stmt* s = statements_->snapshot.get();
    const GpsFix fix = fix_or_zero(snap.location);
    sqlite3_bind_int64(s, 1, snap.ts_sec);
    sqlite3_bind_int64(s, 2, snap.ts_usec);
    sqlite3_bind_double(s, 3, fix.lat);
    sqlite3_bind_double(s, 4, fix.lon);
    bind_text(s, 5, snap.type);
    bind_text(s, 6, snap.json); // Kismet binds the snapshot's JSON as text
    step(s, "a snapshot");
}

void KismetLog::expire_table(const char* table, const char* time_column, std::uint64_t timeout, std::int64_t now_sec)
{
    if (timeout == 0) return;
    const std::string sql = std::string("DELETE FROM ") + table + " WHERE " + time_column + " < " +
                            std::to_string(now_sec - static_cast<std::int64_t>(timeout));
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail(std::string("cannot delete expired rows from ") + table);
}

void KismetLog::expire_packets(std::int64_t now_sec)
{
    expire_table("packets", "ts_sec", options_.timeouts.packets, now_sec);
    expire_table("data", "ts_sec", options_.timeouts.packets, now_sec);
}

void KismetLog::expire_others(std::int64_t now_sec)
{
    const auto& t = options_.timeouts;
    expire_table("devices", "last_time", t.devices, now_sec);
    expire_table("messages", "ts_sec", t.messages, now_sec);
    expire_table("alerts", "ts_sec", t.alerts, now_sec);
    expire_table("snapshots", "ts_sec", t.snapshots, now_sec);
}

void KismetLog::expire(std::int64_t now_sec)
{
    require_open();
    expire_packets(now_sec);
    expire_others(now_sec);
}

void KismetLog::expire_due(std::int64_t now_sec)
{
    constexpr std::int64_t kPacketEvery = 15, kOtherEvery = 60; // Kismet's timers
    const auto& t = options_.timeouts;
    if (t.packets && now_sec >= next_packet_expiry_) {
        if (next_packet_expiry_ != 0) expire_packets(now_sec);
        next_packet_expiry_ = now_sec + kPacketEvery;
    }
    if ((t.devices || t.messages || t.alerts || t.snapshots) && now_sec >= next_other_expiry_) {
        if (next_other_expiry_ != 0) expire_others(now_sec);
        next_other_expiry_ = now_sec + kOtherEvery;
    }
}

void KismetLog::flush()
{
    require_open();
    expire_due(static_cast<std::int64_t>(std::time(nullptr)));
    // A failed write (a full disk) may have rolled the transaction back already.
    if (!sqlite3_get_autocommit(db_.get()) && sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("cannot commit");
    if (sqlite3_exec(db_.get(), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) fail("cannot begin a transaction");
}

void KismetLog::close()
{
    if (!db_) return;
    statements_.reset();
    std::string error;
    auto run = [&](const char* sql, const char* what) {
        if (error.empty() && sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            error = std::string(what) + ": " + sqlite_reason(db_.get(), errno);
    };
    if (!sqlite3_get_autocommit(db_.get())) run("COMMIT", "cannot commit");
    // Everything into the main file, then back to a rollback journal: one
    // self-contained .kismet file, no -wal or -shm beside it.
    run("PRAGMA wal_checkpoint(TRUNCATE)", "cannot checkpoint");
    run("PRAGMA journal_mode=DELETE", "cannot leave WAL mode");
    sqlite3* raw = db_.release();
    if (sqlite3_close(raw) != SQLITE_OK && error.empty()) {
        error = "cannot close: " + sqlite_reason(raw);
        sqlite3_close_v2(raw);
    }
    if (!error.empty()) throw std::runtime_error("kismetdb log " + path_ + ": " + error);
}

void KismetLog::close_quietly() noexcept
{
    try {
        close();
    } catch (...) {
        // Only the destructor lands here: the manager reported close()'s own error.
    }
}

} // namespace airsight::kismetdb
