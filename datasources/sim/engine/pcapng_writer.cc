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
    linktypes_.push_back(options.linktype);
    linktypes_.insert(linktypes_.end(), options.more_linktypes.begin(), options.more_linktypes.end());
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) fail("cannot open");
    start(options);
}

PcapngWriter::PcapngWriter(int fd, const std::string& path, PcapngOptions options)
    : path_(path), snaplen_(options.snaplen)
{
    linktypes_.push_back(options.linktype);
    linktypes_.insert(linktypes_.end(), options.more_linktypes.begin(), options.more_linktypes.end());
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
    for (std::uint16_t linktype : options.more_linktypes)
        pcapng::append_interface(blocks, {.linktype = linktype, .snaplen = options.snaplen,
                                          .name = options.interface_name + "-" + std::to_string(linktype),
                                          .description = {}});
    put(blocks.data(), blocks.size());
}

PcapngWriter::~PcapngWriter()
{
    if (file_) std::fclose(file_);
}

void PcapngWriter::write(std::uint64_t ts_usec, const std::uint8_t* data, std::size_t length)
{
    write(ts_usec, linktypes_.front(), data, length);
}

void PcapngWriter::write(std::uint64_t ts_usec, std::uint32_t linktype, const std::uint8_t* data, std::size_t length)
{
    if (!file_) throw std::logic_error("pcapng: write to closed file " + path_);
    std::uint32_t interface = 0;
    while (interface < linktypes_.size() && linktypes_[interface] != linktype) ++interface;
    if (interface == linktypes_.size())
        throw std::invalid_argument("pcapng: " + path_ + " has no interface of link type " + std::to_string(linktype));
    const std::size_t captured = length < snaplen_ ? length : snaplen_;
    block_.clear(); // reused: no allocation per packet after the first
    pcapng::append_packet(block_, interface, ts_usec, {data, captured}, static_cast<std::uint32_t>(length));
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
