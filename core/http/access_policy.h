// Who may call a route (see Route in airsight/http.h): the login is the
// default; public routes never need it; plain reads are opened to anyone only
// when the operator asks for the 2018 API's behaviour.
#ifndef AIRSIGHT_CORE_HTTP_ACCESS_POLICY_H
#define AIRSIGHT_CORE_HTTP_ACCESS_POLICY_H

#include <airsight/http.h>

namespace airsight::core {

struct AccessPolicy {
    /// httpd_allow_anonymous_reads: plain (read) routes need no login.
    bool allow_anonymous_reads = false;

    bool needs_login(const Route& route) const
    {
        if (route.public_route) return false;
        if (route.login_required) return true;
        return !allow_anonymous_reads;
    }
};

} // namespace airsight::core

#endif
