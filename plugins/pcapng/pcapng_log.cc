#include "pcapng_log.h"

#include <airsight/pcapng.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace airsight::pcapng_plugin {
namespace {

constexpr std::size_t kWriteBuffer = 256 * 1024; // few, large writes; flush() pushes them out each second

} // namespace

PcapngLogFile::PcapngLogFile(const LogOpenRequest& request, PcapngLogOptions options)
    : path_(request.path), options_(options)
{
    for (const LoggedSource& s : request.sources) sources_[s.info.number] = s.info;
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot create", errno);
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        const int error = errno;
        ::close(fd);
        fail("cannot open", error);
    }
    std::setvbuf(file_, nullptr, _IOFBF, kWriteBuffer);
    std::string header;
    pcapng::append_section_header(header, "airsight pcapng log " + request.uuid +
                                              (request.title.empty() ? "" : " (" + request.title + ")"));
    try {
        put(header);
    } catch (...) { // the destructor will not run
        std::fclose(file_);
        file_ = nullptr;
        throw;
    }
}

PcapngLogFile::~PcapngLogFile()
{
    if (file_) std::fclose(file_); // close() was not called: errors here have no one to tell
}

void PcapngLogFile::source(const LoggedSource& source) { sources_[source.info.number] = source.info; }

void PcapngLogFile::packet(const LoggedPacket& packet)
{
    if (!file_) throw std::logic_error("pcapng log " + path_ + " is closed");
    if (packet.duplicate && !options_.log_duplicates) return;
    if (packet.kind == PacketKind::data && !options_.log_data) return;
    block_.clear();
    const auto it = sources_.find(packet.source_number);
    const std::uint32_t interface = interfaces_.interface_for(
        packet.source_number, packet.dlt, it == sources_.end() ? nullptr : &it->second, block_);
    pcapng::append_packet(block_, interface, pcapng::usec(packet.ts_sec, packet.ts_usec), packet.data,
                          packet.original_length);
    put(block_);
    ++packets_;
}

void PcapngLogFile::flush()
{
    if (file_ && std::fflush(file_) != 0) fail("cannot write", errno);
}

void PcapngLogFile::close()
{
    if (!file_) return;
    std::FILE* f = file_;
    file_ = nullptr;
    const bool flushed = std::fflush(f) == 0;
    const int flush_error = errno;
    const bool closed = std::fclose(f) == 0;
    if (!flushed) fail("cannot write", flush_error);
    if (!closed) fail("cannot close", errno);
}

void PcapngLogFile::put(const std::string& bytes)
{
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("cannot write", errno);
}

void PcapngLogFile::fail(const char* what, int error) const
{
    throw std::runtime_error(std::string("pcapng log: ") + what + " " + path_ + ": " + std::strerror(error));
}

std::unique_ptr<LogFile> PcapngLogDriver::open(const LogOpenRequest& request)
{
    return std::make_unique<PcapngLogFile>(request, options_);
}

} // namespace airsight::pcapng_plugin
