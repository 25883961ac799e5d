#include "radiotap.h"

namespace airsight::sim {
namespace {

enum Present : std::uint32_t {
    kFlags = 1u << 1,
    kRate = 1u << 2,
    kChannel = 1u << 3,
    kSignal = 1u << 5,
    kNoise = 1u << 6,
    kMcs = 1u << 19,
};

} // namespace

void append_radiotap(ByteSink& out, const RadiotapFields& f)
{
    const bool ht = f.mcs >= 0;
    const std::size_t start = out.size();
    out.u8(0);  // version
    out.u8(0);  // pad
    out.le16(0); // length, patched below
    out.le32(kFlags | kChannel | kSignal | kNoise | (ht ? kMcs : kRate));
    out.u8(f.flags);                    // offset 8
    if (ht) out.u8(0);                  // pad: Channel is 2-byte aligned
    else out.u8(f.rate_500kbps);        // offset 9
    out.le16(f.freq_mhz);               // offset 10
    out.le16(f.channel_flags);
    out.u8(static_cast<std::uint8_t>(f.signal_dbm)); // offset 14
    out.u8(static_cast<std::uint8_t>(f.noise_dbm));
    if (ht) {
        out.u8(0x7F); // known: bandwidth, MCS, GI, format, FEC, STBC, extension streams
        out.u8(0x00); // 20 MHz, long GI
        out.u8(static_cast<std::uint8_t>(f.mcs));
    }
    out.put_le16(start + 2, static_cast<std::uint16_t>(out.size() - start));
}

} // namespace airsight::sim
