// Test support for the real-capture checks: the captures manifest, reading
// records with libpcap, and running tshark for reference values. Where the
// captures and tshark are, and whether they are there at all, is
// tests/unit/prerequisites.h's business (meson runs these suites with --needs).
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_CAPTURE_SUPPORT_H
#define AIRSIGHT_PHYS_DOT11_TESTS_CAPTURE_SUPPORT_H

#include "dissect/cursor.h"

#include <airsight/mac.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace airsight::dot11::test {

struct ManifestEntry {
    std::string file;
    int linktype = 0;  // the number the "linktype" column starts with
};
/// Rows of MANIFEST.tsv, header skipped; empty if the file is missing.
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& captures);

struct PcapRecords {
    int dlt = 0;
    std::vector<std::vector<std::uint8_t>> records;
    std::string stopped_by;  // libpcap's error when the file ended in a damaged record
};
/// Every record libpcap reads from a pcap or pcapng file; nothing if it cannot open it.
std::optional<PcapRecords> read_pcap(const std::filesystem::path& file, std::string& error);

/// `tshark -r file -T fields -e ...` (all occurrences, comma-joined); one row per
/// frame, split on tabs. Nothing if tshark could not be started.
std::optional<std::vector<std::vector<std::string>>> tshark_fields(const std::filesystem::path& file,
                                                                   const std::vector<std::string>& fields);

/// "aa:bb:cc:dd:ee:ff", tshark's form for addresses.
std::string tshark_mac(const MacAddr& mac);

} // namespace airsight::dot11::test

#endif
