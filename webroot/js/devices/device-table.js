// The device list: one page of one view, fetched from the server with
// Kismet's table mode (datatable=true: start/length, search[value],
// order[0][column]/[dir] over the field spec of the visible columns). Only
// the rows on screen cross the network, so 100,000 devices cost the browser
// no more than 50. The page refreshes every few seconds while it is visible,
// and soon after a NEW_DEVICE event when the event bus is live.

import { el, formatCount } from "../format.js";
import { notify } from "../notify.js";
import { fieldKey } from "./columns.js";

const REFRESH_MS = 3000;
const SETTINGS_KEY = "airsight.devices.table";
const PAGE_SIZES = [25, 50, 100, 250];

export class DeviceTable {
    /**
     * api: the REST client; columns: the ColumnRegistry; onOpen(key): a row
     * was clicked; guard: reports what a column's render throws.
     */
    constructor({ api, columns, onOpen, guardCell }) {
        this.api = api;
        this.columns = columns;
        this.onOpen = onOpen;
        this.guardCell = guardCell;
        this.settings = { view: "all", length: 50, sortColumn: "last_time", sortDir: "desc", ...loadSettings() };
        this.start = 0;
        this.search = "";
        this.draw = 0;          // request counter: a late reply to an old request is dropped
        this.inFlight = false;
        this.pending = false;   // a refresh was asked for while one was running
        this.timer = null;
        this.visible = false;
        this.selectedKey = null;
        this.element = this.build();
        columns.onChange(() => {
            this.renderHeader();
            this.renderChooser();
            this.refresh();
        });
    }

    build() {
        this.viewSelect = el("select", { id: "device-view", "aria-label": "Device view", onchange: () => {
            this.settings.view = this.viewSelect.value;
            this.start = 0;
            this.save();
            this.refresh();
        } });
        let debounce = null;
        this.searchInput = el("input", {
            id: "device-search", type: "search", placeholder: "Search name, MAC, manufacturer…", "aria-label": "Search devices",
            oninput: () => {
                clearTimeout(debounce);
                debounce = setTimeout(() => {
                    this.search = this.searchInput.value.trim();
                    this.start = 0;
                    this.refresh();
                }, 300);
            },
        });
        this.chooserList = el("div", { class: "column-chooser-list" });
        const chooser = el("details", { class: "column-chooser", id: "column-chooser" },
            el("summary", {}, "Columns"), this.chooserList);
        // A dropdown closes when the user clicks anywhere else, as a menu does.
        document.addEventListener("click", (event) => {
            if (chooser.open && !chooser.contains(event.target)) chooser.open = false;
        });
        this.countText = el("span", { id: "device-count", class: "device-count" }, "");
        this.headRow = el("tr");
        this.body = el("tbody", { id: "device-rows" });
        this.body.addEventListener("click", (event) => {
            const row = event.target.closest("tr[data-key]");
            if (row) this.open(row.dataset.key);
        });
        this.body.addEventListener("keydown", (event) => {
            const row = event.target.closest("tr[data-key]");
            if (row && (event.key === "Enter" || event.key === " ")) {
                event.preventDefault();
                this.open(row.dataset.key);
            }
        });
        this.pager = el("div", { class: "pager" });
        const wrapper = el("div", { class: "device-table" },
            el("div", { class: "toolbar" }, this.viewSelect, this.searchInput, chooser, this.countText),
            el("div", { class: "table-scroll" },
                el("table", { id: "device-table", class: "data-table" }, el("thead", {}, this.headRow), this.body)),
            this.pager);
        this.renderHeader();
        this.renderChooser();
        return wrapper;
    }

    /** Loads the view list; the table starts refreshing when shown. */
    async loadViews() {
        let views = [];
        try {
            views = await this.api.get("devices/views/all_views.json");
        } catch {
            views = [];
        }
        const options = views
            .filter((v) => v["kismet.devices.view.indexed"] !== 0)
            .map((v) => el("option", { value: v["kismet.devices.view.id"] },
                `${v["kismet.devices.view.description"]} (${formatCount(v["kismet.devices.view.size"])})`));
        if (!options.some((o) => o.value === this.settings.view)) this.settings.view = "all";
        if (options.length === 0) options.push(el("option", { value: "all" }, "All devices"));
        this.viewSelect.replaceChildren(...options);
        this.viewSelect.value = this.settings.view;
    }

    show() {
        this.visible = true;
        this.refresh();
    }

    hide() {
        this.visible = false;
        clearTimeout(this.timer);
    }

    /** Refreshes soon (at most one request at a time; NEW_DEVICE bursts collapse). */
    refreshSoon() {
        if (!this.visible) return;
        if (this.soon) return;
        this.soon = setTimeout(() => {
            this.soon = null;
            this.refresh();
        }, 500);
    }

    async refresh() {
        if (!this.visible) return;
        if (this.inFlight) {
            this.pending = true;
            return;
        }
        clearTimeout(this.timer);
        this.inFlight = true;
        try {
            await this.fetchPage();
        } catch (e) {
            if (e.status === 401) return; // the app is going back to the login page
            // Shown once (notices do not repeat); refreshing goes on, so the table recovers on its own.
            notify(e.message);
        } finally {
            this.inFlight = false;
        }
        if (this.pending) {
            this.pending = false;
            this.refresh();
            return;
        }
        if (this.visible && !document.hidden) this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
        else if (this.visible) this.timer = setTimeout(() => this.refresh(), REFRESH_MS * 5);
    }

    /** The field spec of the visible columns, and where each column sorts in it. */
    query() {
        const fields = ["kismet.device.base.key"];
        const index = (path) => {
            const i = fields.findIndex((f) => JSON.stringify(f) === JSON.stringify(path));
            if (i >= 0) return i;
            fields.push(path);
            return fields.length - 1;
        };
        const sortIndex = new Map();
        for (const column of this.columns.visible()) {
            if (column.broken) continue;
            for (const f of column.fields) index(f);
            sortIndex.set(column.id, index(column.sortField ?? column.fields[0]));
        }
        return { fields, sortIndex };
    }

    async fetchPage() {
        const { fields, sortIndex } = this.query();
        const draw = ++this.draw;
        const form = new URLSearchParams({
            json: JSON.stringify({ fields, datatable: true }),
            draw: String(draw),
            start: String(this.start),
            length: String(this.settings.length),
            "search[value]": this.search,
        });
        if (sortIndex.has(this.settings.sortColumn)) {
            form.set("order[0][column]", String(sortIndex.get(this.settings.sortColumn)));
            form.set("order[0][dir]", this.settings.sortDir);
        }
        const view = encodeURIComponent(this.settings.view);
        let reply;
        try {
            reply = await this.api.postForm(`devices/views/${view}/devices.json`, form, { quiet: true });
        } catch (e) {
            if (e.status === 400 && this.blameColumn(e.message)) {
                this.pending = true; // ask again without that column's fields
                return;
            }
            throw e;
        }
        if (draw !== this.draw) return; // an answer to an older request
        const total = reply.recordsTotal ?? 0;
        const filtered = reply.recordsFiltered ?? total;
        // The list shrank under the current page (a search, devices timed out): go back.
        if (this.start > 0 && this.start >= filtered) {
            this.start = Math.max(0, (Math.ceil(filtered / this.settings.length) - 1) * this.settings.length);
            this.pending = true;
            return;
        }
        this.renderRows(reply.data || []);
        this.renderPager(filtered);
        this.countText.dataset.total = String(total);
        this.countText.textContent = filtered === total
            ? `${formatCount(total)} devices`
            : `${formatCount(filtered)} of ${formatCount(total)} devices match`;
    }

    /**
     * The server refused the field spec ("unknown field 'x'"): the column
     * that asked for x is marked broken. false when no column is to blame.
     */
    blameColumn(message) {
        const named = /'([^']+)'/.exec(message);
        if (!named) return false;
        const culprit = this.columns.visible().find((column) => !column.broken && column.fields.some((f) =>
            (Array.isArray(f) ? f[0] : f).split("/").includes(named[1])));
        if (!culprit) return false;
        this.columns.markBroken(culprit.id, message);
        return true;
    }

    renderHeader() {
        const cells = this.columns.visible().map((column) => {
            const sorted = this.settings.sortColumn === column.id;
            return el("th", {
                scope: "col", class: `align-${column.align}`, dataset: { column: column.id },
                "aria-sort": sorted ? (this.settings.sortDir === "asc" ? "ascending" : "descending") : "none",
            }, el("button", { type: "button", class: "sort", onclick: () => this.sortBy(column.id) },
                column.title, sorted ? (this.settings.sortDir === "asc" ? " ▲" : " ▼") : ""));
        });
        this.headRow.replaceChildren(...cells);
    }

    renderChooser() {
        this.chooserList.replaceChildren(...this.columns.all().map((column) =>
            el("label", {}, el("input", {
                type: "checkbox", checked: this.columns.isVisible(column.id), dataset: { column: column.id },
                onchange: (event) => this.columns.setVisible(column.id, event.target.checked),
            }), " ", column.title)));
    }

    renderRows(rows) {
        const columns = this.columns.visible();
        // The rows are rebuilt on every refresh: keep the keyboard on the row it was on.
        const focused = document.activeElement && this.body.contains(document.activeElement)
            ? document.activeElement.closest("tr[data-key]") : null;
        const focusedKey = focused ? focused.dataset.key : null;
        const fragment = document.createDocumentFragment();
        for (const row of rows) {
            const key = row[fieldKey("kismet.device.base.key")];
            const tr = el("tr", { "data-key": key, tabindex: "0", class: key === this.selectedKey ? "selected" : null });
            for (const column of columns) {
                const td = el("td", { class: `align-${column.align}${column.mono ? " mono" : ""}`, dataset: { column: column.id } });
                this.guardCell(column, () => {
                    if (column.broken) throw new Error(column.broken);
                    const content = column.render(row);
                    if (content instanceof Node) td.append(content);
                    else td.textContent = content ?? "";
                }, td);
                tr.append(td);
            }
            fragment.append(tr);
        }
        if (rows.length === 0) {
            fragment.append(el("tr", { class: "empty" },
                el("td", { colspan: String(Math.max(columns.length, 1)) }, this.search ? "No device matches." : "No devices yet.")));
        }
        this.body.replaceChildren(fragment);
        if (focusedKey) {
            const again = [...this.body.querySelectorAll("tr[data-key]")].find((tr) => tr.dataset.key === focusedKey);
            if (again) again.focus({ preventScroll: true });
        }
    }

    renderPager(filtered) {
        const length = this.settings.length;
        const pages = Math.max(1, Math.ceil(filtered / length));
        const page = Math.floor(this.start / length) + 1;
        const go = (p) => () => {
            this.start = (Math.min(Math.max(p, 1), pages) - 1) * length;
            this.refresh();
        };
        const sizes = el("select", { "aria-label": "Rows per page", onchange: (event) => {
            this.settings.length = Number(event.target.value);
            this.start = 0;
            this.save();
            this.refresh();
        } }, PAGE_SIZES.map((n) => el("option", { value: String(n), selected: n === length }, `${n} rows`)));
        this.pager.replaceChildren(
            el("button", { type: "button", disabled: page <= 1, onclick: go(1) }, "« First"),
            el("button", { type: "button", disabled: page <= 1, onclick: go(page - 1), class: "pager-prev" }, "‹ Prev"),
            el("span", { class: "pager-page" }, `Page ${formatCount(page)} of ${formatCount(pages)}`),
            el("button", { type: "button", disabled: page >= pages, onclick: go(page + 1), class: "pager-next" }, "Next ›"),
            el("button", { type: "button", disabled: page >= pages, onclick: go(pages) }, "Last »"),
            sizes);
    }

    sortBy(id) {
        if (this.settings.sortColumn === id) this.settings.sortDir = this.settings.sortDir === "asc" ? "desc" : "asc";
        else {
            this.settings.sortColumn = id;
            this.settings.sortDir = "asc";
        }
        this.start = 0;
        this.save();
        this.renderHeader();
        this.refresh();
    }

    open(key) {
        this.selectedKey = key;
        for (const tr of this.body.querySelectorAll("tr.selected")) tr.classList.remove("selected");
        const row = [...this.body.querySelectorAll("tr[data-key]")].find((tr) => tr.dataset.key === key);
        if (row) row.classList.add("selected");
        this.onOpen(key);
    }

    save() {
        const { view, length, sortColumn, sortDir } = this.settings;
        localStorage.setItem(SETTINGS_KEY, JSON.stringify({ view, length, sortColumn, sortDir }));
    }
}

function loadSettings() {
    try {
        const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}");
        return saved && typeof saved === "object" ? saved : {};
    } catch {
        return {};
    }
}
