// airsight SDK: REST routes, requests and replies.
//
// A Route names a path template ("/messagebus/last-time/[TS]/messages"),
// the methods and serializations it serves, and who may call it (see Route).
// The server matches the request, checks login, decodes the `json=` command
// and path parameters into a Request, calls the handler, and only then
// decides the status and writes the body: a handler that throws HttpError
// (or anything else) never leaves a half-written 200 behind.
#ifndef AIRSIGHT_HTTP_H
#define AIRSIGHT_HTTP_H

#include <airsight/value.h>
#include <airsight/websocket.h>
#include <airsight/writer.h>

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace airsight {

/// HTTP methods a route answers; combine with |.
enum Method : unsigned { GET = 1u << 0, POST = 1u << 1 };

/// Serializations (path extensions) a route serves; combine with |.
/// A request without extension is served as JSON when the route serves JSON.
enum Format : unsigned {
    JSON = 1u << 0,        // .json   one line
    EKJSON = 1u << 1,      // .ekjson one object per line (lists only)
    ITJSON = 1u << 2,      // .itjson alias of .ekjson, for current clients
    PRETTYJSON = 1u << 3,  // .prettyjson indented, with field descriptions
    CMD = 1u << 4,         // .cmd    a command; answers JSON
    HTML = 1u << 5,        // .html   the handler writes raw HTML
    PCAPNG = 1u << 6,      // .pcapng a capture (Reply::bytes or Reply::live)
    WEBSOCKET = 1u << 7,   // .ws     a websocket (Reply::websocket; see airsight/websocket.h)
    OBJECT_FORMATS = JSON | PRETTYJSON,
    LIST_FORMATS = JSON | EKJSON | ITJSON | PRETTYJSON,
};

/// Thrown by handlers to answer with a client error and a JSON message.
class HttpError : public std::runtime_error {
public:
    HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

/// One decoded request, as a handler sees it.
struct Request {
    std::string method;    // "GET", "POST"
    std::string path;      // "/messagebus/last-time/12/messages" (no extension)
    std::string extension; // "json", "ekjson", ... or "" when none was given
    std::map<std::string, std::string, std::less<>> path_params; // "TS" -> "12"
    std::map<std::string, std::string, std::less<>> query;       // ?a=b
    std::map<std::string, std::string, std::less<>> form;        // POST form fields other than json=
    /// The `json=` command dictionary (a Map); an empty Map when none was sent.
    Value command = Value::map();
    /// The logged-in user, or "" when the request carried no valid login.
    std::string user;
    /// How the request authenticated; `user` is set when either is valid.
    struct Auth {
        bool session = false;     // a valid KISMET session cookie
        bool basic = false;       // HTTP Basic credentials were sent
        bool basic_valid = false; // ... and they were right
        /// A KISMET cookie was sent that names no live session (it expired,
        /// was logged out, or the server restarted).
        bool session_unknown = false;
        /// The id of the valid session the cookie names ("" when none): what
        /// a logout ends.
        std::string session_id;
    } auth;

    /// A path parameter; throws HttpError 400 when the route has none by that name.
    const std::string& param(std::string_view name) const
    {
        auto it = path_params.find(name);
        if (it == path_params.end()) throw HttpError(400, "missing path parameter " + std::string(name));
        return it->second;
    }
    /// The command's member `key`, or nullptr. Unknown keys are simply ignored.
    const Value* option(std::string_view key) const { return command.find(key); }
};

/// Where a live reply (Reply::live) writes its body. Thread-safe only as
/// documented per call.
class ByteSink {
public:
    virtual ~ByteSink() = default;
    /// Sends `bytes` to the client, waiting while it reads (at most
    /// httpd_send_timeout without progress). False once the client has gone,
    /// stopped reading, the reply was interrupted or the server is stopping:
    /// then nothing more will be sent, and the writer should return.
    virtual bool write(std::string_view bytes) = 0;
    /// Whether the client is still there (it has not closed the connection,
    /// and nothing interrupted the reply): a writer waiting for data to send
    /// asks this at least once a second, so a client that left frees its
    /// worker promptly.
    virtual bool connected() = 0;
    /// Ends the reply from another thread: write() and connected() return
    /// false from now on, and a write() in progress gives up at once.
    virtual void interrupt() = 0;
};

/// What a handler returns. Built with the static helpers.
struct Reply {
    int status = 200;
    /// Writes the body in whatever serialization the request asked for.
    std::function<void(Writer&)> body;
    /// The Value a Reply::value holds (nullptr for streams and raw replies);
    /// the server applies a route's field query to it.
    std::shared_ptr<const Value> tree;
    /// For raw replies (HTML, files): content type and bytes; `body` is empty.
    std::string content_type;
    std::string raw;
    std::vector<std::pair<std::string, std::string>> headers;
    /// For live replies: writes the body until it returns (see Reply::live).
    std::function<void(ByteSink&)> live_body;
    /// For websocket routes: the session that serves the upgraded connection.
    std::shared_ptr<WebSocketSession> websocket_session;

    /// A Value tree, serialized in the requested format.
    static Reply value(Value v)
    {
        auto shared = std::make_shared<const Value>(std::move(v));
        Reply r;
        r.body = [shared](Writer& w) { w.value(*shared); };
        r.tree = std::move(shared);
        return r;
    }
    /// A body written on demand, for large answers.
    static Reply stream(std::function<void(Writer&)> write)
    {
        Reply r;
        r.body = std::move(write);
        return r;
    }
    /// Bytes with a content type, sent as they are.
    static Reply bytes(std::string content_type, std::string data, int status = 200)
    {
        Reply r;
        r.status = status;
        r.content_type = std::move(content_type);
        r.raw = std::move(data);
        return r;
    }
    /// A long-lived byte stream (a live capture): `write` runs on one of the
    /// server's worker threads and sends through the ByteSink until the
    /// client goes, the server stops (write() returns false) or it has
    /// nothing more to send; then it returns. It holds that worker the whole
    /// time, so the server runs only so many at once (at most half of
    /// httpd_threads; beyond that the request gets 503). The status and
    /// headers go out before `write` runs; the connection closes after it.
    static Reply live(std::string content_type, std::function<void(ByteSink&)> write)
    {
        Reply r;
        r.content_type = std::move(content_type);
        r.live_body = std::move(write);
        return r;
    }
    /// Accepts a websocket upgrade (a WEBSOCKET route's answer): the server
    /// sends 101 and hands the connection to `session` (airsight/websocket.h).
    /// A WEBSOCKET route is only called for a valid upgrade request that
    /// passed the login; a plain request to it gets 426.
    static Reply websocket(std::shared_ptr<WebSocketSession> session)
    {
        Reply r;
        r.status = 101;
        r.websocket_session = std::move(session);
        return r;
    }
};

using Handler = std::function<Reply(const Request&)>;

/// Who may call a route. Every route needs the login (HTTP Basic or the
/// KISMET session cookie) unless it says otherwise:
///   - a plain route (neither flag) is a read: it needs the login by default,
///     and is open to anyone when the server runs with
///     httpd_allow_anonymous_reads=true (the 2018 Kismet API's behaviour);
///   - `login_required` routes need the login whatever the configuration:
///     commands, anything that changes state or hands out captured frames;
///   - `public_route` routes never need it: login and session checks, health
///     checks. Never set it on a route that reveals captured data.
/// Setting both is refused when the route is added (std::invalid_argument).
/// A refused request gets 401, a JSON message and `WWW-Authenticate: Basic`.
struct Route {
    unsigned methods = GET;         // Method bits
    std::string path{};             // template; "[NAME]" matches one path segment
    unsigned formats = JSON;        // Format bits
    bool login_required = false;    // needs the login even with anonymous reads allowed
    Handler handler{};
    std::string description{};      // one line, for route listings
    /// The route accepts Kismet's `fields` (field specification) and `regex`
    /// (filter) command keys. The server validates them (400 on a bad spec or
    /// pattern) and applies them to a Reply::value: a list is filtered and each
    /// element projected, an object is projected. Streamed replies are not
    /// touched: their handlers do their own.
    bool field_query = false;
    /// Served without any login, whatever the configuration (see above).
    bool public_route = false;
};

} // namespace airsight

#endif
