// The tracker's index of devices by id ((PHY id << 48) | MAC): open
// addressing with linear probing over one flat array of 16-byte slots.
// With 100,000 devices a lookup touches one or two cache lines, where a
// node-based map chased a bucket and a node per lookup. Not thread-safe:
// the tracker locks.
#ifndef AIRSIGHT_CORE_DEVICES_DEVICE_INDEX_H
#define AIRSIGHT_CORE_DEVICES_DEVICE_INDEX_H

#include <airsight/devices.h>

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace airsight::core {

class DeviceIndex {
public:
    using Id = std::uint64_t; // never 0: PHY ids start at 1

    DeviceIndex() : slots_(kMinCapacity) { publish(); }

    std::size_t size() const { return size_; }

    Device* find(Id id) const
    {
        for (std::size_t i = home(id);; i = (i + 1) & mask()) {
            const Slot& s = slots_[i];
            if (s.id == id) return s.device.get();
            if (s.id == 0) return nullptr;
        }
    }

    /// Starts loading the slot where `id`'s lookup will begin, so that a
    /// lookup soon after finds it in cache. Needs no lock: it reads only the
    /// published table address and size, and a prefetch of a table just
    /// replaced by grow() touches nothing (the CPU drops a prefetch it
    /// cannot translate) .
    void prefetch(Id id) const noexcept
    {
        const auto base = published_slots_.load(std::memory_order_relaxed);
        const unsigned shift = published_shift_.load(std::memory_order_relaxed);
        const auto home = static_cast<std::uintptr_t>((id * kFibonacci) >> shift);
        __builtin_prefetch(reinterpret_cast<const void*>(base + home * sizeof(Slot)));
    }

    /// Adds a device that is not in the index yet; returns it.
    Device& insert(Id id, std::unique_ptr<Device> device)
    {
        if ((size_ + 1) * 4 > slots_.size() * 3) grow(); // load factor <= 3/4
        std::size_t i = home(id);
        while (slots_[i].id != 0) i = (i + 1) & mask();
        slots_[i].id = id;
        slots_[i].device = std::move(device);
        ++size_;
        return *slots_[i].device;
    }

    /// Removes the device with that id; false when there is none.
    bool erase(Id id)
    {
        std::size_t i = home(id);
        for (;; i = (i + 1) & mask()) {
            if (slots_[i].id == id) break;
            if (slots_[i].id == 0) return false;
        }
        slots_[i] = Slot{};
        --size_;
        // Backward-shift deletion: pull later members of the probe run into
        // the hole unless that would put them before their home slot.
        for (std::size_t j = (i + 1) & mask(); slots_[j].id != 0; j = (j + 1) & mask()) {
            const std::size_t k = home(slots_[j].id);
            const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (stays) continue;
            slots_[i] = std::move(slots_[j]);
            slots_[j].id = 0; // the hole moves to j
            i = j;
        }
        return true;
    }

    /// Removes every device `drop(const Device&)` accepts; returns how many.
    template <typename Drop> std::size_t erase_if(Drop&& drop)
    {
        std::vector<Id> gone;
        for (const Slot& s : slots_)
            if (s.id != 0 && drop(*s.device)) gone.push_back(s.id);
        for (const Id id : gone) erase(id);
        return gone.size();
    }

    /// Calls f(id, device) for every device, in slot order.
    template <typename F> void for_each(F&& f) const
    {
        for (const Slot& s : slots_)
            if (s.id != 0) f(s.id, *s.device);
    }

private:
    static constexpr std::size_t kMinCapacity = 64; // a power of two (the tracker keeps 256 indexes)
    static constexpr std::uint64_t kFibonacci = 0x9E3779B97F4A7C15ULL;

    struct Slot {
        Id id = 0;
        std::unique_ptr<Device> device;
    };

    std::size_t mask() const { return slots_.size() - 1; }
    // Fibonacci hashing: consecutive MACs spread over the whole table.
    std::size_t home(Id id) const
    {
        return static_cast<std::size_t>((id * kFibonacci) >> shift_);
    }

    void grow()
    {
        std::vector<Slot> old = std::move(slots_);
        slots_ = std::vector<Slot>(old.size() * 2);
        --shift_;
        for (Slot& s : old)
            if (s.id != 0) {
                std::size_t i = home(s.id);
                while (slots_[i].id != 0) i = (i + 1) & mask();
                slots_[i] = std::move(s);
            }
        publish();
    }

    void publish()
    {
        published_slots_.store(reinterpret_cast<std::uintptr_t>(slots_.data()), std::memory_order_relaxed);
        published_shift_.store(shift_, std::memory_order_relaxed);
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
    unsigned shift_ = 64 - std::countr_zero(kMinCapacity); // 64 - log2(capacity)
    // For prefetch(), read without the tracker's lock.
    std::atomic<std::uintptr_t> published_slots_{0};
    std::atomic<unsigned> published_shift_{64};
};

} // namespace airsight::core

#endif
