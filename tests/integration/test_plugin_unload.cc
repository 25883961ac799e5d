// The real server with a PHY plugin whose device components live in its
// .so (tests/integration/plugins/unload_phy, built with -fno-gnu-unique so
// nothing else pins it): it serves the plugin's devices through its route, a
// device view and the core device list, and a SIGTERM then exits 0. A server
// that dlclose()d the plugin before the tracker destroyed those devices
// would die of SIGSEGV (exit status 139) or an ASan report here.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <csignal>

using airsight::Value;
using namespace airsight::test;

namespace {

std::size_t count_serials(const Value& devices)
{
    std::size_t found = 0;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const Value* part = devices.at(i).find("unload.device");
        if (part && part->find("unload.device.serial")) ++found;
    }
    return found;
}

} // namespace

TEST_CASE("plugin unload: a PHY's devices outlive the plugin, and SIGTERM still exits 0")
{
    ServerProcess server({"plugin_dir=" INTEGRATION_PLUGINS_DIR});

    const HttpResult plugins = server.get("/plugins/all_plugins.json");
    REQUIRE(plugins.status == 200);
    REQUIRE_MESSAGE(plugins.body.find("\"unload_phy\"") != std::string::npos, plugins.body);

    const Value own = json_of(server.get("/unload/devices.json"));
    CHECK(own.size() == 5);
    CHECK(count_serials(own) == 5); // serialized by the component's code in the .so

    const Value view = json_of(server.get("/devices/views/unload_devices/devices.json"));
    CHECK(view.size() == 5);
    CHECK(count_serials(view) == 5);

    const int status = server.stop(SIGTERM, 60000);
    INFO("server output:\n" << server.output());
    REQUIRE(status != -1); // it did exit
    CHECK_FALSE(WIFSIGNALED(status));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(server.output().find("AddressSanitizer") == std::string::npos);
}
