// Classic libpcap capture files ("tcpdump format", what every tool reads):
// a 24-byte file header, then a 16-byte header per record. Written
// little-endian; readers tell the byte order from the magic number.
#ifndef AIRSIGHT_PHYS_DOT11_PCAP_PCAP_FILE_H
#define AIRSIGHT_PHYS_DOT11_PCAP_PCAP_FILE_H

#include "dissect/cursor.h"

#include <cstdint>
#include <string>

namespace airsight::dot11 {

inline constexpr std::uint32_t pcap_magic = 0xa1b2c3d4; // microsecond timestamps
inline constexpr std::uint32_t pcap_snaplen = 65535;
inline constexpr std::size_t pcap_global_header_size = 24;
inline constexpr std::size_t pcap_record_header_size = 16;

struct PcapRecord {
    std::int64_t ts_sec = 0;
    std::uint32_t ts_usec = 0;
    std::uint32_t original_length = 0; // on-air length; raised to the captured length when smaller
    Bytes data;
};

/// The file (global) header: magic, version 2.4, zone 0, sigfigs 0, snaplen 65535, link type.
std::string pcap_global_header(std::uint32_t linktype);

/// Appends one record. Classic pcap holds 32-bit unsigned seconds: times
/// before 1970 or after 2106 are clamped to that range. Data beyond the
/// snaplen is cut (the original length still says how long it was).
void append_pcap_record(std::string& file, const PcapRecord& record);

} // namespace airsight::dot11

#endif
