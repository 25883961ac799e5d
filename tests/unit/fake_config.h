// A ConfigView over a multimap the test fills: key=value lines, the last one
// of a key winning, as in a config file.
#ifndef AIRSIGHT_TESTS_UNIT_FAKE_CONFIG_H
#define AIRSIGHT_TESTS_UNIT_FAKE_CONFIG_H

#include <airsight/host.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::test {

class FakeConfig : public ConfigView {
public:
    std::multimap<std::string, std::string, std::less<>> entries;

    std::optional<std::string> value(std::string_view key) const override
    {
        auto all = values(key);
        if (all.empty()) return std::nullopt;
        return all.back();
    }
    std::vector<std::string> values(std::string_view key) const override
    {
        std::vector<std::string> out;
        auto [first, last] = entries.equal_range(key);
        for (auto it = first; it != last; ++it) out.push_back(it->second);
        return out;
    }
};

} // namespace airsight::test

#endif
