// An alert tracker for the PHY's unit tests: it keeps every definition and
// every raise, and throttles nothing, so a test sees each time a detector
// fired (the core's tracker, with Kismet's throttling, has its own tests).
#ifndef AIRSIGHT_PHYS_DOT11_TESTS_FAKE_ALERTS_H
#define AIRSIGHT_PHYS_DOT11_TESTS_FAKE_ALERTS_H

#include <airsight/alerts.h>

#include <cctype>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace airsight::dot11::test {

/// One raise, with its views copied.
struct RaisedAlert {
    std::string name;
    MacAddr transmitter, source, dest, other;
    std::string channel;
    double frequency_khz = 0;
    std::string text;
};

class RecordingAlerts : public AlertTracker {
public:
    AlertRef define(const AlertDefinition& definition) override
    {
        std::string name = upper(definition.name);
        if (name.empty()) throw std::invalid_argument("an alert needs a name");
        if (find(name)) throw std::invalid_argument("alert " + name + " is already defined");
        if (!AlertRate::parse(definition.throttle) || !AlertRate::parse(definition.burst))
            throw std::invalid_argument("alert " + name + ": malformed rate");
        definitions.push_back(definition);
        definitions.back().name = name;
        return AlertRef(static_cast<std::uint32_t>(definitions.size() - 1));
    }
    std::optional<AlertRef> find(std::string_view name) const override
    {
        const std::string wanted = upper(name);
        for (std::size_t i = 0; i < definitions.size(); ++i)
            if (definitions[i].name == wanted) return AlertRef(static_cast<std::uint32_t>(i));
        return std::nullopt;
    }
    bool would_raise(AlertRef alert) const override { return alert.index() < definitions.size(); }
    bool raise(AlertRef alert, const AlertEvent& e) override
    {
        if (alert.index() >= definitions.size()) throw std::out_of_range("raise of an undefined alert");
        raised.push_back(RaisedAlert{definitions[alert.index()].name, e.transmitter, e.source, e.dest, e.other,
                                     std::string(e.channel), e.frequency_khz, std::string(e.text)});
        return true;
    }

    /// How many times the alert named `name` was raised.
    std::size_t count(std::string_view name) const
    {
        std::size_t n = 0;
        for (const RaisedAlert& a : raised) n += a.name == name;
        return n;
    }
    /// The definition of `name`; throws when it was never defined.
    const AlertDefinition& definition(std::string_view name) const
    {
        if (auto ref = find(name)) return definitions[ref->index()];
        throw std::out_of_range("alert " + std::string(name) + " is not defined");
    }

    std::vector<AlertDefinition> definitions;
    std::vector<RaisedAlert> raised;

private:
    static std::string upper(std::string_view s)
    {
        std::string out(s);
        for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
    }
};

} // namespace airsight::dot11::test

#endif
