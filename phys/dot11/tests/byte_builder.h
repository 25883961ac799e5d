// Builds test packets byte by byte, in the field order the standards give.
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_BYTE_BUILDER_H
#define AIRSIGHT_PHYS_DOT11_TESTS_BYTE_BUILDER_H

#include "dissect/cursor.h"

#include <airsight/mac.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace airsight::dot11::test {

class ByteBuilder {
public:
    ByteBuilder& u8(std::uint8_t v)
    {
        bytes_.push_back(v);
        return *this;
    }
    ByteBuilder& le16(std::uint16_t v) { return u8(low(v)).u8(low(v >> 8)); }
    ByteBuilder& be16(std::uint16_t v) { return u8(low(v >> 8)).u8(low(v)); }
    ByteBuilder& le32(std::uint32_t v) { return le16(static_cast<std::uint16_t>(v)).le16(static_cast<std::uint16_t>(v >> 16)); }
    ByteBuilder& le64(std::uint64_t v) { return le32(static_cast<std::uint32_t>(v)).le32(static_cast<std::uint32_t>(v >> 32)); }
    ByteBuilder& be64(std::uint64_t v)
    {
        for (int i = 7; i >= 0; --i) u8(low(v >> (8 * i)));
        return *this;
    }
    ByteBuilder& bytes(std::initializer_list<std::uint8_t> list)
    {
        bytes_.insert(bytes_.end(), list);
        return *this;
    }
    ByteBuilder& bytes(Bytes data)
    {
        bytes_.insert(bytes_.end(), data.begin(), data.end());
        return *this;
    }
    ByteBuilder& text(std::string_view s)
    {
        bytes_.insert(bytes_.end(), s.begin(), s.end());
        return *this;
    }
    ByteBuilder& zeros(std::size_t n)
    {
        bytes_.insert(bytes_.end(), n, 0);
        return *this;
    }
    ByteBuilder& mac(std::string_view text)
    {
        const auto m = MacAddr::parse(text);
        for (std::uint8_t b : m.value_or(MacAddr{}).bytes) u8(b);
        return *this;
    }
    /// An information element: id, length, data.
    ByteBuilder& ie(std::uint8_t id, std::initializer_list<std::uint8_t> data)
    {
        u8(id).u8(static_cast<std::uint8_t>(data.size()));
        return bytes(data);
    }
    ByteBuilder& ie(std::uint8_t id, Bytes data)
    {
        u8(id).u8(static_cast<std::uint8_t>(data.size()));
        return bytes(data);
    }
    /// Overwrites a little-endian 16-bit value already written (e.g. a length).
    ByteBuilder& patch_le16(std::size_t at, std::uint16_t v)
    {
        bytes_[at] = low(v);
        bytes_[at + 1] = low(v >> 8);
        return *this;
    }

    std::size_t size() const { return bytes_.size(); }
    const std::vector<std::uint8_t>& vec() const { return bytes_; }
    Bytes span() const { return bytes_; }

private:
    static std::uint8_t low(std::uint64_t v) { return static_cast<std::uint8_t>(v & 0xff); }

    std::vector<std::uint8_t> bytes_;
};

inline MacAddr mac(std::string_view text) { return MacAddr::parse(text).value_or(MacAddr{}); }

} // namespace airsight::dot11::test

#endif
