#include "radio.h"

#include "channels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace airsight::sim {
namespace {

void check_channel(int channel)
{
    if (!is_valid_channel(channel)) throw std::invalid_argument("sim radio: unknown channel " + std::to_string(channel));
}

} // namespace

Radio::Radio(const WorldConfig& config, FrameOptions frames)
    : world_(make_world(config)), timeline_(world_), builder_(world_, frames), now_(config.start_usec)
{
    set_hop(world_.config.channels, kDefaultHopRate);
}

void Radio::set_channel(int channel)
{
    check_channel(channel);
    mode_ = Mode::Locked;
    locked_ = channel;
}

void Radio::set_hop(std::vector<int> channels, double rate_per_sec)
{
    if (channels.empty()) throw std::invalid_argument("sim radio: empty hop list");
    if (!(rate_per_sec > 0) || !std::isfinite(rate_per_sec)) throw std::invalid_argument("sim radio: hop rate must be > 0");
    for (int c : channels) check_channel(c);
    hop_ = std::move(channels);
    // At most a day per channel: 1e6 / 1e-300 is no number a clock can hold.
    dwell_usec_ = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(std::min(1e6 / rate_per_sec, 86400e6))));
    hop_start_ = now_;
    mode_ = Mode::Hopping;
}

void Radio::listen_all() { mode_ = Mode::All; }

int Radio::channel_at(std::uint64_t t) const
{
    switch (mode_) {
    case Mode::Locked: return locked_;
    case Mode::All: return 0;
    case Mode::Hopping: break;
    }
    const std::uint64_t since = t > hop_start_ ? t - hop_start_ : 0;
    return hop_[(since / dwell_usec_) % hop_.size()];
}

bool Radio::next_frame(SimFrame& out, std::uint64_t deadline_usec)
{
    const std::uint64_t quiet_end = now_ > kNoDeadline - kQuietLimitUsec ? kNoDeadline : now_ + kQuietLimitUsec;
    const std::uint64_t limit = std::min(deadline_usec, quiet_end);
    for (;;) {
        if (timeline_.peek_time() > limit) {
            now_ = std::max(now_, limit);
            return false;
        }
        const Transmission& tx = timeline_.pop();
        ++transmissions_;
        now_ = tx.ts_usec;
        const bool ble = is_ble(tx.kind);
        // The BLE sniffer listens on the advertising channels all the time,
        // so BLE is heard whatever the Wi-Fi radio is tuned to.
        if (!ble && mode_ != Mode::All && channel_at(tx.ts_usec) != tx.channel) continue;
        builder_.build(tx, out.bytes);
        out.ts_usec = tx.ts_usec;
        out.channel = tx.channel;
        out.freq_khz = (ble ? ble_freq_mhz(tx.channel) : channel_freq_mhz(tx.channel)) * 1000;
        out.dlt = link_type_of(tx.kind);
        return true;
    }
}

} // namespace airsight::sim
