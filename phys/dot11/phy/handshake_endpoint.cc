#include "phy/handshake_endpoint.h"

#include "pcap/handshake_pcap.h"
#include "phy/dot11_device.h"
#include "phy/dot11_phy.h"

#include <algorithm>
#include <string_view>

namespace airsight::dot11 {
namespace {

constexpr std::string_view kSuffix = "-handshake.pcap";

// "<KEY>-handshake.pcap" for this key (either case, padded or not), or Kismet's "handshake.pcap".
bool names_key(std::string_view file, const DeviceKey& key)
{
    if (file == kSuffix.substr(1)) return true;
    if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) return false;
    const auto named = DeviceKey::parse(file.substr(0, file.size() - kSuffix.size()));
    return named && *named == key;
}

// What the pcap needs of an AP, copied under the device lock so the file is
// written without holding it.
struct HandshakeCopy {
    KeptFrame ssid_frame;
    std::vector<std::pair<std::uint64_t, KeptFrame>> eapol; // (arrival sequence, frame)
};

Reply serve(DeviceTracker& devices, const Dot11Phy& phy, const Dot11Fields& fields, const Request& r)
{
    const std::string& key_text = r.param("KEY");
    const auto key = DeviceKey::parse(key_text);
    if (!key)
        throw HttpError(400, "'" + key_text + "' is not a device key (two hex numbers, e.g. 4202770D00000000_554433221100)");
    const std::string& file = r.param("FILE");
    if (!r.extension.empty() || !names_key(file, *key))
        throw HttpError(404, "no file '" + file + (r.extension.empty() ? "" : "." + r.extension) +
                                 "' here: the handshake pcap is " + key_text + std::string(kSuffix));
    if (key->phy_hash != kDot11PhyHash)
        throw HttpError(404, "no Wi-Fi device with key " + key_text + " (the key names another PHY)");

    HandshakeCopy copy;
    const bool found = devices.with_device(phy.phy_id(), key->mac, [&](Device& d) {
        const auto* c = d.find_component<Dot11Device>(fields.device);
        if (!c) return;
        if (c->ssid_frame) copy.ssid_frame = *c->ssid_frame;
        for (const auto& [client, records] : c->handshakes)
            for (const EapolRecord& e : records) copy.eapol.emplace_back(e.sequence, e.packet);
    });
    if (!found) throw HttpError(404, "no Wi-Fi device with key " + key_text);

    std::sort(copy.eapol.begin(), copy.eapol.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const KeptFrame*> eapol;
    eapol.reserve(copy.eapol.size());
    for (const auto& [sequence, frame] : copy.eapol) eapol.push_back(&frame);

    Reply reply = Reply::bytes("application/vnd.tcpdump.pcap", handshake_pcap(&copy.ssid_frame, std::move(eapol)));
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + key->str() + std::string(kSuffix) + "\"");
    return reply;
}

} // namespace

Route handshake_pcap_route(DeviceTracker& devices, const Dot11Phy& phy, const Dot11Fields& fields)
{
    return Route{
        .methods = GET,
        .path = "/phy/phy80211/by-key/[KEY]/pcap/[FILE]",
        // The reply is raw pcap bytes; the SDK has no Format bit for binary
        // files, so the route declares JSON (served when no known extension is
        // given, as for "....pcap") and the handler refuses real extensions.
        .formats = JSON,
        .login_required = true,
        .handler = [&devices, &phy, &fields](const Request& r) { return serve(devices, phy, fields, r); },
        .description = "[KEY]-handshake.pcap: pcap (not streamed) of the access point's WPA EAPOL-Key frames in "
                       "time order, after its latest beacon (or probe response); with no EAPOL frames, an empty "
                       "pcap (the 24-byte header only)",
    };
}

} // namespace airsight::dot11
