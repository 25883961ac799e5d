// The scripted attacks: the catalogue is well-formed, a world refuses what it
// cannot run, and attack frames come out when and how their spec says.
#include "engine/attacks/attack.h"
#include "engine/attacks/frame_attacks.h"
#include "engine/radio.h"
#include "engine/timeline.h"
#include "engine/world.h"
#include "frame_view.h"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

using namespace airsight;
using namespace airsight::sim;
using airsight::sim::test::FrameView;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string error_of(const WorldConfig& config)
{
    try {
        make_world(config);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("attacks: the catalogue is well-formed")
{
    std::set<std::string_view> names;
    REQUIRE_FALSE(attack_catalogue().empty());
    for (const AttackSpec* a : attack_catalogue()) {
        CAPTURE(a->name);
        CHECK(names.insert(a->name).second); // unique
        for (char c : a->name) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'));
        CHECK_FALSE(a->alerts.empty());
        CHECK_FALSE(a->description.empty());
        CHECK((a->build != nullptr));
        CHECK(a->frames_per_burst >= 1);
        CHECK(a->frames_per_burst <= 255);
        CHECK(find_attack(a->name) == a);
        CHECK(contains(attack_names(), std::string(a->name)));
    }
    CHECK(find_attack("BCASTDISCON") == nullptr); // names are lower case, exact
}

TEST_CASE("attacks: a world refuses unknown attacks and attacks without a target")
{
    WorldConfig config;
    config.attacks = {"nosuch"};
    const std::string unknown = error_of(config);
    CHECK(contains(unknown, "unknown attack 'nosuch'"));
    CHECK(contains(unknown, attack_names()));

    config.attacks = {"bcastdiscon"};
    config.access_points = 0;
    CHECK(contains(error_of(config), "needs an access point"));
}

TEST_CASE("attacks: every attack sends its bursts as its spec says, as well-formed 802.11")
{
    // Runs each attack alone for two of its bursts, then hears them on a radio.
    for (const AttackSpec* spec : attack_catalogue()) {
        CAPTURE(spec->name);
        WorldConfig config;
        config.attacks = {std::string(spec->name)};
        const World world = make_world(config);
        const std::uint64_t until = config.start_usec + spec->first_usec + spec->period_usec +
                                    static_cast<std::uint64_t>(spec->frames_per_burst) * spec->spacing_usec;
        Timeline timeline(world);
        std::set<std::uint64_t> times;
        int attack_frames = 0;
        while (timeline.peek_time() <= until) {
            const Transmission& tx = timeline.pop();
            if (tx.kind != FrameKind::Attack) continue;
            ++attack_frames;
            CHECK(tx.sender == Sender::Attacker);
            CHECK(tx.ts_usec >= config.start_usec + spec->first_usec);
            times.insert(tx.ts_usec);
        }
        CHECK(attack_frames == spec->frames_per_burst * (spec->period_usec ? 2 : 1));

        Radio radio(config);
        radio.listen_all();
        SimFrame f;
        std::size_t heard = 0;
        while (radio.next_frame(f) && f.ts_usec <= until) {
            if (!times.count(f.ts_usec)) continue;
            ++heard;
            const FrameView v(f.bytes);
            CHECK(v.bytes.size() >= v.mac() + 24); // a whole MAC header at least
            CHECK(v.type() != 3);
        }
        CHECK(heard >= times.size());
    }
}

TEST_CASE("attacks: bcastdiscon sends its bursts on schedule, the same every run")
{
    WorldConfig config;
    config.attacks = {"bcastdiscon"};
    const World world = make_world(config);
    const AttackSpec& spec = *find_attack("bcastdiscon");
    const auto run = [&] {
        Timeline timeline(world);
        std::vector<std::uint64_t> times;
        while (timeline.peek_time() < config.start_usec + 11'000'000) {
            const Transmission& tx = timeline.pop();
            if (tx.kind != FrameKind::Attack) continue;
            CHECK(tx.channel == world.aps[0].channel);
            CHECK(tx.ap == 0);
            times.push_back(tx.ts_usec - config.start_usec);
        }
        return times;
    };
    const std::vector<std::uint64_t> times = run();
    // Bursts at 1 s, 6 s and 11 s (the last is past the window): two of four frames.
    REQUIRE(times.size() == 2 * static_cast<std::size_t>(spec.frames_per_burst));
    CHECK(times[0] == 1'000'000);
    CHECK(times[1] == 1'001'000);
    CHECK(times[4] == 6'000'000);
    CHECK(run() == times);

    // The frames: broadcast disassociation and deauthentication, forged as the
    // target AP, reason 3.
    Radio radio(config);
    radio.listen_all();
    SimFrame f;
    int disassoc = 0, deauth = 0;
    for (int i = 0; i < 100000 && disassoc + deauth < 8; ++i) {
        REQUIRE(radio.next_frame(f));
        const FrameView v(f.bytes);
        if (v.type() != 0 || (v.subtype() != 10 && v.subtype() != 12)) continue;
        CHECK(v.addr(1) == kBroadcastMac);
        CHECK(v.addr(2) == world.aps[0].bssid);
        CHECK(v.addr(3) == world.aps[0].bssid);
        CHECK(v.le16(v.mac() + 24) == 3);
        (v.subtype() == 10 ? disassoc : deauth) += 1;
    }
    CHECK(disassoc == 4);
    CHECK(deauth == 4);
}

TEST_CASE("attacks: a clean world sends no attack frame")
{
    const World world = make_world(WorldConfig{});
    CHECK(world.attacks.empty());
    Timeline timeline(world);
    for (int i = 0; i < 20000; ++i) CHECK(timeline.pop().kind != FrameKind::Attack);
}

TEST_CASE("attacks: the frame-fingerprint attackers send as their own access points; overpowered is heard loud")
{
    for (const char* name : {"longssid", "overpowered"}) {
        CAPTURE(name);
        WorldConfig config;
        config.attacks = {name};
        const bool loud = std::string(name) == "overpowered";
        Radio radio(config);
        radio.listen_all();
        SimFrame f;
        int heard = 0;
        for (int i = 0; i < 200000 && heard < 3; ++i) {
            REQUIRE(radio.next_frame(f));
            const FrameView v(f.bytes);
            if (v.type() != 0 || v.subtype() != 8 || v.addr(2).bytes[0] != 0x02 || v.addr(2).bytes[1] != 0xa5) continue;
            ++heard;
            CHECK(v.addr(2) == frame_attacker_mac(loud ? 18 : 1));
            const int dbm = static_cast<std::int8_t>(f.bytes.at(14)); // radiotap dBm signal (no MCS field)
            if (loud) CHECK((dbm > -10 && dbm < 0));
            else CHECK((dbm >= -48 && dbm <= -42));
            if (!loud) CHECK(v.ssid() == std::string(33, 'X'));
        }
        CHECK(heard == 3);
    }
}
