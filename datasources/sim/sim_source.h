// The sim datasource: a simulated RF world (engine/world.h) heard through a
// tunable radio (engine/radio.h) on a thread of its own, delivering radiotap
// frames (DLT 127), and with BLE advertisers or drones in the world BLE
// link-layer packets (DLT 256) too, each packet with its own link type; paced in wall-clock terms: at simulated-time-equals-wall-
// clock pace (realtime), at N frames per second, or as fast as the chain takes
// them. Its channel can be locked or hopped while it runs (REST set_channel /
// set_hop), and it can write what it delivers to a pcapng file as well.
#ifndef AIRSIGHT_DATASOURCES_SIM_SIM_SOURCE_H
#define AIRSIGHT_DATASOURCES_SIM_SIM_SOURCE_H

#include "engine/pcapng_writer.h"
#include "engine/radio.h"

#include <airsight/datasource.h>
#include <airsight/output.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace airsight::sim {

inline constexpr const char* kSimHardware = "airsight simulated radio";

/// How delivery is paced against the wall clock.
enum class Pace : std::uint8_t {
    Realtime, // simulated time follows the wall clock from open()
    Rate,     // SimOptions::rate frames per second
    Max,      // as fast as the packet chain takes them
};

/// Where the simulated clock starts.
enum class Start : std::uint8_t {
    Auto,  // Now when pacing in realtime, Fixed otherwise
    Now,   // the wall clock at open(), so timestamps look current
    Fixed, // WorldConfig::start_usec (kDefaultStartUsec unless start=<seconds>): reproducible captures
};

/// What a definition asks for (see SimType::parse_options for the option names).
struct SimOptions {
    WorldConfig world;              // seed, aps, clients, BLE advertisers, drones, channels, misbehaviour, start_usec
    Start start = Start::Auto;
    Pace pace = Pace::Realtime;
    double rate = 0;                // frames per second, for Pace::Rate
    bool fcs = false;
    std::string pcapng;             // also write delivered frames here ("" : no)
    std::uint64_t frames = 0;       // stop after this many, then sink.finished() (0: never)
    std::uint64_t fail_after = 0;   // fail (sink.failed) after this many frames of each open (0: never)
};

/// Parses a channel string as the REST API and definitions give it: "6",
/// "36", also "6HT40+", "6HT40-", "6HT20", "36VHT80", "36VHT160" (the width
/// suffix is ignored). Returns 0 when it is not a channel number.
int parse_channel(std::string_view text);

class SimSource final : public airsight::Datasource {
public:
    /// Throws std::invalid_argument when the world cannot be built (the
    /// engine's reason) or the channels are not the world's.
    /// `outputs` creates the pcapng= file at open() (required when pcapng= is set).
    explicit SimSource(SimOptions options, std::string interface = "sim", airsight::OutputFiles* outputs = nullptr);
    /// Closes (stops and joins the thread). Do not destroy a source from
    /// inside its own sink callbacks.
    ~SimSource() override;

    SimSource(const SimSource&) = delete;
    SimSource& operator=(const SimSource&) = delete;

    /// Builds the radio (a fresh world from the seed, so every open() starts
    /// the same simulation over, with the current channel settings: until
    /// set_channel or set_hop, hopping over the configured channels at
    /// Radio::kDefaultHopRate; the server tunes a source right after opening it), opens
    /// the pcapng file if asked and starts the thread. Throws
    /// std::runtime_error when already open or the pcapng file cannot be
    /// created (it must be new: a second open() after close() is refused
    /// while the first run's file is there). The thread stops with sink.finished() after frames=N, with
    /// sink.failed() when the pcapng file cannot be written or after fail_after=N frames.
    void open(airsight::PacketSink& sink) override;
    /// Stops the thread promptly (also while it waits to pace) and joins it.
    /// Idempotent; callable from any thread, including from inside the sink
    /// (then it only stops: nothing more is delivered once the callback returns).
    void close() override;
    /// Thread-safe; never waits for the radio.
    airsight::SourceStatus status() const override;
    /// Locks the radio to one of the world's channels, at once if running.
    /// Throws std::invalid_argument("channel X is not one of this simulated
    /// world's channels: 1, 6, ...") otherwise. Thread-safe.
    void set_channel(std::string_view channel) override;
    /// Hops over `channels` (each one of the world's), rate_per_second
    /// channels per simulated second. Throws std::invalid_argument for a rate
    /// that is not > 0, an empty list or a channel the world does not have.
    void set_hop(double rate_per_second, const std::vector<std::string>& channels) override;

    const SimOptions& options() const { return options_; }
    /// Every channel of the world: the configured ones, then any other an AP
    /// uses (the evil twin of a one-channel world).
    const std::vector<int>& world_channels() const { return world_channels_; }
    /// Frames delivered since the last open().
    std::uint64_t packets() const;

private:
    struct Tuning {
        int locked = 0;          // 0: hopping
        double rate = Radio::kDefaultHopRate;
        std::vector<int> hop;
    };

    void run(airsight::PacketSink& sink);
    /// Waits until `when` or close(); false when closed.
    bool wait_until(std::chrono::steady_clock::time_point when);
    bool stopping() const;
    /// The channel a string names, if the world has it; throws std::invalid_argument otherwise.
    int world_channel(std::string_view text) const;
    void apply(Radio& radio, const Tuning& tuning);
    void publish(const Tuning& tuning); // to status(); radio_mutex_ held

    const SimOptions options_;
    const std::string interface_;
    airsight::OutputFiles* const outputs_;
    std::vector<int> world_channels_;

    std::mutex control_mutex_; // serializes open() and the joining part of close()
    std::thread thread_;

    // The radio and the channel settings: taken around next_frame() and the
    // tuning calls only, never while delivering. Order: radio_mutex_, then mutex_.
    std::mutex radio_mutex_;
    std::unique_ptr<Radio> radio_;
    Tuning tuning_;
    std::unique_ptr<PcapngWriter> writer_; // the thread's own while it runs

    mutable std::mutex mutex_; // guards everything below
    std::condition_variable wake_;
    bool stop_ = false;
    bool running_ = false;
    bool finished_ = false;
    std::uint64_t packets_ = 0;
    Tuning shown_; // what status() reports
};

} // namespace airsight::sim

#endif
