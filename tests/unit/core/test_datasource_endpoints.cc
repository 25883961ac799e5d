// /datasource/list_interfaces on the real services: a datasource type that
// cannot list its interfaces is reported, and the others are still listed.
#include "endpoints/endpoints.h"
#include "real_services.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace airsight;
using namespace airsight::core;
using airsight::test::RealServices;

namespace {

// A type whose interface listing answers `interfaces`, or throws `error`.
class ListingType : public DatasourceType {
public:
    ListingType(std::string name, std::vector<InterfaceInfo> interfaces, std::string error = "")
        : name_(std::move(name)), interfaces_(std::move(interfaces)), error_(std::move(error))
    {
    }
    std::string name() const override { return name_; }
    std::string description() const override { return "a test type"; }
    DatasourceCapabilities capabilities() const override { return {.list_interfaces = true}; }
    bool probe(const SourceDefinition&) const override { return false; }
    std::vector<InterfaceInfo> list_interfaces() const override
    {
        if (!error_.empty()) throw std::runtime_error(error_);
        return interfaces_;
    }
    std::unique_ptr<Datasource> create(const SourceDefinition&) const override
    {
        throw std::invalid_argument("not for opening");
    }

private:
    std::string name_;
    std::vector<InterfaceInfo> interfaces_;
    std::string error_;
};

} // namespace

TEST_CASE("list_interfaces: a type that fails to list is said on the message bus; the others are listed")
{
    RealServices s;
    s.datasource_types.add(std::make_unique<ListingType>("broken", std::vector<InterfaceInfo>{},
                                                         "nl80211 interface dump refused: Operation not permitted"));
    s.datasource_types.add(std::make_unique<ListingType>(
        "fine", std::vector<InterfaceInfo>{{.interface = "fine0", .flags = "", .hardware = "test radio"}}));
    register_datasource_endpoints(s.services);

    const RouteMatch match = s.routes.match("GET", "/datasource/list_interfaces", "json");
    REQUIRE(match.route);
    const Reply reply = match.route->handler(Request{});
    REQUIRE(reply.tree);
    REQUIRE(reply.tree->size() == 1);
    const Field* interface = s.fields.find("kismet.datasource.probed.interface");
    REQUIRE(interface);
    const Value* name = reply.tree->at(0).find(*interface);
    REQUIRE(name);
    CHECK(name->as_string() == "fine0");

    bool said = false;
    for (const Message& m : s.messages.since(0))
        said |= m.text == "datasource type broken cannot list its interfaces: nl80211 interface dump refused: "
                          "Operation not permitted" &&
                (m.flags & MSG_ERROR);
    CHECK(said);
}
