// The REST client every panel uses: JSON in and out, Kismet's request shapes
// (json= form parameter for POSTs), errors shown to the user, and one place
// that notices an expired session (401) and sends the user to the login page.
//
// Paths are relative ("devices/views/all_views.json"), resolved against the
// page's URL, so the UI works behind a reverse proxy that adds a prefix.

import { notify } from "./notify.js";

/** A failed request: `status` is the HTTP status (0: no answer at all). */
export class ApiError extends Error {
    constructor(message, status, path) {
        super(message);
        this.name = "ApiError";
        this.status = status;
        this.path = path;
    }
}

export class Api {
    /**
     * onUnauthorized(error) runs once per 401 on any call: the session expired
     * or was closed elsewhere; the app shows the login page.
     */
    constructor({ onUnauthorized = () => {} } = {}) {
        this.onUnauthorized = onUnauthorized;
    }

    /** The absolute URL of a relative path (for links and downloads). */
    url(path) {
        return new URL(path, document.baseURI).href;
    }

    /** GET → parsed JSON. options.quiet: no notice on failure (the caller reports it). */
    get(path, options = {}) {
        return this.request(path, { method: "GET" }, options);
    }

    /** POST Kismet's way: the command object as the json= form parameter. */
    post(path, command = {}, options = {}) {
        const form = new URLSearchParams({ json: JSON.stringify(command) });
        return this.postForm(path, form, options);
    }

    /** POST a form (URLSearchParams or a plain object) → parsed JSON. */
    postForm(path, form, options = {}) {
        const body = form instanceof URLSearchParams ? form : new URLSearchParams(form);
        return this.request(path, { method: "POST", body }, options);
    }

    /**
     * The one fetch every call goes through. X-Requested-With marks a script's
     * request, so the server answers 401 without asking the browser for a Basic
     * login (which would pop up a native dialog over the login page).
     */
    async request(path, init, { quiet = false, headers = {}, raw = false } = {}) {
        let response;
        try {
            response = await fetch(this.url(path), {
                credentials: "same-origin",
                ...init,
                headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json", ...headers },
            });
        } catch (e) {
            const error = new ApiError(`The server does not answer (${path}): ${e.message}`, 0, path);
            if (!quiet) notify(error.message);
            throw error;
        }
        if (response.status === 401 && !raw) {
            const error = new ApiError("Your session has ended: log in again.", 401, path);
            this.onUnauthorized(error);
            throw error;
        }
        if (raw) return response;
        if (!response.ok) {
            const error = new ApiError(`${path}: ${await errorText(response)}`, response.status, path);
            if (!quiet) notify(error.message);
            throw error;
        }
        const text = await response.text();
        if (text === "") return null;
        try {
            return JSON.parse(text);
        } catch (e) {
            const error = new ApiError(`${path}: the server's answer is not JSON (${e.message})`, response.status, path);
            if (!quiet) notify(error.message);
            throw error;
        }
    }
}

// The server's errors are {"error": "...", "status": N}; anything else is shown as the status.
async function errorText(response) {
    const text = await response.text().catch(() => "");
    try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed.error === "string") return `${parsed.error} (HTTP ${response.status})`;
    } catch {
        // not JSON: fall through
    }
    return `HTTP ${response.status} ${response.statusText}`.trim();
}
