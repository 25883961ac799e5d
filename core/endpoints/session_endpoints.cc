// Login checks, with Kismet's semantics: check_session accepts a session
// cookie or a Basic login (which also opens a session); check_login only
// looks at the Basic login. They are the way in, so they are public routes
// that check the login themselves.
#include "endpoints/endpoints.h"

namespace airsight::core {

void register_session_endpoints(Services& services)
{
    services.routes.add(Route{
        .methods = GET | POST,
        .path = "/session/check_session",
        .formats = JSON | CMD,
        .handler =
            [](const Request& request) {
                if (!request.auth.session && !request.auth.basic_valid) {
                    Reply r = Reply::bytes("application/json",
                                           R"({"error":"no valid session or login","status":401})", 401);
                    r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"airsight\"");
                    return r;
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
}

} // namespace airsight::core
