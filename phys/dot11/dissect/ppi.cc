#include "ppi.h"

#include <string>

namespace airsight::dot11 {

namespace {

constexpr std::uint16_t field_80211_common = 2;
constexpr std::uint16_t field_80211n_mac = 3;
constexpr std::uint16_t field_80211n_mac_phy = 4;
constexpr std::size_t common_field_size = 20;

constexpr std::uint16_t common_fcs_present = 0x0001;
constexpr std::uint16_t common_fcs_bad = 0x0004;

constexpr std::uint64_t encoding_legacy = 1, encoding_ht = 2;

Decapped failure(std::string message)
{
    Decapped out;
    out.error = std::move(message);
    return out;
}

// 802.11-common: TSF(8) flags(2) rate(2) freq(2) channel flags(2) FHSS(2) signal(1) noise(1).
void apply_common(Bytes data, Decapped& out)
{
    Cursor c(data);
    out.extras.tsft = c.le64();
    const std::uint16_t flags = c.le16();
    const std::uint16_t rate = c.le16();
    const std::uint16_t mhz = c.le16();
    out.radio.channel_flags = c.le16();
    c.skip(2);
    const std::int8_t signal = c.s8();
    const std::int8_t noise = c.s8();

    out.radio.fcs_present = flags & common_fcs_present;
    out.radio.fcs_bad = flags & common_fcs_bad;
    if (rate != 0) {
        out.radio.data_rate_mbps = rate / 2.0;
        out.radio.encoding_set |= encoding_legacy;
    }
    if (mhz != 0) out.radio.freq_khz = mhz * 1000u;
    // Writers use 0 (and -128) when they have no reading; neither is a real dBm value here.
    if (signal != 0 && signal != -128) out.radio.signal_dbm = signal;
    if (noise != 0 && noise != -128) out.radio.noise_dbm = noise;
}

} // namespace

Decapped parse_ppi(Bytes record)
{
    if (record.size() < 8) return failure("PPI header truncated: " + std::to_string(record.size()) + " bytes");
    if (record[0] != 0) return failure("PPI version " + std::to_string(record[0]) + " is not 0");
    const bool aligned = record[1] & 0x01;
    const std::size_t length = load_le16(record.data() + 2);
    const std::uint32_t inner_dlt = load_le32(record.data() + 4);
    if (length < 8) return failure("PPI length " + std::to_string(length) + " is shorter than its fixed header");
    if (length > record.size())
        return failure("PPI length " + std::to_string(length) + " exceeds the " + std::to_string(record.size()) +
                       " captured bytes");
    if (inner_dlt != dlt_ieee802_11) {
        // A sound PPI header around another link type (Ubertooth: Bluetooth LE) is
        // not malformed, just not 802.11; its fields are the other PHY's to read.
        Decapped out = failure("PPI carries DLT " + std::to_string(inner_dlt) + ", not 802.11");
        out.not_80211 = true;
        return out;
    }

    Decapped out;
    Cursor fields(record.subspan(8, length - 8));
    while (fields.remaining() >= 4) {
        const std::uint16_t type = fields.le16();
        const std::uint16_t size = fields.le16();
        const Bytes data = fields.take(size);
        if (fields.failed()) return failure("PPI field " + std::to_string(type) + " runs past the header");
        if (type == field_80211_common) {
            if (data.size() < common_field_size) return failure("PPI 802.11-common field truncated");
            apply_common(data, out);
        } else if (type == field_80211n_mac || type == field_80211n_mac_phy) {
            out.radio.encoding_set |= encoding_ht;
        }
        if (aligned) fields.align(4);
    }

    out.frame = record.subspan(length);
    if (out.radio.fcs_present) {
        if (out.frame.size() < 4)
            return failure("PPI flags an FCS but the frame has only " + std::to_string(out.frame.size()) + " bytes");
        out.frame = out.frame.first(out.frame.size() - 4);
    }
    out.ok = true;
    return out;
}

} // namespace airsight::dot11
