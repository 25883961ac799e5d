// pcapng layout read back block by block, and errors that say what went wrong.
#include "engine/pcapng_writer.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

using namespace airsight::sim;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint32_t u32(const std::vector<std::uint8_t>& b, std::size_t at)
{
    std::uint32_t v;
    std::memcpy(&v, &b.at(at), 4);
    return v;
}

fs::path temp_file(const char* name) { return fs::temp_directory_path() / (std::to_string(::getpid()) + "-" + name); }

} // namespace

TEST_CASE("section header, one radiotap interface, enhanced packet blocks")
{
    const fs::path path = temp_file("writer.pcapng");
    const std::vector<std::uint8_t> a{1, 2, 3, 4, 5}, b(64, 0xAB);
    {
        PcapngWriter w(path.string());
        w.write(0x0000000100000002ULL, a.data(), a.size());
        w.write(1'700'000'000'123'456ULL, b.data(), b.size());
        CHECK(w.packets() == 2);
        w.close();
        CHECK_NOTHROW(w.close()); // idempotent
        CHECK_THROWS_AS(w.write(0, a.data(), a.size()), std::logic_error);
    }
    const auto bytes = slurp(path);
    fs::remove(path);

    REQUIRE(bytes.size() > 28);
    CHECK(u32(bytes, 0) == 0x0A0D0D0A);
    CHECK(u32(bytes, 8) == 0x1A2B3C4D);
    const std::uint32_t shb_len = u32(bytes, 4);
    CHECK(shb_len % 4 == 0);
    CHECK(u32(bytes, shb_len - 4) == shb_len); // trailing length repeats the leading one

    const std::size_t idb = shb_len;
    CHECK(u32(bytes, idb) == 1);
    const std::uint32_t idb_len = u32(bytes, idb + 4);
    CHECK((u32(bytes, idb + 8) & 0xFFFF) == 127); // LINKTYPE_IEEE802_11_RADIOTAP
    CHECK(u32(bytes, idb + 12) == 65535);
    CHECK(u32(bytes, idb + idb_len - 4) == idb_len);

    std::size_t epb = idb + idb_len;
    CHECK(u32(bytes, epb) == 6);
    CHECK(u32(bytes, epb + 4) == 32 + 8); // 5 bytes padded to 8
    CHECK(u32(bytes, epb + 8) == 0);      // interface
    CHECK(u32(bytes, epb + 12) == 1);     // timestamp high
    CHECK(u32(bytes, epb + 16) == 2);     // timestamp low
    CHECK(u32(bytes, epb + 20) == 5);     // captured
    CHECK(u32(bytes, epb + 24) == 5);     // original
    CHECK(bytes.at(epb + 28) == 1);
    CHECK(bytes.at(epb + 33) == 0);       // padding
    CHECK(u32(bytes, epb + 36) == 40);

    epb += 40;
    const std::uint64_t ts = std::uint64_t{u32(bytes, epb + 12)} << 32 | u32(bytes, epb + 16);
    CHECK(ts == 1'700'000'000'123'456ULL);
    CHECK(u32(bytes, epb + 20) == 64);
    CHECK(epb + 32 + 64 == bytes.size());
}

TEST_CASE("packets longer than the snaplen are truncated but keep their length")
{
    const fs::path path = temp_file("snap.pcapng");
    const std::vector<std::uint8_t> big(100, 7);
    {
        PcapngWriter w(path.string(), {.snaplen = 10});
        w.write(0, big.data(), big.size());
    }
    const auto bytes = slurp(path);
    fs::remove(path);
    const std::size_t epb = u32(bytes, 4) + u32(bytes, u32(bytes, 4) + 4);
    CHECK(u32(bytes, epb + 20) == 10);
    CHECK(u32(bytes, epb + 24) == 100);
}

TEST_CASE("a file that cannot be created names the path and the reason")
{
    const std::string path = "/nonexistent-dir/for/sure/out.pcapng";
    try {
        PcapngWriter w(path);
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find(path) != std::string::npos);
        CHECK(what.find(std::strerror(ENOENT)) != std::string::npos);
    }
}

TEST_CASE("writing to a full device fails on close")
{
    if (!fs::exists("/dev/full")) return;
    PcapngWriter w("/dev/full");
    const std::vector<std::uint8_t> frame(1000, 1);
    CHECK_THROWS_WITH_AS(
        [&] {
            for (int i = 0; i < 2000; ++i) w.write(0, frame.data(), frame.size());
            w.close();
        }(),
        doctest::Contains(std::strerror(ENOSPC)), std::runtime_error);
}
