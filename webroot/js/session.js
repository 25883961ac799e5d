// The login session, Kismet's way: a Basic login sent once to
// /session/check_session makes the server set the KISMET session cookie
// (HttpOnly: scripts never see it); every later request carries the cookie.

import { ApiError } from "./api.js";

// Set after logout when the server has no logout route: the cookie cannot be
// removed by a script (HttpOnly), so the UI itself stays logged out until the
// user logs in again. Per tab, like the login it replaces.
const LOGGED_OUT = "airsight.loggedOut";

export class Session {
    constructor(api) {
        this.api = api;
        this.user = null;
    }

    /** true when the browser already holds a live session (e.g. after a reload). */
    async check() {
        if (sessionStorage.getItem(LOGGED_OUT)) return false;
        const response = await this.api.request("session/check_session.json", { method: "GET" }, { raw: true, quiet: true });
        if (!response.ok) return false;
        const body = await response.json().catch(() => ({}));
        this.user = body.user || null;
        return true;
    }

    /**
     * Logs in; resolves when the server accepted the login (the cookie is set),
     * rejects with an ApiError whose message can be shown as is.
     */
    async login(user, password) {
        let response;
        try {
            response = await this.api.request("session/check_session.json", { method: "GET" }, {
                raw: true,
                quiet: true,
                headers: { Authorization: "Basic " + base64Utf8(`${user}:${password}`) },
            });
        } catch (e) {
            throw new ApiError(`The server does not answer: ${e.message}`, 0, "session/check_session.json");
        }
        if (response.status === 401 || response.status === 403)
            throw new ApiError("Wrong user name or password.", response.status, "session/check_session.json");
        if (!response.ok)
            throw new ApiError(`Login failed: HTTP ${response.status}`, response.status, "session/check_session.json");
        sessionStorage.removeItem(LOGGED_OUT);
        const body = await response.json().catch(() => ({}));
        this.user = body.user || user;
    }

    /**
     * Ends the session on the server (POST /session/logout.cmd). A server
     * without that route (404) cannot forget the cookie, so the UI only
     * remembers that the user logged out.
     */
    async logout() {
        sessionStorage.setItem(LOGGED_OUT, "1");
        this.user = null;
        try {
            const response = await this.api.request("session/logout.cmd", { method: "POST" }, { raw: true, quiet: true });
            if (!response.ok && response.status !== 404 && response.status !== 401)
                console.warn(`logout: the server answered HTTP ${response.status}`);
        } catch (e) {
            console.warn(`logout: ${e.message}`);
        }
    }
}

// btoa() takes Latin-1 only; a login may hold any UTF-8 character.
function base64Utf8(text) {
    let binary = "";
    for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
    return btoa(binary);
}
