// airsight SDK: tracked devices.
//
// The core's device tracker keeps one Device per (PHY, MAC). A PHY plugin
// registers itself, then, from its TRACK-stage packet handler, calls
// DeviceTracker::update() for each device a packet shows: the tracker applies
// what every PHY shares (times, packet counts, signal, channel, seen-by) and
// hands the device to the PHY, locked, to update its own component (e.g. the
// dot11.device record).
//
// Devices are typed structs rather than Value trees so 100,000 of them stay
// small; they become records (kismet.device.base.*) only when served.
#ifndef AIRSIGHT_DEVICES_H
#define AIRSIGHT_DEVICES_H

#include <airsight/field.h>
#include <airsight/function_ref.h>
#include <airsight/hex.h>
#include <airsight/mac.h>
#include <airsight/packet.h>
#include <airsight/rrd.h>
#include <airsight/signal_rrd.h>
#include <airsight/small_vector.h>
#include <airsight/value.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airsight {

/// Kismet's device key: a hash of the PHY name and the MAC address, printed
/// as two upper-case hex numbers "4202770D00000000_554433221100" (see
/// kismet-fields.md: both byte-swapped, no padding but at least 2 digits for
/// the first).
struct DeviceKey {
    std::uint32_t phy_hash = 0;
    MacAddr mac;

    /// Kismet's adler32_checksum of a PHY name (not zlib's: no modulo).
    static constexpr std::uint32_t hash_phy_name(std::string_view name)
    {
        if (name.size() < 4) return 0;
        std::uint32_t s1 = 0, s2 = 0;
        for (unsigned char c : name) {
            s1 += c;
            s2 += s1;
        }
        return (s1 & 0xffff) + (s2 << 16);
    }

    std::string str() const
    {
        // hton64 of (phy_hash) then of (mac << 16): the low bytes print first.
        std::uint64_t phy = 0;
        for (int i = 0; i < 4; ++i) phy = (phy << 8) | ((phy_hash >> (8 * i)) & 0xff);
        phy <<= 32;
        std::uint64_t m = 0;
        for (int i = 5; i >= 0; --i) m = (m << 8) | mac.bytes[i];
        char text[34]; // 16 + '_' + 16 digits at most
        char* end = put_hex(text, phy, 2);
        *end++ = '_';
        end = put_hex(end, m, 1);
        return std::string(text, end);
    }

    /// Parses either padded or unpadded keys; nothing if malformed.
    static std::optional<DeviceKey> parse(std::string_view text)
    {
        const std::size_t sep = text.find('_');
        if (sep == std::string_view::npos || sep == 0 || sep + 1 >= text.size()) return std::nullopt;
        auto a = parse_hex(text.substr(0, sep));
        auto b = parse_hex(text.substr(sep + 1));
        if (!a || !b || (*a & 0xffffffffULL) != 0 || (*b >> 48) != 0) return std::nullopt;
        DeviceKey k;
        const std::uint64_t phy = *a >> 32;
        for (int i = 0; i < 4; ++i) k.phy_hash |= static_cast<std::uint32_t>((phy >> (8 * (3 - i))) & 0xff) << (8 * i);
        for (int i = 0; i < 6; ++i) k.mac.bytes[i] = static_cast<std::uint8_t>((*b >> (8 * i)) & 0xff);
        return k;
    }

    bool operator==(const DeviceKey&) const = default;

private:
    // Writes v in upper-case hex, at least `min_digits` digits; returns the end.
    static char* put_hex(char* out, std::uint64_t v, int min_digits)
    {
        int n = 1;
        while (n < 16 && (v >> (4 * n)) != 0) ++n;
        if (n < min_digits) n = min_digits;
        for (int i = n - 1; i >= 0; --i) *out++ = hex_digit(static_cast<unsigned>(v >> (4 * i)), true);
        return out;
    }
    static std::optional<std::uint64_t> parse_hex(std::string_view s)
    {
        if (s.empty() || s.size() > 16) return std::nullopt;
        std::uint64_t v = 0;
        for (char c : s) {
            const int d = hex_digit_value(c);
            if (d < 0) return std::nullopt;
            v = (v << 4) | static_cast<std::uint64_t>(d);
        }
        return v;
    }
};

/// A PHY's own part of a device (dot11.device, bluetooth.device, ...).
class DeviceComponent {
public:
    virtual ~DeviceComponent() = default;
    /// The component as a record: an Object of registered fields.
    virtual Value to_value() const = 0;
    /// One member of that record (Null when absent). Field queries that read
    /// a few members of 100,000 devices call this instead of to_value(), so
    /// override it for the cheap members.
    virtual Value member(const Field& field) const
    {
        const Value whole = to_value();
        const Value* m = whole.find(field);
        return m ? *m : Value();
    }
};

/// Signal statistics (kismet.common.signal.*), in dBm.
struct SignalStats {
    bool valid = false;
    int last_signal = 0, min_signal = 0, max_signal = 0;
    bool has_noise = false;
    int last_noise = 0, min_noise = 0, max_noise = 0;
    double max_seen_rate = 0;
    std::uint64_t encoding_set = 0;
    std::uint64_t carrier_set = 0;
};

/// One source that heard a device (kismet.device.base.seenby).
struct SeenBy {
    std::uint32_t source_number = 0;
    std::uint64_t first_time = 0, last_time = 0, packets = 0;
    SignalStats signal;
};

struct Device {
    // What every packet updates comes first, together: at 100,000 devices an
    // update's time goes to cache misses, so these share the first few cache
    // lines, and the usual one seen-by source, two frequencies and one PHY
    // component are kept inline (SmallVector) rather than behind pointers.
    /// PHY components, keyed by the field they are served under. First: the
    /// tracker reads the component's address to prefetch it along with the device.
    SmallVector<std::pair<const Field*, std::unique_ptr<DeviceComponent>>, 1> components;
    std::uint64_t first_time = 0, last_time = 0; // packet times (seconds)
    std::uint64_t mod_time = 0;                  // local clock, seconds
    struct Packets {
        std::uint64_t total = 0, rx_total = 0, tx_total = 0, llc = 0, error = 0, data = 0, crypt = 0, filtered = 0;
    } packets;
    std::uint64_t datasize = 0;
    double frequency = 0; // kHz
    std::uint64_t basic_type_set = 0;
    std::uint64_t basic_crypt_set = 0;
    std::string type;    // "Wi-Fi AP", "Wi-Fi Client", ...
    std::string channel;
    SignalStats signal;
    SmallVector<SeenBy, 1> seenby;
    SmallVector<std::pair<std::uint32_t, std::uint64_t>, 2> freq_khz_map; // kHz -> packets
    /// Packets per second (local clock): kismet.device.base.packets.rrd.
    CountRrd packets_rrd;
    /// The strongest signal per second over the past minute (local clock):
    /// kismet.common.signal.signal_rrd inside kismet.device.base.signal.
    SignalRrd signal_rrd;

    // Identity and descriptions: set once, or rarely.
    DeviceKey key;
    MacAddr mac;
    std::uint32_t phy_id = 0;
    std::uint32_t num_alerts = 0;
    std::string name;       // printable name the PHY found (an AP's SSID, ...)
    std::string username;   // set by set_name.cmd
    std::string crypt;      // printable encryption ("WPA2-PSK", ...)
    std::string_view manuf; // manufacturer, from a table that outlives devices
    std::vector<std::pair<std::string, std::string>> tags;

    /// The component stored under `field`, created with `make` when absent.
    template <typename T, typename Make> T& component(const Field& field, Make&& make)
    {
        for (auto& [f, c] : components)
            if (f == &field) return static_cast<T&>(*c);
        components.emplace_back(&field, make());
        return static_cast<T&>(*components.back().second);
    }
    template <typename T> T* find_component(const Field& field) const
    {
        for (const auto& [f, c] : components)
            if (f == &field) return static_cast<T*>(c.get());
        return nullptr;
    }
};

/// What a packet means for a device, for the common counters.
enum DeviceUpdate : unsigned {
    DEVICE_TRANSMITTED = 1u << 0, // the device sent the packet: signal and seen-by apply
    DEVICE_RECEIVED = 1u << 1,    // the packet was addressed to it
    DEVICE_DATA = 1u << 2,        // a data frame (counts packets.data and datasize)
    DEVICE_LLC = 1u << 3,         // a management/control frame
    DEVICE_CRYPT = 1u << 4,       // an encrypted data frame
    DEVICE_ERROR = 1u << 5,       // a malformed frame
    // How a packet involves the device, when not as its sender or addressee:
    DEVICE_NAMED = 1u << 6,         // only named by it (e.g. the BSSID of others' frames): the device is
                                    // created or kept alive (times), no packet is counted; other bits are ignored
    DEVICE_EXISTING_ONLY = 1u << 7, // update the device only if it is tracked already: the packet creates none
    DEVICE_RELAYED = 1u << 8,       // with DEVICE_TRANSMITTED: it sent the packet through another radio (a host
                                    // behind an AP): counted as sent, but the signal and seen-by are the relay's
};

class DeviceTracker {
public:
    virtual ~DeviceTracker() = default;
    /// Registers a PHY by name ("IEEE802.11"); returns its id (stable for
    /// this run). Registering the same name again returns the same id.
    virtual std::uint32_t register_phy(std::string_view name) = 0;
    /// The name a PHY id was registered with ("" for an unknown id): how a
    /// log or stream that reads Packet::phy_id names the PHY, or matches a
    /// device key (DeviceKey::hash_phy_name of it).
    virtual std::string phy_name(std::uint32_t phy_id) const = 0;

    /// Finds or creates the device (phy, mac), applies the packet's common
    /// facts per `flags` (DeviceUpdate bits), then calls `update` with the
    /// device locked. `data_bytes` adds to datasize for DEVICE_DATA. Returns
    /// false when no device was updated: the device limit refused a new one,
    /// or DEVICE_EXISTING_ONLY found none. For a duplicate packet
    /// (Packet::duplicate) it only records that the packet's source heard an
    /// existing transmitter, and does not call `update`.
    virtual bool update(std::uint32_t phy_id, const MacAddr& mac, const Packet& packet, unsigned flags,
                        std::uint64_t data_bytes, FunctionRef<void(Device&)> update) = 0;

    /// Counts one packet for a PHY (kismet.phy.packet_count); a PHY calls it
    /// once per packet it claims, however many devices the packet touches.
    virtual void count_packet(std::uint32_t phy_id) = 0;

    /// Runs `f` on an existing device, locked; false when there is none.
    /// (FunctionRef: passing a lambda never allocates, see function_ref.h.)
    virtual bool with_device(std::uint32_t phy_id, const MacAddr& mac, FunctionRef<void(Device&)> f) = 0;

    /// A hint, for speed only: the device (phy, mac) will be updated soon.
    /// Starts loading its place in the tracker's index into cache, so a PHY
    /// that calls it as soon as it knows a frame's addresses (in decap, say)
    /// overlaps that memory wait with its parsing. Takes no lock, never fails.
    virtual void prefetch(std::uint32_t phy_id, const MacAddr& mac) const noexcept = 0;

    /// The manufacturer for a MAC's OUI ("Unknown" when not listed); the view
    /// stays valid for the life of the server.
    virtual std::string_view manufacturer(const MacAddr& mac) const = 0;

    /// Calls `f` on every device, locked, in no particular order. Packets
    /// wait while it runs: keep `f` short (copy what you need, render later).
    /// To serve devices over REST use DeviceLists (device_lists.h).
    virtual void visit_devices(FunctionRef<void(const Device&)> f) const = 0;
};

} // namespace airsight

#endif
