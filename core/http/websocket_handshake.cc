#include "http/websocket_handshake.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA1Engine.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace airsight::core {
namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Whether a comma-separated header value lists `token` (case-insensitive).
bool lists_token(std::string_view value, std::string_view token)
{
    const std::string v = lower(value);
    std::size_t i = 0;
    while (i <= v.size()) {
        std::size_t j = v.find(',', i);
        if (j == std::string::npos) j = v.size();
        std::string_view item(v.data() + i, j - i);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (item == token) return true;
        i = j + 1;
    }
    return false;
}

// A Sec-WebSocket-Key is base64 of 16 bytes: 24 characters ending in "==".
bool plausible_key(std::string_view key)
{
    if (key.size() != 24 || key.substr(22) != "==") return false;
    return std::all_of(key.begin(), key.begin() + 22,
                       [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '/'; });
}

} // namespace

bool asks_for_websocket(const UpgradeHeaders& headers) { return lists_token(headers.upgrade, "websocket"); }

std::string websocket_handshake_error(std::string_view method, const UpgradeHeaders& headers)
{
    if (!asks_for_websocket(headers))
        return "this route is a websocket: send GET with 'Upgrade: websocket' and 'Connection: Upgrade'";
    if (method != "GET") return "a websocket opens with GET, not " + std::string(method);
    if (!lists_token(headers.connection, "upgrade")) return "a websocket upgrade needs 'Connection: Upgrade'";
    if (headers.version != "13")
        return "unsupported Sec-WebSocket-Version '" + headers.version + "'; this server speaks 13";
    if (!plausible_key(headers.key)) return "missing or malformed Sec-WebSocket-Key";
    return "";
}

std::string websocket_accept_key(std::string_view key)
{
    Poco::SHA1Engine sha1;
    sha1.update(std::string(key) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    const Poco::DigestEngine::Digest& digest = sha1.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

} // namespace airsight::core
