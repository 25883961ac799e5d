// airsight SDK: datasource drivers.
//
// A DatasourceType (registered by a plugin) turns a source definition, in
// Kismet's syntax "interface:name=foo,realtime=false,...", into a Datasource.
// The server owns the sources: it opens, closes, pauses and tunes them for
// the REST API, and hands each one a PacketSink to deliver frames to.
#ifndef AIRSIGHT_DATASOURCE_H
#define AIRSIGHT_DATASOURCE_H

#include <airsight/packet.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace airsight {

/// A finite number > 0 written in decimal ("5", "2.5"), or nothing.
inline std::optional<double> parse_positive_number(std::string_view text)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(v > 0) || !std::isfinite(v))
        return std::nullopt;
    return v;
}

/// A channel hop rate as Kismet writes it (channel_hop_speed=5/sec): "N"
/// or "N/sec" channels per second, "N/min" channels per minute. Returns
/// channels per second, or nothing when the text is none of these.
inline std::optional<double> parse_hop_rate(std::string_view text)
{
    double per = 1;
    if (text.ends_with("/sec")) {
        text.remove_suffix(4);
    } else if (text.ends_with("/min")) {
        text.remove_suffix(4);
        per = 60;
    }
    const auto n = parse_positive_number(text);
    if (!n) return std::nullopt;
    return *n / per;
}

/// Throws std::invalid_argument("source option KEY=VALUE WHY"), the one form
/// of a definition's option errors ("source option aps=x is not a whole number
/// from 0 to 1000").
[[noreturn]] inline void throw_bad_option(std::string_view key, std::string_view value, std::string_view why)
{
    throw std::invalid_argument("source option " + std::string(key) + "=" + std::string(value) + " " +
                                std::string(why));
}

/// The options of a definition in Kismet's syntax, "HEAD:key=value,...",
/// shared by source= and gps= lines: everything after the first ':' (none
/// without one). Option names are lower-cased; values are kept. A value in
/// double quotes may hold commas, as in Kismet's channels="1,6,11" (the quotes
/// are dropped). Throws std::invalid_argument naming `kind` ("source
/// definition") and the whole text.
inline std::map<std::string, std::string, std::less<>> parse_definition_options(std::string_view text,
                                                                                std::string_view kind)
{
    std::map<std::string, std::string, std::less<>> options;
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) return options;
    const auto refuse = [&](const std::string& why) {
        return std::invalid_argument(std::string(kind) + " '" + std::string(text) + "': " + why);
    };
    std::string_view rest = text.substr(colon + 1);
    while (!rest.empty()) {
        const std::size_t eq = rest.find('=');
        const std::size_t first_comma = rest.find(',');
        if (eq == std::string_view::npos || eq == 0 || first_comma < eq)
            throw refuse("option '" + std::string(rest.substr(0, first_comma)) + "' is not key=value");
        std::string key(rest.substr(0, eq));
        for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        rest = rest.substr(eq + 1);
        std::string_view value;
        if (!rest.empty() && rest.front() == '"') {
            const std::size_t close = rest.find('"', 1);
            if (close == std::string_view::npos) throw refuse("option " + key + " has an opening quote but no closing one");
            value = rest.substr(1, close - 1);
            rest = rest.substr(close + 1);
            if (!rest.empty() && rest.front() != ',') throw refuse("option " + key + " has text after its closing quote");
        } else {
            value = rest.substr(0, rest.find(','));
            rest = rest.substr(value.size());
        }
        options[key] = std::string(value);
        if (rest.empty()) break;
        rest = rest.substr(1); // the comma
    }
    return options;
}

/// A parsed source definition: "wlan0:name=foo,channel=6" -> interface "wlan0",
/// options {name: foo, channel: 6} (see parse_definition_options).
struct SourceDefinition {
    std::string text;       // as given
    std::string interface;
    std::map<std::string, std::string, std::less<>> options;

    /// Throws std::invalid_argument naming what is wrong.
    static SourceDefinition parse(std::string_view text)
    {
        SourceDefinition d;
        d.text = std::string(text);
        d.interface = std::string(text.substr(0, text.find(':')));
        if (d.interface.empty()) throw std::invalid_argument("source definition '" + d.text + "' has no interface");
        d.options = parse_definition_options(text, "source definition");
        return d;
    }

    /// The options every type reads alike: throws std::invalid_argument when
    /// type= names another type than `type_name` or name= is empty.
    void check_type_and_name(std::string_view type_name) const
    {
        if (auto type = option("type"); type && *type != type_name)
            throw_bad_option("type", *type, "is not " + std::string(type_name));
        if (auto name = option("name"); name && name->empty()) throw_bad_option("name", "", "is empty");
    }

    std::optional<std::string> option(std::string_view key) const
    {
        auto it = options.find(key);
        if (it == options.end()) return std::nullopt;
        return it->second;
    }
    /// A boolean option (true/false/yes/no/1/0); throws std::invalid_argument otherwise.
    bool flag(std::string_view key, bool fallback) const
    {
        auto v = option(key);
        if (!v) return fallback;
        if (*v == "true" || *v == "yes" || *v == "1") return true;
        if (*v == "false" || *v == "no" || *v == "0") return false;
        throw_bad_option(key, *v, "is not true or false");
    }
    /// A whole-number option from 0 to `max` (decimal digits only), nothing
    /// when absent; throws std::invalid_argument("source option aps=x is not a
    /// whole number from 0 to 1000") otherwise.
    std::optional<std::uint64_t> whole_number(std::string_view key, std::uint64_t max) const
    {
        auto v = option(key);
        if (!v) return std::nullopt;
        std::uint64_t n = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n > max)
            throw_bad_option(key, *v, "is not a whole number from 0 to " + std::to_string(max));
        return n;
    }
    /// A finite number > 0, nothing when absent; throws
    /// std::invalid_argument("source option rate=abc is not a positive number
    /// of `unit`") otherwise.
    std::optional<double> positive_number(std::string_view key, std::string_view unit) const
    {
        auto v = option(key);
        if (!v) return std::nullopt;
        if (auto n = parse_positive_number(*v)) return n;
        throw_bad_option(key, *v, "is not a positive number of " + std::string(unit));
    }
    /// A hop rate (see parse_hop_rate), nothing when absent; throws
    /// std::invalid_argument naming the accepted forms otherwise.
    std::optional<double> hop_rate(std::string_view key) const
    {
        auto v = option(key);
        if (!v) return std::nullopt;
        if (auto n = parse_hop_rate(*v)) return n;
        throw_bad_option(key, *v,
                         "is not a hop rate: a positive number of channels per second (5, 5/sec) or per minute "
                         "(30/min)");
    }
};

/// What a datasource type can do (Kismet's driver capability flags).
struct DatasourceCapabilities {
    bool list_interfaces = false; // can enumerate interfaces
    bool probe = false;           // can tell whether a definition is its own
    bool local = true;            // captures on this machine
    bool remote = false;          // accepts remote capture
    bool passive = false;         // receives data without an interface (e.g. POSTed)
    bool tune = false;            // can set a channel
    bool hop = false;             // can hop channels
};

/// An interface a type could capture from (/datasource/list_interfaces).
struct InterfaceInfo {
    std::string interface;
    std::string flags;    // type-specific options to add to a definition
    std::string hardware;
};

/// What a running source reports about itself for its source record.
struct SourceStatus {
    std::string capture_interface;
    std::string hardware;
    std::uint32_t dlt = 0;
    std::vector<std::string> channels;     // channels it can tune
    std::string channel;                   // the channel tuned now, also while hopping ("" when unknown, or when
                                           // the source has no single current channel: the sim hears them all)
    bool hopping = false;
    double hop_rate = 0;                   // channels per second
    std::vector<std::string> hop_channels;
    std::uint64_t bytes_read = 0;          // progress of a finite source (a file)
    std::uint64_t bytes_total = 0;         // 0 when not finite
    bool finished = false;                 // a finite source delivered everything
    std::string warning;
};

/// Where a source delivers. Thread-safe; valid from open() until close() returns.
class PacketSink {
public:
    virtual ~PacketSink() = default;
    /// Runs one frame through the packet chain (the bytes are read, not kept).
    virtual void deliver(const CapturedFrame& frame) = 0;
    /// The source stopped with an error: shown on the source and the message bus.
    /// Everything delivered before it is kept.
    virtual void failed(std::string_view reason) = 0;
    /// A finite source (a file) delivered everything it had.
    virtual void finished() = 0;
};

/// One capture: an interface, a file, the simulator.
class Datasource {
public:
    virtual ~Datasource() = default;
    /// Starts capturing into `sink`, usually on a thread of its own. Throws
    /// std::runtime_error with a reason a user can act on when it cannot.
    virtual void open(PacketSink& sink) = 0;
    /// Stops capturing; once it returns, the sink is not called again.
    virtual void close() = 0;
    virtual SourceStatus status() const = 0;
    /// Channel control, for types with capabilities().tune / .hop. Throws
    /// std::invalid_argument for a channel or rate the source cannot use.
    virtual void set_channel(std::string_view channel)
    {
        throw std::invalid_argument("this source cannot tune to channel " + std::string(channel));
    }
    virtual void set_hop(double rate_per_second, const std::vector<std::string>& channels)
    {
        (void)rate_per_second;
        (void)channels;
        throw std::invalid_argument("this source cannot hop channels");
    }
};

class DatasourceType {
public:
    virtual ~DatasourceType() = default;
    virtual std::string name() const = 0;        // "pcapfile"; also the definition's type= value
    virtual std::string description() const = 0;
    virtual DatasourceCapabilities capabilities() const = 0;
    /// True when this type should handle `definition` when it names no type=.
    virtual bool probe(const SourceDefinition& definition) const = 0;
    virtual std::vector<InterfaceInfo> list_interfaces() const { return {}; }
    /// Makes a (closed) source; throws std::invalid_argument with the reason
    /// when the definition cannot work (unknown option value, ...).
    virtual std::unique_ptr<Datasource> create(const SourceDefinition& definition) const = 0;
};

} // namespace airsight

#endif
