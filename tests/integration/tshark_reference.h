// What tshark reads from an 802.11 capture, reduced to what the captures test
// compares with airsight: the access points (BSSIDs of beacons and probe
// responses) with their SSIDs, encryption and channel, the (BSSID, client)
// pairs of data frames and (re)association requests, and the transmitters
// and receivers of frames. Computed at test
// time from one tshark pass per capture, never pasted.
#ifndef AIRSIGHT_TESTS_INTEGRATION_TSHARK_REFERENCE_H
#define AIRSIGHT_TESTS_INTEGRATION_TSHARK_REFERENCE_H

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace airsight::test {

/// tshark's path (TSHARK, else the first `tshark` on PATH), or nothing.
std::optional<std::filesystem::path> find_tshark();

/// What one AP said about one SSID in one kind of frame.
struct ReferenceSsid {
    std::set<std::string> crypts;    // every encryption summary seen, see encryption_summary()
    std::string last_crypt;          // the summary of the last such frame
    std::string last_channel;        // the channel of the last such frame that names one
};

/// One AP as tshark sees it, over all its beacons and probe responses.
struct ReferenceAp {
    // "beacon <hex>" / "response <hex>": SSID bytes as lower-case hex, "" for a
    // zero-length SSID element; frames without an SSID element add no entry.
    std::map<std::string, ReferenceSsid> ssids;
    std::string last_crypt;            // of its last beacon or probe response
    std::string last_channel;          // DS current channel, else HT primary, else the radio's
    // Kismet's device name rule: each new (kind, SSID) names the device after
    // the SSID, or after its MAC when the SSID is cloaked (empty or all NUL
    // bytes; a frame without an SSID element counts as empty). Hex of that
    // SSID, or "MAC".
    std::string name = "MAC";
    std::set<std::string> named; // the (kind, SSID) keys seen so far
    std::vector<std::uint64_t> frames; // frame numbers that show it
};

/// Evidence for one (BSSID, client) pair.
struct ReferenceLink {
    std::vector<std::uint64_t> frames;
};

struct Reference {
    std::uint64_t frames = 0;                     // frames tshark read
    bool cut_short = false;                       // tshark said the file ends mid-record
    std::string diagnostics;                      // tshark's stderr
    std::map<std::string, ReferenceAp> aps;       // upper-case BSSID
    std::map<std::pair<std::string, std::string>, ReferenceLink> clients; // (BSSID, client), upper-case
    // (client, SSID hex) of probe requests that name an SSID.
    std::map<std::pair<std::string, std::string>, ReferenceLink> probes;
    // Transmitters (TA, else SA) of management and data frames: each should be a device.
    std::map<std::string, ReferenceLink> transmitters;
    // Receivers (RA) and destinations (DA) of management frames and of data
    // frames other than null/QoS-null, unicast and not the frame's own
    // transmitter or source: each should be a device that counted received packets.
    std::map<std::string, ReferenceLink> receivers;
    std::set<std::uint64_t> bad_fcs_frames;       // tshark computed a wrong FCS (wlan.check_checksum)
    std::set<std::uint64_t> malformed_frames;     // tshark flagged _ws.malformed
};

/// The encryption summary both sides are reduced to, from what the frame
/// carries: an RSN IE gives "WPA3" when an AKM is SAE/FT-SAE/OWE/Suite-B-384
/// (8, 9, 18, 12, 13, 24, 25) and "WPA2" otherwise; else a WPA vendor IE gives
/// "WPA"; else the privacy bit gives "WEP"; else "Open".
std::string encryption_summary(bool rsn, const std::vector<unsigned>& rsn_akms, bool wpa_ie, bool privacy);

/// Runs tshark once over `capture`. Throws std::runtime_error when tshark
/// cannot run or reads nothing.
Reference read_reference(const std::filesystem::path& tshark, const std::filesystem::path& capture);

/// "6c9961" -> bytes; airsight's printable SSID ("ab\xB2") -> the same hex as
/// tshark's wlan.ssid. Printable SSIDs escape a non-UTF-8 or control byte as
/// \xNN; a literal backslash followed by "xNN" would read back as that byte,
/// which no capture here has.
std::string printable_ssid_to_hex(const std::string& printable);

/// Hex SSID -> a readable form for messages ("linksys", or "(empty)").
std::string describe_ssid(const std::string& hex);

} // namespace airsight::test

#endif
