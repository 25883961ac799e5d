// Appending little- and big-endian fields to a frame buffer.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_BYTES_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_BYTES_H

#include <airsight/mac.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace airsight::sim {

/// Appends to a caller-owned vector, so one buffer serves millions of frames
/// without reallocating once it has grown to the largest frame.
class ByteSink {
public:
    explicit ByteSink(std::vector<std::uint8_t>& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void le16(std::uint16_t v) { u8(static_cast<std::uint8_t>(v)); u8(static_cast<std::uint8_t>(v >> 8)); }
    void be16(std::uint16_t v) { u8(static_cast<std::uint8_t>(v >> 8)); u8(static_cast<std::uint8_t>(v)); }
    void le32(std::uint32_t v) { le16(static_cast<std::uint16_t>(v)); le16(static_cast<std::uint16_t>(v >> 16)); }
    void le64(std::uint64_t v) { le32(static_cast<std::uint32_t>(v)); le32(static_cast<std::uint32_t>(v >> 32)); }
    void be64(std::uint64_t v) { for (int s = 56; s >= 0; s -= 8) u8(static_cast<std::uint8_t>(v >> s)); }
    void mac(const MacAddr& m) { bytes(m.bytes.data(), m.bytes.size()); }
    void bytes(const std::uint8_t* p, std::size_t n) { out_.insert(out_.end(), p, p + n); }
    void bytes(const std::vector<std::uint8_t>& v) { bytes(v.data(), v.size()); }
    void text(std::string_view s) { bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }
    void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }
    /// Appends `n` bytes and returns where they start, for content filled in place.
    std::uint8_t* grow(std::size_t n)
    {
        out_.resize(out_.size() + n);
        return out_.data() + out_.size() - n;
    }

    std::size_t size() const { return out_.size(); }
    std::uint8_t* at(std::size_t pos) { return out_.data() + pos; }
    void put_be16(std::size_t pos, std::uint16_t v)
    {
        out_[pos] = static_cast<std::uint8_t>(v >> 8);
        out_[pos + 1] = static_cast<std::uint8_t>(v);
    }
    void put_le16(std::size_t pos, std::uint16_t v)
    {
        out_[pos] = static_cast<std::uint8_t>(v);
        out_[pos + 1] = static_cast<std::uint8_t>(v >> 8);
    }

private:
    std::vector<std::uint8_t>& out_;
};

} // namespace airsight::sim

#endif
