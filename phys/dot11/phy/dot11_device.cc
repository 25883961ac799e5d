#include "phy/dot11_device.h"

#include <airsight/hex.h>

namespace airsight::dot11 {

Value Dot11Device::advertised_record(const AdvertisedSsid& a) const
{
    const Dot11Fields& f = *fields_;
    Value v = Value::object();
    v.set(f.adv_ssid, a.ssid);
    v.set(f.adv_ssidlen, a.ssid_length);
    v.set(f.adv_ssid_hash, a.ssid_hash);
    v.set(f.adv_beacon, unsigned{a.beacon});
    v.set(f.adv_probe_response, unsigned{a.probe_response});
    v.set(f.adv_channel, a.channel);
    v.set(f.adv_ht_mode, a.ht_mode);
    v.set(f.adv_ht_center_1, a.ht_center_1);
    v.set(f.adv_ht_center_2, a.ht_center_2);
    v.set(f.adv_channel_width, a.channel_width);
    v.set(f.adv_first_time, a.first_time);
    v.set(f.adv_last_time, a.last_time);
    v.set(f.adv_cloaked, unsigned{a.cloaked});
    v.set(f.adv_crypt_bitfield, a.crypt_bitfield);
    v.set(f.adv_crypt_set, a.crypt_set);
    v.set(f.adv_crypt_string, a.crypt_string);
    v.set(f.adv_maxrate, a.max_rate);
    v.set(f.adv_beaconrate, a.beacon_rate);
    v.set(f.adv_beacons_sec, a.beacon_rate);
    v.set(f.adv_ietag_checksum, a.ietag_checksum);
    v.set(f.adv_mfp_required, unsigned{a.mfp_required});
    v.set(f.adv_mfp_supported, unsigned{a.mfp_supported});
    v.set(f.adv_dot11r_mobility, unsigned{a.dot11r});
    v.set(f.adv_dot11r_mobility_domain_id, unsigned{a.dot11r_domain});
    v.set(f.adv_dot11e_qbss, unsigned{a.qbss});
    v.set(f.adv_dot11e_qbss_stations, unsigned{a.qbss_stations});
    v.set(f.adv_dot11e_channel_utilization, a.channel_utilization);
    if (!a.country.empty()) v.set(f.adv_dot11d_country, a.country);
    if (a.wps) {
        v.set(f.adv_wps_version, unsigned{a.wps_version});
        v.set(f.adv_wps_state, a.wps_state);
        v.set(f.adv_wps_config_methods, unsigned{a.wps_config_methods});
        if (!a.wps_device_name.empty()) v.set(f.adv_wps_device_name, a.wps_device_name);
    }
    return v;
}

Value Dot11Device::probed_record(const ProbedSsid& p) const
{
    const Dot11Fields& f = *fields_;
    Value v = Value::object();
    v.set(f.probe_ssid, p.ssid);
    v.set(f.probe_ssidlen, p.ssid_length);
    v.set(f.probe_bssid, p.bssid.str());
    v.set(f.probe_first_time, p.first_time);
    v.set(f.probe_last_time, p.last_time);
    v.set(f.probe_crypt_bitfield, p.crypt_bitfield);
    v.set(f.probe_crypt_set, p.crypt_set);
    v.set(f.probe_crypt_string, p.crypt_string);
    v.set(f.probe_mfp_required, unsigned{p.mfp_required});
    v.set(f.probe_mfp_supported, unsigned{p.mfp_supported});
    return v;
}

Value Dot11Device::packet_record(const KeptFrame& k) const
{
    const Dot11Fields& f = *fields_;
    Value v = Value::object();
    v.set(f.packet_ts_sec, static_cast<std::uint64_t>(k.ts_sec < 0 ? 0 : k.ts_sec));
    v.set(f.packet_ts_usec, std::uint64_t{k.ts_usec});
    v.set(f.packet_dlt, std::uint64_t{k.dlt});
    v.set(f.packet_source, std::uint64_t{k.source_number});
    v.set(f.packet_data, hex_string(k.captured()));
    return v;
}

Value Dot11Device::member(const Field& field) const
{
    // The scalar members directly; the rest through the whole record.
    const Dot11Fields& f = *fields_;
    const std::pair<const Field*, std::uint64_t> scalars[] = {
        {&f.typeset, typeset},
        {&f.num_client_aps, client_of.size()},
        {&f.num_advertised_ssids, advertised.size()},
        {&f.num_responded_ssids, responded.size()},
        {&f.num_probed_ssids, probed.size()},
        {&f.num_associated_clients, associated_clients.size()},
        {&f.client_disconnects, client_disconnects},
        {&f.client_disconnects_last, client_disconnects_last},
        {&f.bss_timestamp, bss_timestamp},
        {&f.num_fragments, num_fragments},
        {&f.num_retries, num_retries},
        {&f.datasize, datasize},
        {&f.datasize_retry, datasize_retry},
        {&f.last_beacon_timestamp, last_beacon_timestamp},
        {&f.beacon_fingerprint, beacon_fingerprint},
        {&f.probe_fingerprint, probe_fingerprint},
        {&f.response_fingerprint, response_fingerprint},
    };
    for (const auto& [field_ptr, value] : scalars)
        if (field_ptr == &field) return Value(value);
    if (&field == &f.last_bssid) return has_last_bssid ? last_bssid.str() : std::string("00:00:00:00:00:00");
    return DeviceComponent::member(field);
}

Value Dot11Device::to_value() const
{
    const Dot11Fields& f = *fields_;
    Value v = Value::object();
    v.set(f.typeset, typeset);
    v.set(f.num_client_aps, std::uint64_t{client_of.size()});
    v.set(f.num_advertised_ssids, std::uint64_t{advertised.size()});
    v.set(f.num_responded_ssids, std::uint64_t{responded.size()});
    v.set(f.num_probed_ssids, std::uint64_t{probed.size()});
    v.set(f.num_associated_clients, std::uint64_t{associated_clients.size()});
    v.set(f.client_disconnects, client_disconnects);
    v.set(f.client_disconnects_last, client_disconnects_last);
    v.set(f.bss_timestamp, bss_timestamp);
    v.set(f.num_fragments, num_fragments);
    v.set(f.num_retries, num_retries);
    v.set(f.datasize, datasize);
    v.set(f.datasize_retry, datasize_retry);
    v.set(f.last_beacon_timestamp, last_beacon_timestamp);
    v.set(f.beacon_fingerprint, beacon_fingerprint);
    v.set(f.probe_fingerprint, probe_fingerprint);
    v.set(f.response_fingerprint, response_fingerprint);
    v.set(f.last_bssid, has_last_bssid ? last_bssid.str() : std::string("00:00:00:00:00:00"));
    if (!advertised.empty()) {
        Value list = Value::array();
        for (const AdvertisedSsid& a : advertised) list.push(advertised_record(a));
        v.set(f.advertised_ssid_map, std::move(list));
        if (last_beaconed >= 0) v.set(f.last_beaconed_ssid_record, advertised_record(advertised[last_beaconed]));
    }
    if (!responded.empty()) {
        Value list = Value::array();
        for (const AdvertisedSsid& a : responded) list.push(advertised_record(a));
        v.set(f.responded_ssid_map, std::move(list));
    }
    if (!associated_clients.empty()) {
        Value m = Value::map();
        associated_clients.for_each([&](const MacAddr& mac) { m.append(mac.str(), dot11_device_key(mac)); });
        v.set(f.associated_client_map, std::move(m));
    }
    if (!handshakes.empty()) {
        Value m = Value::map();
        for (const auto& [mac, records] : handshakes) {
            Value list = Value::array();
            for (const EapolRecord& e : records) {
                Value r = Value::object();
                r.set(f.eapol_timestamp, e.timestamp);
                r.set(f.eapol_direction, unsigned{e.direction});
                r.set(f.eapol_message_num, unsigned{e.message_num});
                r.set(f.eapol_replay_counter, e.replay_counter);
                r.set(f.eapol_install, unsigned{e.install});
                r.set(f.eapol_nonce, e.nonce);
                r.set(f.eapol_rsn_pmkid, e.pmkid);
                if (!e.packet.empty()) r.set(f.eapol_packet, packet_record(e.packet));
                list.push(std::move(r));
            }
            m.append(mac.str(), std::move(list));
        }
        v.set(f.wpa_handshake_list, std::move(m));
    }
    if (!probed.empty()) {
        Value list = Value::array();
        for (const ProbedSsid& p : probed) list.push(probed_record(p));
        v.set(f.probed_ssid_map, std::move(list));
        if (last_probed >= 0) v.set(f.last_probed_ssid_record, probed_record(probed[last_probed]));
    }
    if (!client_of.empty()) {
        Value m = Value::map();
        for (const ClientRecord& c : client_of) {
            Value r = Value::object();
            r.set(f.client_bssid, c.bssid.str());
            r.set(f.client_bssid_key, dot11_device_key(c.bssid));
            r.set(f.client_first_time, c.first_time);
            r.set(f.client_last_time, c.last_time);
            r.set(f.client_type, 0u);
            r.set(f.client_decrypted, 0u);
            r.set(f.client_datasize, c.datasize);
            r.set(f.client_datasize_retry, c.datasize_retry);
            r.set(f.client_num_fragments, c.num_fragments);
            r.set(f.client_num_retries, c.num_retries);
            m.append(c.bssid.str(), std::move(r));
        }
        v.set(f.client_map, std::move(m));
    }
    return v;
}

} // namespace airsight::dot11
