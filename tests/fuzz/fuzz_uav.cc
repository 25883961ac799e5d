// libFuzzer target: the UAV decoders on any bytes, as a Remote ID message or
// pack, as a Wi-Fi Remote ID payload (counter and pack), as a DJI DroneID
// vendor IE payload, as a NAN public action body, and as BLE service data
// 0xFFFA in an advertisement.
#include "decode/dji_droneid.h"
#include "decode/remote_id.h"
#include "phy/uav_sighting.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace airsight::uav;
    const Bytes bytes(data, size);
    (void)decode_remote_id(bytes);
    (void)decode_remote_id_counted(bytes);
    (void)decode_dji_droneid(bytes);
    unsigned truncated = 0;
    if (const auto info = nan_remote_id_service_info(bytes, truncated)) (void)decode_remote_id_counted(*info);
    airsight::BtleAdvertisement advertisement;
    advertisement.extended = size % 2 == 1;
    advertisement.add_service_data(kAstmServiceUuid, bytes);
    (void)read_advertisement(advertisement);
    return 0;
}
