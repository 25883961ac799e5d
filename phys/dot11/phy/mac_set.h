// A set of MAC addresses: an access point's associated clients, thousands of
// them in a busy place. Membership is asked on every data frame of a new
// client/AP pair, so a linear scan (which cost a sixth of ingest at 100,000
// clients) gives way to open addressing over one flat array of 8-byte slots.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_MAC_SET_H
#define AIRSIGHT_PHYS_DOT11_PHY_MAC_SET_H

#include <airsight/mac.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace airsight::dot11 {

class MacSet {
public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    bool contains(const MacAddr& mac) const
    {
        if (slots_.empty()) return false;
        const std::uint64_t want = tagged(mac);
        for (std::size_t i = home(want);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i] == want) return true;
            if (slots_[i] == 0) return false;
        }
    }

    /// Adds `mac`; false when it was there already.
    bool insert(const MacAddr& mac)
    {
        if ((size_ + 1) * 2 > slots_.size()) grow(); // load factor <= 1/2
        const std::uint64_t want = tagged(mac);
        std::size_t i = home(want);
        for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1))
            if (slots_[i] == want) return false;
        slots_[i] = want;
        ++size_;
        return true;
    }

    /// Calls f(const MacAddr&) for every member, in slot order.
    template <typename F> void for_each(F&& f) const
    {
        for (const std::uint64_t s : slots_)
            if (s != 0) f(untagged(s));
    }

private:
    // Bit 63 marks a used slot, so even 00:00:00:00:00:00 is a member value.
    static constexpr std::uint64_t kUsed = 1ULL << 63;
    static std::uint64_t tagged(const MacAddr& mac) { return mac.value() | kUsed; }
    static MacAddr untagged(std::uint64_t v)
    {
        MacAddr mac;
        for (int i = 5; i >= 0; --i, v >>= 8) mac.bytes[i] = static_cast<std::uint8_t>(v);
        return mac;
    }
    // Fibonacci hashing spreads consecutive MACs over the table.
    std::size_t home(std::uint64_t v) const
    {
        return static_cast<std::size_t>((v * 0x9E3779B97F4A7C15ULL) >> 32) & (slots_.size() - 1);
    }
    void grow()
    {
        std::vector<std::uint64_t> old = std::move(slots_);
        slots_.assign(old.empty() ? 8 : old.size() * 2, 0);
        for (const std::uint64_t v : old) {
            if (v == 0) continue;
            std::size_t i = home(v);
            while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = v;
        }
    }

    std::vector<std::uint64_t> slots_; // 0: empty; a power of two in size
    std::size_t size_ = 0;
};

} // namespace airsight::dot11

#endif
