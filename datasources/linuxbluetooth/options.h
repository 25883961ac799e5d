// A linuxbluetooth source definition: "hci0" or "hci0:name=foo,type=linuxbluetooth"
// (Kismet's form). The interface names a controller by its kernel index.
#ifndef AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_OPTIONS_H
#define AIRSIGHT_DATASOURCES_LINUXBLUETOOTH_OPTIONS_H

#include <airsight/datasource.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace airsight::linuxbluetooth {

/// The index N of a controller named "hciN" (N decimal, no sign or leading
/// zero, below 0xffff, which means "no controller"), or nothing.
std::optional<std::uint16_t> controller_index(std::string_view interface);

/// The controller a definition names. Throws std::invalid_argument when its
/// interface is no "hciN", type= names another type, or name= is empty.
std::uint16_t parse_definition(const airsight::SourceDefinition& definition);

} // namespace airsight::linuxbluetooth

#endif
