// The BLE captures in ../shared/captures through the PHY's handlers: every
// record, every truncation of one real frame per file, and mutated copies of
// each file's records made here (never stored), under the sanitizers. What
// the PHY reports is checked against tshark through the real server in
// tests/integration/test_btle_vs_tshark.cc.
#include "phy_harness.h"
#include "prerequisites.h"

#include <doctest/doctest.h>
#include <pcap/pcap.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace airsight;
using namespace airsight::btle;
using namespace airsight::btle::test;

namespace {

struct Records {
    std::uint32_t dlt = 0;
    std::vector<std::vector<std::uint8_t>> records;
};

// Every record of the file, or nothing after failing the test (meson runs
// this suite with --needs=captures: a missing file is a failure here).
std::optional<Records> read_capture(const std::string& name)
{
    const std::filesystem::path path = airsight::test::captures_dir() / name;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_open_offline(path.c_str(), errbuf);
    if (!p) {
        FAIL_CHECK("cannot read " << path << ": " << errbuf);
        return std::nullopt;
    }
    Records out;
    out.dlt = static_cast<std::uint32_t>(pcap_datalink(p));
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(p, &header, &data) == 1) out.records.emplace_back(data, data + header->caplen);
    pcap_close(p);
    return out;
}

struct Expected {
    const char* file;
    std::uint32_t dlt;
    std::size_t records;
};
// Link types and record counts as MANIFEST.tsv lists them.
constexpr Expected kCaptures[] = {
    {"boston-mesh_adv38_2.pcap", 256, 8830},
    {"le_secure_connections.pcapng", 256, 303},
    {"odid_bt5_lr_sample.pcapng", 272, 274},
    {"pairing_and_ltk_exchange.pcap", 192, 713},
};

std::uint64_t total(const BtleCounters& c)
{
    return c.advertising + c.bad_crc + c.malformed + c.other_access_address;
}

} // namespace

TEST_CASE("captures: every record of each BLE capture is tracked, rejected or left for connection data" *
          doctest::test_suite("needs-captures"))
{
    for (const Expected& e : kCaptures) {
        CAPTURE(e.file);
        const auto capture = read_capture(e.file);
        if (!capture) continue;
        CHECK(capture->dlt == e.dlt);
        CHECK(capture->records.size() == e.records);
        Harness h;
        for (const auto& r : capture->records) h.run(r, capture->dlt);
        const BtleCounters& c = h.phy.counters();
        MESSAGE(std::string(e.file) << ": " << c.advertising.load() << " advertising, " << c.bad_crc.load() << " bad CRC, " << c.malformed.load()
                       << " malformed, " << c.other_access_address.load() << " other access address; " << h.devices.size()
                       << " devices");
        // Each record is counted once, in exactly one kind.
        CHECK(total(c) == capture->records.size());
        CHECK(c.advertising > 0);
        CHECK(h.devices.size() > 0);
    }
}

TEST_CASE("captures: every truncation of each file's first advertising record is rejected, never read past" *
          doctest::test_suite("needs-captures"))
{
    for (const Expected& e : kCaptures) {
        CAPTURE(e.file);
        const auto capture = read_capture(e.file);
        if (!capture) continue;
        // The first record the PHY tracks.
        const std::vector<std::uint8_t>* first = nullptr;
        for (const auto& r : capture->records) {
            Harness probe;
            probe.run(r, capture->dlt);
            if (probe.phy.counters().advertising == 1) {
                first = &r;
                break;
            }
        }
        REQUIRE(first);
        Harness h;
        for (std::size_t n = 0; n < first->size(); ++n) {
            CAPTURE(n);
            const std::vector<std::uint8_t> cut(first->begin(), first->begin() + static_cast<std::ptrdiff_t>(n));
            const Packet p = h.run(cut, capture->dlt);
            // Short of the CRC's last byte it is never an advertisement: an
            // error, or (a PPI header cut before its inner link type) not ours.
            CHECK(p.phy_id == 0);
            CHECK((p.error || p.payload_dlt == 0));
        }
        CHECK(h.devices.size() == 0);
        CHECK(h.phy.counters().advertising == 0);
    }
}

TEST_CASE("captures: mutated copies of each file's records never crash and never count twice" *
          doctest::test_suite("needs-captures"))
{
    std::mt19937 rng(20261201); // fixed: a failure reproduces
    for (const Expected& e : kCaptures) {
        CAPTURE(e.file);
        const auto capture = read_capture(e.file);
        if (!capture) continue;
        Harness h;
        std::size_t runs = 0;
        for (std::size_t i = 0; i < capture->records.size(); i += 3) {
            const auto& original = capture->records[i];
            for (int m = 0; m < 4; ++m) {
                std::vector<std::uint8_t> copy = original;
                std::uniform_int_distribution<int> kind(0, 2);
                switch (kind(rng)) {
                case 0: // flip a few bits anywhere, capture header included
                    for (int k = 0; k < 3 && !copy.empty(); ++k)
                        copy[std::uniform_int_distribution<std::size_t>(0, copy.size() - 1)(rng)] ^=
                            static_cast<std::uint8_t>(1u << std::uniform_int_distribution<int>(0, 7)(rng));
                    break;
                case 1: // a random length byte for the PDU or an AD structure
                    if (!copy.empty())
                        copy[std::uniform_int_distribution<std::size_t>(0, copy.size() - 1)(rng)] =
                            static_cast<std::uint8_t>(std::uniform_int_distribution<int>(0, 255)(rng));
                    break;
                default: // cut short
                    copy.resize(std::uniform_int_distribution<std::size_t>(0, copy.size())(rng));
                    break;
                }
                h.run(copy, capture->dlt);
                ++runs;
            }
        }
        CHECK(total(h.phy.counters()) <= runs);
        // Whatever was tracked renders.
        h.devices.visit_devices([](const Device& d) {
            for (const auto& [field, component] : d.components) CHECK(component->to_value().kind() == Value::Kind::Object);
        });
        MESSAGE(std::string(e.file) << ": " << runs << " mutated records, " << h.phy.counters().advertising.load() << " still tracked, "
                       << h.devices.size() << " devices");
    }
}
