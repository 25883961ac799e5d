// A bounds-checked reader over packet bytes. Every read past the end sets a
// sticky `failed` flag and yields zero, so a parser can read a whole structure
// and check once, without ever touching memory outside the span.
#ifndef AIRSIGHT_PHYS_DOT11_DISSECT_CURSOR_H
#define AIRSIGHT_PHYS_DOT11_DISSECT_CURSOR_H

#include <airsight/byte_order.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace airsight::dot11 {

using Bytes = std::span<const std::uint8_t>;

/// A 3-byte OUI read as an integer, first octet most significant (00:50:F2 -> 0x0050F2).
inline std::uint32_t load_oui(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2]; }

class Cursor {
public:
    explicit Cursor(Bytes data) : data_(data) {}

    bool failed() const { return failed_; }
    std::size_t offset() const { return pos_; }
    std::size_t remaining() const { return failed_ ? 0 : data_.size() - pos_; }
    bool has(std::size_t n) const { return !failed_ && data_.size() - pos_ >= n; }
    bool at_end() const { return remaining() == 0; }

    std::uint8_t u8() { return has(1) ? data_[pos_++] : fail<std::uint8_t>(); }
    std::int8_t s8() { return static_cast<std::int8_t>(u8()); }
    std::uint16_t le16() { return read<std::uint16_t, 2>(load_le16); }
    std::uint16_t be16() { return read<std::uint16_t, 2>(load_be16); }
    std::uint32_t le32() { return read<std::uint32_t, 4>(load_le32); }
    std::uint32_t oui() { return read<std::uint32_t, 3>(load_oui); }
    std::uint64_t le64() { return read<std::uint64_t, 8>(load_le64); }
    std::uint64_t be64() { return read<std::uint64_t, 8>(load_be64); }

    /// The next n bytes as a view into the packet (empty, and failed, when short).
    Bytes take(std::size_t n)
    {
        if (!has(n)) return fail<Bytes>();
        Bytes out = data_.subspan(pos_, n);
        pos_ += n;
        return out;
    }
    /// Everything left, consuming it.
    Bytes rest() { return take(remaining()); }
    void skip(std::size_t n) { take(n); }
    /// Moves to the next multiple of `alignment` (a power of two), counted from the span start.
    void align(std::size_t alignment) { skip(((pos_ + alignment - 1) & ~(alignment - 1)) - pos_); }

private:
    template <typename T, std::size_t N, typename Load>
    T read(Load load)
    {
        if (!has(N)) return fail<T>();
        T v = load(data_.data() + pos_);
        pos_ += N;
        return v;
    }
    template <typename T>
    T fail()
    {
        failed_ = true;
        return T{};
    }

    Bytes data_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

} // namespace airsight::dot11

#endif
