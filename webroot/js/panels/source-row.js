// One row of the Data sources table: the source's name, type, interface,
// state, packets and channel, and its controls (open/close, pause/resume,
// lock a channel, hop). The row is built once per source and updated in
// place on every refresh, so a channel the user is choosing stays chosen.

import { el, formatCount } from "../format.js";

const field = (s, name) => s[`kismet.datasource.${name}`];

/**
 * The state of a source record: {state: "running" | "paused" | "error" |
 * "closed" | "finished", text} — text adds the retry and the error's reason.
 */
export function sourceState(s) {
    if (field(s, "error")) {
        const reason = field(s, "error_reason");
        const retry = field(s, "retry") ? `, retrying (${field(s, "retry_attempts") || 0} failed attempts)` : "";
        return { state: "error", text: `error${retry}${reason ? `: ${reason}` : ""}` };
    }
    if (field(s, "paused")) return { state: "paused", text: "paused" };
    if (field(s, "running")) return { state: "running", text: "running" };
    if (s["airsight.datasource.finished"]) return { state: "finished", text: "finished" };
    return { state: "closed", text: "closed" };
}

/** "6", or "hopping 5/s over 11 channels", or "—" for a source that does not tune. */
export function channelText(s) {
    if (field(s, "hopping")) {
        const rate = Number(field(s, "hop_rate")) || 0;
        const count = (field(s, "hop_channels") || []).length;
        return `hopping ${+rate.toFixed(2)}/s over ${count} channel${count === 1 ? "" : "s"}`;
    }
    return field(s, "channel") || "—";
}

const typeOf = (s) => (field(s, "type_driver") || {})["kismet.datasource.driver.type"] || "";
const canTune = (s) => Boolean((field(s, "type_driver") || {})["kismet.datasource.driver.tuning_capable"]);

export class SourceRow {
    /** act(row, operation, command): runs a source command (the tab reports errors). */
    constructor(record, act) {
        this.uuid = field(record, "uuid");
        this.act = act;
        this.cells = {};
        for (const name of ["name", "type", "interface", "state", "packets", "channel", "actions"])
            this.cells[name] = el("td", { "data-column": name, class: name === "packets" ? "align-right" : undefined });
        this.channelSelect = el("select", { class: "channel-select", "aria-label": "Channel to lock" });
        this.element = el("tr", { dataset: { uuid: this.uuid } }, Object.values(this.cells));
        this.actionsKey = null;
        this.channelsKey = null;
        this.update(record);
    }

    update(record) {
        this.record = record;
        const state = sourceState(record);
        this.cells.name.textContent = field(record, "name");
        this.cells.name.title = `${field(record, "definition")}\nUUID ${this.uuid}`;
        this.cells.type.textContent = typeOf(record);
        this.cells.interface.textContent = field(record, "capture_interface") || field(record, "interface") || "";
        this.cells.state.textContent = state.text;
        this.cells.state.className = `source-state state-${state.state}`;
        this.cells.state.dataset.state = state.state;
        // A source may run with a warning (e.g. an interface in an unusual state).
        this.cells.state.title = field(record, "warning") || "";
        this.cells.packets.textContent = formatCount(field(record, "num_packets"));
        this.cells.channel.textContent = channelText(record);
        this.updateChannels(field(record, "channels") || []);
        // The buttons change with the state only: rebuilding them on every
        // refresh would lose the keyboard focus.
        const key = `${state.state}|${canTune(record)}|${this.channelSelect.options.length > 0}`;
        if (key !== this.actionsKey) {
            this.actionsKey = key;
            this.cells.actions.replaceChildren(...this.controls(state.state, canTune(record)));
        }
    }

    updateChannels(channels) {
        const key = channels.join(",");
        if (key === this.channelsKey) return;
        this.channelsKey = key;
        const chosen = this.channelSelect.value;
        this.channelSelect.replaceChildren(...channels.map((c) => el("option", { value: c }, c)));
        if (channels.includes(chosen)) this.channelSelect.value = chosen;
        else if (channels.includes(field(this.record, "channel"))) this.channelSelect.value = field(this.record, "channel");
    }

    controls(state, tunable) {
        const button = (action, label, title, command) =>
            el("button", { type: "button", "data-action": action, title,
                           onclick: (e) => this.run(e.currentTarget, action, command) }, label);
        const live = state === "running" || state === "paused";
        const buttons = live
            ? [state === "paused" ? button("resume_source", "Resume", "Process this source's packets again")
                                  : button("pause_source", "Pause", "Drop this source's packets until resumed"),
               button("close_source", "Close", "Stop capturing from this source")]
            : [button("open_source", "Open", "Open this source again")];
        if (live && tunable && this.channelSelect.options.length > 0) {
            buttons.push(this.channelSelect,
                button("set_channel", "Lock", "Stay on the chosen channel", () => ({ channel: this.channelSelect.value })),
                button("set_hop", "Hop", "Hop over the source's channels again"));
        }
        return [el("span", { class: "source-actions" }, buttons)];
    }

    async run(button, action, command) {
        button.disabled = true;
        try {
            await this.act(this, action, command ? command() : {});
        } finally {
            button.disabled = false;
        }
    }
}
