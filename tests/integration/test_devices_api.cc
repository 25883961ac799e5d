// The device endpoints over real HTTP, on devices the sim source creates
// (deterministic, no shared captures needed): summaries with fields, regex,
// wrapper and table mode; by-key, sub-paths, by-mac, multimac, by-phy, views,
// clients-of, last-time, set_name and set_tag; and their errors.
#include "rest_helpers.h"
#include "server_process.h"

#include "json/json_parser.h"

#include <doctest/doctest.h>

#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

using airsight::Value;
using airsight::core::parse_json;
using namespace airsight::test;

namespace {

std::map<std::string, std::string> auth() { return {{"Authorization", basic_auth("tester", "pw")}}; }



HttpResult post(const ServerProcess& s, const std::string& uri, const std::string& json, bool login = false)
{
    return post_command(s, uri, json, login ? auth() : std::map<std::string, std::string>{});
}

// A server whose sim source has finished: 6 APs, 20 clients, 30,000 frames.
struct SimServer {
    ServerProcess server{{"httpd_username=tester", "httpd_password=pw"},
                         {"-c", "sim:name=lab,seed=3,aps=6,clients=20,rate=max,frames=30000"}};
    SimServer()
    {
        for (int i = 0; i < 600; ++i) {
            const Value list = parse_json(server.get("/datasource/all_sources.json").body);
            if (list.size() == 1 && list.at(0).find("airsight.datasource.finished")->as_uint() == 1) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL("the sim source did not finish");
    }
};

const char* kFields = R"(["kismet.device.base.key", "kismet.device.base.macaddr", "kismet.device.base.type",
    ["kismet.device.base.name", "name"], "dot11.device/dot11.device.num_associated_clients"])";

} // namespace

TEST_CASE("device summaries: fields, regex, wrapper, ekjson and the web UI's table mode")
{
    SimServer sim;
    const ServerProcess& s = sim.server;

    const Value all = json_of(post(s, "/devices/summary/devices.json", std::string("{\"fields\": ") + kFields + "}"));
    REQUIRE(all.size() >= 26); // 6 APs + 20 clients, at least
    std::size_t aps = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Value& d = all.at(i);
        CHECK(d.size() == 5);
        CHECK(d.find("kismet.device.base.key")->as_string().rfind("4202770D00000000_", 0) == 0);
        if (d.find("kismet.device.base.type")->as_string() == "Wi-Fi AP") ++aps;
    }
    CHECK(aps >= 6);

    // regex on a nested multifield: the APs whose advertised SSIDs match.
    const Value open = json_of(post(s, "/devices/summary/devices.json",
                                    R"({"fields": ["kismet.device.base.macaddr"], "regex": [["dot11.device/dot11.device.advertised_ssid_map/dot11.advertisedssid.ssid", ".+"]]})"));
    CHECK(open.size() >= 5);
    CHECK(open.size() < all.size());

    const Value wrapped = json_of(post(s, "/devices/summary/devices.json", R"({"fields": ["kismet.device.base.macaddr"], "wrapper": "aaData"})"));
    REQUIRE(wrapped.find("aaData"));
    CHECK(wrapped.find("aaData")->size() == all.size());

    const HttpResult ek = post(s, "/devices/summary/devices.ekjson", std::string("{\"fields\": ") + kFields + "}");
    std::istringstream lines(ek.body);
    std::size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) CHECK(parse_json(line).find("kismet.device.base.key"));
    CHECK(n == all.size());

    // Table mode: paging, a draw counter, totals, sorting by a column.
    const std::string table = json_form(std::string("{\"fields\": ") + kFields + ", \"datatable\": true}") +
                              "&draw=3&start=2&length=5&order%5B0%5D%5Bcolumn%5D=1&order%5B0%5D%5Bdir%5D=asc";
    const Value page = json_of(s.post("/devices/summary/devices.json", table));
    CHECK(page.find("draw")->as_uint() == 3);
    CHECK(page.find("recordsTotal")->as_uint() == all.size());
    REQUIRE(page.find("data")->size() == 5);
    CHECK(page.find("data")->at(0).find("kismet.device.base.macaddr")->as_string() <
          page.find("data")->at(4).find("kismet.device.base.macaddr")->as_string());

    // A view's table, in both of Kismet's UI shapes: DataTables (search,
    // colmap sort) and the paged table of Kismet's current UI.
    const std::string view_table = json_form(std::string("{\"fields\": ") + kFields +
                                             ", \"datatable\": true, \"colmap\": {\"7\": [\"kismet.device.base.packets.total\"]}}") +
                                   "&start=0&length=3&search%5Bvalue%5D=wi-fi%20ap&order%5B0%5D%5Bcolumn%5D=7&order%5B0%5D%5Bdir%5D=desc";
    const Value aps_page = json_of(s.post("/devices/views/phydot11_accesspoints/devices.json", view_table));
    CHECK(aps_page.find("recordsFiltered")->as_uint() == aps_page.find("recordsTotal")->as_uint());
    REQUIRE(aps_page.find("data")->size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(aps_page.find("data")->at(i).find("kismet.device.base.type")->as_string() == "Wi-Fi AP");
    const std::string paged = json_form(std::string("{\"fields\": ") + kFields + "}") +
                              "&page=1&length=4&sort=kismet.device.base.macaddr&sort_dir=asc";
    const Value page1 = json_of(s.post("/devices/views/all/devices.json", paged));
    CHECK(page1.find("total_row")->as_uint() == all.size());
    CHECK(page1.find("last_page")->as_uint() == (all.size() + 3) / 4);
    REQUIRE(page1.find("data")->size() == 4);
    std::vector<std::string> macs;
    for (std::size_t i = 0; i < all.size(); ++i) macs.push_back(all.at(i).find("kismet.device.base.macaddr")->as_string());
    std::sort(macs.begin(), macs.end());
    CHECK(page1.find("data")->at(0).find("kismet.device.base.macaddr")->as_string() == macs[4]);
    CHECK(s.post("/devices/views/all/devices.json", paged + "&length=x").status == 400);

    // Bad specs and regexes are 400s that say which.
    const HttpResult bad = post(s, "/devices/summary/devices.json", R"({"fields": ["no.such.field"]})");
    CHECK(bad.status == 400);
    CHECK(json_of(bad).find("error")->as_string().find("no.such.field") != std::string::npos);
    CHECK(post(s, "/devices/summary/devices.json", R"({"regex": [["kismet.device.base.name", "(("]]})").status == 400);
    CHECK(s.get("/devices/summary/devices.json").status == 405); // POST only
}

TEST_CASE("one device: by key, sub-paths, by MAC, multimac, by PHY, views, clients of an AP")
{
    SimServer sim;
    const ServerProcess& s = sim.server;
    const Value aps = json_of(post(s, "/devices/views/phydot11_accesspoints/devices.json", std::string("{\"fields\": ") + kFields + "}"));
    REQUIRE(aps.size() >= 6);
    // An AP with clients.
    const Value* ap = nullptr;
    for (std::size_t i = 0; i < aps.size(); ++i)
        if (aps.at(i).find("dot11.device.num_associated_clients")->as_uint() > 0) ap = &aps.at(i);
    REQUIRE(ap);
    const std::string key = ap->find("kismet.device.base.key")->as_string();
    const std::string mac = ap->find("kismet.device.base.macaddr")->as_string();

    // A view in table mode (what the web UI's device list asks): the view's
    // devices only, paged and sorted, with the search over the view.
    const std::string view_table = json_form(std::string("{\"fields\": ") + kFields + ", \"datatable\": true}") +
                                   "&draw=1&start=0&length=3&order%5B0%5D%5Bcolumn%5D=1&order%5B0%5D%5Bdir%5D=desc";
    const Value view_page = json_of(s.post("/devices/views/phydot11_accesspoints/devices.json", view_table));
    CHECK(view_page.find("recordsTotal")->as_uint() == aps.size());
    REQUIRE(view_page.find("data")->size() == 3);
    CHECK(view_page.find("data")->at(0).find("kismet.device.base.macaddr")->as_string() >
          view_page.find("data")->at(2).find("kismet.device.base.macaddr")->as_string());
    const Value searched = json_of(s.post("/devices/views/phydot11_accesspoints/devices.json",
                                          view_table + "&search%5Bvalue%5D=" + mac.substr(0, 17)));
    CHECK(searched.find("recordsFiltered")->as_uint() == 1);
    CHECK(searched.find("data")->at(0).find("kismet.device.base.key")->as_string() == key);

    const Value whole = json_of(s.get("/devices/by-key/" + key + "/device.json"));
    CHECK(whole.find("kismet.device.base.macaddr")->as_string() == mac);
    CHECK(whole.find("kismet.device.base.phyname")->as_string() == "IEEE802.11");
    CHECK(whole.find("dot11.device")->find("dot11.device.advertised_ssid_map") != nullptr);
    CHECK(whole.find("kismet.device.base.signal")->find("kismet.common.signal.last_signal") != nullptr);

    const Value sub = json_of(s.get("/devices/by-key/" + key + "/device.json/kismet.device.base.signal/kismet.common.signal.last_signal"));
    CHECK(sub.is_number());
    CHECK(s.get("/devices/by-key/" + key + "/device.json/kismet.device.base.nope").status == 400);
    CHECK(s.get("/devices/by-key/NOTAKEY/device.json").status == 400);
    CHECK(s.get("/devices/by-key/4202770D00000000_FFFFFFFFFF02/device.json").status == 404);

    const Value projected = json_of(post(s, "/devices/by-key/" + key + "/device.json", R"({"fields": ["kismet.device.base.macaddr"]})"));
    CHECK(projected.size() == 1);

    CHECK(json_of(s.get("/devices/by-mac/" + mac + "/devices.json")).size() == 1);
    CHECK(s.get("/devices/by-mac/zz/devices.json").status == 400);

    const std::string prefix = mac.substr(0, 8) + ":00:00:00/FF:FF:FF:00:00:00";
    const Value multi = json_of(post(s, "/devices/multimac/devices.json", "{\"devices\": [\"" + mac + "\", \"" + prefix + "\"], \"fields\": [\"kismet.device.base.macaddr\"]}"));
    CHECK(multi.size() >= 1);
    CHECK(post(s, "/devices/multimac/devices.json", R"({"devices": ["nonsense"]})").status == 400);

    CHECK(json_of(post(s, "/devices/by-phy/IEEE802.11/devices.json", R"({"fields": ["kismet.device.base.key"], "last_time": -3600})")).size() >= 26);
    CHECK(post(s, "/devices/by-phy/NoSuchPhy/devices.json", "{}").status == 404);

    const Value views = json_of(s.get("/devices/views/all_views.json"));
    bool found = false;
    for (std::size_t i = 0; i < views.size(); ++i)
        found = found || views.at(i).find("kismet.devices.view.id")->as_string() == "phydot11_accesspoints";
    CHECK(found);
    CHECK(post(s, "/devices/views/nope/devices.json", "{}").status == 404);

    const Value clients = json_of(post(s, "/phy/phy80211/clients-of/" + key + "/clients.json", R"({"fields": ["kismet.device.base.type"]})"));
    CHECK(clients.size() == ap->find("dot11.device.num_associated_clients")->as_uint());

    // Every PHY the plugins registered: dot11's counted the sim's frames; BTLE
    // and Bluetooth none, and Kismet's UAV PHY none either (its records ride
    // on 802.11 devices).
    const Value phys = json_of(s.get("/phy/all_phys.json"));
    REQUIRE(phys.size() == 4);
    std::map<std::string, std::uint64_t> packets_by_phy;
    for (std::size_t i = 0; i < phys.size(); ++i)
        packets_by_phy[phys.at(i).find("kismet.phy.phy_name")->as_string()] =
            phys.at(i).find("kismet.phy.packet_count")->as_uint();
    CHECK(packets_by_phy["IEEE802.11"] > 20000);
    CHECK(packets_by_phy.at("BTLE") == 0);
    CHECK(packets_by_phy.at("Bluetooth") == 0);
    CHECK(packets_by_phy.at("UAV") == 0);
    CHECK(json_of(s.get("/channels/channels.json")).find("kismet.channeltracker.frequency_map")->size() >= 1);
}

TEST_CASE("last-time, set_name and set_tag")
{
    SimServer sim;
    const ServerProcess& s = sim.server;
    const Value recent = json_of(s.get("/devices/last-time/-60/devices.json"));
    CHECK(recent.size() >= 26);
    CHECK(json_of(s.get("/devices/last-time/9999999999/devices.json")).size() == 0);
    CHECK(s.get("/devices/last-time/soon/devices.json").status == 400);
    const HttpResult all_ek = s.get("/devices/all_devices.ekjson");
    CHECK(all_ek.status == 200);

    const std::string key = recent.at(0).find("kismet.device.base.key")->as_string();
    const std::string base = "/devices/by-key/" + key + "/";
    CHECK(s.anonymous("POST", base + "set_name.cmd", json_form(R"({"username": "front door"})")).status == 401);
    CHECK(post(s, base + "set_name.cmd", R"({"username": "front door"})", true).status == 200);
    CHECK(post(s, base + "set_name.cmd", R"({"username": 5})", true).status == 400);
    CHECK(post(s, base + "set_tag.cmd", R"({"tagname": "notes", "tagvalue": "by the window"})", true).status == 200);
    CHECK(post(s, base + "set_tag.cmd", R"({"tagname": "notes"})", true).status == 400);
    CHECK(post(s, "/devices/by-key/4202770D00000000_FFFFFFFFFF02/set_name.cmd", R"({"username": "x"})", true).status == 404);

    const Value d = json_of(s.get(base + "device.json"));
    CHECK(d.find("kismet.device.base.username")->as_string() == "front door");
    CHECK(d.find("kismet.device.base.commonname")->as_string() == "front door");
    CHECK(d.find("kismet.device.base.tags")->find("notes")->as_string() == "by the window");
}
