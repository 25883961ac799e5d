#include "sim_source.h"

#include "engine/channels.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace airsight::sim {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

// The source whose thread runs here, so close() from inside a sink callback
// knows not to join itself.
thread_local const SimSource* tl_running = nullptr;

// Realtime pacing runs the simulation at most this far ahead of the wall
// clock, so a channel change applies within about this much simulated time.
constexpr std::uint64_t kLookaheadUsec = 20'000;
// Longest wait rate= pacing computes before a frame (a year, in ns).
constexpr double kMaxRateWaitNs = 365.0 * 86400 * 1e9;

std::string channel_list(const std::vector<int>& channels)
{
    std::string out;
    for (int c : channels) out += (out.empty() ? "" : ", ") + std::to_string(c);
    return out;
}

std::vector<std::string> to_strings(const std::vector<int>& channels)
{
    std::vector<std::string> out;
    out.reserve(channels.size());
    for (int c : channels) out.push_back(std::to_string(c));
    return out;
}

std::uint64_t wall_clock_usec()
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<microseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

} // namespace

int parse_channel(std::string_view text)
{
    std::size_t digits = 0;
    int value = 0;
    while (digits < text.size() && digits < 4 && text[digits] >= '0' && text[digits] <= '9')
        value = value * 10 + (text[digits++] - '0');
    if (digits == 0 || (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')) return 0;
    std::string suffix(text.substr(digits));
    for (char& c : suffix) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    static constexpr std::string_view kWidths[] = {"", "HT20", "HT40+", "HT40-", "VHT20", "VHT40", "VHT80", "VHT160"};
    if (std::find(std::begin(kWidths), std::end(kWidths), suffix) == std::end(kWidths)) return 0;
    return is_valid_channel(value) ? value : 0;
}

SimSource::SimSource(SimOptions options, std::string interface, airsight::OutputFiles* outputs)
    : options_(std::move(options)), interface_(std::move(interface)), outputs_(outputs)
{
    const World world = make_world(options_.world); // throws std::invalid_argument for a bad config
    world_channels_ = world.config.channels;
    for (const AccessPoint& ap : world.aps)
        if (std::find(world_channels_.begin(), world_channels_.end(), ap.channel) == world_channels_.end())
            world_channels_.push_back(ap.channel);

    // Channel options (channel=, channel_hop=, channel_hop_speed=) are the
    // server's to apply (DatasourceManager), once open.
    tuning_.rate = Radio::kDefaultHopRate;
    tuning_.hop = options_.world.channels;
    shown_ = tuning_;
}

SimSource::~SimSource()
{
    close();
    // Only when destroyed from its own thread (which the header forbids) is
    // the thread still joinable here; never std::terminate.
    if (thread_.joinable()) thread_.detach();
}

int SimSource::world_channel(std::string_view text) const
{
    const int channel = parse_channel(text);
    if (channel == 0 || std::find(world_channels_.begin(), world_channels_.end(), channel) == world_channels_.end())
        throw std::invalid_argument("channel " + std::string(text) + " is not one of this simulated world's channels: " +
                                    channel_list(world_channels_));
    return channel;
}

void SimSource::apply(Radio& radio, const Tuning& tuning)
{
    if (tuning.locked != 0)
        radio.set_channel(tuning.locked);
    else
        radio.set_hop(tuning.hop, tuning.rate);
}

void SimSource::publish(const Tuning& tuning)
{
    std::lock_guard lock(mutex_);
    shown_ = tuning;
}

void SimSource::open(PacketSink& sink)
{
    std::lock_guard control(control_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (running_) throw std::runtime_error("simulated source " + interface_ + " is already open");
    }
    // A previous run that ended by itself (or was closed from its own thread).
    if (thread_.joinable()) thread_.join();

    WorldConfig config = options_.world;
    const bool now = options_.start == Start::Now || (options_.start == Start::Auto && options_.pace == Pace::Realtime);
    if (now) config.start_usec = wall_clock_usec();
    std::unique_ptr<PcapngWriter> writer;
    if (!options_.pcapng.empty()) {
        PcapngOptions pcapng;
        pcapng.interface_name = interface_;
        if (options_.world.ble_advertisers > 0 || options_.world.drones > 0)
            pcapng.more_linktypes.push_back(static_cast<std::uint16_t>(kDltBleLlWithPhdr));
        if (outputs_ == nullptr)
            throw std::runtime_error("pcapng=" + options_.pcapng + ": this host gives sim no output folder");
        int fd = -1;
        try {
            fd = outputs_->create(options_.pcapng); // a new file under output_dir, or the reason why not
        } catch (const std::exception& e) {
            throw std::runtime_error("pcapng=" + options_.pcapng + ": " + e.what());
        }
        writer = std::make_unique<PcapngWriter>(fd, options_.pcapng, pcapng); // std::runtime_error naming the file
    }
    {
        std::lock_guard radio_lock(radio_mutex_);
        FrameOptions frames;
        frames.fcs = options_.fcs;
        try {
            radio_ = std::make_unique<Radio>(config, frames);
        } catch (const std::invalid_argument& e) { // checked at construction; kept for a clear message
            throw std::runtime_error(std::string("cannot build the simulated world: ") + e.what());
        }
        apply(*radio_, tuning_);
        writer_ = std::move(writer);
    }
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
        running_ = true;
        finished_ = false;
        packets_ = 0;
    }
    try {
        thread_ = std::thread([this, &sink] { run(sink); });
    } catch (...) {
        std::lock_guard lock(mutex_);
        running_ = false;
        throw;
    }
}

void SimSource::close()
{
    auto request_stop = [this] {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
    };
    request_stop(); // at once, so a thread waiting to pace or a concurrent close() is not held up
    if (tl_running == this) return; // from inside a sink callback: the thread stops once it returns
    std::lock_guard control(control_mutex_);
    request_stop(); // again: an open() may have started a new thread in between
    if (thread_.joinable()) thread_.join();
}

SourceStatus SimSource::status() const
{
    SourceStatus s;
    s.capture_interface = interface_;
    s.hardware = kSimHardware;
    s.dlt = kDltRadiotap;
    s.channels = to_strings(world_channels_);
    std::lock_guard lock(mutex_);
    s.hopping = shown_.locked == 0;
    s.channel = s.hopping ? "" : std::to_string(shown_.locked);
    s.hop_rate = shown_.rate;
    s.hop_channels = to_strings(shown_.hop);
    s.finished = finished_;
    return s;
}

void SimSource::set_channel(std::string_view channel)
{
    const int c = world_channel(channel);
    std::lock_guard radio_lock(radio_mutex_);
    if (radio_) radio_->set_channel(c);
    tuning_.locked = c;
    publish(tuning_);
}

void SimSource::set_hop(double rate_per_second, const std::vector<std::string>& channels)
{
    if (!(rate_per_second > 0) || !std::isfinite(rate_per_second)) {
        std::ostringstream text;
        text << "hop rate " << rate_per_second << " is not a positive number of channels per second";
        throw std::invalid_argument(text.str());
    }
    if (channels.empty()) throw std::invalid_argument("hopping needs at least one channel");
    std::vector<int> hop;
    hop.reserve(channels.size());
    for (const std::string& text : channels) hop.push_back(world_channel(text));
    std::lock_guard radio_lock(radio_mutex_);
    if (radio_) radio_->set_hop(hop, rate_per_second);
    tuning_.locked = 0;
    tuning_.rate = rate_per_second;
    tuning_.hop = std::move(hop);
    publish(tuning_);
}

std::uint64_t SimSource::packets() const
{
    std::lock_guard lock(mutex_);
    return packets_;
}

bool SimSource::stopping() const
{
    std::lock_guard lock(mutex_);
    return stop_;
}

bool SimSource::wait_until(Clock::time_point when)
{
    std::unique_lock lock(mutex_);
    return !wake_.wait_until(lock, when, [this] { return stop_; });
}

void SimSource::run(PacketSink& sink)
{
    tl_running = this;
    std::unique_ptr<PcapngWriter> writer;
    std::uint64_t sim0 = 0;
    {
        std::lock_guard radio_lock(radio_mutex_);
        writer = std::move(writer_);
        sim0 = radio_->world().config.start_usec;
    }
    const Clock::time_point wall0 = Clock::now();
    // Simulated time <-> wall clock, for realtime pacing.
    auto sim_of = [&](Clock::time_point t) {
        return sim0 + static_cast<std::uint64_t>(std::max<std::int64_t>(
                          0, std::chrono::duration_cast<microseconds>(t - wall0).count()));
    };
    auto wall_of = [&](std::uint64_t sim) {
        return wall0 + microseconds(static_cast<std::int64_t>(sim > sim0 ? sim - sim0 : 0));
    };

    SimFrame frame;
    std::uint64_t delivered = 0;
    std::optional<Clock::time_point> rate0; // the first frame, for rate= pacing
    std::string failure;
    bool finished = false;

    while (!stopping()) {
        std::uint64_t deadline = Radio::kNoDeadline;
        if (options_.pace == Pace::Realtime) deadline = sim_of(Clock::now()) + kLookaheadUsec;
        bool heard = false;
        {
            std::lock_guard radio_lock(radio_mutex_);
            heard = radio_->next_frame(frame, deadline);
        }
        if (!heard) {
            // Nothing on the channel up to the deadline: in realtime, wait for
            // the wall clock to catch up; otherwise the simulation carries on.
            if (options_.pace == Pace::Realtime && !wait_until(wall_of(deadline))) break;
            continue;
        }

        std::optional<Clock::time_point> due;
        if (options_.pace == Pace::Realtime) {
            due = wall_of(frame.ts_usec);
        } else if (options_.pace == Pace::Rate) {
            if (!rate0) rate0 = Clock::now();
            // A tiny rate (rate=1e-300) makes the offset exceed any clock:
            // cut it to a year, which close() interrupts anyway.
            const double offset_ns = std::min(static_cast<double>(delivered) * 1e9 / options_.rate, kMaxRateWaitNs);
            due = *rate0 + std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(offset_ns)));
        }
        if (due && !wait_until(*due)) break;
        if (stopping()) break;

        if (writer) {
            try {
                writer->write(frame.ts_usec, frame.dlt, frame.bytes.data(), frame.bytes.size());
            } catch (const std::exception& e) {
                failure = "pcapng=" + options_.pcapng + ": " + e.what();
                break;
            }
        }
        CapturedFrame captured;
        captured.ts_sec = static_cast<std::int64_t>(frame.ts_usec / 1'000'000);
        captured.ts_usec = static_cast<std::uint32_t>(frame.ts_usec % 1'000'000);
        captured.dlt = frame.dlt;
        captured.data = std::span<const std::uint8_t>(frame.bytes.data(), frame.bytes.size());
        captured.original_length = static_cast<std::uint32_t>(frame.bytes.size());
        sink.deliver(captured);
        ++delivered;
        {
            std::lock_guard lock(mutex_);
            packets_ = delivered;
        }
        if (options_.frames != 0 && delivered >= options_.frames) {
            finished = true;
            break;
        }
        if (options_.fail_after != 0 && delivered >= options_.fail_after) {
            failure = "simulated failure after " + std::to_string(delivered) + " frames (fail_after=" +
                      std::to_string(options_.fail_after) + ")";
            break;
        }
    }

    // The file is complete before anyone hears the source finished.
    if (writer) {
        try {
            writer->close();
        } catch (const std::exception& e) {
            if (failure.empty()) failure = "pcapng=" + options_.pcapng + ": " + e.what();
        }
    }
    bool report = false;
    {
        std::lock_guard lock(mutex_);
        report = !stop_;
    }
    if (report && !failure.empty())
        sink.failed(failure);
    else if (report && finished)
        sink.finished();
    {
        // Finished only once the sink heard it: a status that says finished
        // comes with the sink's final counts and state.
        std::lock_guard lock(mutex_);
        if (report && finished && failure.empty()) finished_ = true;
        running_ = false;
    }
    tl_running = nullptr;
}

} // namespace airsight::sim
