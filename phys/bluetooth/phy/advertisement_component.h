// Fills the SDK's shared advertisement component (airsight/btle_component.h)
// for one accepted advertisement, whichever PHY read it (a link-layer PDU or
// an HCI report), so other plugins (the UAV PHY) read its advertiser and
// 16-bit service data without parsing BLE.
#ifndef AIRSIGHT_PHYS_BLUETOOTH_PHY_ADVERTISEMENT_COMPONENT_H
#define AIRSIGHT_PHYS_BLUETOOTH_PHY_ADVERTISEMENT_COMPONENT_H

#include "dissect/bytes.h"
#include "dissect/framing.h"

#include <airsight/btle_component.h>

namespace airsight::btle {

struct AdvertisementFacts {
    MacAddr advertiser;
    bool random = false;
    bool extended = false;
    LePhy radio = LePhy::unknown;
    Bytes ad; // the AD structures as sent (the spans handed on point into them)
};

/// Overwrites `out` with `facts`: the advertiser, address type, extended
/// flag, radio, and each well-formed Service Data - 16-bit UUID structure
/// (AD type 0x16) of `facts.ad`, in order; reading stops at a structure
/// that runs past the end, as ad.h's parser does.
void fill_advertisement(const AdvertisementFacts& facts, BtleAdvertisement& out);

BtleRadio radio_of(LePhy phy);

} // namespace airsight::btle

#endif
