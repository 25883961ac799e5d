// sim-capture: writes the first N frames a simulated radio hears to pcapng,
// and reports how fast the simulator generates them.
//
//   sim-capture --seed S --aps N --clients M [--ble N] [--drones N] --frames F [--channel C | --hop | --all]
//               [--hop-rate R] [--fcs] [--deauth-flood] [--spoofed-ap] [--attacks a,b] OUT.pcapng
#include "engine/attacks/attack.h"
#include "engine/pcapng_writer.h"
#include "engine/radio.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using airsight::sim::PcapngWriter;
using airsight::sim::Radio;
using airsight::sim::SimFrame;
using airsight::sim::WorldConfig;
using Clock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: sim-capture --seed S --aps N --clients M [--ble N] [--drones N] --frames F [--channel C | --hop | --all]\n"
    "                   [--hop-rate R] [--fcs] [--deauth-flood] [--spoofed-ap] [--attacks a,b] OUT.pcapng\n"
    "  --all (default) hears every channel; --hop visits the world's channels at R/s (default 5).\n"
    "  --attacks names scripted attacks (engine/attacks/), comma-separated, or all of them.\n"
    "  --ble and --drones add BLE advertisers and Remote ID drones: the file then has a second\n"
    "  interface, link type 256 (BLE link layer with pseudo-header).\n";

struct Args {
    WorldConfig world;
    std::uint64_t frames = 10'000;
    enum class Tuning { All, Channel, Hop } tuning = Tuning::All;
    int channel = 0;
    double hop_rate = Radio::kDefaultHopRate;
    bool fcs = false;
    std::string out;
};

std::uint64_t number(std::string_view flag, const char* text)
{
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text, &end, 0);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-')
        throw std::invalid_argument(std::string(flag) + ": not a number: " + text);
    return v;
}

Args parse(int argc, char** argv)
{
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
            return argv[++i];
        };
        if (arg == "--seed") a.world.seed = number(arg, value());
        else if (arg == "--aps") a.world.access_points = static_cast<int>(number(arg, value()));
        else if (arg == "--clients") a.world.clients = static_cast<int>(number(arg, value()));
        else if (arg == "--ble") a.world.ble_advertisers = static_cast<int>(number(arg, value()));
        else if (arg == "--drones") a.world.drones = static_cast<int>(number(arg, value()));
        else if (arg == "--frames") a.frames = number(arg, value());
        else if (arg == "--channel") {
            a.tuning = Args::Tuning::Channel;
            a.channel = static_cast<int>(number(arg, value()));
        } else if (arg == "--hop") a.tuning = Args::Tuning::Hop;
        else if (arg == "--all") a.tuning = Args::Tuning::All;
        else if (arg == "--hop-rate") a.hop_rate = std::strtod(value(), nullptr);
        else if (arg == "--fcs") a.fcs = true;
        else if (arg == "--deauth-flood") a.world.misbehaviour_deauth_flood = true;
        else if (arg == "--spoofed-ap") a.world.misbehaviour_spoofed_ap = true;
        else if (arg == "--attacks") {
            const std::string_view list = value();
            if (list == "all") {
                for (const airsight::sim::AttackSpec* attack : airsight::sim::attack_catalogue())
                    a.world.attacks.emplace_back(attack->name);
                continue;
            }
            for (std::size_t start = 0; start <= list.size();) {
                const std::size_t end = std::min(list.find(',', start), list.size());
                a.world.attacks.emplace_back(list.substr(start, end - start)); // make_world checks the names
                start = end + 1;
            }
        }
        else if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (!arg.empty() && arg[0] == '-') throw std::invalid_argument("unknown option " + std::string(arg));
        else if (a.out.empty()) a.out = arg;
        else throw std::invalid_argument("more than one output file");
    }
    if (a.out.empty()) throw std::invalid_argument("no output file");
    return a;
}

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double per_second(std::uint64_t n, Clock::duration d) { return d.count() > 0 ? static_cast<double>(n) / seconds(d) : 0.0; }

} // namespace

int main(int argc, char** argv)
{
    try {
        const Args args = parse(argc, argv);
        Radio radio(args.world, {.fcs = args.fcs});
        if (args.tuning == Args::Tuning::Channel) radio.set_channel(args.channel);
        else if (args.tuning == Args::Tuning::Hop) radio.set_hop(radio.world().config.channels, args.hop_rate);
        else radio.listen_all();
        airsight::sim::PcapngOptions pcapng;
        if (radio.world().has_ble()) pcapng.more_linktypes.push_back(static_cast<std::uint16_t>(airsight::sim::kDltBleLlWithPhdr));
        PcapngWriter writer(args.out, pcapng);

        // Generate in batches and time generation apart from writing, so the
        // reported rate is the simulator's, not the disk's.
        std::vector<SimFrame> batch(1024);
        Clock::duration generating{}, writing{};
        std::uint64_t written = 0;
        bool silent = false;
        while (written < args.frames && !silent) {
            const auto t0 = Clock::now();
            std::size_t n = 0;
            while (n < batch.size() && written + n < args.frames) {
                if (!radio.next_frame(batch[n])) { // nothing on this channel for a simulated minute
                    silent = true;
                    break;
                }
                ++n;
            }
            const auto t1 = Clock::now();
            for (std::size_t k = 0; k < n; ++k)
                writer.write(batch[k].ts_usec, batch[k].dlt, batch[k].bytes.data(), batch[k].bytes.size());
            writing += Clock::now() - t1;
            generating += t1 - t0;
            written += n;
        }
        writer.close();

        const double simulated = static_cast<double>(radio.now_usec() - args.world.start_usec) / 1e6;
        std::printf("sim-capture: wrote %llu frames (%.1f s simulated, %llu sent on all channels) to %s\n",
                    static_cast<unsigned long long>(written), simulated, static_cast<unsigned long long>(radio.transmissions()),
                    args.out.c_str());
        std::printf("sim-capture: generated %.0f frames/s (%.3f s); wrote %.0f frames/s (%.3f s)\n",
                    per_second(written, generating), seconds(generating), per_second(written, writing), seconds(writing));
        if (silent) std::fprintf(stderr, "sim-capture: stopped early: the radio heard nothing for %llu simulated s\n",
                                 static_cast<unsigned long long>(Radio::kQuietLimitUsec / 1'000'000));
        return 0;
    } catch (const std::invalid_argument& e) { // a bad command line or world config
        std::fprintf(stderr, "sim-capture: %s\n%s", e.what(), kUsage);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sim-capture: %s\n", e.what());
        return 1;
    }
}
