#include "decap.h"

#include "ppi.h"
#include "radiotap.h"

#include <string>

namespace airsight::dot11 {

Decapped decap(int dlt, Bytes record)
{
    switch (dlt) {
    case dlt_ieee802_11: {
        Decapped out;
        out.frame = record;
        out.ok = true;
        return out;
    }
    case dlt_radiotap: return parse_radiotap(record);
    case dlt_ppi: return parse_ppi(record);
    default: {
        Decapped out;
        out.not_80211 = true;
        out.error = "DLT " + std::to_string(dlt) + " is not an 802.11 link type";
        return out;
    }
    }
}

} // namespace airsight::dot11
