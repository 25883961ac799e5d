// airsight SDK: log drivers.
//
// A log driver is one kind of log file, named by Kismet's log class
// ("kismet" for the kismetdb SQLite log, "pcapng"). A plugin registers it
// (PluginHost::add_log_driver); the server's logging manager decides when a
// log of that class is open: at start for each class in `log_types=` (with
// `enable_logging=true`), or when a client asks
// (/logging/by-class/CLASS/start.cmd, /logging/by-uuid/UUID/stop.cmd). It
// names the file from `log_template` under `log_prefix`, and feeds each open
// log (a LogFile) what its driver asked for (LogContents):
//
//   packets    every packet the chain saw, after its OBSERVE stage: the frame
//              as captured, its source, its PHY's addresses, radio and GPS
//   devices    every `kis_log_device_rate` seconds (and at close) the
//              devices changed since the last pass, rendered as the REST API
//              serves them
//   alerts, messages   as they are raised / posted
//   sources    each datasource when it is added and when its state changes
//   snapshots  records of the server's state at intervals (Kismet's
//              snapshots table)
//
// Threads. Each open log has a writer thread of its own, and every call to
// its LogFile comes from that thread: a LogFile needs no lock, and may block
// on its disk. Packets reach it through a bounded queue; when a log falls
// that far behind, capture waits for it rather than lose frames it would not
// have logged. open() runs on whichever thread started the log.
//
// Errors. A LogFile call that throws stops that log: the manager posts the
// reason (MSG_ERROR, naming the path), calls close() (whose own exception is
// only reported), and carries on; capture, the REST API and the other logs
// go on. A full disk therefore stops the log it filled, and nothing else.
#ifndef AIRSIGHT_LOGGING_H
#define AIRSIGHT_LOGGING_H

#include <airsight/location.h>
#include <airsight/mac.h>
#include <airsight/packet.h>
#include <airsight/radio.h>
#include <airsight/sources.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace airsight {

/// What a log wants the manager to feed it (LogDriver::contents()); combine with |.
/// The manager renders nothing that no open log wants (no device records
/// when only a pcapng log is open).
enum LogContents : unsigned {
    LOG_PACKETS = 1u << 0,
    LOG_DEVICES = 1u << 1,
    LOG_ALERTS = 1u << 2,
    LOG_MESSAGES = 1u << 3,
    LOG_SOURCES = 1u << 4,
    LOG_SNAPSHOTS = 1u << 5,
};

/// One packet, as a log receives it. The views are valid during the call only.
struct LoggedPacket {
    std::uint64_t id = 0;               // the packet's number this run, from 1 (kismetdb's packetid)
    std::int64_t ts_sec = 0;            // capture time
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;              // link type of `data`
    std::span<const std::uint8_t> data; // the frame as captured (radiotap and all)
    std::uint32_t original_length = 0;  // on-air length (>= data.size() when the capture truncated it)
    std::uint32_t source_number = 0;    // SourceInfo::number
    std::string_view source_uuid;       // its source's UUID ("" when the source is gone)
    std::string_view phy_name;          // the PHY that claimed it ("IEEE802.11"; "" when none did)
    PacketAddresses addresses;          // as that PHY read them
    PacketKind kind = PacketKind::unknown; // as that PHY classed it
    RadioInfo radio;                    // signal, noise, frequency, data rate
    std::optional<GpsFix> location;     // where the server was (a valid fix), if known
    bool error = false;                 // a handler found it malformed
    bool duplicate = false;             // another source delivered the same frame first
};

/// One device, as a log receives it (a kismetdb devices row).
struct LoggedDevice {
    std::string key;                    // kismet.device.base.key
    std::string phy_name;               // kismet.device.base.phyname
    MacAddr mac;
    std::uint64_t first_time = 0, last_time = 0;
    int strongest_signal = 0;           // max signal in dBm; 0 when never measured
    /// kismet.device.base.location's bounding box and average, when it has one.
    bool has_location = false;
    double min_lat = 0, min_lon = 0, max_lat = 0, max_lon = 0, avg_lat = 0, avg_lon = 0;
    std::uint64_t bytes_data = 0;       // kismet.device.base.datasize
    std::string type;                   // kismet.device.base.type
    std::string json;                   // the whole record, as /devices/by-key/KEY/device.json serves it
};

/// One alert, as it was raised.
struct LoggedAlert {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::string header;                 // kismet.alert.header ("DEAUTHFLOOD")
    std::string phy_name;               // its definition's PHY; "" for any
    MacAddr transmitter, source, dest;  // zero: none
    std::optional<GpsFix> location;
    std::string json;                   // the record, as /alerts/all_alerts serves it
};

/// One message-bus message.
struct LoggedMessage {
    std::int64_t ts_sec = 0;
    int flags = 0;                      // MessageFlags bits (host.h)
    std::string text;
    std::optional<GpsFix> location;
};

/// One datasource: when it was added, and whenever its state changed.
struct LoggedSource {
    SourceInfo info;
    std::string json;                   // the record, as /datasource/by-uuid/UUID/source.json serves it
};

/// A record of the server's state at one moment (kismetdb's snapshots).
struct LoggedSnapshot {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::string type;                   // Kismet's snaptype ("SYSTEM", ...)
    std::string json;
    std::optional<GpsFix> location;
};

/// How the manager asks a driver for a new log.
struct LogOpenRequest {
    /// Absolute path of the file to write, from log_template under
    /// log_prefix. It did not exist when checked: create it exclusively
    /// (O_CREAT|O_EXCL, or SQLite's open after checking), never replace a file.
    std::string path;
    std::string uuid;                   // kismet.logfile.uuid
    std::string title;                  // log_title
    std::int64_t start_sec = 0;         // when the log was started (wall clock)
    std::vector<LoggedSource> sources;  // the sources known at open; later ones come through source()
};

/// One open log. Every call comes from its writer thread (see the top of
/// this file); a call that throws std::exception stops the log.
class LogFile {
public:
    virtual ~LogFile() = default;
    virtual void packet(const LoggedPacket& packet) { (void)packet; }
    /// Packets in the order they were captured, as many at once as were
    /// queued (a log that falls behind gets bigger batches). The default
    /// calls packet() for each; a log that writes a batch more cheaply than
    /// its packets one by one (kismetdb: many rows per INSERT) overrides it.
    virtual void packets(std::span<const LoggedPacket> batch)
    {
        for (const LoggedPacket& p : batch) packet(p);
    }
    /// The devices changed since the last call, in no particular order.
    virtual void devices(std::span<const LoggedDevice> changed) { (void)changed; }
    virtual void alert(const LoggedAlert& alert) { (void)alert; }
    virtual void message(const LoggedMessage& message) { (void)message; }
    virtual void source(const LoggedSource& source) { (void)source; }
    virtual void snapshot(const LoggedSnapshot& snapshot) { (void)snapshot; }
    /// Makes everything written so far durable (commit a transaction, flush a
    /// buffer). Called at least once a second while anything was written, so
    /// a crash loses at most the last second.
    virtual void flush() = 0;
    /// Finishes and closes the file. Called once, last; then the object is
    /// destroyed.
    virtual void close() = 0;
};

/// One kind of log (kismet.logfile.type.*). Thread-safe: open() may run on
/// any thread.
class LogDriver {
public:
    virtual ~LogDriver() = default;
    /// Kismet's log class: the log_types= name, the by-class path segment
    /// and the file's extension ("kismet", "pcapng"). Lower case, unique.
    virtual std::string log_class() const = 0;
    virtual std::string name() const = 0;        // "Kismet Unified Log"
    virtual std::string description() const = 0; // one line
    /// At most one log of this class open at a time
    /// (kismet.logfile.type.singleton).
    virtual bool singleton() const { return true; }
    /// LogContents bits: what open() logs are fed.
    virtual unsigned contents() const = 0;
    /// Opens a new log at request.path. Throws std::runtime_error with a
    /// reason a user can act on, naming the path (the file cannot be
    /// created, ...); then nothing is left open.
    virtual std::unique_ptr<LogFile> open(const LogOpenRequest& request) = 0;
};

} // namespace airsight

#endif
