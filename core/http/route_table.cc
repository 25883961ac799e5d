#include "http/route_table.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

namespace airsight::core {
namespace {

constexpr std::array<std::pair<std::string_view, unsigned>, 8> kExtensions{{
    {"json", JSON},
    {"ekjson", EKJSON},
    {"itjson", ITJSON},
    {"prettyjson", PRETTYJSON},
    {"cmd", CMD},
    {"html", HTML},
    {"pcapng", PCAPNG},
    {"ws", WEBSOCKET},
}};

std::vector<std::string> split_segments(std::string_view path)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.emplace_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

bool is_param(const std::string& segment)
{
    return segment.size() > 2 && segment.front() == '[' && segment.back() == ']';
}

// "[*NAME]" as the last segment matches all the remaining segments (one or more).
bool is_rest_param(const std::string& segment) { return is_param(segment) && segment[1] == '*'; }

// The format a request gets: its extension's bit, or the route's primary
// format when it named none. CMD routes also answer ".json" (the doc lists both).
unsigned negotiate(unsigned served, unsigned requested_bit, bool has_extension)
{
    if (!has_extension) {
        for (unsigned bit : {JSON, HTML, CMD, PRETTYJSON, PCAPNG})
            if (served & bit) return bit == CMD ? JSON : bit;
        return 0;
    }
    if (served & requested_bit) return requested_bit == CMD ? JSON : requested_bit;
    if (requested_bit == JSON && (served & CMD)) return JSON;
    return 0;
}

} // namespace

unsigned format_of_extension(std::string_view ext)
{
    for (const auto& [name, bit] : kExtensions)
        if (name == ext) return bit;
    return 0;
}

std::string_view extension_of_format(unsigned format)
{
    for (const auto& [name, bit] : kExtensions)
        if (bit == format) return name;
    return "";
}

std::pair<std::string, std::string> split_extension(std::string_view path)
{
    std::size_t slash = path.rfind('/');
    std::size_t dot = path.rfind('.');
    if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
        std::string_view ext = path.substr(dot + 1);
        if (format_of_extension(ext) != 0) return {std::string(path.substr(0, dot)), std::string(ext)};
    }
    return {std::string(path), ""};
}

unsigned method_bit(std::string_view method)
{
    if (method == "GET" || method == "HEAD") return GET;
    if (method == "POST") return POST;
    return 0;
}

void RouteTable::add(Route route, std::string owner)
{
    if (route.path.empty() || route.path.front() != '/')
        throw std::invalid_argument("route path '" + route.path + "' must start with '/'");
    if (!route.handler) throw std::invalid_argument("route " + route.path + " has no handler");
    if (route.methods == 0 || (route.methods & ~(GET | POST)) != 0)
        throw std::invalid_argument("route " + route.path + " needs GET and/or POST");
    if (route.formats == 0) throw std::invalid_argument("route " + route.path + " serves no format");
    if (route.public_route && route.login_required)
        throw std::invalid_argument("route " + route.path + " cannot be both public_route and login_required");

    Entry entry;
    entry.segments = split_segments(route.path);
    for (std::size_t i = 0; i < entry.segments.size(); ++i) {
        const std::string& s = entry.segments[i];
        if (s.find('[') != std::string::npos && !is_param(s))
            throw std::invalid_argument("route " + route.path + ": malformed parameter segment '" + s + "'");
        if (is_rest_param(s) && i + 1 != entry.segments.size())
            throw std::invalid_argument("route " + route.path + ": '" + s + "' must be the last segment");
        if (!is_param(s)) ++entry.literal_segments;
    }
    entry.owner = std::move(owner);

    std::unique_lock lock(mutex_);
    for (const Entry& e : entries_) {
        if (e.segments == entry.segments && (e.route->methods & route.methods) && (e.route->formats & route.formats))
            throw std::invalid_argument("route " + route.path + " is already registered (by " + e.owner + ")");
    }
    entry.route = std::make_shared<const Route>(std::move(route));
    entries_.push_back(std::move(entry));
    // Most literal segments first, so "/a/b" beats "/a/[X]".
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.literal_segments > b.literal_segments; });
}

std::vector<std::shared_ptr<const Route>> RouteTable::remove_owner(std::string_view owner)
{
    std::vector<std::shared_ptr<const Route>> removed;
    std::unique_lock lock(mutex_);
    std::erase_if(entries_, [&](Entry& e) {
        if (e.owner != owner) return false;
        removed.push_back(std::move(e.route));
        return true;
    });
    return removed;
}

RouteMatch RouteTable::match(std::string_view method, std::string_view path, std::string_view extension) const
{
    RouteMatch result;
    const std::vector<std::string> segments = split_segments(path);
    const unsigned mbit = method_bit(method);
    const unsigned fbit = format_of_extension(extension);
    const bool has_ext = !extension.empty();

    std::shared_lock lock(mutex_);
    for (const Entry& e : entries_) {
        const bool rest = !e.segments.empty() && is_rest_param(e.segments.back());
        if (rest ? segments.size() < e.segments.size() : e.segments.size() != segments.size()) continue;
        std::map<std::string, std::string, std::less<>> params;
        bool same = true;
        for (std::size_t i = 0; i < e.segments.size() && same; ++i) {
            const std::string& t = e.segments[i];
            if (is_rest_param(t)) {
                std::string joined;
                for (std::size_t j = i; j < segments.size(); ++j) joined += (j > i ? "/" : "") + segments[j];
                params[t.substr(2, t.size() - 3)] = joined;
            } else if (is_param(t)) {
                params[t.substr(1, t.size() - 2)] = segments[i];
            } else {
                same = t == segments[i];
            }
        }
        if (!same) continue;

        const unsigned format = negotiate(e.route->formats, fbit, has_ext);
        if (format == 0) {
            result.served_formats |= e.route->formats;
            if (result.outcome == RouteMatch::Outcome::NotFound) result.outcome = RouteMatch::Outcome::FormatNotServed;
            continue;
        }
        if (!(e.route->methods & mbit)) {
            result.allowed_methods |= e.route->methods;
            result.outcome = RouteMatch::Outcome::MethodNotAllowed;
            continue;
        }
        result.outcome = RouteMatch::Outcome::Found;
        result.route = e.route;
        result.params = std::move(params);
        result.format = format;
        return result;
    }
    return result;
}

std::vector<std::shared_ptr<const Route>> RouteTable::routes() const
{
    std::shared_lock lock(mutex_);
    std::vector<std::shared_ptr<const Route>> out;
    for (const Entry& e : entries_) out.push_back(e.route);
    return out;
}

} // namespace airsight::core
