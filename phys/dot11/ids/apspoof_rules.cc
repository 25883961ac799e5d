#include "ids/apspoof_rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <stdexcept>

namespace airsight::dot11 {

struct ApspoofRules::Regex {
    pcre2_code* code = nullptr;
    ~Regex() { pcre2_code_free(code); }
};

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Kismet's option list: key=value pairs split at commas outside double quotes;
// the quotes around a value are dropped.
std::vector<std::pair<std::string, std::string>> options(std::string_view text, const std::string& line)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = at;
        bool quoted = false;
        for (; end < text.size(); ++end) {
            if (text[end] == '"') quoted = !quoted;
            else if (text[end] == ',' && !quoted) break;
        }
        if (quoted) throw std::invalid_argument("apspoof line '" + line + "': a quote is not closed");
        const std::string_view item = trim(text.substr(at, end - at));
        at = end + 1;
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            throw std::invalid_argument("apspoof line '" + line + "': '" + std::string(item) + "' is not option=value");
        std::string_view value = trim(item.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        out.emplace_back(std::string(trim(item.substr(0, eq))), std::string(value));
    }
    return out;
}

} // namespace

ApspoofRules::ApspoofRules() = default;
ApspoofRules::~ApspoofRules() = default;
ApspoofRules::ApspoofRules(ApspoofRules&&) noexcept = default;
ApspoofRules& ApspoofRules::operator=(ApspoofRules&&) noexcept = default;

ApspoofRules ApspoofRules::parse(const std::vector<std::string>& lines)
{
    ApspoofRules rules;
    for (const std::string& line : lines) rules.add(line);
    return rules;
}

ApspoofRules apspoof_rules(const ConfigView& config, MessageBus& messages)
{
    ApspoofRules rules;
    for (const std::string& line : config.values("apspoof")) {
        try {
            rules.add(line);
        } catch (const std::invalid_argument& e) {
            messages.post(std::string(e.what()) + "; this rule is ignored", MSG_ERROR);
        }
    }
    return rules;
}

void ApspoofRules::add(const std::string& line)
{
    const std::string expected = "', expected NAME:ssid=\"REGEX\",validmacs=\"MAC,MAC\"";
    const std::size_t colon = line.find(':');
    const std::string name(trim(std::string_view(line).substr(0, colon)));
    if (colon == std::string::npos || name.empty())
        throw std::invalid_argument("apspoof line '" + line + expected);
    Rule rule;
    rule.name = name;
    std::string ssid;
    bool has_macs = false;
    for (auto& [key, value] : options(std::string_view(line).substr(colon + 1), line)) {
        if (key == "ssid") {
            ssid = value;
        } else if (key == "validmacs") {
            has_macs = true;
            std::string_view rest = value;
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                const std::string_view text = trim(rest.substr(0, comma));
                rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
                const auto mac = MacAddr::parse(text);
                if (!mac || text.size() != 17)
                    throw std::invalid_argument("apspoof line '" + line + "': '" + std::string(text) +
                                                "' in validmacs is not a MAC address");
                rule.valid.push_back(*mac);
            }
        } else {
            throw std::invalid_argument("apspoof line '" + line + "': unknown option '" + key +
                                        "' (ssid and validmacs are known)");
        }
    }
    if (ssid.empty()) throw std::invalid_argument("apspoof line '" + line + "': no ssid" + expected.substr(1));
    if (!has_macs || rule.valid.empty())
        throw std::invalid_argument("apspoof line '" + line + "': no validmacs" + expected.substr(1));
    rule.ssid = compile(ssid, line);
    rules_.push_back(std::move(rule));
}

std::shared_ptr<const ApspoofRules::Regex> ApspoofRules::compile(const std::string& pattern, const std::string& line)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    auto regex = std::make_shared<ApspoofRules::Regex>();
    regex->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0, &error, &offset,
                                nullptr);
    if (!regex->code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::invalid_argument("apspoof line '" + line + "': ssid regex '" + pattern + "' at offset " +
                                    std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
    }
    return regex;
}

std::optional<std::size_t> ApspoofRules::violated(std::string_view ssid, const MacAddr& source) const
{
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const Rule& rule = rules_[i];
        if (std::find(rule.valid.begin(), rule.valid.end(), source) != rule.valid.end()) continue;
        // Match data per call: this runs only for an SSID record new to its AP.
        pcre2_match_data* match = pcre2_match_data_create_from_pattern(rule.ssid->code, nullptr);
        if (!match) throw std::bad_alloc();
        const int rc = pcre2_match(rule.ssid->code, reinterpret_cast<PCRE2_SPTR>(ssid.data()), ssid.size(), 0, 0,
                                   match, nullptr);
        pcre2_match_data_free(match);
        if (rc > 0) return i;
    }
    return std::nullopt;
}

} // namespace airsight::dot11
