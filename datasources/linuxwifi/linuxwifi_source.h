// The linuxwifi datasource: captures radiotap frames from a Wi-Fi card in
// monitor mode. open() makes a monitor interface (Kismet's naming, wlan0 ->
// wlan0mon) with nl80211 or, where the driver cannot add one, switches the
// interface itself to monitor mode; a capture thread polls libpcap's
// selectable descriptor with a short timeout, delivers each frame straight
// from libpcap's buffer, and hops channels when asked. close() undoes every
// change open() made.
#ifndef AIRSIGHT_DATASOURCES_LINUXWIFI_LINUXWIFI_SOURCE_H
#define AIRSIGHT_DATASOURCES_LINUXWIFI_LINUXWIFI_SOURCE_H

#include "nl80211_control.h"
#include "options.h"

#include <airsight/datasource.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace airsight::linuxwifi {

class LinuxWifiSource final : public airsight::Datasource {
public:
    LinuxWifiSource(std::string interface, LinuxWifiOptions options);
    ~LinuxWifiSource() override;
    LinuxWifiSource(const LinuxWifiSource&) = delete;
    LinuxWifiSource& operator=(const LinuxWifiSource&) = delete;

    /// Throws std::runtime_error with the reason (missing capabilities and the
    /// setcap command; interface missing or not Wi-Fi; a channel= or
    /// channels= entry the phy cannot tune; the kernel's refusal), having
    /// undone whatever it changed. Opens again after close(), also after the
    /// interface vanished and came back.
    void open(airsight::PacketSink& sink) override;
    /// Stops the capture thread, removes the monitor interface it made,
    /// restores the interface's type and up/down state. Idempotent.
    void close() override;
    airsight::SourceStatus status() const override;
    /// Locks to a channel (stops hopping). std::invalid_argument for a channel
    /// that is none, one the phy lacks or cannot be that wide, or outside the
    /// source's bands; nothing changes then.
    void set_channel(std::string_view channel) override;
    /// Hops over `channels` at `rate_per_second`; std::invalid_argument as
    /// set_channel for any entry, or for an empty list or a rate <= 0.
    void set_hop(double rate_per_second, const std::vector<std::string>& channels) override;

private:
    struct Capture; // the open pcap handle and what open() changed
    void run(airsight::PacketSink& sink);
    /// Tunes now; tune_mutex_ held. Throws Nl80211Error.
    void tune(const WifiChannel& channel);
    WifiChannel checked_channel(std::string_view text) const; // tune_mutex_ held
    void undo(Capture& capture) noexcept;

    const std::string interface_;
    const LinuxWifiOptions options_;

    std::mutex control_mutex_; // serializes open() and close()
    std::thread thread_;
    std::atomic<bool> stop_{false};

    mutable std::mutex tune_mutex_; // serializes nl80211 use and the hop plan; before mutex_
    std::unique_ptr<Nl80211> nl_;
    std::unique_ptr<Capture> capture_;
    WiphyInfo wiphy_;
    std::vector<WifiChannel> hop_plan_; // checked and parsed once, by set_hop
    std::size_t hop_next_ = 0;
    std::chrono::steady_clock::time_point hop_due_{};
    std::chrono::nanoseconds hop_interval_{};
    unsigned tune_failures_ = 0;

    mutable std::mutex mutex_; // guards the status below
    airsight::SourceStatus status_;
};

} // namespace airsight::linuxwifi

#endif
