// The dot11.* fields, with Kismet's names, types and descriptions, registered
// once when the plugin is created.
#ifndef AIRSIGHT_PHYS_DOT11_PHY_DOT11_FIELDS_H
#define AIRSIGHT_PHYS_DOT11_PHY_DOT11_FIELDS_H

#include <airsight/field.h>

namespace airsight::dot11 {

struct Dot11Fields {
    explicit Dot11Fields(FieldRegistry& r);

    const Field& device; // dot11.device, the component of every Wi-Fi device

    // dot11.device.*
    const Field& typeset;
    const Field& num_client_aps;
    const Field& num_advertised_ssids;
    const Field& num_responded_ssids;
    const Field& num_probed_ssids;
    const Field& num_associated_clients;
    const Field& client_disconnects;
    const Field& client_disconnects_last;
    const Field& bss_timestamp;
    const Field& num_fragments;
    const Field& num_retries;
    const Field& datasize;
    const Field& datasize_retry;
    const Field& last_beacon_timestamp;
    const Field& beacon_fingerprint;
    const Field& probe_fingerprint;
    const Field& response_fingerprint;
    const Field& last_bssid;
    const Field& advertised_ssid_map;
    const Field& last_beaconed_ssid_record;
    const Field& responded_ssid_map;
    const Field& associated_client_map;
    const Field& wpa_handshake_list;
    const Field& probed_ssid_map;
    const Field& last_probed_ssid_record;
    const Field& client_map;

    // dot11.advertisedssid.*
    const Field& adv_ssid;
    const Field& adv_ssidlen;
    const Field& adv_ssid_hash;
    const Field& adv_beacon;
    const Field& adv_probe_response;
    const Field& adv_channel;
    const Field& adv_ht_mode;
    const Field& adv_ht_center_1;
    const Field& adv_ht_center_2;
    const Field& adv_channel_width;
    const Field& adv_first_time;
    const Field& adv_last_time;
    const Field& adv_cloaked;
    const Field& adv_crypt_bitfield;
    const Field& adv_crypt_set;
    const Field& adv_crypt_string;
    const Field& adv_maxrate;
    const Field& adv_beaconrate;
    const Field& adv_beacons_sec;
    const Field& adv_ietag_checksum;
    const Field& adv_mfp_required;
    const Field& adv_mfp_supported;
    const Field& adv_dot11r_mobility;
    const Field& adv_dot11r_mobility_domain_id;
    const Field& adv_dot11e_qbss;
    const Field& adv_dot11e_qbss_stations;
    const Field& adv_dot11e_channel_utilization;
    const Field& adv_dot11d_country;
    const Field& adv_wps_version;
    const Field& adv_wps_state;
    const Field& adv_wps_config_methods;
    const Field& adv_wps_device_name;

    // dot11.probedssid.*
    const Field& probe_ssid;
    const Field& probe_ssidlen;
    const Field& probe_bssid;
    const Field& probe_first_time;
    const Field& probe_last_time;
    const Field& probe_crypt_bitfield;
    const Field& probe_crypt_set;
    const Field& probe_crypt_string;
    const Field& probe_mfp_required;
    const Field& probe_mfp_supported;

    // dot11.client.*
    const Field& client_bssid;
    const Field& client_bssid_key;
    const Field& client_first_time;
    const Field& client_last_time;
    const Field& client_type;
    const Field& client_decrypted;
    const Field& client_datasize;
    const Field& client_datasize_retry;
    const Field& client_num_fragments;
    const Field& client_num_retries;

    // dot11.eapol.*
    const Field& eapol_timestamp;
    const Field& eapol_direction;
    const Field& eapol_message_num;
    const Field& eapol_replay_counter;
    const Field& eapol_install;
    const Field& eapol_nonce;
    const Field& eapol_rsn_pmkid;
    const Field& eapol_packet;

    // kismet.packet.*: a captured frame (dot11.eapol.packet)
    const Field& packet_ts_sec;
    const Field& packet_ts_usec;
    const Field& packet_dlt;
    const Field& packet_source;
    const Field& packet_data;
};

} // namespace airsight::dot11

#endif
