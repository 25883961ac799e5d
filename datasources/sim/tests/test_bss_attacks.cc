// The BSS attacks' frames (engine/attacks/bss_attacks): each is the target's
// own beacon with exactly one thing changed, on the target's clock (but for
// bsstimestamp), so that a detector comparing beacons sees that one change.
#include "engine/attacks/attack.h"
#include "engine/attacks/bss_attacks.h"
#include "engine/radio.h"
#include "engine/timeline.h"
#include "engine/world.h"
#include "frame_view.h"

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <vector>

using namespace airsight;
using namespace airsight::sim;
using airsight::sim::test::FrameView;

namespace {

// A beacon's fixed fields and elements (the TIM left out: it counts down).
struct Beacon {
    MacAddr transmitter, bssid;
    std::uint64_t ts_usec = 0, tsf = 0;
    std::uint16_t interval = 0, capability = 0;
    std::map<int, std::vector<std::uint8_t>> ies; // id -> body (vendor elements: the last)

    static Beacon of(const SimFrame& f)
    {
        const FrameView v(f.bytes);
        Beacon b;
        b.transmitter = v.addr(2);
        b.bssid = v.addr(3);
        b.ts_usec = f.ts_usec;
        const std::size_t body = v.mac() + 24;
        b.tsf = v.le32(body) | std::uint64_t{v.le32(body + 4)} << 32;
        b.interval = v.le16(body + 8);
        b.capability = v.le16(body + 10);
        for (std::size_t at = body + 12; at + 2 <= v.end();) {
            const int id = v.bytes.at(at), len = v.bytes.at(at + 1);
            if (id != 5) b.ies[id].assign(v.bytes.begin() + static_cast<long>(at) + 2, v.bytes.begin() + static_cast<long>(at) + 2 + len);
            at += 2 + static_cast<std::size_t>(len);
        }
        return b;
    }
    // The TSF at the world's start, by this beacon's clock.
    std::uint64_t clock() const { return tsf - ts_usec; }
};

// The target's first own beacon and the attack's first frame.
std::pair<Beacon, Beacon> first_beacons(const std::string& attack)
{
    WorldConfig config;
    config.attacks = {attack};
    const World world = make_world(config);
    std::set<std::uint64_t> attack_times;
    Timeline timeline(world);
    while (attack_times.empty()) {
        const Transmission& tx = timeline.pop();
        if (tx.kind == FrameKind::Attack) attack_times.insert(tx.ts_usec);
    }
    Radio radio(config);
    radio.listen_all();
    SimFrame f;
    std::optional<Beacon> own, forged;
    while ((!own || !forged) && radio.next_frame(f)) {
        const FrameView v(f.bytes);
        if (!v.is_beacon()) continue;
        if (attack_times.count(f.ts_usec) && !forged) forged = Beacon::of(f);
        else if (v.addr(2) == world.aps[0].bssid && !own) own = Beacon::of(f);
    }
    REQUIRE(own);
    REQUIRE(forged);
    return {*own, *forged};
}

// The element ids whose bodies differ between two beacons.
std::set<int> changed_ies(const Beacon& a, const Beacon& b)
{
    std::set<int> out;
    for (const auto& [id, body] : a.ies)
        if (!b.ies.count(id) || b.ies.at(id) != body) out.insert(id);
    for (const auto& [id, body] : b.ies)
        if (!a.ies.count(id)) out.insert(id);
    return out;
}

} // namespace

TEST_CASE("BSS attacks: the target's beacon with one change each")
{
    constexpr std::uint16_t kEss = 0x0001, kIbss = 0x0002, kPrivacy = 0x0010;
    for (const char* attack : {"chanchange", "bsstimestamp", "apspoof", "cryptodrop", "advcryptchange", "beaconrate",
                               "dot11d", "adhocconflict"}) {
        CAPTURE(attack);
        REQUIRE(find_attack(attack));
        const auto [own, forged] = first_beacons(attack);
        const std::string name = attack;
        CHECK(forged.transmitter == (name == "apspoof" ? kApspoofMac : own.transmitter));
        CHECK(forged.bssid == forged.transmitter);
        CHECK(forged.ies.at(0) == own.ies.at(0)); // the same SSID
        if (name == "bsstimestamp")
            CHECK(forged.clock() == own.clock() + 86'400'000'000ull);
        else
            CHECK(forged.clock() == own.clock());
        CHECK(forged.interval == (name == "beaconrate" ? 200 : own.interval));
        const std::uint16_t expected_capability =
            name == "adhocconflict" ? static_cast<std::uint16_t>((own.capability & ~kEss) | kIbss)
            : name == "cryptodrop"  ? static_cast<std::uint16_t>(own.capability & ~kPrivacy)
                                    : own.capability;
        CHECK(forged.capability == expected_capability);

        std::set<int> expected_ies;
        if (name == "chanchange") expected_ies = {3, 61}; // DS and HT operation (the target is 802.11n)
        if (name == "cryptodrop" || name == "advcryptchange") expected_ies = {48};
        if (name == "dot11d") expected_ies = {7};
        CHECK(changed_ies(own, forged) == expected_ies);
        if (name == "chanchange") CHECK(forged.ies.at(3) != own.ies.at(3));
        if (name == "cryptodrop") CHECK_FALSE(forged.ies.count(48));
        if (name == "dot11d") CHECK(forged.ies.at(7).at(0) == 'D');
    }
}
