#include "pcap/pcap_file.h"

#include <algorithm>
#include <limits>

namespace airsight::dot11 {
namespace {

void put_le16(std::string& out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}

void put_le32(std::string& out, std::uint32_t v)
{
    put_le16(out, static_cast<std::uint16_t>(v & 0xffff));
    put_le16(out, static_cast<std::uint16_t>(v >> 16));
}

} // namespace

std::string pcap_global_header(std::uint32_t linktype)
{
    std::string out;
    out.reserve(pcap_global_header_size);
    put_le32(out, pcap_magic);
    put_le16(out, 2); // version 2.4
    put_le16(out, 4);
    put_le32(out, 0); // thiszone
    put_le32(out, 0); // sigfigs
    put_le32(out, pcap_snaplen);
    put_le32(out, linktype);
    return out;
}

void append_pcap_record(std::string& file, const PcapRecord& r)
{
    constexpr std::int64_t max_sec = std::numeric_limits<std::uint32_t>::max();
    const auto sec = static_cast<std::uint32_t>(std::clamp<std::int64_t>(r.ts_sec, 0, max_sec));
    const auto usec = std::min<std::uint32_t>(r.ts_usec, 999999);
    const auto caplen = static_cast<std::uint32_t>(std::min<std::size_t>(r.data.size(), pcap_snaplen));
    put_le32(file, sec);
    put_le32(file, usec);
    put_le32(file, caplen);
    put_le32(file, std::max(r.original_length, caplen));
    file.append(reinterpret_cast<const char*>(r.data.data()), caplen);
}

} // namespace airsight::dot11
