// The Alerts dock panel: the alert backlog (/alerts/all_alerts.json), then
// every ALERT event, newest first, styled by Kismet's severity. While the
// panel is hidden its tab counts the alerts the user has not seen.

import { EventFeed } from "./event-feed.js";
import { useStylesheet } from "./stylesheet.js";

const LIMIT = 200;

// Kismet's alert severities (alertracker.h).
const SEVERITIES = [[20, "critical"], [15, "high"], [10, "medium"], [5, "low"], [0, "info"]];

/** The name of a Kismet alert severity: 0 info, 5 low, 10 medium, 15 high, 20 critical. */
export function severityName(severity) {
    for (const [level, name] of SEVERITIES) if ((severity ?? 0) >= level) return name;
    return "info";
}

export function alertKey(a) {
    return `${a["kismet.alert.timestamp"]}|${a["kismet.alert.header"]}|${a["kismet.alert.text"]}`;
}

const NO_MAC = "00:00:00:00:00:00";

export function register(api) {
    useStylesheet("css/panels.css");
    const { el, formatTime } = api.format;

    // The transmitter links to its device's detail when the alert names one.
    const transmitter = (a) => {
        const mac = a["kismet.alert.transmitter_mac"];
        if (!mac || mac === NO_MAC) return null;
        const key = a["kismet.alert.device_key"];
        if (!key || key === "0_0") return el("span", { class: "event-mac mono" }, mac);
        return el("a", { href: "#", class: "event-mac mono",
                         onclick: (e) => { e.preventDefault(); api.openDevice(key); } }, mac);
    };
    const feed = new EventFeed({
        id: "alert-list",
        limit: LIMIT,
        key: alertKey,
        time: (a) => a["kismet.alert.timestamp"],
        severity: (a) => severityName(a["kismet.alert.severity"]),
        render: (a) => [
            el("time", { class: "event-time" }, formatTime(Math.floor(a["kismet.alert.timestamp"] || 0))),
            el("span", { class: "event-level" }, severityName(a["kismet.alert.severity"])),
            el("span", { class: "event-header" }, a["kismet.alert.header"]),
            el("span", { class: "event-text" }, a["kismet.alert.text"]),
            a["kismet.alert.channel"] ? el("span", { class: "event-channel" }, `channel ${a["kismet.alert.channel"]}`) : null,
            transmitter(a),
        ].filter(Boolean),
        emptyText: "No alerts.",
    });

    let shown = false;
    let unseen = 0;
    let handle = null;
    const countUnseen = (added) => {
        if (!added || shown || !handle) return;
        unseen += 1;
        handle.setBadge(String(unseen));
    };

    api.events.subscribe("ALERT", (a) => countUnseen(feed.add(a)));
    api.rest.get("alerts/all_alerts.json", { quiet: true })
        .then((list) => (list || []).forEach((a) => feed.add(a)))
        .catch((e) => {
            if (e.status !== 401) feed.setNote(`The alert backlog is unavailable: ${e.message}`);
        });

    handle = api.addPanel({
        id: "alerts",
        title: "Alerts",
        order: 20,
        create(container) {
            container.append(feed.element);
        },
        onShow() {
            shown = true;
            unseen = 0;
            // The first panel is shown inside addPanel, before `handle` is set.
            if (handle) handle.setBadge("");
        },
        onHide() {
            shown = false;
        },
    });
}
