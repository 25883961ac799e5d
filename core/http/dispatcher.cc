#include "http/dispatcher.h"

#include "http/form_decoding.h"
#include "json/json_parser.h"
#include "json/json_writers.h"
#include "query/field_query.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace airsight::core {
namespace {

constexpr std::string_view kCookieName = "KISMET";

std::string json_escape(std::string_view s)
{
    std::string out;
    auto writer = make_writer(JSON, out);
    writer->string(s);
    return out;
}

std::string allowed_methods(unsigned bits)
{
    std::string out;
    if (bits & GET) out += "GET, HEAD";
    if (bits & POST) out += out.empty() ? "POST" : ", POST";
    return out;
}

std::string format_list(unsigned bits)
{
    std::string out;
    for (unsigned bit : {JSON, EKJSON, ITJSON, PRETTYJSON, CMD, HTML, PCAPNG, WEBSOCKET})
        if (bits & bit) out += (out.empty() ? "." : ", .") + std::string(extension_of_format(bit));
    return out;
}

// A 401 carries the Basic challenge, which Kismet clients (and wget) wait
// for before they send their login, unless the request says it comes from a
// script (X-Requested-With: XMLHttpRequest, as the web UI's requests do):
// there a challenge would make the browser pop up its own login dialog over
// the page's, so the page shows its form instead.
void add_basic_challenge(const RawRequest& raw, RawResponse& r)
{
    if (Poco::icompare(raw.requested_with, "XMLHttpRequest") == 0) return;
    for (const auto& [name, value] : r.headers)
        if (Poco::icompare(name, "WWW-Authenticate") == 0) return;
    r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"airsight\"");
}

void unauthorized(const RawRequest& raw, RawResponse& r, std::string_view why)
{
    r = Dispatcher::error(401, why);
    add_basic_challenge(raw, r);
}

} // namespace

Dispatcher::Dispatcher(RouteTable& routes, SessionStore& sessions, StaticFiles& files, const FieldRegistry& fields,
                       Login login, MessageBus& log, AccessPolicy access)
    : routes_(routes), sessions_(sessions), files_(files), fields_(fields), login_(std::move(login)), log_(log),
      access_(access)
{
}

RawResponse Dispatcher::error(int status, std::string_view message)
{
    RawResponse r;
    r.status = status;
    r.content_type = "application/json";
    r.body = "{\"error\":" + json_escape(message) + ",\"status\":" + std::to_string(status) + "}";
    return r;
}

RawResponse Dispatcher::internal_error(MessageBus& log, std::string_view request, std::string_view why)
{
    log.post("HTTP request " + std::string(request) + " failed: " + std::string(why), MSG_ERROR);
    return error(500, "internal error: " + std::string(why));
}

void Dispatcher::authenticate(const RawRequest& raw, Request& request, RawResponse& response)
{
    if (auto id = find_cookie(raw.cookie, kCookieName)) {
        if (auto user = sessions_.lookup(*id)) {
            request.auth.session = true;
            request.auth.session_id = *id;
            request.user = *user;
        } else {
            request.auth.session_unknown = true;
        }
    }
    // Kismet's user= and password= parameters (what a browser's websocket,
    // which cannot send an Authorization header, logs in with) count as
    // Basic credentials; an Authorization header wins.
    std::optional<Login> login;
    if (!raw.authorization.empty()) {
        login = parse_basic_authorization(raw.authorization);
    } else {
        const auto user = request.query.find("user");
        const auto password = request.query.find("password");
        if (user == request.query.end() || password == request.query.end()) return;
        login = Login{user->second, password->second};
    }
    request.auth.basic = true;
    request.auth.basic_valid = login && constant_time_equal(login->username, login_.username) &&
                               constant_time_equal(login->password, login_.password);
    if (!request.auth.basic_valid) {
        log_.post("HTTP login refused for user '" + (login ? login->username : std::string("?")) + "'", MSG_INFO);
        return;
    }
    request.user = login->username;
    if (!request.auth.session) {
        // Any valid Basic login opens a session, returned in the KISMET cookie.
        const std::string id = sessions_.create(request.user);
        response.headers.emplace_back("Set-Cookie",
                                      std::string(kCookieName) + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
    }
}

Request Dispatcher::decode(const RawRequest& raw, RawResponse& response, std::string& path, std::string& extension)
{
    Request request;
    request.method = raw.method == "HEAD" ? "GET" : raw.method;
    Poco::URI uri;
    try {
        uri = Poco::URI(raw.uri);
    } catch (const Poco::Exception& e) {
        throw HttpError(400, "malformed request URI: " + e.displayText());
    }
    std::tie(path, extension) = split_extension(uri.getPath());
    request.path = path;
    request.extension = extension;
    try {
        request.query = parse_form(uri.getRawQuery());
    } catch (const std::invalid_argument& e) {
        throw HttpError(400, std::string("malformed query string: ") + e.what());
    }
    authenticate(raw, request, response);
    return request;
}

RawResponse Dispatcher::handle(const RawRequest& raw)
{
    RawResponse response = respond(raw);
    if (!response.stream) return response;
    try {
        response.stream([&response](std::string_view piece) { response.body.append(piece); });
    } catch (const std::exception& e) {
        return internal_error(log_, raw.method + " " + raw.uri, e.what());
    }
    response.stream = nullptr;
    return response;
}

RawResponse Dispatcher::respond(const RawRequest& raw)
{
    RawResponse response;
    try {
        std::string path, extension;
        Request request = decode(raw, response, path, extension);
        RouteMatch match = routes_.match(request.method, path, extension);
        switch (match.outcome) {
        case RouteMatch::Outcome::Found: return serve_route(raw, match, request, std::move(response));
        case RouteMatch::Outcome::MethodNotAllowed: {
            RawResponse r = error(405, raw.method + " is not allowed on " + path + "; use " +
                                           allowed_methods(match.allowed_methods));
            r.headers.emplace_back("Allow", allowed_methods(match.allowed_methods));
            return r;
        }
        case RouteMatch::Outcome::FormatNotServed:
            return error(404, path + " is not served as ." + extension + "; it serves " +
                                  format_list(match.served_formats));
        case RouteMatch::Outcome::NotFound: break;
        }
        if (request.method == "GET") {
            // Static files keep their real name, extension included.
            const std::string full_path = extension.empty() ? path : path + "." + extension;
            if (auto reply = files_.serve(full_path)) {
                RawResponse r;
                r.status = reply->status;
                r.content_type = reply->content_type;
                r.body = std::move(reply->raw);
                r.headers = std::move(response.headers);
                return r;
            }
        }
        return error(404, "no such endpoint or file: " + path + (extension.empty() ? "" : "." + extension));
    } catch (const HttpError& e) {
        return error(e.status(), e.what());
    } catch (const std::exception& e) {
        return internal_error(log_, raw.method + " " + raw.uri, e.what());
    }
}

Value Dispatcher::decode_command(const RawRequest& raw, Request& request)
{
    std::string json_text;
    if (request.method == "POST" && !raw.body.empty()) {
        const std::string type = raw.content_type.substr(0, raw.content_type.find(';'));
        if (type == "application/json") {
            json_text = raw.body;
        } else if (type.empty() || type == "application/x-www-form-urlencoded" || type == "text/plain") {
            try {
                request.form = parse_form(raw.body);
            } catch (const std::invalid_argument& e) {
                throw HttpError(400, std::string("malformed form body: ") + e.what());
            }
            if (auto it = request.form.find("json"); it != request.form.end()) {
                json_text = std::move(it->second);
                request.form.erase(it);
            }
        } else {
            throw HttpError(415, "unsupported content type '" + std::string(type) +
                                     "': send application/x-www-form-urlencoded with json={...}");
        }
    } else if (auto it = request.query.find("json"); it != request.query.end()) {
        json_text = it->second;
    }
    if (json_text.empty()) return Value::map();
    Value command;
    try {
        command = parse_json(json_text);
    } catch (const JsonParseError& e) {
        throw HttpError(400, std::string("malformed json= parameter: ") + e.what());
    }
    if (command.kind() != Value::Kind::Map)
        throw HttpError(400, "the json= parameter must be a JSON object, not " +
                                 std::string(Value::kind_name(command.kind())));
    return command;
}

RawResponse Dispatcher::serve_route(const RawRequest& raw, const RouteMatch& match, Request& request,
                                    RawResponse response)
{
    const Route& route = *match.route;
    if (access_.needs_login(route) && !request.auth.session && !request.auth.basic_valid) {
        unauthorized(raw, response,
                     request.auth.basic            ? "wrong username or password"
                     : request.auth.session_unknown ? std::string(kSessionExpired)
                                                    : "login required: send HTTP Basic credentials or a KISMET "
                                                      "session cookie (GET /session/check_session with Basic "
                                                      "opens a session)");
        return response;
    }
    request.path_params = match.params;
    if (match.format == WEBSOCKET) return accept_websocket(raw, match, request, std::move(response));
    request.command = decode_command(raw, request);
    FieldQuery query = route.field_query ? parse_field_query(request, fields_) : FieldQuery{};

    Reply reply = route.handler(request); // throws HttpError for client errors
    response.status = reply.status;
    for (auto& h : reply.headers) response.headers.push_back(std::move(h));
    if (response.status == 401) add_basic_challenge(raw, response);
    if (reply.live_body) {
        response.content_type = std::move(reply.content_type);
        // Holding the route while the stream runs, as for streamed bodies below.
        response.live = [live = std::move(reply.live_body), route = match.route](ByteSink& sink) {
            (void)route;
            live(sink);
        };
    } else if (reply.body) {
        // Serialized later, piece by piece, by whoever sends the body.
        const auto format = static_cast<Format>(match.format == HTML ? JSON : match.format);
        std::function<void(Writer&)> write;
        if (reply.tree && !query.empty())
            write = [tree = reply.tree, q = std::make_shared<const FieldQuery>(std::move(query))](Writer& w) {
                write_queried(w, *tree, *q);
            };
        else
            write = std::move(reply.body);
        response.content_type = "application/json";
        // The writer is the route owner's code: holding the route until the
        // body is written keeps a plugin's withdrawal (which waits for its
        // routes to be free) from finishing while that code still runs.
        response.stream = [format, write = std::move(write), route = match.route](const BodySink& sink) {
            (void)route;
            write_in_pieces(format, write, sink);
        };
    } else {
        response.content_type = std::move(reply.content_type);
        response.body = std::move(reply.raw);
    }
    return response;
}

RawResponse Dispatcher::accept_websocket(const RawRequest& raw, const RouteMatch& match, Request& request,
                                         RawResponse response)
{
    if (const std::string why = websocket_handshake_error(raw.method, raw.upgrade); !why.empty()) {
        RawResponse r = error(asks_for_websocket(raw.upgrade) ? 400 : 426, why);
        r.headers.emplace_back("Upgrade", "websocket");
        r.headers.emplace_back("Sec-WebSocket-Version", "13");
        return r;
    }
    request.command = decode_command(raw, request); // json= in the query, as for any GET
    Reply reply = match.route->handler(request);    // throws HttpError for client errors
    if (!reply.websocket_session)
        return internal_error(log_, raw.method + " " + raw.uri, "the websocket route gave no session");
    response.status = 101;
    response.headers.emplace_back("Upgrade", "websocket");
    response.headers.emplace_back("Connection", "Upgrade");
    response.headers.emplace_back("Sec-WebSocket-Accept", websocket_accept_key(raw.upgrade.key));
    for (auto& h : reply.headers) response.headers.push_back(std::move(h));
    response.websocket = std::move(reply.websocket_session);
    return response;
}

} // namespace airsight::core
