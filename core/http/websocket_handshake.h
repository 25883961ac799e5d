// The server's half of the RFC 6455 opening handshake: whether a request
// asks for a websocket, and the Sec-WebSocket-Accept value that proves the
// server read its key.
#ifndef AIRSIGHT_CORE_HTTP_WEBSOCKET_HANDSHAKE_H
#define AIRSIGHT_CORE_HTTP_WEBSOCKET_HANDSHAKE_H

#include <string>
#include <string_view>

namespace airsight::core {

/// The upgrade headers of a request (empty when absent).
struct UpgradeHeaders {
    std::string upgrade;    // Upgrade
    std::string connection; // Connection (all of them, joined by ", ")
    std::string key;        // Sec-WebSocket-Key
    std::string version;    // Sec-WebSocket-Version
};

/// Whether the request asks to upgrade to a websocket at all (Upgrade:
/// websocket), valid or not.
bool asks_for_websocket(const UpgradeHeaders& headers);
/// Why the request is not a valid websocket opening handshake, or "" when it is.
std::string websocket_handshake_error(std::string_view method, const UpgradeHeaders& headers);
/// base64(SHA-1(key + the RFC's GUID)).
std::string websocket_accept_key(std::string_view key);

} // namespace airsight::core

#endif
