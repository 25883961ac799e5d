// The nl80211 layer's reading of NL80211_CMD_GET_WIPHY answers, fed with
// messages built as the kernel builds them (libnl's own message API), in a
// split dump: one answer with the name, one per band's capabilities and
// frequencies.
#include "../nl80211_control.h"

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace airsight::linuxwifi;

namespace {

struct MsgFree {
    void operator()(nl_msg* m) const { nlmsg_free(m); }
};
using Msg = std::unique_ptr<nl_msg, MsgFree>;

Msg answer(unsigned wiphy)
{
    Msg m(nlmsg_alloc());
    genlmsg_put(m.get(), NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0, NL80211_CMD_NEW_WIPHY, 0);
    nla_put_u32(m.get(), NL80211_ATTR_WIPHY, wiphy);
    return m;
}

struct Freq {
    unsigned mhz;
    bool disabled = false;
    bool no_ht40_plus = false;
};

// One band: HT capabilities (`ht_cap`, absent when 0), VHT capabilities
// (`vht_cap`, absent when 0) and frequencies.
void put_band(nl_msg* m, int band, unsigned ht_cap, unsigned vht_cap, const std::vector<Freq>& freqs)
{
    nlattr* bands = nla_nest_start(m, NL80211_ATTR_WIPHY_BANDS);
    nlattr* b = nla_nest_start(m, band);
    if (ht_cap != 0) nla_put_u16(m, NL80211_BAND_ATTR_HT_CAPA, static_cast<std::uint16_t>(ht_cap));
    if (vht_cap != 0) nla_put_u32(m, NL80211_BAND_ATTR_VHT_CAPA, vht_cap);
    if (!freqs.empty()) {
        nlattr* fs = nla_nest_start(m, NL80211_BAND_ATTR_FREQS);
        int i = 0;
        for (const Freq& f : freqs) {
            nlattr* one = nla_nest_start(m, i++);
            nla_put_u32(m, NL80211_FREQUENCY_ATTR_FREQ, f.mhz);
            if (f.disabled) nla_put_flag(m, NL80211_FREQUENCY_ATTR_DISABLED);
            if (f.no_ht40_plus) nla_put_flag(m, NL80211_FREQUENCY_ATTR_NO_HT40_PLUS);
            nla_nest_end(m, one);
        }
        nla_nest_end(m, fs);
    }
    nla_nest_end(m, b);
    nla_nest_end(m, bands);
}

bool has(const std::vector<std::string>& list, const std::string& name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

} // namespace

TEST_CASE("wiphy answers: a split dump merges into bands with capabilities and frequencies")
{
    WiphyInfo info;
    info.index = 3;

    Msg head = answer(3);
    nla_put_string(head.get(), NL80211_ATTR_WIPHY_NAME, "phy3");
    CHECK(merge_wiphy_message(info, head.get()));
    CHECK(info.name == "phy3");

    // 2.4 GHz: HT with 40 MHz (cap bit 1), in two answers (capabilities, then frequencies).
    Msg caps24 = answer(3);
    put_band(caps24.get(), NL80211_BAND_2GHZ, 0x0002, 0, {});
    CHECK(merge_wiphy_message(info, caps24.get()));
    Msg freqs24 = answer(3);
    put_band(freqs24.get(), NL80211_BAND_2GHZ, 0, 0,
             {{2412}, {2417}, {2422}, {2427}, {2432}, {2437, false, true}, {2442}, {2447}, {2452}, {2457}, {2462},
              {2467, true}, {2472, true}, {2484, true}});
    CHECK(merge_wiphy_message(info, freqs24.get()));

    // 5 GHz: HT without 40 MHz, VHT with 160 MHz (width set 1 in bits 2-3).
    Msg b5 = answer(3);
    put_band(b5.get(), NL80211_BAND_5GHZ, 0x0001, 1u << 2, {{5180}, {5200}, {5220}, {5240}, {5260}, {5280}, {5300}, {5320}});
    CHECK(merge_wiphy_message(info, b5.get()));

    // Another wiphy's answer is not merged.
    Msg other = answer(4);
    put_band(other.get(), NL80211_BAND_5GHZ, 0, 0, {{5745}});
    CHECK_FALSE(merge_wiphy_message(info, other.get()));

    REQUIRE(info.bands.size() == 2);
    const BandInfo& b24 = info.bands[0];
    CHECK(b24.nl_band == NL80211_BAND_2GHZ);
    CHECK(b24.ht);
    CHECK(b24.ht40);
    CHECK_FALSE(b24.vht);
    CHECK(b24.frequencies.size() == 14);
    CHECK(b24.frequencies[11].disabled);
    CHECK(b24.frequencies[5].no_ht40_plus);
    const BandInfo& b5i = info.bands[1];
    CHECK(b5i.ht);
    CHECK_FALSE(b5i.ht40);
    CHECK(b5i.vht);
    CHECK(b5i.vht160);
    CHECK(b5i.frequencies.size() == 8);

    const auto list = offered_channels(info);
    CHECK(has(list, "11"));
    CHECK_FALSE(has(list, "12"));
    CHECK(has(list, "6HT40-"));
    CHECK_FALSE(has(list, "6HT40+")); // NO_HT40_PLUS on 2437
    CHECK(has(list, "7HT40-"));
    CHECK(has(list, "7HT40+"));       // its secondary, 11, is enabled
    CHECK_FALSE(has(list, "9HT40+")); // its secondary, 13, is disabled
    CHECK_FALSE(has(list, "36HT40+")); // no 40 MHz in this band
    CHECK(has(list, "36VHT80"));
    CHECK(has(list, "36VHT160"));
    CHECK_FALSE(has(list, "149"));
}
