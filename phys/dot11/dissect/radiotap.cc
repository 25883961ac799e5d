#include "radiotap.h"

#include "rates.h"

#include <array>
#include <string>

namespace airsight::dot11 {

namespace {

struct FieldLayout {
    std::uint8_t align;
    std::uint8_t size;
};

// Alignment and size of radiotap-namespace fields 0..27 (radiotap.org). Field
// 28 (TLVs) and anything later has no fixed size: parsing stops there.
constexpr std::array<FieldLayout, 28> field_layout = {{
    {8, 8},  // 0 TSFT
    {1, 1},  // 1 Flags
    {1, 1},  // 2 Rate
    {2, 4},  // 3 Channel
    {2, 2},  // 4 FHSS
    {1, 1},  // 5 dBm antenna signal
    {1, 1},  // 6 dBm antenna noise
    {2, 2},  // 7 Lock quality
    {2, 2},  // 8 TX attenuation
    {2, 2},  // 9 dB TX attenuation
    {1, 1},  // 10 dBm TX power
    {1, 1},  // 11 Antenna
    {1, 1},  // 12 dB antenna signal
    {1, 1},  // 13 dB antenna noise
    {2, 2},  // 14 RX flags
    {2, 2},  // 15 TX flags
    {1, 1},  // 16 RTS retries
    {1, 1},  // 17 data retries
    {4, 8},  // 18 XChannel
    {1, 3},  // 19 MCS
    {4, 8},  // 20 A-MPDU status
    {2, 12}, // 21 VHT
    {8, 12}, // 22 timestamp
    {2, 12}, // 23 HE
    {2, 12}, // 24 HE-MU
    {2, 6},  // 25 HE-MU-other-user
    {1, 1},  // 26 0-length PSDU
    {2, 4},  // 27 L-SIG
}};

constexpr std::uint8_t flag_fcs_at_end = 0x10;
constexpr std::uint8_t flag_data_pad = 0x20;
constexpr std::uint8_t flag_bad_fcs = 0x40;

constexpr std::uint64_t encoding_legacy = 1, encoding_ht = 2, encoding_vht = 4, encoding_he = 8;

constexpr std::uint32_t bit_radiotap_ns = 1u << 29;
constexpr std::uint32_t bit_vendor_ns = 1u << 30;
constexpr std::uint32_t bit_ext = 1u << 31;
// Presence words a header may chain; a legal header never gets close.
constexpr std::size_t max_presence_words = 64;

Decapped failure(std::string message)
{
    Decapped out;
    out.error = std::move(message);
    return out;
}

// Stores one radiotap-namespace field; `data` is exactly the field's size.
void apply_field(unsigned index, Bytes data, Decapped& out)
{
    RadioInfo& radio = out.radio;
    switch (index) {
    case 0: out.extras.tsft = load_le64(data.data()); break;
    case 1: out.extras.radiotap_flags = data[0]; break;
    case 2:
        if (data[0] != 0) radio.data_rate_mbps = data[0] / 2.0;
        break;
    case 3: {
        const std::uint16_t mhz = load_le16(data.data());
        if (mhz != 0) radio.freq_khz = mhz * 1000u;
        radio.channel_flags = load_le16(data.data() + 2);
        break;
    }
    // Later signal/noise fields describe single antennas; the first is the combined value.
    case 5:
        if (!radio.signal_dbm) radio.signal_dbm = static_cast<std::int8_t>(data[0]);
        break;
    case 6:
        if (!radio.noise_dbm) radio.noise_dbm = static_cast<std::int8_t>(data[0]);
        break;
    case 11:
        if (!out.extras.antenna) out.extras.antenna = data[0];
        break;
    case 18: {
        const std::uint16_t mhz = load_le16(data.data() + 4);
        if (radio.freq_khz == 0 && mhz != 0) radio.freq_khz = mhz * 1000u;
        break;
    }
    case 19: {
        // known, flags, mcs: bandwidth (flags & 3) and guard interval (0x04) only count when known
        const std::uint8_t known = data[0], flags = data[1];
        radio.encoding_set |= encoding_ht;
        if (known & 0x02) {
            out.extras.mcs_index = data[2];
            const bool forty = (known & 0x01) && (flags & 0x03) == 1;
            const bool short_gi = (known & 0x04) && (flags & 0x04);
            const double rate = ht_rate_mbps(data[2], forty, short_gi);
            if (rate > 0) radio.data_rate_mbps = rate;
        }
        break;
    }
    case 20: out.extras.ampdu_reference = load_le32(data.data()); break;
    case 21: radio.encoding_set |= encoding_vht; break;
    case 23:
    case 24: radio.encoding_set |= encoding_he; break;
    default: break;
    }
}

} // namespace

Decapped parse_radiotap(Bytes record)
{
    if (record.size() < 8) return failure("radiotap header truncated: " + std::to_string(record.size()) + " bytes");
    if (record[0] != 0) return failure("radiotap version " + std::to_string(record[0]) + " is not 0");
    const std::size_t length = load_le16(record.data() + 2);
    if (length < 8) return failure("radiotap length " + std::to_string(length) + " is shorter than its fixed header");
    if (length > record.size())
        return failure("radiotap length " + std::to_string(length) + " exceeds the " + std::to_string(record.size()) +
                       " captured bytes");
    const Bytes header = record.first(length);

    // The presence bitmap: words chained by bit 31, all before any field data.
    std::array<std::uint32_t, max_presence_words> words{};
    std::size_t word_count = 0;
    for (std::size_t at = 4;; at += 4) {
        if (at + 4 > length) return failure("radiotap presence bitmap runs past the header");
        if (word_count == max_presence_words) return failure("radiotap presence bitmap is too long");
        words[word_count++] = load_le32(header.data() + at);
        if (!(words[word_count - 1] & bit_ext)) break;
    }

    Decapped out;
    Cursor fields(header);
    fields.skip(4 + 4 * word_count);
    bool in_vendor_namespace = false;
    unsigned word_in_namespace = 0;  // field index base = 32 * this
    bool stopped = false;            // met a field of unknown size: the rest cannot be located

    for (std::size_t w = 0; w < word_count && !stopped; ++w) {
        const std::uint32_t bits = words[w];
        if (!in_vendor_namespace) {
            for (unsigned b = 0; b < 29; ++b) {
                if (!(bits & (1u << b))) continue;
                const unsigned index = word_in_namespace * 32 + b;
                if (index >= field_layout.size()) {
                    stopped = true;
                    break;
                }
                fields.align(field_layout[index].align);
                const Bytes data = fields.take(field_layout[index].size);
                if (fields.failed()) return failure("radiotap field " + std::to_string(index) + " runs past the header");
                apply_field(index, data, out);
            }
        }
        if (stopped) break;
        if (bits & bit_radiotap_ns) {
            in_vendor_namespace = false;
            word_in_namespace = 0;
        } else if (bits & bit_vendor_ns) {
            // OUI(3) sub-namespace(1) skip_length(2), then skip_length bytes we cannot interpret.
            fields.align(2);
            fields.skip(4);
            const std::uint16_t skip_length = fields.le16();
            fields.skip(skip_length);
            if (fields.failed()) return failure("radiotap vendor namespace runs past the header");
            in_vendor_namespace = true;
            word_in_namespace = 0;
        } else {
            ++word_in_namespace;
        }
    }

    const std::uint8_t flags = out.extras.radiotap_flags;
    out.extras.header_padded = flags & flag_data_pad;
    out.radio.fcs_present = flags & flag_fcs_at_end;
    out.radio.fcs_bad = flags & flag_bad_fcs;
    if (out.radio.encoding_set == 0 && out.radio.data_rate_mbps > 0) out.radio.encoding_set = encoding_legacy;

    out.frame = record.subspan(length);
    if (out.radio.fcs_present) {
        if (out.frame.size() < 4) return failure("radiotap flags an FCS but the frame has only " +
                                                 std::to_string(out.frame.size()) + " bytes");
        out.frame = out.frame.first(out.frame.size() - 4);
    }
    out.ok = true;
    return out;
}

} // namespace airsight::dot11
