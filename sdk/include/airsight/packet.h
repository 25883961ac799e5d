// airsight SDK: packets and the packet chain.
//
// A datasource delivers captured frames; the server wraps each in a Packet
// and runs it through the chain's stages in order. Plugins add handlers to a
// stage (through PluginHost::add_packet_handler):
//
//   DECAP    capture headers (radiotap, PPI) -> Packet::radio, Packet::payload
//   DISSECT  PHY parsing of the payload; a PHY attaches its result as a
//            packet component (below) for its own and others' later handlers
//   TRACK    device tracking (a PHY updates its devices)
//   OBSERVE  logs, streams, alert engines: read-only consumers
//
// The chain runs on the delivering source's thread, so a handler must be
// thread-safe (several sources run at once) and must not block. A Packet and
// the bytes it points to live only while the chain runs: copy what you keep.
//
// Packet components: typed data handlers share on one packet
// ------------------------------------------------------------
// A PHY or observer registers a component type once, at start-up, and gets a
// typed key; with it, one handler attaches data to a packet and any later
// handler (of that plugin or another that registered the same name and type)
// reads it without parsing the frame again:
//
//   struct Dot11Frame { MacAddr transmitter; bool beacon = false; };
//
//   // in the plugin's constructor
//   PacketComponent<Dot11Frame> frame_key = host.register_packet_component<Dot11Frame>("dot11.frame");
//   host.add_packet_handler(PacketStage::DISSECT, "dot11 dissect", [=](Packet& p) {
//       Dot11Frame& f = frame_key.attach(p);   // reset to Dot11Frame{} first
//       f.beacon = true;
//   });
//   host.add_packet_handler(PacketStage::TRACK, "dot11 track", [=](Packet& p) {
//       const Dot11Frame* f = frame_key.find(p); // nullptr: nobody attached it
//       if (!f) return;
//   });
//
// Storage and lifetime: the chain owns the instances. It keeps one instance
// of every registered component type per packet in flight (so one per source
// delivering at that moment: sources on several threads never share one), and
// reuses them packet after packet: after warm-up nothing is allocated per
// packet. A component is reset (T::reset() when T has one, else `= T{}`) when
// it is first attached to a packet, and stays valid until the packet leaves
// the chain; like the packet, it may point into the packet's bytes. A key
// fits kMaxPacketComponents types in all; T must be default-constructible.
#ifndef AIRSIGHT_PACKET_H
#define AIRSIGHT_PACKET_H

#include <airsight/location.h>
#include <airsight/mac.h>
#include <airsight/radio.h>

#include <array>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>

namespace airsight {

enum class PacketStage : std::uint8_t { DECAP = 0, DISSECT = 1, TRACK = 2, OBSERVE = 3 };
inline constexpr int kPacketStageCount = 4;

constexpr std::string_view packet_stage_name(PacketStage s)
{
    switch (s) {
    case PacketStage::DECAP: return "decap";
    case PacketStage::DISSECT: return "dissect";
    case PacketStage::TRACK: return "track";
    case PacketStage::OBSERVE: return "observe";
    }
    return "unknown";
}

/// One captured frame, as a source hands it over.
struct CapturedFrame {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;                 // pcap link type of `data`
    std::span<const std::uint8_t> data;    // valid only during deliver()
    std::uint32_t original_length = 0;     // on-air length (>= data.size() when truncated)
};

/// A frame's addresses as the PHY that claimed it reads them (Kismet's
/// common packet info), for logs and streams that know no PHY: the
/// kismetdb packets table's sourcemac/destmac/transmac, a device's packet
/// stream. A zero MAC is "none".
struct PacketAddresses {
    MacAddr source;      // who sent the frame (802.11: SA)
    MacAddr destination; // who it is for (802.11: DA)
    MacAddr transmitter; // the radio that sent it on air (802.11: TA)
    MacAddr network;     // the network it belongs to (802.11: BSSID)
};

/// What a frame carries, as the PHY that claimed it classes it (Kismet's
/// common packet type): a log may leave data frames out
/// (kis_log_data_packets=false, pcapng_log_data_packets=false).
enum class PacketKind : std::uint8_t {
    unknown,    // no PHY classed it
    management, // 802.11 management frames, advertisements
    phy,        // control frames and other PHY-level frames
    data,       // frames carrying user data (802.11 data frames)
};

/// How many component types the chain holds (slots on every Packet).
inline constexpr std::uint32_t kMaxPacketComponents = 16;

struct Packet {
    // --- as captured ----------------------------------------------------
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t dlt = 0;
    std::uint32_t source_number = 0;       // kismet.datasource.source_number of the source
    std::span<const std::uint8_t> data;
    std::uint32_t original_length = 0;
    /// The local clock (seconds since the epoch) when the chain took the
    /// packet in: what device mod times and rate histories use, read once per
    /// packet rather than by every device it updates. 0: not set (a packet a
    /// test built), then the clock is read.
    std::int64_t local_sec = 0;
    /// Where the server was when the chain took the packet in: the GPS
    /// tracker's best fix (airsight/location.h), valid (2D or better) while
    /// the packet runs; nullptr when no GPS has a fix, or none is configured.
    const GpsFix* location = nullptr;

    // --- DECAP ------------------------------------------------------------
    RadioInfo radio;
    std::uint32_t payload_dlt = 0;         // link type of `payload` (105 for 802.11); 0 until decapsulated
    std::span<const std::uint8_t> payload;

    // --- from TRACK on ---------------------------------------------------------
    /// Another source delivered the same frame (same payload bytes, packet
    /// times within a second). Set before the TRACK stage: dissectors parse
    /// every copy alike, and trackers count a frame once: for a duplicate
    /// they record only that this source heard the transmitter (seen-by and
    /// signal), and PHYs should not record it again (e.g. as an EAPOL frame).
    bool duplicate = false;

    // --- any stage ----------------------------------------------------------
    /// Set by a handler that found the packet malformed; later stages still
    /// run (a tracker may count the error against a device) but the chain
    /// counts it as an error of that stage.
    bool error = false;
    std::string_view error_reason;         // static text, for the log
    std::uint32_t phy_id = 0;              // which PHY claimed the packet (0: none)
    /// Set by the PHY that claims the packet, in DISSECT (see PacketAddresses).
    PacketAddresses addresses;
    PacketKind kind = PacketKind::unknown; // set with the addresses

    // --- components (see PacketComponent; the chain sets these) -------------
    /// The instance of each registered component type this packet may use
    /// (nullptr: no such type registered).
    std::array<void*, kMaxPacketComponents> component_storage{};
    /// Bit n: component slot n was attached to this packet.
    std::uint32_t components_attached = 0;

    void fail(std::string_view reason)
    {
        error = true;
        error_reason = reason;
    }
};

using PacketHandler = std::function<void(Packet&)>;

/// How the chain creates, resets and destroys one component type's
/// instances; PacketComponent<T>::ops() fills it in. `type_name` tells types
/// apart when two plugins register the same component name.
struct PacketComponentOps {
    void* (*create)() = nullptr;
    void (*reset)(void*) = nullptr;
    void (*destroy)(void*) noexcept = nullptr;
    const char* type_name = "";
};

/// The typed key of a registered packet component (see the top of this
/// file). Copy it freely; a default-constructed key is unregistered: find()
/// returns nullptr and attach() throws.
template <typename T> class PacketComponent {
public:
    static constexpr std::uint32_t kNoSlot = ~std::uint32_t{0};

    PacketComponent() = default;
    /// Wraps the slot PluginHost::register_packet_component returned.
    explicit PacketComponent(std::uint32_t slot) : slot_(slot < kMaxPacketComponents ? slot : kNoSlot) {}

    bool registered() const { return slot_ != kNoSlot; }
    std::uint32_t slot() const { return slot_; }

    /// The packet's instance, reset to empty the first time it is attached to
    /// this packet. Throws std::logic_error when the packet has no storage
    /// for it (an unregistered key, or a packet that did not come through
    /// the chain).
    T& attach(Packet& p) const
    {
        T* t = storage(p);
        if (!t) throw std::logic_error("packet component is not registered with this packet's chain");
        const std::uint32_t bit = 1u << slot_;
        if (!(p.components_attached & bit)) {
            reset(t);
            p.components_attached |= bit;
        }
        return *t;
    }

    /// The component attached to this packet, or nullptr when none was.
    const T* find(const Packet& p) const { return attached(p) ? storage(p) : nullptr; }
    T* find(Packet& p) const { return attached(p) ? storage(p) : nullptr; }

    /// What the chain needs to own instances of T.
    static PacketComponentOps ops()
    {
        return PacketComponentOps{
            .create = []() -> void* { return new T(); },
            .reset = [](void* t) { reset(static_cast<T*>(t)); },
            .destroy = [](void* t) noexcept { delete static_cast<T*>(t); },
            .type_name = typeid(T).name(),
        };
    }

    /// Lets `p` use `instance` as this component's storage: what the chain
    /// does before each packet. For tests that run handlers without a chain.
    void bind(Packet& p, T& instance) const
    {
        if (!registered()) throw std::logic_error("binding an unregistered packet component");
        p.component_storage[slot_] = &instance;
    }

private:
    static void reset(T* t)
    {
        if constexpr (requires { t->reset(); })
            t->reset();
        else
            *t = T{};
    }
    bool attached(const Packet& p) const
    {
        return slot_ != kNoSlot && (p.components_attached & (1u << slot_)) && p.component_storage[slot_];
    }
    T* storage(const Packet& p) const
    {
        return slot_ != kNoSlot ? static_cast<T*>(p.component_storage[slot_]) : nullptr;
    }

    std::uint32_t slot_ = kNoSlot;
};

} // namespace airsight

#endif
