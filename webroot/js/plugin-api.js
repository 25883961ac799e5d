// The plugin JS API: what a web UI module — a plugin's js= entry or one of
// the UI's own panels — gets to extend the UI. Documented in docs/WEB_UI.md.
//
// A module is an ES module that exports register(api) (or a default function
// of the same shape); the UI imports it and calls register once, with an API
// object of its own (register may be async: the UI waits for it):
//
//   export async function register(api) {
//       api.addTab({ id: "demo", title: "Demo", create(container) { ... } });
//       api.addPanel({ id: "demo-log", title: "Demo log", create(container) { ... } });
//       api.addDeviceColumn({ id: "demo-col", title: "Demo", fields: ["kismet.device.base.name"],
//                             render: (row) => row["kismet.device.base.name"] });
//       api.addDetailSection({ id: "demo", title: "Demo", render(container, record) { ... } });
//       api.events.subscribe("MESSAGE", (message) => { ... });
//       const status = await api.rest.get("system/status.json");
//   }
//
//   addTab(spec)           a tab of the main area: {id, title, order?, create(container), onShow?, onHide?}
//   addPanel(spec)         a panel of the dock under every tab (Kismet's Messages/Alerts strip), same spec
//   addDeviceColumn(spec)  a device-list column: {id, title, fields, sortField?, render(row), visible?, align?}
//   addDetailSection(spec) a section of the device detail: {id, title, order?, render(container, record, ctx)}
//                          (render returns false when the section does not apply to that device)
//   rest                   the REST client (js/api.js): get, post, postForm, url
//   events                 the event bus (js/events.js): subscribe(topic, handler, {fields}) → unsubscribe
//   chart                  the SVG charts (js/chart.js): lineChart, barChart, rrdPoints
//   format                 formatting helpers and el() (js/format.js)
//   notify(text, kind)     a notice to the user
//   openDevice(key)        opens a device's detail view
//   name                   the module's name ("webdemo", or "builtin:devices")
//
// Faults stay in their module: what a register(), create(), render() or event
// handler throws is shown where its output would have been (or as a notice)
// and logged with console.warn, and the rest of the UI goes on. console.warn,
// not console.error: a plugin's fault is reported to the user on the page, and
// the browser tests keep console errors for faults of the UI itself.

import * as chart from "./chart.js";
import * as format from "./format.js";
import { notify } from "./notify.js";

const { el } = format;
const REGISTER_TIMEOUT_MS = 10000;

/**
 * The API object of module `name`. `app` holds the UI's parts: rest, events,
 * tabs and dock (TabArea), columns (ColumnRegistry), details (DetailSections),
 * openDevice(key).
 */
export function createPluginApi(app, name) {
    const guard = makeGuard(name);
    return Object.freeze({
        name,
        rest: app.rest,
        events: wrapEvents(app.events, name),
        chart,
        format,
        notify,
        openDevice: (key) => app.openDevice(key),
        addTab: (spec) => app.tabs.add(spec, { guard }),
        addPanel: (spec) => app.dock.add(spec, { guard }),
        // A column's fault shows in its cells (the table guards each render).
        addDeviceColumn: (spec) => app.columns.add({ ...spec, owner: name }),
        addDetailSection: (spec) => app.details.add({ ...spec, owner: name, guard }),
    });
}

/**
 * A guard runs fn (sync or async); what it throws is shown in `container`
 * (or as a notice when there is none) and logged, attributed to the module.
 */
export function makeGuard(name) {
    return (what, fn, container) => {
        const report = (error) => {
            const message = `${name}: ${what} failed: ${error && error.message ? error.message : error}`;
            console.warn(message, error);
            if (container) container.append(el("p", { class: "module-error", role: "alert" }, message));
            else notify(message);
        };
        try {
            const result = fn();
            if (result && typeof result.then === "function") return result.catch(report);
            return result;
        } catch (error) {
            report(error);
            return undefined;
        }
    };
}

// The bus with each handler guarded, so one module's bug is reported as its own.
function wrapEvents(events, name) {
    return {
        subscribe: (topic, handler, options) => events.subscribe(topic, (content, t) => {
            try {
                handler(content, t);
            } catch (error) {
                console.warn(`${name}: its ${topic} handler failed`, error);
            }
        }, options),
        get mode() {
            return events.mode;
        },
        delivers: (topic) => events.delivers(topic),
    };
}

/**
 * Registers one module: calls its register(api); a fault is reported, never
 * thrown. The UI's own modules (builtin) also get `app`, the UI's parts.
 */
export async function registerModule(app, name, module, { builtin = false, timeoutMs = REGISTER_TIMEOUT_MS } = {}) {
    const register = typeof module.register === "function" ? module.register
        : typeof module.default === "function" ? module.default : null;
    if (!register) {
        reportPluginFault(name, "its module exports no register(api) function");
        return false;
    }
    try {
        // A register() that never settles must not hold back the modules after it.
        let timer;
        const late = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
        });
        try {
            await Promise.race([register(createPluginApi(app, name), builtin ? app : undefined), late]);
        } finally {
            clearTimeout(timer);
        }
        return true;
    } catch (error) {
        reportPluginFault(name, `register() failed: ${error && error.message ? error.message : error}`, error);
        return false;
    }
}

/**
 * Loads the js= module of every loaded plugin (/plugins/all_plugins.json,
 * kismet.plugin.jsmodule: Kismet's "name,/plugin/<name>/js/file.js" or a
 * bare path). Modules load one after another, in the server's order, so
 * tabs and columns keep the same order on every visit.
 */
export async function loadPlugins(app) {
    let plugins;
    try {
        plugins = await app.rest.get("plugins/all_plugins.json", { quiet: true });
    } catch (error) {
        if (error.status !== 401) notify(`The plugin list is unavailable: ${error.message}`);
        return [];
    }
    const loaded = [];
    for (const plugin of plugins || []) {
        const spec = plugin["kismet.plugin.jsmodule"];
        if (!spec) continue;
        const name = plugin["kismet.plugin.name"] || spec;
        const comma = spec.indexOf(",");
        const path = (comma >= 0 ? spec.slice(comma + 1) : spec).trim();
        // "/plugin/x/js/y.js" is rooted at the server: make it relative to the
        // page, so the UI keeps working under a proxy prefix.
        const url = new URL(path.replace(/^\/+/, ""), document.baseURI).href;
        let module;
        try {
            module = await import(url);
        } catch (error) {
            reportPluginFault(name, `its module ${path} did not load: ${error.message}`, error);
            continue;
        }
        if (await registerModule(app, name, module)) loaded.push(name);
    }
    return loaded;
}

function reportPluginFault(name, text, error) {
    const message = `Plugin ${name}: ${text}`;
    console.warn(message, error || "");
    notify(message);
}
