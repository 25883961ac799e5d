#define PCRE2_CODE_UNIT_WIDTH 8
#include "ids/ssid_canaries.h"

#include <pcre2.h>

#include <algorithm>
#include <new>
#include <optional>
#include <stdexcept>

namespace airsight::dot11::ids {

namespace {

// One match-data block per thread: pcre2_match writes into it.
pcre2_match_data* thread_match_data()
{
    struct Holder {
        pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
        ~Holder() { pcre2_match_data_free(data); }
    };
    thread_local Holder holder;
    if (!holder.data) throw std::bad_alloc();
    return holder.data;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Kismet's option list: key=value pairs split on commas outside double
// quotes; the quotes around a value are removed. Returns the value of `key`.
std::optional<std::string> option(std::string_view options, std::string_view key, const std::string& line)
{
    if (std::count(options.begin(), options.end(), '"') % 2)
        throw std::invalid_argument("ssidcanary '" + line + "': a double quote is never closed");
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= options.size(); ++i) {
        if (i < options.size() && options[i] == '"') quoted = !quoted;
        if (i < options.size() && (quoted || options[i] != ',')) continue;
        const std::string_view pair = options.substr(start, i - start);
        start = i + 1;
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != key) continue;
        std::string_view value = trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return std::nullopt;
}

} // namespace

void SsidCanaries::Canary::CodeFree::operator()(pcre2_real_code_8* c) const noexcept { pcre2_code_free(c); }

bool SsidCanaries::Canary::matches(std::string_view ssid) const
{
    const int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(ssid.data()), ssid.size(), 0, 0,
                               thread_match_data(), nullptr);
    return rc >= 0; // 0: matched, ovector too small; < 0: no match or a limit hit
}

void SsidCanaries::add(std::string_view text)
{
    const std::string line(text);
    const std::size_t colon = text.find(':');
    const std::string name(trim(text.substr(0, colon)));
    if (colon == std::string_view::npos || name.empty())
        throw std::invalid_argument("ssidcanary '" + line + "': expected NAME:ssid=\"REGEX\"");
    const std::optional<std::string> pattern = option(text.substr(colon + 1), "ssid", line);
    if (!pattern || pattern->empty())
        throw std::invalid_argument("ssidcanary '" + line + "': no ssid=\"REGEX\" option");
    if (std::any_of(canaries_.begin(), canaries_.end(), [&](const Canary& c) { return c.name == name; }))
        throw std::invalid_argument("ssidcanary '" + line + "': the name " + name + " is already defined");

    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern->data()), pattern->size(),
                                     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
    if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::invalid_argument("ssidcanary '" + line + "': pattern '" + *pattern + "' does not compile at offset " +
                                    std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
    }
    canaries_.push_back(Canary{name, *pattern, std::unique_ptr<pcre2_real_code_8, Canary::CodeFree>(code)});
}

} // namespace airsight::dot11::ids
