// 802.11 information elements, appended byte-exact to a frame body.
#ifndef AIRSIGHT_DATASOURCES_SIM_ENGINE_IES_H
#define AIRSIGHT_DATASOURCES_SIM_ENGINE_IES_H

#include "bytes.h"
#include "world.h"

#include <cstdint>
#include <string_view>

namespace airsight::sim::ie {

void ssid(ByteSink& out, std::string_view name);              // empty: wildcard / hidden
void supported_rates(ByteSink& out, bool five_ghz);
void extended_rates(ByteSink& out);                           // 2.4 GHz only: 24-54 Mbps
void ds_parameter(ByteSink& out, int channel);
void tim(ByteSink& out, std::uint8_t dtim_count, std::uint8_t dtim_period);
void country(ByteSink& out, bool five_ghz);
void erp(ByteSink& out);
/// RSN element (version 1, CCMP, one AKM). MFP bits and BIP group management
/// cipher for SAE/OWE. Nothing for non-RSN security. A `station`'s element
/// (association request, handshake message 2) says MFP capable even where
/// the network does not require MFP, as current clients do (an AP that does
/// not require it advertises neither bit; Kismet's NOCLIENTMFP flags a
/// client that is not capable).
void rsn(ByteSink& out, Security security, bool station = false);
/// Vendor WPA element (00:50:F2 type 1): TKIP group and pairwise, PSK.
void wpa(ByteSink& out);
void wmm_parameter(ByteSink& out);  // APs
void wmm_info(ByteSink& out);       // clients
void ht_capabilities(ByteSink& out, bool five_ghz);
void ht_operation(ByteSink& out, int channel);
void vht_capabilities(ByteSink& out);
void vht_operation(ByteSink& out, int channel);
/// Wi-Fi Protected Setup; probe responses carry the full device description.
void wps(ByteSink& out, const AccessPoint& ap, bool probe_response);
/// OWE Diffie-Hellman parameter (extension 32), group 19 with a public key from `key`.
void owe_dh(ByteSink& out, std::uint64_t key);

} // namespace airsight::sim::ie

#endif
