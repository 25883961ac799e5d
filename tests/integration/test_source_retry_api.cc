// Kismet's datasource retry and hop splitting, end to end: the real server,
// the real sim plugin, whose fail_after=N makes each open fail after N frames
// (as a radio that vanishes would), seen through the REST records and the
// message bus.
#include "rest_helpers.h"
#include "server_process.h"

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <functional>
#include <thread>

using airsight::Value;
using namespace airsight::test;

namespace {

const std::vector<std::string> kLogin{"httpd_username=tester", "httpd_password=pw"};
const std::vector<std::string> kWorldChannels{"1", "6", "11", "36", "44", "149"};

std::string uuid_of(const ServerProcess& s, const std::string& name)
{
    const Value list = json_of(s.get("/datasource/all_sources.json"));
    for (std::size_t i = 0; i < list.size(); ++i)
        if (str(list.at(i), "kismet.datasource.name") == name) return str(list.at(i), "kismet.datasource.uuid");
    FAIL("no source named " << name);
    return "";
}

bool bus_says(const ServerProcess& s, const std::string& text)
{
    return s.get("/messagebus/all_messages.json").body.find(text) != std::string::npos;
}

} // namespace

TEST_CASE("a sim source that fails is re-opened by the server; with retry=false it stays failed")
{
    ServerProcess server(kLogin, {"-c", "sim:name=flaky,rate=100,fail_after=150", "-c",
                                  "sim:name=stubborn,rate=100,fail_after=50,retry=false"});
    const std::string flaky = uuid_of(server, "flaky");
    const std::string stubborn = uuid_of(server, "stubborn");

    // Two sim sources hop over the same channels: Kismet's split gives the
    // second the second half of the list first.
    const Value first = source_record(server, flaky);
    const Value second = source_record(server, stubborn);
    CHECK(num(first, "kismet.datasource.retry") == 1);
    CHECK(num(second, "kismet.datasource.retry") == 0);
    CHECK(num(first, "kismet.datasource.hop_split") == 1);
    CHECK(num(second, "kismet.datasource.hop_split") == 1);
    CHECK(num(first, "kismet.datasource.hop_offset") == 0);
    CHECK(num(second, "kismet.datasource.hop_offset") == 3);
    CHECK(strings(first, "kismet.datasource.hop_channels") == kWorldChannels);
    CHECK(strings(second, "kismet.datasource.hop_channels") == kWorldChannels);

    // retry=false: failed, and it stays so.
    Value r = wait_for_source(server, stubborn, "error", [](const Value& v) { return num(v, "kismet.datasource.error") == 1; });
    CHECK(str(r, "kismet.datasource.error_reason") == "simulated failure after 50 frames (fail_after=50)");
    CHECK(num(r, "kismet.datasource.running") == 0);
    CHECK(bus_says(server, "is not configured to automatically re-try opening; it will remain closed"));

    // retry (the default): failed, counted, re-opened 5 s later, running again.
    r = wait_for_source(server, flaky, "the first failure",
                 [](const Value& v) { return num(v, "kismet.datasource.error") == 1; });
    CHECK(num(r, "kismet.datasource.retry_attempts") == 1);
    CHECK(num(r, "kismet.datasource.total_retry_attempts") == 1);
    CHECK(num(r, "kismet.datasource.running") == 0);
    CHECK(bus_says(server, "will attempt to re-open the source in 5 seconds (1 failure)"));
    r = wait_for_source(server, flaky, "re-opened", [](const Value& v) {
        return num(v, "kismet.datasource.running") == 1 || num(v, "kismet.datasource.total_retry_attempts") > 1;
    });
    if (num(r, "kismet.datasource.total_retry_attempts") == 1) { // seen between the re-open and the next failure
        CHECK(num(r, "kismet.datasource.error") == 0);
        CHECK(num(r, "kismet.datasource.retry_attempts") == 0);
    }
    // It fails again after another 150 frames: a second run happened.
    r = wait_for_source(server, flaky, "the second failure",
                 [](const Value& v) { return num(v, "kismet.datasource.total_retry_attempts") == 2; });
    CHECK(num(r, "kismet.datasource.num_packets") >= 300);
    CHECK(num(r, "kismet.datasource.retry_attempts") == 1); // consecutive: the re-open had reset it
    CHECK(strings(r, "kismet.datasource.hop_channels") == kWorldChannels);
    CHECK(bus_says(server, "Attempting to re-open source 'flaky'"));
    CHECK(bus_says(server, "(" + flaky + ") successfully re-opened"));

    // Meanwhile the retry=false source was left alone.
    r = source_record(server, stubborn);
    CHECK(num(r, "kismet.datasource.error") == 1);
    CHECK(num(r, "kismet.datasource.num_packets") == 50);
    CHECK(num(r, "kismet.datasource.total_retry_attempts") == 0);

    // Opening it by hand works at once.
    const HttpResult opened = post_command(server, "/datasource/by-uuid/" + stubborn + "/open_source.cmd", "{}",
                                           server.login());
    REQUIRE(opened.status == 200);
    CHECK(num(json_of(opened), "kismet.datasource.running") == 1);
    CHECK(num(json_of(opened), "kismet.datasource.error") == 0);

    // Stopping with a retry pending neither waits for it nor fails.
    const int status = server.stop(SIGTERM, 5000);
    REQUIRE(status != -1);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("split_source_hopping=false and retry_on_source_error=false change the defaults")
{
    std::vector<std::string> config = kLogin;
    config.push_back("split_source_hopping=false");
    config.push_back("retry_on_source_error=false");
    ServerProcess server(config, {"-c", "sim:name=a", "-c", "sim:name=b,retry=true"});
    const Value a = source_record(server, uuid_of(server, "a"));
    const Value b = source_record(server, uuid_of(server, "b"));
    CHECK(num(a, "kismet.datasource.hop_split") == 0);
    CHECK(num(b, "kismet.datasource.hop_split") == 0);
    CHECK(num(b, "kismet.datasource.hop_offset") == 0);
    CHECK(num(a, "kismet.datasource.retry") == 0);
    CHECK(num(b, "kismet.datasource.retry") == 1);
}

TEST_CASE("a channel the simulated world lacks refuses the definition and adds nothing")
{
    ServerProcess server(kLogin);
    const HttpResult bad = post_command(server, "/datasource/add_source.cmd", R"({"definition": "sim:channel=13"})",
                                        server.login());
    CHECK(bad.status == 400);
    CHECK(str(json_of(bad), "error") ==
          "channel 13 is not one of this simulated world's channels: 1, 6, 11, 36, 44, 149");
    CHECK(server.get("/datasource/all_sources.json").body == "[]");
    // A channel it has locks the source from the server.
    const HttpResult good = post_command(server, "/datasource/add_source.cmd", R"({"definition": "sim:channel=44"})",
                                         server.login());
    REQUIRE(good.status == 200);
    CHECK(str(json_of(good), "kismet.datasource.channel") == "44");
    CHECK(num(json_of(good), "kismet.datasource.hopping") == 0);
}
