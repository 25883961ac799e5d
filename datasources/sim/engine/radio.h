// A tunable monitor-mode radio in the simulated world. It hears only what is
// sent on the channel it is on at the moment of sending; the hopper moves with
// simulated time. Beside it the simulated sensor carries a BLE sniffer on the
// advertising channels, which hears every BLE packet whatever the Wi-Fi radio
// is tuned to. Generation runs as fast as it can: pacing is the caller's job.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_RADIO_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_RADIO_H

#include "frames.h"
#include "timeline.h"
#include "world.h"

#include <cstdint>
#include <vector>

namespace airsight::sim {

struct SimFrame {
    std::uint64_t ts_usec = 0;        // simulated time of the frame, µs since the Unix epoch
    int channel = 0;                  // 802.11 channel, or BLE channel index (37-39) for link type 256
    std::uint32_t freq_khz = 0;
    std::uint32_t dlt = kDltRadiotap; // link type of `bytes`: kDltRadiotap or kDltBleLlWithPhdr
    // radiotap + 802.11 (+ FCS), or the BLE pseudo-header and link-layer packet; capacity reused across frames
    std::vector<std::uint8_t> bytes;
};

class Radio {
public:
    static constexpr std::uint64_t kNoDeadline = UINT64_MAX;
    /// next_frame() gives up after this much simulated time without a frame on the
    /// tuned channel (e.g. a channel nobody uses), so it always returns.
    static constexpr std::uint64_t kQuietLimitUsec = 60'000'000;
    /// Kismet's default hop rate, used until the radio is tuned.
    static constexpr double kDefaultHopRate = 5.0;

    /// Builds the world; the radio starts at config.start_usec hopping over
    /// config.channels at kDefaultHopRate. Throws std::invalid_argument for a bad config.
    explicit Radio(const WorldConfig& config, FrameOptions frames = {});
    Radio(const Radio&) = delete; // the timeline and builder point into world_
    Radio& operator=(const Radio&) = delete;

    const World& world() const { return world_; }

    /// Stays on one channel from now on (stops hopping). Throws std::invalid_argument for an unknown channel.
    void set_channel(int channel);
    /// Visits `channels` in order, `rate_per_sec` channels per simulated second, from now on.
    /// Throws std::invalid_argument for an empty list, an unknown channel or a rate <= 0.
    void set_hop(std::vector<int> channels, double rate_per_sec);
    /// Simulation only: hears every channel at once (a whole-world capture).
    void listen_all();

    /// The channel the radio is on at now_usec(); 0 while listening to all channels.
    int current_channel() const { return channel_at(now_); }
    bool hopping() const { return mode_ == Mode::Hopping; }
    const std::vector<int>& hop_channels() const { return hop_; }
    /// The simulated clock: the time of the last frame sent anywhere, or of the last deadline reached.
    std::uint64_t now_usec() const { return now_; }
    /// Transmissions on all channels so far, heard or not.
    std::uint64_t transmissions() const { return transmissions_; }

    /// The next frame the radio (or the BLE sniffer beside it) hears, at or before `deadline_usec`. False when
    /// nothing is heard by the deadline or for kQuietLimitUsec; the clock then
    /// stands at that limit and a later call carries on from there.
    bool next_frame(SimFrame& out, std::uint64_t deadline_usec = kNoDeadline);

private:
    enum class Mode { Locked, Hopping, All };
    int channel_at(std::uint64_t t) const;

    World world_;
    Timeline timeline_;
    FrameBuilder builder_;
    Mode mode_ = Mode::Hopping;
    int locked_ = 0;
    std::vector<int> hop_;
    std::uint64_t hop_start_ = 0;
    std::uint64_t dwell_usec_ = 1;
    std::uint64_t now_ = 0;
    std::uint64_t transmissions_ = 0;
};

} // namespace airsight::sim

#endif
