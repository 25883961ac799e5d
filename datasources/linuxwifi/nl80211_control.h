// A small nl80211 control layer over libnl-genl-3: what the linuxwifi source
// needs from the kernel's wireless configuration API, each call a blocking
// request with its answer or an Nl80211Error naming the request, the
// interface and the kernel's reason.
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_NL80211_CONTROL_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_NL80211_CONTROL_H

#include "channel.h"
#include "wiphy_channels.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct nl_msg;
struct nl_sock;

namespace airsight::linuxwifi {

/// A failed nl80211 request; error() is the positive errno (EPERM, ENODEV, ...).
class Nl80211Error : public std::runtime_error {
public:
    Nl80211Error(const std::string& what, int error) : std::runtime_error(what), error_(error) {}
    int error() const { return error_; }

private:
    int error_;
};

/// One NL80211_CMD_GET_INTERFACE answer.
struct InterfaceRecord {
    unsigned ifindex = 0;
    std::string name;
    int wiphy = -1;
    unsigned iftype = 0;    // enum nl80211_iftype
    unsigned frequency = 0; // MHz, 0 when the kernel reports none
    unsigned center_frequency = 0; // MHz, centre of the whole channel (NL80211_ATTR_CENTER_FREQ1), 0 when none
};

/// "managed", "monitor", "AP", ... (iw's words).
std::string iftype_name(unsigned iftype);

/// Adds one NL80211_CMD_GET_WIPHY answer to `info` when it is about wiphy
/// info.index: its name, and its bands (a split dump spreads a band's
/// capabilities and frequencies over several answers; they merge). Returns
/// false for an answer about another wiphy.
bool merge_wiphy_message(WiphyInfo& info, nl_msg* msg);

/// Owns one generic-netlink socket. Not thread-safe: one caller at a time.
class Nl80211 {
public:
    /// Throws std::runtime_error when netlink or the nl80211 family is
    /// unavailable (no cfg80211 in the kernel).
    Nl80211();
    ~Nl80211();
    Nl80211(const Nl80211&) = delete;
    Nl80211& operator=(const Nl80211&) = delete;

    /// Every wireless interface (a dump; needs no privilege).
    std::vector<InterfaceRecord> interfaces();
    /// The interface named `name`, nothing when it is not an nl80211 interface.
    std::optional<InterfaceRecord> interface(const std::string& name);
    /// A wiphy's bands and frequencies (a split dump filtered to the wiphy).
    WiphyInfo wiphy(int index);

    /// Adds a monitor interface `name` on `wiphy`; returns its ifindex.
    unsigned create_monitor(int wiphy, const std::string& name);
    void delete_interface(unsigned ifindex, const std::string& name);
    /// Sets an interface's type (it must be down for most drivers).
    void set_iftype(unsigned ifindex, const std::string& name, unsigned iftype);
    /// Tunes: control frequency, width and centre frequency.
    void set_channel(unsigned ifindex, const std::string& name, const WifiChannel& channel);

private:
    struct Reply;
    /// Sends `msg` (consumed) and reads the answers into `reply`; returns 0
    /// or a negative errno.
    int request(void* msg, Reply* reply);
    void* message(int command, int flags);
    [[noreturn]] void fail(const std::string& what, int error) const;

    nl_sock* sock_ = nullptr;
    int family_ = -1;
};

} // namespace airsight::linuxwifi

#endif
