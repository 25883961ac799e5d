#include "nl80211_control.h"

#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>

namespace airsight::linuxwifi {

namespace {

struct MsgFree {
    void operator()(nl_msg* m) const { nlmsg_free(m); }
};
using Msg = std::unique_ptr<nl_msg, MsgFree>;

struct CbPut {
    void operator()(nl_cb* c) const { nl_cb_put(c); }
};

int on_error(sockaddr_nl*, nlmsgerr* err, void* arg)
{
    *static_cast<int*>(arg) = err->error < 0 ? err->error : -err->error;
    return NL_STOP;
}

int on_done(nl_msg*, void* arg)
{
    *static_cast<int*>(arg) = 0;
    return NL_STOP;
}

// The top-level attributes of an nl80211 message.
void parse_attrs(nl_msg* msg, nlattr** tb)
{
    auto* gnlh = static_cast<genlmsghdr*>(nlmsg_data(nlmsg_hdr(msg)));
    nla_parse(tb, NL80211_ATTR_MAX, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), nullptr);
}

InterfaceRecord interface_of(nlattr** tb)
{
    InterfaceRecord r;
    if (tb[NL80211_ATTR_IFINDEX]) r.ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
    if (tb[NL80211_ATTR_IFNAME]) r.name = nla_get_string(tb[NL80211_ATTR_IFNAME]);
    if (tb[NL80211_ATTR_WIPHY]) r.wiphy = static_cast<int>(nla_get_u32(tb[NL80211_ATTR_WIPHY]));
    if (tb[NL80211_ATTR_IFTYPE]) r.iftype = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
    if (tb[NL80211_ATTR_WIPHY_FREQ]) r.frequency = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
    if (tb[NL80211_ATTR_CENTER_FREQ1]) r.center_frequency = nla_get_u32(tb[NL80211_ATTR_CENTER_FREQ1]);
    return r;
}

// Adds one NL80211_ATTR_WIPHY_BANDS entry to `wiphy`. A split dump may send a
// band's capabilities and its frequencies in different messages, so entries
// of the same band merge.
void merge_band(WiphyInfo& wiphy, nlattr* band_attr)
{
    nlattr* tb[NL80211_BAND_ATTR_MAX + 1] = {};
    nla_parse(tb, NL80211_BAND_ATTR_MAX, static_cast<nlattr*>(nla_data(band_attr)), nla_len(band_attr), nullptr);
    const int index = nla_type(band_attr);
    BandInfo* band = nullptr;
    for (BandInfo& b : wiphy.bands)
        if (b.nl_band == index) band = &b;
    if (band == nullptr) {
        band = &wiphy.bands.emplace_back();
        band->nl_band = index;
    }
    if (tb[NL80211_BAND_ATTR_HT_CAPA]) {
        band->ht = true;
        band->ht40 = (nla_get_u16(tb[NL80211_BAND_ATTR_HT_CAPA]) & (1u << 1)) != 0;
    }
    if (tb[NL80211_BAND_ATTR_VHT_CAPA]) {
        band->vht = true;
        const unsigned widths = (nla_get_u32(tb[NL80211_BAND_ATTR_VHT_CAPA]) >> 2) & 3u;
        band->vht160 = widths == 1 || widths == 2;
    }
    if (!tb[NL80211_BAND_ATTR_FREQS]) return;
    nlattr* freq = nullptr;
    int rem = 0;
    nla_for_each_nested(freq, tb[NL80211_BAND_ATTR_FREQS], rem)
    {
        nlattr* ft[NL80211_FREQUENCY_ATTR_MAX + 1] = {};
        nla_parse(ft, NL80211_FREQUENCY_ATTR_MAX, static_cast<nlattr*>(nla_data(freq)), nla_len(freq), nullptr);
        if (!ft[NL80211_FREQUENCY_ATTR_FREQ]) continue;
        FrequencyInfo f;
        f.mhz = nla_get_u32(ft[NL80211_FREQUENCY_ATTR_FREQ]);
        f.disabled = ft[NL80211_FREQUENCY_ATTR_DISABLED] != nullptr;
        f.no_ht40_minus = ft[NL80211_FREQUENCY_ATTR_NO_HT40_MINUS] != nullptr;
        f.no_ht40_plus = ft[NL80211_FREQUENCY_ATTR_NO_HT40_PLUS] != nullptr;
        f.no_80mhz = ft[NL80211_FREQUENCY_ATTR_NO_80MHZ] != nullptr;
        f.no_160mhz = ft[NL80211_FREQUENCY_ATTR_NO_160MHZ] != nullptr;
        band->frequencies.push_back(f);
    }
}

nl80211_chan_width nl_width(Width w)
{
    switch (w) {
    case Width::NoHt20: return NL80211_CHAN_WIDTH_20_NOHT;
    case Width::Ht20: return NL80211_CHAN_WIDTH_20;
    case Width::Ht40Plus:
    case Width::Ht40Minus: return NL80211_CHAN_WIDTH_40;
    case Width::Vht80: return NL80211_CHAN_WIDTH_80;
    case Width::Vht160: return NL80211_CHAN_WIDTH_160;
    }
    return NL80211_CHAN_WIDTH_20_NOHT;
}

} // namespace

bool merge_wiphy_message(WiphyInfo& info, nl_msg* msg)
{
    nlattr* tb[NL80211_ATTR_MAX + 1] = {};
    parse_attrs(msg, tb);
    if (!tb[NL80211_ATTR_WIPHY] || static_cast<int>(nla_get_u32(tb[NL80211_ATTR_WIPHY])) != info.index) return false;
    if (tb[NL80211_ATTR_WIPHY_NAME]) info.name = nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]);
    if (!tb[NL80211_ATTR_WIPHY_BANDS]) return true;
    nlattr* band = nullptr;
    int rem = 0;
    nla_for_each_nested(band, tb[NL80211_ATTR_WIPHY_BANDS], rem) merge_band(info, band);
    return true;
}

std::string iftype_name(unsigned iftype)
{
    switch (iftype) {
    case NL80211_IFTYPE_ADHOC: return "IBSS";
    case NL80211_IFTYPE_STATION: return "managed";
    case NL80211_IFTYPE_AP: return "AP";
    case NL80211_IFTYPE_AP_VLAN: return "AP/VLAN";
    case NL80211_IFTYPE_WDS: return "WDS";
    case NL80211_IFTYPE_MONITOR: return "monitor";
    case NL80211_IFTYPE_MESH_POINT: return "mesh point";
    case NL80211_IFTYPE_P2P_CLIENT: return "P2P-client";
    case NL80211_IFTYPE_P2P_GO: return "P2P-GO";
    case NL80211_IFTYPE_P2P_DEVICE: return "P2P-device";
    case NL80211_IFTYPE_OCB: return "outside context of a BSS";
    case NL80211_IFTYPE_NAN: return "NAN";
    default: return "unknown type " + std::to_string(iftype);
    }
}

struct Nl80211::Reply {
    std::function<void(nl_msg*)> on_message;
};

Nl80211::Nl80211()
{
    sock_ = nl_socket_alloc();
    if (sock_ == nullptr) throw std::runtime_error("nl80211: cannot allocate a netlink socket");
    if (const int rc = genl_connect(sock_); rc < 0) {
        nl_socket_free(sock_);
        throw std::runtime_error(std::string("nl80211: cannot open a generic netlink socket: ") + nl_geterror(rc));
    }
    family_ = genl_ctrl_resolve(sock_, "nl80211");
    if (family_ < 0) {
        nl_socket_free(sock_);
        throw std::runtime_error("nl80211 is not available (is cfg80211 loaded? the kernel has no Wi-Fi configuration API)");
    }
}

Nl80211::~Nl80211() { nl_socket_free(sock_); }

void* Nl80211::message(int command, int flags)
{
    nl_msg* msg = nlmsg_alloc();
    if (msg == nullptr) throw std::bad_alloc();
    genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, flags, static_cast<std::uint8_t>(command), 0);
    return msg;
}

int Nl80211::request(void* raw, Reply* reply)
{
    Msg msg(static_cast<nl_msg*>(raw));
    std::unique_ptr<nl_cb, CbPut> cb(nl_cb_alloc(NL_CB_DEFAULT));
    if (!cb) throw std::bad_alloc();
    int status = 1; // > 0 until the kernel finished (0) or refused (< 0)
    if (const int rc = nl_send_auto(sock_, msg.get()); rc < 0) return -ENOBUFS;
    nl_cb_err(cb.get(), NL_CB_CUSTOM, on_error, &status);
    nl_cb_set(cb.get(), NL_CB_FINISH, NL_CB_CUSTOM, on_done, &status);
    nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, on_done, &status);
    nl_cb_set(
        cb.get(), NL_CB_VALID, NL_CB_CUSTOM,
        [](nl_msg* m, void* arg) {
            auto* r = static_cast<Reply*>(arg);
            if (r != nullptr && r->on_message) r->on_message(m);
            return static_cast<int>(NL_SKIP);
        },
        reply);
    while (status > 0) {
        const int rc = nl_recvmsgs(sock_, cb.get());
        if (rc < 0 && status > 0) return rc == -NLE_NOMEM ? -ENOMEM : -EIO;
    }
    return status;
}

void Nl80211::fail(const std::string& what, int error) const
{
    const int e = error < 0 ? -error : error;
    std::string reason = std::strerror(e);
    if (e == EPERM || e == EACCES) reason += " (needs CAP_NET_ADMIN)";
    throw Nl80211Error("nl80211: " + what + ": " + reason, e);
}

std::vector<InterfaceRecord> Nl80211::interfaces()
{
    std::vector<InterfaceRecord> out;
    Reply reply{[&](nl_msg* m) {
        nlattr* tb[NL80211_ATTR_MAX + 1] = {};
        parse_attrs(m, tb);
        if (tb[NL80211_ATTR_IFINDEX] && tb[NL80211_ATTR_IFNAME]) out.push_back(interface_of(tb));
    }};
    if (const int rc = request(message(NL80211_CMD_GET_INTERFACE, NLM_F_DUMP), &reply); rc < 0)
        fail("cannot list wireless interfaces", rc);
    return out;
}

std::optional<InterfaceRecord> Nl80211::interface(const std::string& name)
{
    for (InterfaceRecord& r : interfaces())
        if (r.name == name) return std::move(r);
    return std::nullopt;
}

WiphyInfo Nl80211::wiphy(int index)
{
    WiphyInfo info;
    info.index = index;
    Reply reply{[&](nl_msg* m) { (void)merge_wiphy_message(info, m); }};
    nl_msg* msg = static_cast<nl_msg*>(message(NL80211_CMD_GET_WIPHY, NLM_F_DUMP));
    nla_put_u32(msg, NL80211_ATTR_WIPHY, static_cast<std::uint32_t>(index));
    nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP);
    if (const int rc = request(msg, &reply); rc < 0) fail("cannot read phy #" + std::to_string(index), rc);
    if (info.name.empty()) fail("phy #" + std::to_string(index) + " is gone", ENODEV);
    return info;
}

unsigned Nl80211::create_monitor(int wiphy, const std::string& name)
{
    unsigned ifindex = 0;
    Reply reply{[&](nl_msg* m) {
        nlattr* tb[NL80211_ATTR_MAX + 1] = {};
        parse_attrs(m, tb);
        if (tb[NL80211_ATTR_IFINDEX]) ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
    }};
    nl_msg* msg = static_cast<nl_msg*>(message(NL80211_CMD_NEW_INTERFACE, 0));
    nla_put_u32(msg, NL80211_ATTR_WIPHY, static_cast<std::uint32_t>(wiphy));
    nla_put_string(msg, NL80211_ATTR_IFNAME, name.c_str());
    nla_put_u32(msg, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_MONITOR);
    if (const int rc = request(msg, &reply); rc < 0)
        fail("cannot create monitor interface " + name + " on phy #" + std::to_string(wiphy), rc);
    if (ifindex == 0) {
        // An old kernel that does not answer with the new interface.
        if (auto r = interface(name)) ifindex = r->ifindex;
        else fail("created monitor interface " + name + " but cannot find it", ENODEV);
    }
    return ifindex;
}

void Nl80211::delete_interface(unsigned ifindex, const std::string& name)
{
    nl_msg* msg = static_cast<nl_msg*>(message(NL80211_CMD_DEL_INTERFACE, 0));
    nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
    if (const int rc = request(msg, nullptr); rc < 0) fail("cannot delete interface " + name, rc);
}

void Nl80211::set_iftype(unsigned ifindex, const std::string& name, unsigned iftype)
{
    nl_msg* msg = static_cast<nl_msg*>(message(NL80211_CMD_SET_INTERFACE, 0));
    nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
    nla_put_u32(msg, NL80211_ATTR_IFTYPE, iftype);
    if (const int rc = request(msg, nullptr); rc < 0)
        fail("cannot set interface " + name + " to " + iftype_name(iftype) + " mode", rc);
}

void Nl80211::set_channel(unsigned ifindex, const std::string& name, const WifiChannel& channel)
{
    auto build = [&](int command) {
        nl_msg* msg = static_cast<nl_msg*>(message(command, 0));
        nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
        nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, channel.control_mhz);
        nla_put_u32(msg, NL80211_ATTR_CHANNEL_WIDTH, nl_width(channel.width));
        if (channel.width != Width::NoHt20) nla_put_u32(msg, NL80211_ATTR_CENTER_FREQ1, channel.center_mhz);
        return msg;
    };
    int rc = request(build(NL80211_CMD_SET_CHANNEL), nullptr);
    // Drivers without SET_CHANNEL on an interface take it through SET_WIPHY.
    if (rc == -EOPNOTSUPP || rc == -EINVAL) {
        const int again = request(build(NL80211_CMD_SET_WIPHY), nullptr);
        if (again == 0 || rc == -EOPNOTSUPP) rc = again;
    }
    if (rc < 0)
        fail("cannot tune " + name + " to channel " + channel_name(channel) + " (" + std::to_string(channel.control_mhz) +
                 " MHz, " + std::to_string(width_mhz(channel.width)) + " MHz wide)",
             rc);
}

} // namespace airsight::linuxwifi
