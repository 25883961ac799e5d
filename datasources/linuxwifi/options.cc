#include "options.h"

#include <net/if.h>

#include <algorithm>

#include <stdexcept>

namespace airsight::linuxwifi {

namespace {

void check_channel(std::string_view key, const std::string& value, const std::string& text)
{
    try {
        (void)parse_channel(text);
    } catch (const std::invalid_argument& e) {
        throw_bad_option(key, value, std::string("is not usable: ") + e.what());
    }
}

} // namespace

LinuxWifiOptions parse_options(const SourceDefinition& definition)
{
    definition.check_type_and_name("linuxwifi");

    LinuxWifiOptions o;
    if (auto v = definition.option("channel")) {
        if (v->empty()) throw_bad_option("channel", "", "is empty");
        check_channel("channel", *v, *v);
        o.channel = *v;
    }
    if (auto v = definition.option("channels")) {
        // Kismet's form is channels="1,6,11" (quoted: a bare ',' separates
        // options); '/' separates too, so channels=1/6/11 needs no quotes.
        std::string_view rest = *v;
        for (;;) {
            const std::size_t slash = rest.find_first_of("/,");
            const std::string item(rest.substr(0, slash));
            if (item.empty())
                throw_bad_option("channels", *v,
                                 "has an empty entry (separate channels with '/' or, in quotes, ',': 1/6/11 or "
                                 "\"1,6,11\")");
            check_channel("channels", *v, item);
            if (std::find(o.channels.begin(), o.channels.end(), item) == o.channels.end()) o.channels.push_back(item);
            if (slash == std::string_view::npos) break;
            rest = rest.substr(slash + 1);
        }
    }
    o.choice.ht = definition.flag("ht_channels", true);
    o.choice.vht = definition.flag("vht_channels", true);
    o.choice.band_2_4 = definition.flag("band24ghz", false);
    o.choice.band_5 = definition.flag("band5ghz", false);
    o.choice.band_6 = definition.flag("band6ghz", false);
    if (auto v = definition.option("vif")) {
        if (v->empty() || v->size() >= IFNAMSIZ || v->find_first_of("/: ") != std::string::npos)
            throw_bad_option("vif", *v, "is not an interface name (1-15 characters, no '/', ':' or space)");
        o.vif = *v;
    }
    o.ignore_primary = definition.flag("ignoreprimary", false);
    return o;
}

std::string monitor_name(const std::string& interface, bool (*taken)(const std::string&))
{
    if (interface.size() + 3 < IFNAMSIZ) return interface + "mon";
    for (int n = 0; n < 100; ++n) {
        std::string name = "kismon" + std::to_string(n);
        if (!taken(name)) return name;
    }
    throw std::runtime_error("cannot name a monitor interface for " + interface + ": " + interface +
                             "mon is too long and kismon0-kismon99 are all taken");
}

} // namespace airsight::linuxwifi
