// GET /phy/phy80211/by-key/[KEY]/pcap/[KEY]-handshake.pcap over real HTTP.
// Real handshakes (capture_wds-01.cap, wpa2-psk-linksys.cap) are replayed
// through the pcapfile source; the served pcap must hold exactly the EAPOL
// frames tshark finds for that BSSID in the original, byte for byte and in
// order, after the AP's last beacon; dot11.eapol.packet must carry the same
// bytes. The error answers and the empty file use the sim source (no shared
// captures needed).
#include "captures.h"
#include "command_output.h"
#include "rest_helpers.h"
#include "server_process.h"
#include "text_fields.h"

#include "json/json_parser.h"

#include <airsight/hex.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

using airsight::Value;
using namespace airsight::test;

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }

constexpr std::uint32_t kDot11 = 105;
const std::string kPcapType = "application/vnd.tcpdump.pcap";

std::string pcap_uri(const std::string& key) { return "/phy/phy80211/by-key/" + key + "/pcap/" + key + "-handshake.pcap"; }

// --- classic pcap, read strictly (little-endian, as both the captures and airsight write it)

struct PcapRecord {
    std::uint32_t ts_sec = 0, ts_usec = 0, original_length = 0;
    std::string data;
};
struct PcapFile {
    std::uint32_t magic = 0, version_major = 0, version_minor = 0, snaplen = 0, linktype = 0;
    std::vector<PcapRecord> records;
};

std::uint32_t le32(const std::string& s, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    return v;
}

PcapFile parse_pcap(const std::string& bytes)
{
    PcapFile f;
    REQUIRE(bytes.size() >= 24);
    f.magic = le32(bytes, 0);
    f.version_major = le32(bytes, 4) & 0xffff;
    f.version_minor = le32(bytes, 4) >> 16;
    f.snaplen = le32(bytes, 16);
    f.linktype = le32(bytes, 20);
    REQUIRE(f.magic == 0xa1b2c3d4);
    for (std::size_t at = 24; at < bytes.size();) {
        REQUIRE_MESSAGE(at + 16 <= bytes.size(), "record header cut short at byte " << at);
        PcapRecord r;
        r.ts_sec = le32(bytes, at);
        r.ts_usec = le32(bytes, at + 4);
        const std::uint32_t caplen = le32(bytes, at + 8);
        r.original_length = le32(bytes, at + 12);
        REQUIRE_MESSAGE(at + 16 + caplen <= bytes.size(), "record data cut short at byte " << at);
        r.data = bytes.substr(at + 16, caplen);
        f.records.push_back(std::move(r));
        at += 16 + caplen;
    }
    return f;
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string hex(const std::string& bytes)
{
    return airsight::hex_string({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

// --- tshark, run now (meson runs these cases with --needs=captures,tshark:
// skipped as a whole when tshark is missing, so here it must be there)

bool tshark_or_fail()
{
    if (std::system((tshark_program() + " -v >/dev/null 2>&1").c_str()) == 0) return true;
    FAIL_CHECK("tshark is missing: set TSHARK or install it");
    return false;
}

// `tshark -r file [-Y filter] -T fields -e ...`: one row per frame, split on tabs.
std::vector<std::vector<std::string>> tshark_rows(const fs::path& file, const std::string& filter,
                                                  const std::vector<std::string>& fields)
{
    std::string command = tshark_program() + " -r '" + file.string() + "'";
    if (!filter.empty()) command += " -Y '" + filter + "'";
    command += " -T fields";
    for (const std::string& f : fields) command += " -e " + f;
    command += " 2>/dev/null";
    const std::string out = command_output(command);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> row;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, '\t');) row.push_back(cell);
        row.resize(fields.size());
        rows.push_back(std::move(row));
    }
    return rows;
}

// --- the server

Value wait_until_finished(const ServerProcess& s)
{
    for (int i = 0; i < 1200; ++i) {
        const Value list = json_of(s.get("/datasource/all_sources.json"));
        REQUIRE(list.size() == 1);
        const Value& source = list.at(0);
        REQUIRE_MESSAGE(source.find("kismet.datasource.error")->as_uint() == 0,
                        "source error: " << source.find("kismet.datasource.error_reason")->as_string());
        if (source.find("airsight.datasource.finished")->as_uint() == 1) return source;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the source did not finish: " << s.output());
    return Value();
}

// The device key of the Wi-Fi device with this MAC.
std::string wifi_key(const ServerProcess& s, const std::string& mac)
{
    const Value devices = json_of(s.get("/devices/by-mac/" + mac + "/devices.json"));
    for (std::size_t i = 0; i < devices.size(); ++i)
        if (devices.at(i).find("kismet.device.base.phyname")->as_string() == "IEEE802.11")
            return devices.at(i).find("kismet.device.base.key")->as_string();
    FAIL("no Wi-Fi device " << mac);
    return "";
}

void check_capture(const std::string& name)
{
    INFO("capture " << name);
    const auto path = shared_capture(name);
    if (!path || !tshark_or_fail()) return;

    // The original, as tshark and a strict reader see it.
    const PcapFile original = parse_pcap(read_file(*path));
    REQUIRE(original.linktype == kDot11);
    const auto eapol_rows = tshark_rows(*path, "eapol", {"frame.number", "wlan.bssid"});
    REQUIRE(!eapol_rows.empty());
    const std::string bssid = eapol_rows.front()[1];
    std::vector<const PcapRecord*> eapol;
    for (const auto& row : eapol_rows)
        if (row[1] == bssid) eapol.push_back(&original.records.at(std::stoul(row[0]) - 1));
    const PcapRecord* last_beacon = nullptr;
    for (const auto& row : tshark_rows(*path, "wlan.fc.type_subtype == 8", {"frame.number", "wlan.bssid"}))
        if (row[1] == bssid) last_beacon = &original.records.at(std::stoul(row[0]) - 1);
    REQUIRE(last_beacon);

    ServerProcess server(kLogin, {"-c", path->string() + ":realtime=false"});
    const Value source = wait_until_finished(server);
    const std::string key = wifi_key(server, upper(bssid));

    const HttpResult reply = server.get(pcap_uri(key), auth());
    REQUIRE(reply.status == 200);
    CHECK(reply.content_type == kPcapType);
    const PcapFile served = parse_pcap(reply.body);
    CHECK(served.version_major == 2);
    CHECK(served.version_minor == 4);
    CHECK(served.snaplen == 65535u);
    CHECK(served.linktype == kDot11); // every frame was captured as plain 802.11: kept as captured

    // The last beacon first, then every EAPOL frame of the BSSID, identical and in order.
    REQUIRE(served.records.size() == eapol.size() + 1);
    CHECK(hex(served.records[0].data) == hex(last_beacon->data));
    CHECK(served.records[0].ts_sec == last_beacon->ts_sec);
    for (std::size_t i = 0; i < eapol.size(); ++i) {
        INFO("EAPOL frame " << i + 1);
        const PcapRecord& got = served.records[i + 1];
        CHECK(hex(got.data) == hex(eapol[i]->data));
        CHECK(got.ts_sec == eapol[i]->ts_sec);
        CHECK(got.ts_usec == eapol[i]->ts_usec);
        CHECK(got.original_length == eapol[i]->original_length);
    }

    // tshark reads the served file whole: a beacon of the AP with its SSID, then EAPOL.
    TempDir dir;
    const fs::path file = dir.path() / (key + "-handshake.pcap");
    std::ofstream(file, std::ios::binary) << reply.body;
    const auto rows = tshark_rows(file, "", {"wlan.fc.type_subtype", "wlan.bssid", "wlan.ssid", "eapol.type"});
    REQUIRE(rows.size() == served.records.size());
    CHECK(std::stoi(rows[0][0], nullptr, 0) == 8);
    CHECK(rows[0][1] == bssid);
    CHECK(!rows[0][2].empty());
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i][3] == "3"); // EAPOL-Key

    // dot11.eapol.packet: the same frames, with their time, link type and source.
    const Value device = json_of(server.get("/devices/by-key/" + key + "/device.json"));
    const Value* handshakes = device.find("dot11.device")->find("dot11.device.wpa_handshake_list");
    REQUIRE(handshakes);
    std::vector<const Value*> packets;
    for (const auto& entry : handshakes->entries())
        for (std::size_t i = 0; i < entry.value()->size(); ++i) {
            const Value* packet = entry.value()->at(i).find("dot11.eapol.packet");
            REQUIRE(packet);
            packets.push_back(packet);
        }
    std::sort(packets.begin(), packets.end(), [](const Value* a, const Value* b) {
        const auto t = [](const Value* p) {
            return std::pair(p->find("kismet.packet.ts_sec")->as_uint(), p->find("kismet.packet.ts_usec")->as_uint());
        };
        return t(a) < t(b);
    });
    REQUIRE(packets.size() == eapol.size());
    for (std::size_t i = 0; i < eapol.size(); ++i) {
        INFO("dot11.eapol.packet " << i + 1);
        CHECK(packets[i]->find("kismet.packet.dlt")->as_uint() == kDot11);
        CHECK(packets[i]->find("kismet.packet.source")->as_uint() ==
              source.find("kismet.datasource.source_number")->as_uint());
        CHECK(packets[i]->find("kismet.packet.ts_sec")->as_uint() == eapol[i]->ts_sec);
        CHECK(packets[i]->find("kismet.packet.ts_usec")->as_uint() == eapol[i]->ts_usec);
        CHECK(packets[i]->find("kismet.packet.data")->as_string() == hex(eapol[i]->data));
    }
}

} // namespace

TEST_CASE("handshake pcap of a replayed WDS capture: its 4-way handshake, byte for byte, after a beacon" *
          doctest::test_suite("needs-captures-tshark"))
{
    check_capture("capture_wds-01.cap");
}

TEST_CASE("handshake pcap of a replayed WPA2 capture: three handshakes, byte for byte, after a beacon" *
          doctest::test_suite("needs-captures-tshark"))
{
    check_capture("wpa2-psk-linksys.cap");
}

TEST_CASE("handshake pcap: login required, malformed key, unknown device, and the empty file")
{
    // Access points and no clients: no EAPOL frames anywhere.
    ServerProcess server(kLogin, {"-c", "sim:name=lab,seed=5,aps=2,clients=0,rate=max,frames=400"});
    wait_until_finished(server);
    const Value aps = json_of(post_command(server, "/devices/views/phydot11_accesspoints/devices.json",
                                           R"({"fields": ["kismet.device.base.key"]})"));
    REQUIRE(aps.size() >= 1);
    const std::string key = aps.at(0).find("kismet.device.base.key")->as_string();

    const HttpResult anonymous = server.anonymous("GET", pcap_uri(key));
    CHECK(anonymous.status == 401);
    CHECK(!anonymous.header("www-authenticate").empty());
    CHECK(server.get(pcap_uri(key), {{"Authorization", basic_auth("tester", "wrong")}}).status == 401);

    const HttpResult malformed = server.get(pcap_uri("NOTAKEY"), auth());
    CHECK(malformed.status == 400);
    CHECK(malformed.content_type == "application/json");
    CHECK(json_of(malformed).find("error")->as_string().find("NOTAKEY") != std::string::npos);

    const std::string unknown = "4202770D00000000_990000000002";
    const HttpResult missing = server.get(pcap_uri(unknown), auth());
    CHECK(missing.status == 404);
    CHECK(json_of(missing).find("error")->as_string().find(unknown) != std::string::npos);
    // The same MAC under another PHY's hash is no Wi-Fi device.
    const std::string other_phy = "1234ABCD00000000" + key.substr(key.find('_'));
    CHECK(server.get(pcap_uri(other_phy), auth()).status == 404);
    // Only this AP's own file name is served.
    CHECK(server.get("/phy/phy80211/by-key/" + key + "/pcap/" + unknown + "-handshake.pcap", auth()).status == 404);

    // No EAPOL frames: an empty pcap, the 24-byte header alone (link type 105), no beacon.
    const HttpResult empty = server.get(pcap_uri(key), auth());
    REQUIRE(empty.status == 200);
    CHECK(empty.content_type == kPcapType);
    CHECK(empty.body.size() == 24);
    const PcapFile file = parse_pcap(empty.body);
    CHECK(file.linktype == kDot11);
    CHECK(file.snaplen == 65535u);
    CHECK(file.records.empty());
}
