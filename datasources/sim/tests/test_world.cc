// The world a seed describes: a realistic mix of networks, clients and MACs.
#include "engine/world.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

using namespace airsight::sim;

TEST_CASE("the default world has every kind of network")
{
    const World w = make_world(WorldConfig{});
    REQUIRE(w.aps.size() == 10);
    std::set<Security> kinds;
    bool hidden = false, utf8 = false, space = false, wps = false, two_four = false, five = false;
    for (const AccessPoint& ap : w.aps) {
        kinds.insert(ap.security);
        hidden |= ap.hidden;
        utf8 |= std::any_of(ap.ssid.begin(), ap.ssid.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        space |= ap.ssid.find(' ') != std::string::npos;
        wps |= ap.wps;
        two_four |= ap.channel <= 14;
        five |= ap.channel >= 36;
        CHECK_FALSE(ap.bssid.is_locally_administered()); // vendor OUIs
        CHECK_FALSE(ap.bssid.is_multicast());
        CHECK(ap.freq_mhz != 0);
        CHECK(ap.ht == (ap.security != Security::Wep && ap.security != Security::WpaTkip));
        CHECK(ap.vht == (ap.ht && ap.channel >= 36));
    }
    CHECK(kinds.size() == 7);
    CHECK(hidden);
    CHECK(utf8);
    CHECK(space);
    CHECK(wps);
    CHECK(two_four);
    CHECK(five);
}

TEST_CASE("MACs are unique; some clients use randomized locally administered MACs")
{
    WorldConfig config;
    config.access_points = 40;
    config.clients = 200;
    const World w = make_world(config);
    std::set<airsight::MacAddr> seen;
    for (const AccessPoint& ap : w.aps) CHECK(seen.insert(ap.bssid).second);
    int randomized = 0, vendor = 0;
    for (const Client& c : w.clients) {
        CHECK(seen.insert(c.mac).second);
        CHECK_FALSE(c.mac.is_multicast());
        CHECK(c.mac.is_locally_administered() == c.randomized_mac);
        (c.randomized_mac ? randomized : vendor)++;
        if (!c.probe_only) CHECK(c.home_ap >= 0);
    }
    CHECK(randomized > 0);
    CHECK(vendor > 0);
}

TEST_CASE("every configured channel gets access points")
{
    const World w = make_world(WorldConfig{});
    for (int channel : w.config.channels)
        CHECK_MESSAGE(std::any_of(w.aps.begin(), w.aps.end(), [&](const AccessPoint& ap) { return ap.channel == channel; }),
                      "no AP on channel ", channel);
}

TEST_CASE("roam partners share SSID and security")
{
    const World w = make_world(WorldConfig{});
    CHECK(w.roam_partner(3) == 8);  // CorpNet
    CHECK(w.roam_partner(0) == 9);  // Home Network
    CHECK(w.roam_partner(2) == -1); // Aurora is alone
}

TEST_CASE("misbehaviour switches")
{
    WorldConfig config;
    const World plain = make_world(config);
    CHECK(plain.flood_target == -1);
    CHECK(std::none_of(plain.aps.begin(), plain.aps.end(), [](const AccessPoint& ap) { return ap.spoofed; }));

    config.misbehaviour_spoofed_ap = true;
    config.misbehaviour_deauth_flood = true;
    const World bad = make_world(config);
    CHECK(bad.flood_target == 0);
    REQUIRE(bad.aps.size() == 11);
    const AccessPoint& twin = bad.aps.back();
    CHECK(twin.spoofed);
    CHECK(twin.security == Security::Open);
    CHECK(twin.ssid == bad.aps.front().ssid);
    CHECK(twin.bssid != bad.aps.front().bssid);
    CHECK(twin.channel != bad.aps.front().channel);
    CHECK(bad.roam_partner(0) == 9); // nobody roams to the twin
}

TEST_CASE("bad configs are rejected")
{
    WorldConfig config;
    config.channels = {1, 200};
    CHECK_THROWS_AS(make_world(config), std::invalid_argument);
    config.channels = {};
    CHECK_THROWS_AS(make_world(config), std::invalid_argument);
    config = WorldConfig{};
    config.clients = -1;
    CHECK_THROWS_AS(make_world(config), std::invalid_argument);
}

TEST_CASE("security helpers")
{
    CHECK(rsn_akm(Security::Wpa2Psk) == 2);
    CHECK(rsn_akm(Security::Wpa2Enterprise) == 1);
    CHECK(rsn_akm(Security::Wpa3Sae) == 8);
    CHECK(rsn_akm(Security::Owe) == 18);
    CHECK(rsn_akm(Security::WpaTkip) == 0);
    CHECK(requires_mfp(Security::Wpa3Sae));
    CHECK_FALSE(requires_mfp(Security::Wpa2Psk));
    CHECK(has_four_way_handshake(Security::WpaTkip));
    CHECK_FALSE(has_four_way_handshake(Security::Wep));
}
