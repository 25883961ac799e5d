// The Data sources tab: every source (/datasource/all_sources.json) with its
// state, packets and channel, refreshed every 2 s while the tab is shown and
// right after a DATASOURCE_* event; a form adding a source by its definition;
// per source open/close, pause/resume, lock a channel and hop
// (/datasource/by-uuid/[uuid]/*.cmd). A refused command shows the server's
// reason ({"error": ...}) above the table.

import { Poller } from "../poller.js";
import { SourceRow } from "./source-row.js";
import { useStylesheet } from "./stylesheet.js";

const REFRESH_MS = 2000;
const TOPICS = ["DATASOURCE_OPENED", "DATASOURCE_CLOSED", "DATASOURCE_ERROR", "DATASOURCE_PAUSED", "DATASOURCE_RESUMED"];
const HEADERS = ["Name", "Type", "Interface", "State", "Packets", "Channel", ""];

export function register(api) {
    useStylesheet("css/panels.css");
    const { el } = api.format;
    const rows = new Map(); // uuid → SourceRow
    const body = el("tbody", { id: "source-rows" });
    const error = el("p", { id: "sources-error", class: "module-error", role: "alert", hidden: true });
    const definition = el("input", {
        id: "source-definition", type: "text", size: 48, required: true, spellcheck: "false",
        placeholder: "type:option=value,... e.g. sim:name=extra", "aria-label": "Source definition",
    });
    const types = el("span", { class: "hint", id: "source-types" });
    let listFailed = false;

    const showError = (text) => {
        error.textContent = text || "";
        error.hidden = !text;
    };

    const poller = new Poller(() => load(), REFRESH_MS);
    const refresh = () => poller.refresh();
    const load = async () => {
        try {
            const sources = await api.rest.get("datasource/all_sources.json", { quiet: true });
            const seen = new Set();
            for (const record of sources || []) {
                const uuid = record["kismet.datasource.uuid"];
                seen.add(uuid);
                if (rows.has(uuid)) rows.get(uuid).update(record);
                else rows.set(uuid, new SourceRow(record, act));
            }
            for (const [uuid, row] of rows) if (!seen.has(uuid)) { row.element.remove(); rows.delete(uuid); }
            // Sources keep the server's order (their numbers).
            body.replaceChildren(...[...rows.values()].map((r) => r.element));
            if (rows.size === 0) body.append(el("tr", { class: "empty" }, el("td", { colspan: HEADERS.length }, "No sources.")));
            if (listFailed) showError("");
            listFailed = false;
        } catch (e) {
            listFailed = true;
            if (e.status !== 401) showError(`The source list is unavailable: ${e.message}`);
        }
    };

    // A command on one source; the reply is the source's new record.
    const act = async (row, action, command) => {
        const name = row.record["kismet.datasource.name"];
        try {
            const record = await api.rest.post(`datasource/by-uuid/${row.uuid}/${action}.cmd`, command, { quiet: true });
            showError("");
            if (record) row.update(record);
        } catch (e) {
            if (e.status !== 401) showError(`${name}: ${action.replace("_", " ")} failed: ${e.message}`);
        }
    };

    const add = async (event) => {
        event.preventDefault();
        const text = definition.value.trim();
        if (!text) return;
        try {
            await api.rest.post("datasource/add_source.cmd", { definition: text }, { quiet: true });
            showError("");
            definition.value = "";
        } catch (e) {
            if (e.status !== 401) showError(`Adding ${text} failed: ${e.message}`);
        }
        refresh();
    };

    for (const topic of TOPICS) api.events.subscribe(topic, () => { if (poller.active) refresh(); });

    api.addTab({
        id: "sources",
        title: "Data sources",
        order: 10,
        create(container) {
            container.append(
                el("form", { id: "source-add", class: "toolbar", onsubmit: add },
                    el("label", { for: "source-definition" }, "Add a source"), definition,
                    el("button", { type: "submit" }, "Add"), types),
                error,
                el("div", { class: "table-scroll" },
                    el("table", { class: "data-table", id: "source-table" },
                        el("thead", {}, el("tr", {}, HEADERS.map((h) => el("th", { class: h === "Packets" ? "align-right" : undefined }, h)))), body)));
            // Which types this server knows, as a hint for the definition.
            api.rest.get("datasource/types.json", { quiet: true })
                .then((list) => { types.textContent = `types: ${(list || []).map((t) => t["kismet.datasource.driver.type"]).join(", ")}`; })
                .catch(() => {});
        },
        onShow() {
            poller.start();
        },
        onHide() {
            poller.stop();
        },
    });
}
