// Portable pseudo-random numbers for the simulated world.
// std:: distributions differ between standard libraries, so the world would not
// be byte-identical everywhere; these generators are fully specified here.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_PRNG_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_PRNG_H

#include <cstddef>
#include <cstdint>

namespace airsight::sim {

/// One step of splitmix64: a good 64-bit mixer, also used to key stateless randomness.
constexpr std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A hash of two numbers, for randomness that must not depend on the order
/// things are generated in (nonces, payloads, signal jitter).
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t s = a ^ (b * 0xd1342543de82ef95ULL);
    splitmix64(s);
    return splitmix64(s);
}

/// xoshiro256**: the world's sequential generator.
class Prng {
public:
    explicit Prng(std::uint64_t seed)
    {
        for (auto& word : s_) word = splitmix64(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Uniform in [0, n); n > 0. The modulo bias is negligible for the small n used here.
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    /// Uniform in [lo, hi] (inclusive).
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
    /// True with probability percent/100.
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

/// Fills `n` bytes at `out` with bytes derived from `key` alone.
inline void fill_from_key(std::uint64_t key, std::uint8_t* out, std::size_t n)
{
    std::uint64_t state = key;
    for (std::size_t i = 0; i < n; i += 8) {
        std::uint64_t word = splitmix64(state);
        for (std::size_t j = 0; j < 8 && i + j < n; ++j) out[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
    }
}

} // namespace airsight::sim

#endif
