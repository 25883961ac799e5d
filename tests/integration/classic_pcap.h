// A classic pcap file's records, read and written back, so a test can make
// mutated copies of a real capture at run time.
#ifndef AIRSIGHT_TESTS_INTEGRATION_CLASSIC_PCAP_H
#define AIRSIGHT_TESTS_INTEGRATION_CLASSIC_PCAP_H

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace airsight::test {

struct ClassicPcap {
    std::string header;
    std::vector<std::string> record_headers, records;
};

/// Reads a little-endian classic pcap file (the test fails on a damaged one).
inline ClassicPcap read_classic_pcap(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ClassicPcap f;
    REQUIRE(bytes.size() >= 24);
    f.header = bytes.substr(0, 24);
    std::size_t at = 24;
    while (at + 16 <= bytes.size()) {
        const auto* h = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        const std::size_t incl = h[8] | (h[9] << 8) | (h[10] << 16) | (static_cast<std::size_t>(h[11]) << 24);
        REQUIRE(at + 16 + incl <= bytes.size());
        f.record_headers.push_back(bytes.substr(at, 16));
        f.records.push_back(bytes.substr(at + 16, incl));
        at += 16 + incl;
    }
    return f;
}

/// Writes `f`, each record's captured length set to its size now.
inline void write_classic_pcap(const std::filesystem::path& path, const ClassicPcap& f)
{
    std::ofstream out(path, std::ios::binary);
    out << f.header;
    for (std::size_t i = 0; i < f.records.size(); ++i) {
        std::string h = f.record_headers[i];
        const std::size_t n = f.records[i].size();
        for (int b = 0; b < 4; ++b) h[8 + b] = static_cast<char>((n >> (8 * b)) & 0xff);
        out << h << f.records[i];
    }
}

} // namespace airsight::test

#endif
