// airsight SDK: pcapng block encoding.
//
// One encoder for every pcapng the project writes (the sim's captures, the
// "pcapng" log, the live packet streams): it appends blocks to a byte
// string and does no I/O, so each writer keeps its own policy (a FILE*, a
// socket, a buffer). Blocks are in host byte order; the section header's
// byte-order magic tells readers which that is (pcapng allows either).
//
// A file is one section header, then interface description blocks (one per
// capture interface and link type; packets name them by their index, from 0,
// in the order written), then enhanced packet blocks. Times are microseconds
// since the epoch: every interface says if_tsresol = 6.
#ifndef AIRSIGHT_PCAPNG_H
#define AIRSIGHT_PCAPNG_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace airsight::pcapng {

inline constexpr std::uint32_t kSectionHeaderBlock = 0x0A0D0D0A;
inline constexpr std::uint32_t kInterfaceDescriptionBlock = 0x00000001;
inline constexpr std::uint32_t kEnhancedPacketBlock = 0x00000006;
inline constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;

// Option codes (pcapng draft, section 4).
inline constexpr std::uint16_t kOptEnd = 0;
inline constexpr std::uint16_t kShbUserAppl = 4;
inline constexpr std::uint16_t kIfName = 2;
inline constexpr std::uint16_t kIfDescription = 3;
inline constexpr std::uint16_t kIfTsresol = 9;

/// One capture interface, as an interface description block declares it.
struct Interface {
    std::uint32_t linktype = 127;  // LINKTYPE_* of its packets (127 radiotap, 105 802.11, 192 PPI, ...)
    std::uint32_t snaplen = 0;     // longest captured packet; 0: no limit
    std::string_view name;         // if_name ("" leaves the option out)
    std::string_view description;  // if_description ("" leaves the option out)
};

namespace detail {

inline std::size_t pad4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

inline void put(std::string& out, const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
inline void put_u16(std::string& out, std::uint16_t v) { put(out, &v, 2); }
inline void put_u32(std::string& out, std::uint32_t v) { put(out, &v, 4); }
inline void put_u64(std::string& out, std::uint64_t v) { put(out, &v, 8); }
inline void put_padding(std::string& out, std::size_t n) { out.append(pad4(n) - n, '\0'); }

// An option's value is at most 65535 bytes (its length is 16 bits): longer text is cut.
inline void put_option(std::string& out, std::uint16_t code, std::string_view value)
{
    if (value.size() > 0xFFFF) value = value.substr(0, 0xFFFF);
    put_u16(out, code);
    put_u16(out, static_cast<std::uint16_t>(value.size()));
    put(out, value.data(), value.size());
    put_padding(out, value.size());
}

// Writes the block's total length at `start + 4` and at its end.
inline void finish_block(std::string& out, std::size_t start)
{
    const auto total = static_cast<std::uint32_t>(out.size() - start + 4);
    std::memcpy(out.data() + start + 4, &total, 4);
    put_u32(out, total);
}

} // namespace detail

/// Appends a section header block (version 1.0, length unknown), naming the
/// writing application in shb_userappl.
inline void append_section_header(std::string& out, std::string_view application)
{
    const std::size_t start = out.size();
    detail::put_u32(out, kSectionHeaderBlock);
    detail::put_u32(out, 0); // total length, filled in by finish_block
    detail::put_u32(out, kByteOrderMagic);
    detail::put_u16(out, 1); // major
    detail::put_u16(out, 0); // minor
    detail::put_u64(out, ~std::uint64_t{0}); // section length: not given
    if (!application.empty()) detail::put_option(out, kShbUserAppl, application);
    detail::put_u32(out, kOptEnd); // opt_endofopt, length 0
    detail::finish_block(out, start);
}

/// Appends an interface description block: link type, snap length, if_name
/// and if_description when given, and if_tsresol = 6 (microseconds).
inline void append_interface(std::string& out, const Interface& interface)
{
    const std::size_t start = out.size();
    detail::put_u32(out, kInterfaceDescriptionBlock);
    detail::put_u32(out, 0);
    detail::put_u16(out, static_cast<std::uint16_t>(interface.linktype));
    detail::put_u16(out, 0); // reserved
    detail::put_u32(out, interface.snaplen);
    if (!interface.name.empty()) detail::put_option(out, kIfName, interface.name);
    if (!interface.description.empty()) detail::put_option(out, kIfDescription, interface.description);
    const char tsresol = 6;
    detail::put_option(out, kIfTsresol, std::string_view(&tsresol, 1));
    detail::put_u32(out, kOptEnd);
    detail::finish_block(out, start);
}

/// Appends an enhanced packet block for interface `interface_id`: the time
/// in microseconds since the epoch, the captured bytes and the packet's
/// original (on-air) length, which is raised to data.size() when smaller.
inline void append_packet(std::string& out, std::uint32_t interface_id, std::uint64_t ts_usec,
                          std::span<const std::uint8_t> data, std::uint32_t original_length)
{
    const auto captured = static_cast<std::uint32_t>(data.size());
    if (original_length < captured) original_length = captured;
    const std::uint32_t total = static_cast<std::uint32_t>(32 + detail::pad4(data.size()));
    const std::uint32_t header[7] = {kEnhancedPacketBlock,
                                     total,
                                     interface_id,
                                     static_cast<std::uint32_t>(ts_usec >> 32),
                                     static_cast<std::uint32_t>(ts_usec),
                                     captured,
                                     original_length};
    out.reserve(out.size() + total);
    detail::put(out, header, sizeof header);
    detail::put(out, data.data(), data.size());
    detail::put_padding(out, data.size());
    detail::put_u32(out, total);
}

/// Microseconds since the epoch, as append_packet takes them.
inline std::uint64_t usec(std::int64_t sec, std::uint32_t usec_part)
{
    return static_cast<std::uint64_t>(sec) * 1'000'000u + usec_part;
}

} // namespace airsight::pcapng

#endif
