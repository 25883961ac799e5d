// The UI's entry point: asks whether the browser holds a session, shows the
// login page or the app, and builds the app from modules — the built-in ones
// (js/panels/index.js), then every plugin's js= module — through one API.
//
// Leaving the app (logout, an expired session) reloads the page: every timer,
// socket and panel goes with it, so no module needs to know how to stop.

import { Api } from "./api.js";
import { ColumnRegistry } from "./devices/columns.js";
import { DetailSections, DeviceDetail } from "./devices/device-detail.js";
import { makeDockResizable } from "./dock-resize.js";
import { EventBus } from "./events.js";
import { clearNotices } from "./notify.js";
import { BUILTIN_MODULES } from "./panels/index.js";
import { loadPlugins, registerModule } from "./plugin-api.js";
import { Session } from "./session.js";
import { StatusLine } from "./status.js";
import { TabArea } from "./tab-area.js";

// A message for the login page, carried across the reload that leaves the app.
const LOGIN_MESSAGE = "airsight.loginMessage";

const $ = (id) => document.getElementById(id);

let leaving = false;
function backToLogin(message) {
    if (leaving) return;
    leaving = true;
    if (message) sessionStorage.setItem(LOGIN_MESSAGE, message);
    location.reload();
}

const api = new Api({ onUnauthorized: () => backToLogin("Your session has ended: log in again.") });
const session = new Session(api);

async function boot() {
    let loggedIn = false;
    try {
        loggedIn = await session.check();
    } catch (e) {
        // The server is down or unreachable: the login page says so, and logging in retries.
        sessionStorage.setItem(LOGIN_MESSAGE, `The server does not answer: ${e.message}`);
    }
    if (loggedIn) startApp();
    else showLogin();
}

function showLogin() {
    $("app-view").hidden = true;
    $("login-view").hidden = false;
    const message = sessionStorage.getItem(LOGIN_MESSAGE);
    sessionStorage.removeItem(LOGIN_MESSAGE);
    $("login-message").textContent = message || "";
    $("login-message").hidden = !message;
    const form = $("login-form");
    const error = $("login-error");
    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        error.hidden = true;
        $("login-submit").disabled = true;
        try {
            await session.login($("login-user").value, $("login-password").value);
            $("login-password").value = "";
            startApp();
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
            $("login-password").select();
        } finally {
            $("login-submit").disabled = false;
        }
    });
    $("login-user").focus();
}

async function startApp() {
    $("login-view").hidden = true;
    $("app-view").hidden = false;
    $("login-message").hidden = true;
    clearNotices();
    $("user-name").textContent = session.user || "";
    $("user-name").hidden = !session.user;
    $("logout").hidden = false;
    $("logout").addEventListener("click", async () => {
        await session.logout();
        backToLogin("You have logged out.");
    });

    const status = new StatusLine(api, {
        name: $("server-name"), devices: $("status-devices"), clock: $("status-clock"), mode: $("status-events"),
    });
    const events = new EventBus(api, { onModeChange: (mode) => status.showMode(mode) });
    const columns = new ColumnRegistry();
    const details = new DetailSections();
    let detail = null;
    const app = {
        rest: api,
        events,
        columns,
        details,
        tabs: new TabArea($("tab-bar"), $("tab-stack"), { storageKey: "airsight.tab", name: "tab" }),
        dock: new TabArea($("dock-bar"), $("dock-stack"), { storageKey: "airsight.dock", name: "dock" }),
        openDevice: (key) => detail.open(key),
    };
    detail = new DeviceDetail({ api, drawer: $("device-detail"), sections: details, openDevice: app.openDevice });

    status.start();
    events.start();
    for (const [name, module] of BUILTIN_MODULES) await registerModule(app, `builtin:${name}`, module, { builtin: true });
    await loadPlugins(app);
    // The dock appears once a module has put a panel in it.
    $("dock").hidden = app.dock.entries.size === 0;
    makeDockResizable($("dock"), $("dock-handle"));
    document.body.dataset.ready = "true"; // for the browser tests: every module has registered
}

boot();
