#include "host_checks.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace airsight::linuxwifi {

namespace {

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string trim(std::string s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

// The interfaces a wpa_supplicant command line names with -i (as "-i wlan0"
// or "-iwlan0").
std::vector<std::string> supplicant_interfaces(const std::string& cmdline)
{
    std::vector<std::string> args;
    std::string arg;
    std::istringstream in(cmdline);
    while (std::getline(in, arg, '\0')) args.push_back(arg);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-i" && i + 1 < args.size()) out.push_back(args[++i]);
        else if (args[i].size() > 2 && args[i].starts_with("-i")) out.push_back(args[i].substr(2));
    }
    return out;
}

// NetworkManager's own record of the device (/run/NetworkManager/devices/IFINDEX,
// a keyfile with managed=true|false under [device]); nothing known: true.
bool nm_may_manage(const std::string& nm_run, unsigned ifindex)
{
    std::istringstream in(read_file(std::filesystem::path(nm_run) / "devices" / std::to_string(ifindex)));
    std::string line;
    while (std::getline(in, line))
        if (trim(line) == "managed=false") return false;
    return true;
}

} // namespace

std::string capabilities_message(const std::string& interface, const std::string& missing, const std::string& binary)
{
    return "capturing from " + interface + " needs the capabilities CAP_NET_ADMIN and CAP_NET_RAW; this server lacks " +
           missing + ". Run it as root, or grant them once with: sudo setcap cap_net_admin,cap_net_raw+eip " + binary;
}

std::string missing_capabilities_message(const std::string& interface)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    std::string missing;
    if (::syscall(SYS_capget, &header, data) != 0) return {}; // cannot tell: let the kernel's EPERM speak later
    for (const auto& [cap, name] : {std::pair{CAP_NET_ADMIN, "CAP_NET_ADMIN"}, std::pair{CAP_NET_RAW, "CAP_NET_RAW"}}) {
        if ((data[cap / 32].effective & (1u << (cap % 32))) != 0) continue;
        if (!missing.empty()) missing += " and ";
        missing += name;
    }
    if (missing.empty()) return {};
    std::error_code ec;
    std::string binary = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec || binary.empty()) binary = "<path to the airsight binary>";
    return capabilities_message(interface, missing, binary);
}

std::string interface_manager_warning(const std::string& interface, unsigned ifindex, const std::string& proc,
                                      const std::string& nm_run)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(proc, ec)) {
        const std::string pid = entry.path().filename().string();
        if (pid.empty() || !std::isdigit(static_cast<unsigned char>(pid[0]))) continue;
        const std::string comm = trim(read_file(entry.path() / "comm"));
        if (comm == "NetworkManager") {
            if (nm_may_manage(nm_run, ifindex))
                found.push_back("NetworkManager (pid " + pid + ") may manage " + interface +
                                "; tell it to leave the interface alone with: nmcli device set " + interface +
                                " managed no");
        } else if (comm == "wpa_supplicant") {
            const auto names = supplicant_interfaces(read_file(entry.path() / "cmdline"));
            bool ours = names.empty(); // no -i: interfaces come over D-Bus, perhaps this one
            for (const auto& n : names) ours = ours || n == interface;
            if (ours)
                found.push_back("wpa_supplicant (pid " + pid + ") may control " + interface +
                                " and change its channel; stop it or run it for other interfaces only");
        }
    }
    std::string warning;
    for (const auto& f : found) warning += (warning.empty() ? "" : "; ") + f;
    if (!warning.empty()) warning += " (channel hopping and monitor mode may fail or be undone)";
    return warning;
}

} // namespace airsight::linuxwifi
