#include "http/request_head.h"
#include "util/ascii_case.h"
#include "util/trim.h"

#include <limits>

namespace airsight::core {
namespace {

bool is_tchar(char c)
{
    // RFC 9110 5.6.2 token characters.
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~': return true;
    default: return false;
    }
}

bool is_token(std::string_view s)
{
    if (s.empty()) return false;
    for (char c : s)
        if (!is_tchar(c)) return false;
    return true;
}

// Optional whitespace around field values is SP and HTAB only (RFC 9110 5.6.3).
std::string_view trim_ows(std::string_view s) { return trim(s, " \t"); }

HeadParse fail(int status, std::string message)
{
    HeadParse p;
    p.outcome = HeadParse::Outcome::Error;
    p.error_status = status;
    p.error = std::move(message);
    return p;
}

// Checks the request line; on success fills method, target and version.
HeadParse parse_request_line(std::string_view line, RequestHead& head)
{
    const auto sp1 = line.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return fail(400, "malformed request line: expected 'METHOD TARGET HTTP/1.1'");
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (!is_token(method)) return fail(400, "malformed request method");
    if (target.empty()) return fail(400, "empty request target");
    for (char c : target)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail(400, "control character in request target");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' ||
        version[5] > '9' || version[7] < '0' || version[7] > '9')
        return fail(400, "malformed HTTP version: expected HTTP/1.1 or HTTP/1.0");
    if (version[5] != '1' || version[7] > '1')
        return fail(505, "HTTP version " + std::string(version.substr(5)) + " is not supported: use HTTP/1.1 or 1.0");
    head.method = method;
    head.target = target;
    head.version_minor = version[7] - '0';
    return {};
}

HeadParse parse_field_line(std::string_view line, RequestHead& head)
{
    if (line.front() == ' ' || line.front() == '\t') return fail(400, "folded header lines are not accepted");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return fail(400, "malformed header line: no ':'");
    const std::string_view name = line.substr(0, colon);
    if (!is_token(name)) return fail(400, "malformed header name");
    const std::string_view value = trim_ows(line.substr(colon + 1));
    for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
            return fail(400, "control character in header " + std::string(name));
    head.fields.emplace_back(std::string(name), std::string(value));
    return {};
}

bool parse_decimal(std::string_view s, std::uint64_t& out)
{
    if (s.empty()) return false;
    std::uint64_t v = 0;
    bool overflow = false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) overflow = true;
        else v = v * 10 + digit;
    }
    out = overflow ? std::numeric_limits<std::uint64_t>::max() : v;
    return true;
}

} // namespace

const std::string* RequestHead::field(std::string_view name) const
{
    for (const auto& [n, v] : fields)
        if (iequals(n, name)) return &v;
    return nullptr;
}

std::string RequestHead::joined(std::string_view name) const
{
    std::string out;
    for (const auto& [n, v] : fields) {
        if (!iequals(n, name)) continue;
        if (!out.empty()) out += ", ";
        out += v;
    }
    return out;
}

bool RequestHead::lists(std::string_view name, std::string_view token) const
{
    const std::string all = joined(name);
    std::string_view rest = all;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (iequals(trim_ows(rest.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

HeadParse parse_request_head(std::string_view bytes, const HeadLimits& limits)
{
    const std::string too_large =
        "request head is larger than " + std::to_string(limits.max_head_bytes) + " bytes or has too many fields";
    std::size_t pos = 0;
    // Empty lines before the request line are ignored (RFC 9112 2.2).
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) {
        if (bytes[pos] == '\r' && pos + 1 < bytes.size() && bytes[pos + 1] != '\n')
            return fail(400, "stray carriage return before the request line");
        ++pos;
        if (pos > limits.max_head_bytes) return fail(431, too_large);
    }
    HeadParse result;
    RequestHead& head = result.head;
    bool first = true;
    while (true) {
        const auto nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) {
            if (bytes.size() > limits.max_head_bytes) return fail(431, too_large);
            return HeadParse{}; // Incomplete: every complete line so far was valid
        }
        if (nl + 1 > limits.max_head_bytes) return fail(431, too_large);
        std::string_view line = bytes.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find('\r') != std::string_view::npos || line.find('\0') != std::string_view::npos)
            return fail(400, "stray carriage return or NUL in the request head");
        pos = nl + 1;
        if (first) {
            if (HeadParse bad = parse_request_line(line, head); bad.outcome == HeadParse::Outcome::Error) return bad;
            first = false;
            continue;
        }
        if (line.empty()) break;
        if (head.fields.size() >= limits.max_fields) return fail(431, too_large);
        if (HeadParse bad = parse_field_line(line, head); bad.outcome == HeadParse::Outcome::Error) return bad;
    }
    result.outcome = HeadParse::Outcome::Complete;
    result.consumed = pos;
    return result;
}

BodyFraming body_framing_of(const RequestHead& head)
{
    BodyFraming f;
    const bool has_te = head.field("Transfer-Encoding") != nullptr;
    const bool has_cl = head.field("Content-Length") != nullptr;
    if (has_te && has_cl) {
        // Ambiguous framing is how requests get smuggled: refuse it.
        f.error_status = 400;
        f.error = "a request must not carry both Transfer-Encoding and Content-Length";
        return f;
    }
    if (has_te) {
        const std::string te = head.joined("Transfer-Encoding");
        if (!iequals(trim_ows(te), "chunked")) {
            f.error_status = 501;
            f.error = "Transfer-Encoding '" + te + "' is not supported: send chunked or a Content-Length";
            return f;
        }
        f.kind = BodyFraming::Kind::Chunked;
        return f;
    }
    if (has_cl) {
        std::optional<std::uint64_t> length;
        for (const auto& [name, value] : head.fields) {
            if (!iequals(name, "Content-Length")) continue;
            std::uint64_t v = 0;
            if (!parse_decimal(value, v) || (length && *length != v)) {
                f.error_status = 400;
                f.error = "malformed Content-Length '" + value + "'";
                return f;
            }
            length = v;
        }
        f.kind = BodyFraming::Kind::Length;
        f.length = *length;
        return f;
    }
    if (head.method == "POST" || head.method == "PUT" || head.method == "PATCH") {
        f.error_status = 411;
        f.error = head.method + " needs a Content-Length (or Transfer-Encoding: chunked)";
    }
    return f;
}

bool wants_keep_alive(const RequestHead& head)
{
    if (head.lists("Connection", "close")) return false;
    return head.version_minor >= 1 || head.lists("Connection", "keep-alive");
}

} // namespace airsight::core
