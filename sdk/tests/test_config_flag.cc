#include <airsight/config_flag.h>

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>

using airsight::config_flag;

namespace {

// The server's configuration reduced to one value per key.
class MapConfig : public airsight::ConfigView {
public:
    std::map<std::string, std::string, std::less<>> entries;
    std::optional<std::string> value(std::string_view key) const override
    {
        const auto it = entries.find(key);
        if (it == entries.end()) return std::nullopt;
        return it->second;
    }
    std::vector<std::string> values(std::string_view key) const override
    {
        const auto v = value(key);
        return v ? std::vector<std::string>{*v} : std::vector<std::string>{};
    }
};

} // namespace

TEST_CASE("config_flag: true/yes/1 and false/no/0 in any case, the fallback when absent, anything else refused")
{
    MapConfig config;
    CHECK(config_flag(config, "log_x", true));
    CHECK_FALSE(config_flag(config, "log_x", false));
    for (const char* yes : {"true", "yes", "1", "TRUE", "Yes"}) {
        config.entries["log_x"] = yes;
        CHECK(config_flag(config, "log_x", false));
    }
    for (const char* no : {"false", "no", "0", "False", "NO"}) {
        config.entries["log_x"] = no;
        CHECK_FALSE(config_flag(config, "log_x", true));
    }
    config.entries["log_x"] = "maybe";
    CHECK_THROWS_WITH_AS(config_flag(config, "log_x", true), "config log_x=maybe is not true or false",
                         std::invalid_argument);
    config.entries["log_x"] = "";
    CHECK_THROWS_WITH_AS(config_flag(config, "log_x", true), "config log_x= is not true or false",
                         std::invalid_argument);
}
