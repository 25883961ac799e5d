// Robustness: every prefix of real records, and randomly mutated copies, go
// through decap, frame, IE and EAPOL parsing. Under ASan/UBSan any read past
// the record (or undefined behaviour) fails the run.
#include "capture_support.h"
#include "dissect/decap.h"
#include "dissect/frame.h"
#include "dissect/ie.h"
#include "prerequisites.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>

using namespace airsight::dot11;
using namespace airsight::dot11::test;

namespace {

// Exercises everything reachable from one record; returns a value so the work is not optimised away.
std::size_t dissect_everything(int dlt, Bytes record)
{
    const Decapped d = decap(dlt, record);
    if (!d.ok) return d.error.size();
    const Frame f = parse_frame(d.frame, d.extras.header_padded);
    std::size_t sum = f.header_length + f.body.size();
    if (f.ok && !f.mgmt.ies.empty()) {
        const Ies ies = parse_ies(f.mgmt.ies);
        sum += ies.count + ies.ssid.size() + ies.rsn.akms.count + ies.channel() + ies.ht_mode().size();
        sum += static_cast<std::size_t>(ies.kismet_max_rate_mbps());
        if (ies.wps) sum += ies.wps->device_name.size();
    }
    if (f.eapol && f.eapol->key) sum += f.eapol->key->message_number() + f.eapol->key->pmkid.size();
    return sum;
}

} // namespace

// Run by meson with --needs=captures (skipped as a whole without them).
TEST_CASE("robustness: prefixes and mutations of real records never over-read" * doctest::test_suite("needs-captures"))
{
    const std::filesystem::path dir = airsight::test::captures_dir();
    // Small captures covering radiotap (with FCS and extended bitmaps), plain 802.11,
    // WDS, EAPOL handshakes, WPS/HT/VHT IEs and the fuzz regressions.
    const char* files[] = {"test1.pcap", "ieee802.11_exthdr.pcap", "capture_wds-01.cap", "wpa3-psk.pcap",
                           "dji_air3.pcapng", "bad_rsn_parsing_overrides_ssid.pcap", "Chinese-SSID-Name.pcap",
                           "ieee802.11_parse_elements_oobr.pcap", "ieee802.11_meshhdr-oobr.pcap",
                           "radiotap-heapoverflow.pcap", "wpa-psk-linksys.cap"};
    std::mt19937 random(20240611);
    std::size_t records = 0, sum = 0;
    for (const char* name : files) {
        CAPTURE(name);
        std::string error;
        const auto pcap = read_pcap(dir / name, error);
        REQUIRE_MESSAGE(pcap, error);
        std::size_t taken = 0;
        for (const auto& record : pcap->records) {
            if (++taken > 120) break;  // enough variety per file, bounded run time
            ++records;
            for (std::size_t n = 0; n <= record.size(); ++n) {
                // Exact-size heap copies, so ASan sees any read one byte past the end.
                const std::vector<std::uint8_t> prefix(record.begin(), record.begin() + static_cast<long>(n));
                sum += dissect_everything(pcap->dlt, prefix);
            }
            for (int m = 0; m < 24 && !record.empty(); ++m) {
                std::vector<std::uint8_t> mutated = record;
                for (int flips = 0; flips < 3; ++flips)
                    mutated[random() % mutated.size()] = static_cast<std::uint8_t>(random());
                sum += dissect_everything(pcap->dlt, mutated);
            }
        }
    }
    MESSAGE(records << " records dissected at every length and with 24 mutations each");
    CHECK(records > 400);
    CHECK(sum > 0);
}
