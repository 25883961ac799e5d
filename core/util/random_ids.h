// Random identifiers from the system's random source (getrandom on Linux):
// session ids, server and datasource UUIDs.
#ifndef AIRSIGHT_CORE_UTIL_RANDOM_IDS_H
#define AIRSIGHT_CORE_UTIL_RANDOM_IDS_H

#include <cstddef>
#include <string>

namespace airsight::core {

/// 2*bytes lower-case hex characters.
std::string random_hex(std::size_t bytes);
/// A random (version 4) UUID, upper case as Kismet prints them.
std::string random_uuid();

} // namespace airsight::core

#endif
