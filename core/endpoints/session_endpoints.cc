// Login checks, with Kismet's semantics: check_session accepts a session
// cookie or a Basic login (which also opens a session); check_login only
// looks at the Basic login. They are the way in, so they are public routes
// that check the login themselves. The dispatcher adds the Basic challenge to
// their 401s, as to any (see add_basic_challenge in core/http/dispatcher.cc).
//
// Logout is ours: Kismet has no such route (its sessions only time out). It
// ends the session the KISMET cookie names and expires the cookie, which is
// HttpOnly, so a page's script could not drop it itself.
#include "endpoints/endpoints.h"
#include "json/json_writers.h"

namespace airsight::core {

void register_session_endpoints(Services& services, SessionStore& sessions)
{
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/session/check_session",
        .formats = JSON | CMD,
        .handler =
            [](const Request& request) {
                if (!request.auth.session && !request.auth.basic_valid) {
                    Value refusal = Value::map();
                    refusal.put("error", request.auth.session_unknown && !request.auth.basic
                                             ? std::string(kSessionExpired)
                                             : std::string("no valid session or login"));
                    refusal.put("status", 401);
                    return Reply::bytes("application/json", to_json(refusal), 401);
                }
                Value v = Value::map();
                v.put("session", "valid");
                v.put("user", request.user);
                return Reply::value(std::move(v));
            },
        .description = "200 when the session cookie or Basic login is valid, else 401",
        .public_route = true,
    });
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/session/check_login",
        .formats = JSON | CMD,
        .handler =
            [](const Request& request) {
                if (!request.auth.basic_valid)
                    return Reply::bytes("application/json",
                                        R"({"error":"login is not valid","status":403})", 403);
                Value v = Value::map();
                v.put("login", "valid");
                v.put("user", request.user);
                return Reply::value(std::move(v));
            },
        .description = "200 when the Basic login is valid (cookies ignored), else 403",
        .public_route = true,
    });
    services.routes.add(Route{
        .methods = POST,
        .path = "/session/logout",
        .formats = JSON | CMD,
        .handler =
            [&sessions](const Request& request) {
                // Public, so a page whose session already expired can still
                // clear its cookie; it only ever ends the caller's own session.
                const bool ended = !request.auth.session_id.empty() && sessions.remove(request.auth.session_id);
                Value v = Value::map();
                v.put("session", ended ? "ended" : "none");
                Reply r = Reply::value(std::move(v));
                r.headers.emplace_back("Set-Cookie", "KISMET=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
                return r;
            },
        .description = "ends the session of the KISMET cookie and expires the cookie; "
                       "{\"session\": \"ended\"} or \"none\" when it named no live session",
        .public_route = true,
    });
}

} // namespace airsight::core
