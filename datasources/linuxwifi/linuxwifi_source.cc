#include "linuxwifi_source.h"

#include "host_checks.h"
#include "netdev.h"

#include <linux/nl80211.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace airsight::linuxwifi {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kDltRadiotap = 127;
constexpr std::uint32_t kDltIeee80211 = 105;
// The longest the capture thread waits before it looks at stop_, the hop
// plan and the interface again: close() and channel changes take at most this.
constexpr std::chrono::milliseconds kPollSlice{100};
// How often the thread checks that its interface still exists when libpcap
// reports nothing (a deleted interface can leave the socket merely silent).
constexpr std::chrono::milliseconds kPresenceCheck{500};
// Consecutive failed hops before the source gives up (a driver that refuses
// one channel now and then is not fatal).
constexpr unsigned kMaxTuneFailures = 10;
// How long a broken capture waits for its interface to finish vanishing.
constexpr std::chrono::milliseconds kVanishGrace{300};
constexpr int kSnaplen = 65535;
constexpr int kKernelBufferBytes = 4 << 20;

struct Delivery {
    airsight::PacketSink* sink;
    std::uint32_t dlt;
};

void deliver_one(u_char* user, const pcap_pkthdr* header, const u_char* bytes)
{
    const auto* d = reinterpret_cast<const Delivery*>(user);
    CapturedFrame frame;
    frame.ts_sec = header->ts.tv_sec;
    frame.ts_usec = static_cast<std::uint32_t>(header->ts.tv_usec);
    frame.dlt = d->dlt;
    frame.data = std::span<const std::uint8_t>(bytes, header->caplen); // libpcap's ring buffer, not copied
    frame.original_length = header->len;
    d->sink->deliver(frame);
}

} // namespace

struct LinuxWifiSource::Capture {
    pcap_t* pcap = nullptr;
    std::uint32_t dlt = 0;
    std::string name;         // the interface captured from
    unsigned ifindex = 0;
    bool made_vif = false;    // we created `name`: delete it
    bool was_up = true;       // `name`'s state before open (when not made)
    unsigned parent_ifindex = 0;
    unsigned parent_type = 0;
    bool parent_was_up = false;
    bool parent_type_changed = false; // the interface itself went to monitor mode
    bool parent_downed = false;       // brought down beside a monitor interface
};

LinuxWifiSource::LinuxWifiSource(std::string interface, LinuxWifiOptions options)
    : interface_(std::move(interface)), options_(std::move(options))
{
    status_.capture_interface = interface_;
    status_.hardware = driver_of(interface_);
}

LinuxWifiSource::~LinuxWifiSource() { close(); }

void LinuxWifiSource::undo(Capture& c) noexcept
{
    if (c.pcap != nullptr) pcap_close(c.pcap);
    c.pcap = nullptr;
    auto attempt = [](auto&& f) {
        try {
            f();
        } catch (const std::exception&) {
            // Best effort: the interface may be gone (that is often why we close).
        }
    };
    if (c.made_vif && nl_) attempt([&] { nl_->delete_interface(c.ifindex, c.name); });
    else if (!c.made_vif && !c.was_up && !c.parent_type_changed) attempt([&] { set_interface_up(c.name, false); });
    if (c.parent_type_changed && nl_) {
        attempt([&] { set_interface_up(interface_, false); });
        attempt([&] { nl_->set_iftype(c.parent_ifindex, interface_, c.parent_type); });
    }
    if ((c.parent_type_changed || c.parent_downed) && c.parent_was_up) attempt([&] { set_interface_up(interface_, true); });
    c.made_vif = c.parent_type_changed = c.parent_downed = false;
}

WifiChannel LinuxWifiSource::checked_channel(std::string_view text) const
{
    const WifiChannel c = parse_channel(text); // std::invalid_argument when no channel
    if (auto why = why_not_tunable(wiphy_, c)) throw std::invalid_argument(*why);
    if (!options_.choice.allows(c.band))
        throw std::invalid_argument("channel " + std::string(text) +
                                    " is outside the bands this source is restricted to (band24ghz=, band5ghz=, band6ghz=)");
    return c;
}

void LinuxWifiSource::tune(const WifiChannel& channel)
{
    nl_->set_channel(capture_->ifindex, capture_->name, channel);
}

void LinuxWifiSource::open(PacketSink& sink)
{
    std::lock_guard control(control_mutex_);
    if (thread_.joinable()) {
        if (!stop_.load()) throw std::runtime_error("linuxwifi source " + interface_ + " is already open");
        thread_.join(); // the last run stopped by itself (the interface vanished)
    }
    std::lock_guard tuning(tune_mutex_);
    if (capture_) { // the last run failed by itself and was never closed
        undo(*capture_);
        capture_.reset();
    }

    if (std::string missing = missing_capabilities_message(interface_); !missing.empty())
        throw std::runtime_error(missing);
    nl_ = std::make_unique<Nl80211>();
    const auto record = nl_->interface(interface_);
    if (!record) {
        if (!interface_exists(interface_))
            throw std::runtime_error("interface " + interface_ + " does not exist (card unplugged or renamed?)");
        throw std::runtime_error(interface_ + " is not a Wi-Fi interface: nl80211 does not know it");
    }
    WiphyInfo wiphy = nl_->wiphy(record->wiphy);
    std::vector<std::string> offered = offered_channels(wiphy, options_.choice);
    if (offered.empty())
        throw std::runtime_error(wiphy.name + " (" + interface_ + ") has no enabled channel in the bands this source may use");
    wiphy_ = std::move(wiphy);

    // channel= and channels= against what this phy can do, before anything changes.
    std::vector<std::string> hop_list = options_.channels.empty() ? offered : options_.channels;
    std::optional<WifiChannel> first;
    try {
        for (const auto& name : options_.channels) (void)checked_channel(name);
        first = checked_channel(options_.channel ? *options_.channel : hop_list.front());
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("linuxwifi source ") + interface_ + ": " + e.what());
    }
    const std::string warning = interface_manager_warning(interface_, record->ifindex);

    auto c = std::make_unique<Capture>();
    c->parent_ifindex = record->ifindex;
    c->parent_type = record->iftype;
    try {
        if (record->iftype == NL80211_IFTYPE_MONITOR) {
            c->name = interface_;
            c->ifindex = record->ifindex;
            c->was_up = interface_up(interface_);
        } else {
            const std::string vif = options_.vif.empty() ? monitor_name(interface_, interface_exists) : options_.vif;
            if (const auto existing = nl_->interface(vif)) {
                if (existing->wiphy != record->wiphy || existing->iftype != NL80211_IFTYPE_MONITOR)
                    throw std::runtime_error("cannot use " + vif + " as the monitor interface of " + interface_ +
                                             ": it exists as a " + iftype_name(existing->iftype) +
                                             " interface; remove it or name another with vif=");
                c->name = vif; // a monitor interface someone left on this phy: used, not deleted
                c->ifindex = existing->ifindex;
                c->was_up = interface_up(vif);
            } else if (interface_exists(vif)) {
                throw std::runtime_error("cannot create monitor interface " + vif + " for " + interface_ +
                                         ": a non-Wi-Fi interface has that name; name another with vif=");
            } else {
                try {
                    c->ifindex = nl_->create_monitor(record->wiphy, vif);
                    c->name = vif;
                    c->made_vif = true;
                } catch (const Nl80211Error& e) {
                    if (e.error() == EPERM) throw;
                    // The driver cannot add interfaces: the interface itself goes to monitor mode.
                    c->parent_was_up = interface_up(interface_);
                    set_interface_up(interface_, false);
                    c->parent_type_changed = true;
                    nl_->set_iftype(record->ifindex, interface_, NL80211_IFTYPE_MONITOR);
                    c->name = interface_;
                    c->ifindex = record->ifindex;
                }
            }
            // A managed parent that stays up scans and retunes under us (Kismet brings it down too).
            if (!c->parent_type_changed && !options_.ignore_primary) {
                c->parent_was_up = interface_up(interface_);
                if (c->parent_was_up) {
                    set_interface_up(interface_, false);
                    c->parent_downed = true;
                }
            }
        }
        set_interface_up(c->name, true);

        char err[PCAP_ERRBUF_SIZE] = "";
        c->pcap = pcap_create(c->name.c_str(), err);
        if (c->pcap == nullptr) throw std::runtime_error("cannot capture on " + c->name + ": " + err);
        pcap_set_snaplen(c->pcap, kSnaplen);
        pcap_set_immediate_mode(c->pcap, 1);
        pcap_set_buffer_size(c->pcap, kKernelBufferBytes);
        if (const int rc = pcap_activate(c->pcap); rc < 0) {
            std::string reason = rc == PCAP_ERROR ? pcap_geterr(c->pcap) : pcap_statustostr(rc);
            if (rc == PCAP_ERROR_PERM_DENIED) reason += " (needs CAP_NET_RAW)";
            throw std::runtime_error("cannot capture on " + c->name + ": " + reason);
        }
        int dlt = pcap_datalink(c->pcap);
        if (dlt != static_cast<int>(kDltRadiotap) && pcap_set_datalink(c->pcap, kDltRadiotap) == 0) dlt = kDltRadiotap;
        if (dlt != static_cast<int>(kDltRadiotap) && dlt != static_cast<int>(kDltIeee80211))
            throw std::runtime_error("cannot capture on " + c->name + ": it delivers link type " + std::to_string(dlt) +
                                     ", not radiotap (127) or 802.11 (105); is it really in monitor mode?");
        c->dlt = static_cast<std::uint32_t>(dlt);
        if (pcap_setnonblock(c->pcap, 1, err) < 0)
            throw std::runtime_error("cannot capture on " + c->name + ": " + err);
        if (pcap_get_selectable_fd(c->pcap) < 0)
            throw std::runtime_error("cannot capture on " + c->name + ": libpcap gives no descriptor to wait on");

        capture_ = std::move(c);
        try {
            tune(*first);
        } catch (...) {
            c = std::move(capture_);
            throw;
        }
    } catch (const Nl80211Error& e) {
        undo(*c);
        if (e.error() == EPERM)
            throw std::runtime_error(std::string(e.what()) + "; grant the server CAP_NET_ADMIN and CAP_NET_RAW "
                                                             "(sudo setcap cap_net_admin,cap_net_raw+eip <airsight binary>)");
        throw;
    } catch (...) {
        undo(*c);
        throw;
    }

    hop_plan_.clear();
    hop_next_ = 0;
    tune_failures_ = 0;
    {
        std::lock_guard lock(mutex_);
        status_ = SourceStatus{};
        status_.capture_interface = capture_->name;
        status_.hardware = driver_of(interface_);
        status_.dlt = capture_->dlt;
        status_.channels = std::move(offered);
        status_.hop_channels = hop_list;
        status_.channel = channel_name(*first);
        status_.hopping = false;
        status_.warning = warning;
    }
    // The server applies channel= / channel_hop= through set_channel/set_hop right after open().
    stop_ = false;
    thread_ = std::thread([this, &sink] { run(sink); });
}

void LinuxWifiSource::close()
{
    stop_ = true;
    if (thread_.joinable() && thread_.get_id() == std::this_thread::get_id()) return; // from inside the sink
    std::lock_guard control(control_mutex_);
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    std::lock_guard tuning(tune_mutex_);
    if (capture_) undo(*capture_);
    capture_.reset();
    hop_plan_.clear();
    std::lock_guard lock(mutex_);
    status_.hopping = false;
}

SourceStatus LinuxWifiSource::status() const
{
    std::lock_guard lock(mutex_);
    return status_;
}

void LinuxWifiSource::set_channel(std::string_view text)
{
    std::lock_guard tuning(tune_mutex_);
    if (!capture_) throw std::invalid_argument("linuxwifi source " + interface_ + " is not open; open it before tuning");
    const WifiChannel c = checked_channel(text);
    tune(c); // Nl80211Error (a runtime_error): the kernel refused; the plan is unchanged
    hop_plan_.clear();
    std::lock_guard lock(mutex_);
    status_.channel = channel_name(c);
    status_.hopping = false;
}

void LinuxWifiSource::set_hop(double rate_per_second, const std::vector<std::string>& channels)
{
    if (!(rate_per_second > 0) || !std::isfinite(rate_per_second))
        throw std::invalid_argument("hop rate must be a positive number of channels per second");
    if (channels.empty()) throw std::invalid_argument("cannot hop over an empty channel list");
    std::lock_guard tuning(tune_mutex_);
    if (!capture_) throw std::invalid_argument("linuxwifi source " + interface_ + " is not open; open it before hopping");
    std::vector<WifiChannel> plan;
    std::vector<std::string> names;
    for (const auto& text : channels) {
        plan.push_back(checked_channel(text));
        names.push_back(channel_name(plan.back()));
    }
    hop_plan_ = std::move(plan);
    hop_next_ = 0;
    hop_interval_ = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / rate_per_second));
    hop_due_ = Clock::now(); // the capture thread tunes the first channel at once
    tune_failures_ = 0;
    std::lock_guard lock(mutex_);
    status_.hopping = true;
    status_.hop_rate = rate_per_second;
    status_.hop_channels = std::move(names);
    status_.channel.clear();
}

void LinuxWifiSource::run(PacketSink& sink)
{
    pcap_t* pcap = capture_->pcap;
    const std::string name = capture_->name;
    const int fd = pcap_get_selectable_fd(pcap);
    Delivery delivery{&sink, capture_->dlt};
    auto last_presence = Clock::now();

    auto fail = [&](const std::string& reason) {
        if (stop_.load()) return; // closing: not a fault
        {
            std::lock_guard lock(mutex_);
            status_.hopping = false;
            status_.channel.clear();
        }
        stop_ = true;
        sink.failed(reason);
    };
    // Why the capture broke: the interface vanished (the kernel reports the
    // socket error a moment before it unregisters the interface, so wait a
    // little for that), went down, or something else libpcap names.
    auto diagnose = [&](const std::string& detail) {
        const auto until = Clock::now() + kVanishGrace;
        while (interface_exists(name) && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!interface_exists(name))
            return "capture interface " + name + " of " + interface_ + " disappeared" + (detail.empty() ? "" : " (" + detail + ")");
        bool up = true;
        try {
            up = interface_up(name);
        } catch (const std::exception&) {
        }
        if (!up) return "capture interface " + name + " of " + interface_ + " went down" + (detail.empty() ? "" : " (" + detail + ")");
        return "capture on " + name + " failed: " + (detail.empty() ? std::string("unknown error") : detail);
    };
    auto socket_error = [&] {
        int e = 0;
        socklen_t len = sizeof e;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0 && e != 0) return std::string(std::strerror(e));
        return std::string("the capture socket reported an error");
    };

    while (!stop_.load()) {
        auto wait = kPollSlice;
        {
            std::lock_guard tuning(tune_mutex_);
            if (!hop_plan_.empty()) {
                const auto now = Clock::now();
                if (now >= hop_due_) {
                    const WifiChannel& channel = hop_plan_[hop_next_];
                    hop_next_ = (hop_next_ + 1) % hop_plan_.size();
                    hop_due_ = std::max(hop_due_ + hop_interval_, now); // never a burst to catch up
                    try {
                        tune(channel);
                        tune_failures_ = 0;
                        std::lock_guard lock(mutex_);
                        status_.channel = channel_name(channel); // kismet.datasource.channel: where the radio is now
                    } catch (const Nl80211Error& e) {
                        if (e.error() == ENODEV || ++tune_failures_ >= kMaxTuneFailures) {
                            hop_plan_.clear();
                            if (e.error() == ENODEV) fail(diagnose(e.what()));
                            else fail(std::string(e.what()) + " (" + std::to_string(tune_failures_) + " failed hops in a row)");
                            break;
                        }
                    }
                }
                wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(hop_due_ - now) +
                                          std::chrono::milliseconds(1));
            }
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(wait.count(), 0)));
        if (ready < 0 && errno != EINTR) {
            fail("cannot wait for frames on " + name + ": " + std::strerror(errno));
            break;
        }
        if (ready > 0) {
            const int n = pcap_dispatch(pcap, -1, deliver_one, reinterpret_cast<u_char*>(&delivery));
            if (n == PCAP_ERROR) {
                fail(diagnose(pcap_geterr(pcap)));
                break;
            }
            if ((p.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && n == 0) {
                fail(diagnose(socket_error()));
                break;
            }
        }
        if (const auto now = Clock::now(); now - last_presence >= kPresenceCheck) {
            last_presence = now;
            if (!interface_exists(name)) {
                fail(diagnose(""));
                break;
            }
        }
    }
}

} // namespace airsight::linuxwifi
