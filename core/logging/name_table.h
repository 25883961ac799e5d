// Names that many packets share, by number: a source's UUID by its source
// number, a PHY's name by its id. The packet path looks them up for every
// logged packet, so a number below kFast is one atomic load, no lock; the
// strings live as long as the table, so queued packets may point at them
// (a source's UUID outlives the source).
#ifndef AIRSIGHT_CORE_LOGGING_NAME_TABLE_H
#define AIRSIGHT_CORE_LOGGING_NAME_TABLE_H

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace airsight::core {

class NameTable {
public:
    static constexpr std::uint32_t kFast = 256;

    /// The name of `number`, asking `lookup(number)` the first time. An
    /// empty answer is not kept (a source not known yet may be added later).
    template <typename Lookup> std::string_view get(std::uint32_t number, Lookup&& lookup)
    {
        if (number < kFast)
            if (const std::string* known = fast_[number].load(std::memory_order_acquire)) return *known;
        std::lock_guard lock(mutex_);
        if (auto it = names_.find(number); it != names_.end()) return *it->second;
        std::string name = lookup(number);
        if (name.empty()) return {};
        const std::string* kept = names_.emplace(number, std::make_unique<const std::string>(std::move(name)))
                                      .first->second.get();
        if (number < kFast) fast_[number].store(kept, std::memory_order_release);
        return *kept;
    }

private:
    std::array<std::atomic<const std::string*>, kFast> fast_{};
    std::mutex mutex_;
    std::map<std::uint32_t, std::unique_ptr<const std::string>> names_; // owns every name
};

} // namespace airsight::core

#endif
