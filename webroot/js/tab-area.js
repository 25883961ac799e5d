// A row of tabs over a stack of panels: the main area (Devices, Data sources,
// plugin tabs...) and the dock under it (Messages, Alerts...) are each one.
// A panel's content is built the first time its tab is shown, so a tab nobody
// opens costs nothing; onShow/onHide let a panel poll only while visible.

import { el } from "./format.js";

export class TabArea {
    /**
     * bar, stack: the elements for the tab buttons and the panels.
     * storageKey: where the selected tab is remembered between visits.
     */
    constructor(bar, stack, { storageKey, name }) {
        this.bar = bar;
        this.stack = stack;
        this.storageKey = storageKey;
        this.name = name; // "tab" or "panel": in ids and error messages
        this.entries = new Map(); // id → entry
        this.current = null;
        // Read once: showing the first tab on its own must not overwrite it.
        this.wanted = storageKey ? localStorage.getItem(storageKey) : null;
    }

    /**
     * Adds a tab. spec: {id, title, order?, create(container), onShow?, onHide?}.
     * create() may return a promise; what it throws is shown in the panel.
     * Returns a handle: {id, element, show(), setBadge(text)}.
     */
    add(spec, { guard }) {
        if (!spec || typeof spec.id !== "string" || !/^[A-Za-z0-9_-]+$/.test(spec.id))
            throw new Error(`a ${this.name} needs an id of letters, digits, '-' or '_' (got ${JSON.stringify(spec && spec.id)})`);
        if (this.entries.has(spec.id)) throw new Error(`a ${this.name} with id '${spec.id}' exists already`);
        if (typeof spec.create !== "function") throw new Error(`${this.name} '${spec.id}' needs a create(container) function`);
        const badge = el("span", { class: "tab-badge", hidden: true });
        const button = el("button", {
            type: "button", role: "tab", class: "tab", id: `${this.name}-${spec.id}`,
            "aria-selected": "false", "aria-controls": `${this.name}-panel-${spec.id}`,
            onclick: () => this.show(spec.id),
        }, spec.title || spec.id, badge);
        const panel = el("section", {
            role: "tabpanel", class: `${this.name}-panel`, id: `${this.name}-panel-${spec.id}`,
            "aria-labelledby": button.id, hidden: true,
        });
        const entry = { spec, button, panel, badge, created: false, order: spec.order ?? 100, guard };
        this.entries.set(spec.id, entry);
        this.insertInOrder(entry);
        this.stack.append(panel);
        // The first tab, or the one the user had open last time, opens by itself.
        if (!this.current || this.wanted === spec.id) this.show(spec.id, { remember: false });
        return {
            id: spec.id,
            element: panel,
            show: () => this.show(spec.id),
            setBadge: (text) => {
                badge.textContent = text ?? "";
                badge.hidden = !text;
            },
        };
    }

    insertInOrder(entry) {
        const after = [...this.entries.values()].filter((e) => e !== entry && e.order > entry.order)
            .sort((a, b) => a.order - b.order)[0];
        if (after) this.bar.insertBefore(entry.button, after.button);
        else this.bar.append(entry.button);
    }

    /** Shows tab `id`; remember: false when the UI chose it, not the user. */
    show(id, { remember = true } = {}) {
        const entry = this.entries.get(id);
        if (!entry || this.current === id) return;
        const previous = this.entries.get(this.current);
        if (previous) {
            previous.button.setAttribute("aria-selected", "false");
            previous.panel.hidden = true;
            if (previous.spec.onHide) previous.guard("onHide", () => previous.spec.onHide(), previous.panel);
        }
        this.current = id;
        if (this.storageKey && remember) {
            localStorage.setItem(this.storageKey, id);
            this.wanted = id;
        }
        entry.button.setAttribute("aria-selected", "true");
        entry.panel.hidden = false;
        if (!entry.created) {
            entry.created = true;
            entry.guard("create", () => entry.spec.create(entry.panel), entry.panel);
        }
        if (entry.spec.onShow) entry.guard("onShow", () => entry.spec.onShow(), entry.panel);
    }
}
