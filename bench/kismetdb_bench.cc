// How fast the kismetdb log takes packets by itself: 1,000,000 synthetic
// 802.11 frames (or argv[1]) through KismetLog::packets() in the batches the
// writer hands it, committed once a second as the manager does, then
// close() (checkpoint). No server, no capture: this is the floor a logged
// replay cannot beat, to be read beside bench/ab_ingest.py's figures (the
// unlogged server takes about a microsecond per frame on the reference
// machine).
//
// usage: kismetdb-bench [PACKETS] [FOLDER]   (FOLDER default /tmp)
#include "kismetdb_log.h"

#include <airsight/logging.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace airsight;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    const std::size_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const std::string folder = argc > 2 ? argv[2] : "/tmp";
    const std::string path = folder + "/kismetdb-bench-" + std::to_string(::getpid()) + ".kismet";

    LogOpenRequest request;
    request.path = path;
    request.uuid = "5fe308bd-0000-0000-0000-000000000001";
    request.title = "bench";
    kismetdb::KismetLog log(request, {});

    // 130-byte frames from 100,000 transmitters: the size and spread of the
    // tracker bench's capture.
    constexpr std::size_t kBatch = 256, kFrame = 130;
    std::vector<std::uint8_t> frames(kBatch * kFrame);
    std::vector<LoggedPacket> batch(kBatch);
    const auto start = Clock::now();
    auto last_flush = start;
    for (std::size_t done = 0; done < total; done += kBatch) {
        const std::size_t n = std::min(kBatch, total - done);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t id = done + i + 1;
            std::uint8_t* f = frames.data() + i * kFrame;
            for (std::size_t b = 0; b < kFrame; ++b) f[b] = static_cast<std::uint8_t>(id * 31 + b);
            LoggedPacket& p = batch[i];
            p.id = id;
            p.ts_sec = 1700000000 + static_cast<std::int64_t>(id / 100000);
            p.ts_usec = static_cast<std::uint32_t>(id % 1000000);
            p.dlt = 127;
            p.data = std::span<const std::uint8_t>(f, kFrame);
            p.original_length = kFrame;
            p.source_number = 1;
            p.source_uuid = request.uuid;
            p.phy_name = "IEEE802.11";
            const std::size_t transmitter = id % 100000; // cycles through 100,000 addresses
            p.addresses.source.bytes = {0x02, 0, 0, static_cast<std::uint8_t>(transmitter >> 16),
                                        static_cast<std::uint8_t>(transmitter >> 8), static_cast<std::uint8_t>(transmitter)};
            p.addresses.transmitter = p.addresses.source;
            p.addresses.destination.bytes = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
            p.radio.signal_dbm = -40 - static_cast<int>(id % 50);
            p.radio.freq_khz = 2412000;
        }
        log.packets(std::span<const LoggedPacket>(batch.data(), n));
        if (Clock::now() - last_flush >= std::chrono::seconds(1)) {
            log.flush();
            last_flush = Clock::now();
        }
    }
    log.flush();
    const auto written = Clock::now();
    log.close();
    const auto closed = Clock::now();
    const double insert_s = std::chrono::duration<double>(written - start).count();
    const double close_s = std::chrono::duration<double>(closed - written).count();
    std::printf("kismetdb: %zu packets in %.3f s (%.2f us/packet, %.0f packets/s); close (checkpoint) %.3f s; "
                "file %.1f MB\n",
                total, insert_s, insert_s * 1e6 / static_cast<double>(total), static_cast<double>(total) / insert_s,
                close_s, static_cast<double>(std::filesystem::file_size(path)) / 1e6);
    std::filesystem::remove(path);
    return 0;
}
