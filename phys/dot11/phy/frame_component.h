// Fills the SDK's shared 802.11 component (airsight/ieee80211_component.h)
// from dot11's own dissection, so other plugins (the UAV PHY) read beacons'
// vendor IEs and action frames without parsing the frame again.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_FRAME_COMPONENT_H
#define AIRSIGHT_PHYS_DOT11_PHY_FRAME_COMPONENT_H

#include "phy/dot11_phy.h"

#include <airsight/ieee80211_component.h>

namespace airsight::dot11 {

/// True for the frames the component describes: dissected beacons, probe
/// responses and action frames (any other frame gets no component).
bool shares_frame(const Dissection& d);

/// Copies `d`'s views into `out` (call only when shares_frame(d)).
void fill_frame_component(const Dissection& d, Ieee80211Frame& out);

} // namespace airsight::dot11

#endif
