#include "sim_type.h"

#include "engine/attacks/attack.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace airsight::sim {

namespace {

constexpr int kMaxAccessPoints = 1000;
constexpr int kMaxClients = 10000;
constexpr int kMaxBleAdvertisers = 10000;
constexpr int kMaxDrones = 100;
constexpr std::uint64_t kMaxSeed = UINT64_MAX;
constexpr std::uint64_t kYear2100 = 4'102'444'800; // start= in Unix seconds, up to 2100

// attacks="bcastdiscon,deauthcodeinvalid" (quoted: the definition splits on
// commas) or attacks=bcastdiscon/deauthcodeinvalid, like channels=.
std::vector<std::string> parse_attacks(const std::string& value)
{
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = std::min(value.find_first_of(",/", start), value.size());
        const std::string name = value.substr(start, end - start);
        if (name.empty()) throw_bad_option("attacks", value, "has an empty name (known: " + attack_names() + ")");
        if (find_attack(name) == nullptr)
            throw_bad_option("attacks", value, "names no attack '" + name + "' (known: " + attack_names() + ")");
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        start = end + 1;
    }
    return names;
}

} // namespace

std::string SimType::description() const
{
    return "Simulated RF environment (802.11 access points and clients, BLE advertisers, Remote ID drones)";
}

DatasourceCapabilities SimType::capabilities() const
{
    return {.list_interfaces = true, .probe = true, .local = true, .tune = true, .hop = true};
}

bool SimType::probe(const SourceDefinition& definition) const
{
    if (auto type = definition.option("type")) return *type == name();
    const std::string& i = definition.interface;
    return i.rfind("sim", 0) == 0 && i.find_first_of("/.") == std::string::npos;
}

std::vector<InterfaceInfo> SimType::list_interfaces() const
{
    return {InterfaceInfo{.interface = "sim", .flags = "", .hardware = kSimHardware}};
}

SimOptions SimType::parse_options(const SourceDefinition& definition)
{
    definition.check_type_and_name("sim");

    SimOptions o;
    o.world.access_points = 12;
    o.world.clients = 30;
    if (auto v = definition.whole_number("seed", kMaxSeed)) o.world.seed = *v;
    if (auto v = definition.whole_number("aps", kMaxAccessPoints)) o.world.access_points = static_cast<int>(*v);
    if (auto v = definition.whole_number("clients", kMaxClients)) o.world.clients = static_cast<int>(*v);
    if (auto v = definition.whole_number("ble_advertisers", kMaxBleAdvertisers))
        o.world.ble_advertisers = static_cast<int>(*v);
    if (auto v = definition.whole_number("drones", kMaxDrones)) o.world.drones = static_cast<int>(*v);
    if (auto v = definition.option("channels")) {
        std::vector<int> channels;
        std::string_view rest = *v;
        for (;;) {
            const std::size_t slash = rest.find('/');
            const std::string_view item = rest.substr(0, slash);
            const int c = parse_channel(item);
            if (c == 0)
                throw_bad_option("channels", *v, "is not a list of 802.11 channels separated by '/' (e.g. 1/6/11/36)");
            if (std::find(channels.begin(), channels.end(), c) == channels.end()) channels.push_back(c);
            if (slash == std::string_view::npos) break;
            rest = rest.substr(slash + 1);
        }
        o.world.channels = std::move(channels);
    }
    if (auto v = definition.option("rate")) {
        if (*v == "realtime") o.pace = Pace::Realtime;
        else if (*v == "max") o.pace = Pace::Max;
        else {
            o.pace = Pace::Rate;
            o.rate = *definition.positive_number("rate", "frames per second (or realtime, or max)");
        }
    }
    if (auto v = definition.option("start")) {
        if (*v == "auto") o.start = Start::Auto;
        else if (*v == "now") o.start = Start::Now;
        else if (*v == "fixed") o.start = Start::Fixed;
        else {
            const std::uint64_t sec = *definition.whole_number("start", kYear2100);
            o.start = Start::Fixed;
            o.world.start_usec = sec * 1'000'000ULL;
        }
    }
    o.world.misbehaviour_deauth_flood = definition.flag("deauth_flood", false);
    o.world.misbehaviour_spoofed_ap = definition.flag("spoofed_ap", false);
    if (auto v = definition.option("attacks")) o.world.attacks = parse_attacks(*v);
    o.fcs = definition.flag("fcs", false);
    if (auto v = definition.option("pcapng")) {
        if (v->empty()) throw_bad_option("pcapng", "", "is empty: name the file to write");
        o.pcapng = *v;
    }
    if (auto v = definition.whole_number("frames", UINT64_MAX)) {
        if (*v == 0) throw_bad_option("frames", "0", "must be at least 1 (leave it out to run until closed)");
        o.frames = *v;
    }
    if (auto v = definition.whole_number("fail_after", UINT64_MAX)) {
        if (*v == 0) throw_bad_option("fail_after", "0", "must be at least 1 (leave it out to never fail)");
        o.fail_after = *v;
    }
    return o;
}

std::unique_ptr<Datasource> SimType::create(const SourceDefinition& definition) const
{
    SimOptions options = parse_options(definition);
    if (!options.pcapng.empty()) {
        const std::string prefix = "source option pcapng=" + options.pcapng + ": ";
        if (outputs_ == nullptr) throw std::invalid_argument(prefix + "this host gives sim no output folder");
        try {
            (void)outputs_->check(options.pcapng); // refuse a bad name now; open() creates the file
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(prefix + e.what());
        }
    }
    return std::make_unique<SimSource>(std::move(options), definition.interface, outputs_);
}

} // namespace airsight::sim
