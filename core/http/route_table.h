// The route table: which handler answers a method, path and extension.
//
// Paths are templates of segments; "[NAME]" matches any one segment and is
// handed to the handler as a path parameter; a last segment "[*NAME]" takes
// all the remaining segments, joined by '/'. Routes carry an owner tag so a
// plugin's routes can be withdrawn together. Lookups are concurrent; routes
// are shared_ptrs so a request in flight keeps its route alive.
#ifndef AIRSIGHT_CORE_HTTP_ROUTE_TABLE_H
#define AIRSIGHT_CORE_HTTP_ROUTE_TABLE_H

#include <airsight/http.h>

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace airsight::core {

/// The format bit of a path extension ("json" -> JSON), or 0 if unknown.
unsigned format_of_extension(std::string_view ext);
/// "json", "ekjson", ... for one Format bit.
std::string_view extension_of_format(unsigned format);

/// Splits "/a/b/c.json" into the path "/a/b/c" and extension "json" when the
/// last segment ends in a known extension; otherwise the extension is "".
std::pair<std::string, std::string> split_extension(std::string_view path);

struct RouteMatch {
    enum class Outcome { Found, NotFound, MethodNotAllowed, FormatNotServed } outcome = Outcome::NotFound;
    std::shared_ptr<const Route> route;
    std::map<std::string, std::string, std::less<>> params;
    unsigned format = 0;       // the Format bit to serialize with
    unsigned allowed_methods = 0; // for 405's Allow header
    unsigned served_formats = 0;  // for the "format not served" message
};

class RouteTable {
public:
    /// Adds a route; throws std::invalid_argument when the template is malformed
    /// or the same methods, path and formats are already taken.
    void add(Route route, std::string owner = "core");
    /// Removes every route added with this owner tag and returns them: a
    /// request in flight holds its own copy, so a route is idle once the
    /// returned pointer is its only owner (use_count() == 1).
    std::vector<std::shared_ptr<const Route>> remove_owner(std::string_view owner);

    /// Finds the route for a method ("GET"), a path without extension and its extension.
    RouteMatch match(std::string_view method, std::string_view path, std::string_view extension) const;

    /// Every route, for listings and tests.
    std::vector<std::shared_ptr<const Route>> routes() const;

private:
    struct Entry {
        std::shared_ptr<const Route> route;
        std::vector<std::string> segments; // "[NAME]" for parameters
        std::string owner;
        int literal_segments = 0;          // more literals win over parameters
    };
    mutable std::shared_mutex mutex_;
    std::vector<Entry> entries_;
};

/// Method bit for "GET"/"POST"/"HEAD" (HEAD is served as GET), or 0.
unsigned method_bit(std::string_view method);

} // namespace airsight::core

#endif
