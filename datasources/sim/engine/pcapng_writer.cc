#include "pcapng_writer.h"

#include <airsight/pcapng.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace airsight::sim {
namespace {

constexpr std::size_t kWriteBuffer = 1 << 20; // few, large writes for million-frame captures

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
    std::string blocks;
    pcapng::append_section_header(blocks, options.application);
    pcapng::append_interface(blocks, {.linktype = options.linktype, .snaplen = options.snaplen,
                                      .name = options.interface_name, .description = {}});
    put(blocks.data(), blocks.size());
}

PcapngWriter::~PcapngWriter()
{
    if (file_) std::fclose(file_);
}

void PcapngWriter::write(std::uint64_t ts_usec, const std::uint8_t* data, std::size_t length)
{
    if (!file_) throw std::logic_error("pcapng: write to closed file " + path_);
    const std::size_t captured = length < snaplen_ ? length : snaplen_;
    block_.clear(); // reused: no allocation per packet after the first
    pcapng::append_packet(block_, 0, ts_usec, {data, captured}, static_cast<std::uint32_t>(length));
    put(block_.data(), block_.size());
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
