// A plugin that streams a reply of any size, as a device list of 100,000
// devices would be streamed: GET /big_reply/strings.json?count=N answers a
// JSON array of N strings of 64 KiB each, written through the Writer piece
// by piece. tests/integration/test_hostile_clients.cc reads such replies
// slowly to check that slow readers hold no worker thread.
#include <airsight/plugin.h>

#include <charconv>
#include <string>

namespace {

constexpr std::size_t kStringBytes = 64 * 1024;

class BigReply : public airsight::Plugin {
public:
    explicit BigReply(airsight::PluginHost& host)
    {
        host.add_route({
            .methods = airsight::GET,
            .path = "/big_reply/strings",
            .formats = airsight::JSON,
            .login_required = false,
            .handler = [](const airsight::Request& r) { return strings(r); },
            .description = "count= strings of 64 KiB, streamed",
        });
    }

private:
    static airsight::Reply strings(const airsight::Request& r)
    {
        const auto it = r.query.find("count");
        unsigned count = 0;
        if (it == r.query.end() ||
            std::from_chars(it->second.data(), it->second.data() + it->second.size(), count).ec != std::errc{} ||
            count > 4096)
            throw airsight::HttpError(400, "count= must be a number up to 4096");
        return airsight::Reply::stream([count](airsight::Writer& w) {
            const std::string text(kStringBytes, 'x');
            w.begin_array();
            for (unsigned i = 0; i < count; ++i) w.string(text);
            w.end_array();
        });
    }
};

} // namespace

AIRSIGHT_PLUGIN(BigReply, "big_reply", "1.0", "Streams replies of a requested size (test plugin)",
                AIRSIGHT_PLUGIN_ENDPOINTS)
