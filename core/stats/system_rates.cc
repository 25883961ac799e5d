#include "stats/system_rates.h"

#include <unistd.h>

#include <fstream>

namespace airsight::core {

std::uint64_t resident_kib()
{
    std::ifstream statm("/proc/self/statm"); // sizes in pages
    std::uint64_t size = 0, resident = 0;
    if (!(statm >> size >> resident)) return 0;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

} // namespace airsight::core
