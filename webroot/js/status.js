// The header's status line: the server's name, how many devices it tracks,
// its clock, and how events arrive (live over the websocket, or polled).

import { formatCount, formatTime } from "./format.js";
import { Poller } from "./poller.js";

const POLL_MS = 5000;
const FIELDS = [
    "kismet.system.server_name", "kismet.system.devices.count", "kismet.system.timestamp.sec",
    "kismet.system.version",
];

export class StatusLine {
    constructor(api, { name, devices, clock, mode }) {
        this.api = api;
        this.nodes = { name, devices, clock, mode };
        this.poller = new Poller(() => this.load(), POLL_MS);
    }

    /** Polls every 5 s (not while the tab is hidden). */
    start() {
        this.poller.start();
    }

    async load() {
        try {
            const status = await this.api.post("system/status.json", { fields: FIELDS }, { quiet: true });
            this.show(status);
            this.nodes.name.classList.remove("offline");
        } catch (e) {
            if (e.status === 401) {
                this.poller.stop(); // the app is going back to the login page
                return;
            }
            this.nodes.name.classList.add("offline");
            this.nodes.clock.textContent = "server not answering";
        }
    }

    show(status) {
        const name = status["kismet.system.server_name"] || "airsight";
        this.nodes.name.textContent = name;
        this.nodes.name.title = `airsight ${status["kismet.system.version"] || ""}`.trim();
        document.title = `${name} – airsight`;
        this.nodes.devices.textContent = `${formatCount(status["kismet.system.devices.count"] ?? 0)} devices`;
        this.nodes.clock.textContent = formatTime(status["kismet.system.timestamp.sec"]);
    }

    /** The event bus's mode, as a word and a colour. */
    showMode(mode) {
        const words = { live: "live", polling: "polling", connecting: "connecting…", stopped: "" };
        this.nodes.mode.textContent = words[mode] ?? mode;
        this.nodes.mode.dataset.mode = mode;
        this.nodes.mode.title = mode === "polling"
            ? "The event bus websocket is unavailable: messages and alerts are polled every few seconds."
            : mode === "live" ? "Events arrive over the event bus websocket." : "";
    }
}
