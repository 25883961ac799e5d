#include "pcapng_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace airsight::sim {
namespace {

constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceDescription = 0x00000001;
constexpr std::uint32_t kEnhancedPacket = 0x00000006;
constexpr std::size_t kWriteBuffer = 1 << 20; // few, large writes for million-frame captures

std::size_t pad4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// Blocks are assembled in memory in host byte order; the byte-order magic
// tells readers which that is.
class Block {
public:
    explicit Block(std::uint32_t type) { u32(type); u32(0); }
    void u16(std::uint16_t v) { raw(&v, 2); }
    void u32(std::uint32_t v) { raw(&v, 4); }
    void u64(std::uint64_t v) { raw(&v, 8); }
    void raw(const void* p, std::size_t n)
    {
        const auto* b = static_cast<const std::uint8_t*>(p);
        bytes_.insert(bytes_.end(), b, b + n);
    }
    void option(std::uint16_t code, const std::string& value)
    {
        u16(code);
        u16(static_cast<std::uint16_t>(value.size()));
        raw(value.data(), value.size());
        bytes_.resize(pad4(bytes_.size()), 0);
    }
    void end_of_options() { u32(0); }
    const std::vector<std::uint8_t>& finish()
    {
        const auto total = static_cast<std::uint32_t>(bytes_.size() + 4);
        std::memcpy(bytes_.data() + 4, &total, 4);
        u32(total);
        return bytes_;
    }

private:
    std::vector<std::uint8_t> bytes_;
};

} // namespace

PcapngWriter::PcapngWriter(const std::string& path, PcapngOptions options) : path_(path), snaplen_(options.snaplen)
{
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) fail("cannot open");
    start(options);
}

PcapngWriter::PcapngWriter(int fd, const std::string& path, PcapngOptions options)
    : path_(path), snaplen_(options.snaplen)
{
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail("cannot open");
    }
    start(options);
}

void PcapngWriter::start(const PcapngOptions& options)
{
    std::setvbuf(file_, nullptr, _IOFBF, kWriteBuffer);
    try {
        write_headers(options);
    } catch (...) { // the destructor will not run: close here
        std::fclose(file_);
        file_ = nullptr;
        throw;
    }
}

void PcapngWriter::write_headers(const PcapngOptions& options)
{
    Block shb(kSectionHeader);
    shb.u32(0x1A2B3C4D); // byte-order magic
    shb.u16(1);          // version 1.0
    shb.u16(0);
    shb.u64(~std::uint64_t{0}); // section length: not given
    shb.option(4, options.application); // shb_userappl
    shb.end_of_options();
    const auto& s = shb.finish();
    put(s.data(), s.size());

    Block idb(kInterfaceDescription);
    idb.u16(options.linktype);
    idb.u16(0);
    idb.u32(options.snaplen);
    idb.option(2, options.interface_name); // if_name; no if_tsresol: the default is µs
    idb.end_of_options();
    const auto& i = idb.finish();
    put(i.data(), i.size());
}

PcapngWriter::~PcapngWriter()
{
    if (file_) std::fclose(file_);
}

void PcapngWriter::write(std::uint64_t ts_usec, const std::uint8_t* data, std::size_t length)
{
    if (!file_) throw std::logic_error("pcapng: write to closed file " + path_);
    const auto captured = static_cast<std::uint32_t>(length < snaplen_ ? length : snaplen_);
    const std::size_t padded = pad4(captured);
    // Fixed part of an enhanced packet block, written directly: no allocation per packet.
    const std::uint32_t total = static_cast<std::uint32_t>(32 + padded);
    const std::uint32_t header[7] = {kEnhancedPacket, total, 0 /* interface */,
                                     static_cast<std::uint32_t>(ts_usec >> 32), static_cast<std::uint32_t>(ts_usec),
                                     captured, static_cast<std::uint32_t>(length)};
    put(header, sizeof header);
    put(data, captured);
    static constexpr std::uint8_t zeros[3] = {};
    put(zeros, padded - captured);
    put(&total, 4);
    ++packets_;
}

void PcapngWriter::flush()
{
    if (file_ && std::fflush(file_) != 0) fail("cannot write");
}

void PcapngWriter::close()
{
    if (!file_) return;
    std::FILE* f = file_;
    file_ = nullptr;
    const bool flushed = std::fflush(f) == 0;
    const int saved = errno;
    const bool closed = std::fclose(f) == 0;
    if (!flushed) errno = saved;
    if (!flushed || !closed) fail("cannot write");
}

void PcapngWriter::put(const void* data, std::size_t n)
{
    if (n != 0 && std::fwrite(data, 1, n, file_) != n) fail("cannot write");
}

void PcapngWriter::fail(const char* what) const
{
    throw std::runtime_error(std::string("pcapng: ") + what + " " + path_ + ": " + std::strerror(errno));
}

} // namespace airsight::sim
