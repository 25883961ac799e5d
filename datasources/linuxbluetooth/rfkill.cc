#include "rfkill.h"

#include <filesystem>
#include <fstream>

namespace airsight::linuxbluetooth {

namespace {

bool reads_one(const std::filesystem::path& path)
{
    std::ifstream in(path);
    char c = 0;
    return in.get(c) && c == '1';
}

} // namespace

RfkillState rfkill_state(std::string_view controller, const std::string& sysfs)
{
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::path(sysfs) / std::string(controller);
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.path().filename().string().starts_with("rfkill")) continue;
        if (reads_one(entry.path() / "hard")) return RfkillState::hard_blocked;
        if (reads_one(entry.path() / "soft")) return RfkillState::soft_blocked;
    }
    return RfkillState::unblocked;
}

std::string rfkill_message(std::string_view controller, RfkillState state)
{
    const std::string name(controller);
    switch (state) {
    case RfkillState::soft_blocked:
        return "Bluetooth controller " + name + " is blocked by rfkill; unblock it with: rfkill unblock bluetooth";
    case RfkillState::hard_blocked:
        return "Bluetooth controller " + name +
               " is blocked by a hardware switch (rfkill hard block); turn the radio switch or key on";
    case RfkillState::unblocked: break;
    }
    return "";
}

} // namespace airsight::linuxbluetooth
