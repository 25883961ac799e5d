// The dispatcher turns one HTTP request into one response, independent of
// the socket layer (so it is unit-testable): it matches the route, checks the
// login, decodes parameters and the json= command, runs the handler, and
// serializes the reply in the requested format. The status is decided before
// any byte of the body is sent: respond() returns it with the body still to be
// written (RawResponse::stream) when the handler writes through a Writer, so
// the transport can stream a large body instead of holding it whole.
#ifndef AIRSIGHT_CORE_HTTP_DISPATCHER_H
#define AIRSIGHT_CORE_HTTP_DISPATCHER_H

#include "http/access_policy.h"
#include "http/body_stream.h"
#include "http/route_table.h"
#include "http/sessions.h"
#include "http/static_files.h"
#include "http/websocket_handshake.h"

#include <airsight/host.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace airsight::core {

struct RawRequest {
    std::string method;
    std::string uri;           // as sent: path and query, percent-encoded
    std::string authorization; // Authorization header, or ""
    std::string cookie;        // Cookie header, or ""
    std::string content_type;
    std::string body;
    /// X-Requested-With header, or "": "XMLHttpRequest" (a page's script)
    /// gets its 401s without the Basic challenge (see add_basic_challenge()).
    std::string requested_with;
    UpgradeHeaders upgrade; // for websocket routes
};

struct RawResponse {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, the body is written by calling this (and `body` is empty).
    /// It may throw: the transport answers 500 if no body byte was sent yet,
    /// otherwise it cuts the reply short (never a complete-looking success).
    std::function<void(const BodySink&)> stream;
    /// When set, a live reply (Reply::live): the transport sends the status
    /// and headers, then runs this on its worker until it returns, and closes
    /// the connection (the body ends with it). `body` and `stream` are empty.
    std::function<void(ByteSink&)> live;
    /// When set, status is 101 and the headers complete a websocket
    /// handshake: the transport sends them and hands the connection to this
    /// session (see airsight/websocket.h).
    std::shared_ptr<WebSocketSession> websocket;
};

class Dispatcher {
public:
    Dispatcher(RouteTable& routes, SessionStore& sessions, StaticFiles& files, const FieldRegistry& fields, Login login,
               MessageBus& log, AccessPolicy access = {});

    /// The response; a serialized body is left to `stream` (see RawResponse).
    RawResponse respond(const RawRequest& request);
    /// respond() with any stream written into `body`; a stream that throws
    /// gives a clean 500. For tests and callers that want the whole body.
    RawResponse handle(const RawRequest& request);

    /// A JSON error body {"error": message} with a status.
    static RawResponse error(int status, std::string_view message);
    /// The one way a failure becomes a 500, whoever caught it (the
    /// dispatcher, or the transport writing a streamed body before its first
    /// byte): posts "HTTP request <request> failed: <why>" to `log` and
    /// returns {"error": "internal error: <why>"}. `request` is "GET /x".
    static RawResponse internal_error(MessageBus& log, std::string_view request, std::string_view why);

private:
    Request decode(const RawRequest& raw, RawResponse& response, std::string& path, std::string& extension);
    void authenticate(const RawRequest& raw, Request& request, RawResponse& response);
    Value decode_command(const RawRequest& raw, Request& request);
    RawResponse serve_route(const RawRequest& raw, const RouteMatch& match, Request& request,
                            RawResponse response);
    RawResponse accept_websocket(const RawRequest& raw, const RouteMatch& match, Request& request,
                                 RawResponse response);

    RouteTable& routes_;
    SessionStore& sessions_;
    StaticFiles& files_;
    const FieldRegistry& fields_;
    const Login login_;
    MessageBus& log_;
    const AccessPolicy access_;
};

} // namespace airsight::core

#endif
