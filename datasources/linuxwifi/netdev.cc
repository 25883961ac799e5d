#include "netdev.h"

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace airsight::linuxwifi {

namespace {

// An AF_INET datagram socket, only for interface ioctls.
class IoctlSocket {
public:
    IoctlSocket() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        if (fd_ < 0) throw std::runtime_error(std::string("cannot open a socket for interface control: ") + std::strerror(errno));
    }
    ~IoctlSocket() { ::close(fd_); }
    IoctlSocket(const IoctlSocket&) = delete;
    IoctlSocket& operator=(const IoctlSocket&) = delete;
    int fd() const { return fd_; }

private:
    int fd_;
};

ifreq request_for(const std::string& name)
{
    if (name.empty() || name.size() >= IFNAMSIZ) throw std::runtime_error("'" + name + "' is not a valid interface name");
    ifreq r{};
    std::memcpy(r.ifr_name, name.c_str(), name.size());
    return r;
}

} // namespace

bool interface_exists(const std::string& name) { return !name.empty() && ::if_nametoindex(name.c_str()) != 0; }

bool interface_up(const std::string& name)
{
    IoctlSocket s;
    ifreq r = request_for(name);
    if (::ioctl(s.fd(), SIOCGIFFLAGS, &r) < 0)
        throw std::runtime_error("cannot read the flags of interface " + name + ": " + std::strerror(errno));
    return (r.ifr_flags & IFF_UP) != 0;
}

void set_interface_up(const std::string& name, bool up)
{
    IoctlSocket s;
    ifreq r = request_for(name);
    if (::ioctl(s.fd(), SIOCGIFFLAGS, &r) < 0)
        throw std::runtime_error("cannot read the flags of interface " + name + ": " + std::strerror(errno));
    if (((r.ifr_flags & IFF_UP) != 0) == up) return;
    r.ifr_flags = static_cast<short>(up ? (r.ifr_flags | IFF_UP) : (r.ifr_flags & ~IFF_UP));
    if (::ioctl(s.fd(), SIOCSIFFLAGS, &r) < 0) {
        const int err = errno;
        std::string reason = std::strerror(err);
        if (err == EPERM || err == EACCES) reason += " (needs CAP_NET_ADMIN)";
        if (err == ERFKILL) reason += " (the radio is blocked: see 'rfkill list')";
        throw std::runtime_error("cannot bring interface " + name + (up ? " up: " : " down: ") + reason);
    }
}

std::string driver_of(const std::string& name, const std::string& sysfs_root)
{
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(std::filesystem::path(sysfs_root) / name / "device" / "driver", ec);
    if (ec || target.filename().empty()) return "unknown";
    return target.filename().string();
}

} // namespace airsight::linuxwifi
