// The device detail: a drawer beside the device list showing one device's
// whole record, fetched by key, as a stack of sections. The built-in sections
// and the plugins' (api.addDetailSection) are registered the same way; each
// decides whether it applies to the device in front of it.

import { el } from "../format.js";

export class DetailSections {
    constructor() {
        this.sections = [];
    }

    /** spec: {id, title, order?, render(container, record, ctx) → false when it does not apply}. */
    add(spec) {
        if (!spec || typeof spec.id !== "string" || !spec.id) throw new Error("a detail section needs an id");
        if (this.sections.some((s) => s.id === spec.id)) throw new Error(`a detail section '${spec.id}' exists already`);
        if (typeof spec.render !== "function") throw new Error(`detail section '${spec.id}' needs render(container, record)`);
        this.sections.push({ order: 100, ...spec });
        this.sections.sort((a, b) => a.order - b.order);
    }

    all() {
        return this.sections;
    }
}

export class DeviceDetail {
    /** drawer: the <aside> element; sections: DetailSections; openDevice(key): for links to other devices. */
    constructor({ api, drawer, sections, openDevice }) {
        this.api = api;
        this.drawer = drawer;
        this.sections = sections;
        this.openDevice = openDevice;
        this.key = null;
        this.title = el("h2", { id: "device-detail-title" }, "Device");
        this.body = el("div", { class: "detail-body", id: "device-detail-body" });
        drawer.replaceChildren(
            el("header", { class: "detail-header" }, this.title,
                el("button", { type: "button", id: "device-detail-refresh", onclick: () => this.load() }, "Refresh"),
                el("button", { type: "button", id: "device-detail-close", "aria-label": "Close", onclick: () => this.close() }, "×")),
            this.body);
        document.addEventListener("keydown", (event) => {
            if (event.key === "Escape" && !this.drawer.hidden) this.close();
        });
    }

    async open(key) {
        this.key = key;
        this.drawer.hidden = false;
        this.title.textContent = "Device";
        this.body.replaceChildren(el("p", { class: "loading" }, "Loading…"));
        await this.load();
    }

    close() {
        this.key = null;
        this.drawer.hidden = true;
    }

    async load() {
        const key = this.key;
        if (!key) return;
        let record;
        try {
            record = await this.api.get(`devices/by-key/${encodeURIComponent(key)}/device.json`, { quiet: true });
        } catch (e) {
            if (this.key === key) this.body.replaceChildren(el("p", { class: "module-error", role: "alert" }, e.message));
            return;
        }
        if (this.key !== key) return; // another device was opened meanwhile
        this.title.textContent = record["kismet.device.base.commonname"] || record["kismet.device.base.macaddr"] || key;
        const ctx = { key, api: this.api, openDevice: this.openDevice };
        const sections = [];
        for (const section of this.sections.all()) {
            const content = el("div", { class: "detail-content" });
            const result = section.guard
                ? section.guard("render", () => section.render(content, record, ctx), content)
                : section.render(content, record, ctx);
            if (result === false) continue;
            sections.push(el("section", { class: "detail-section", dataset: { section: section.id } },
                el("h3", {}, section.title || section.id), content));
        }
        this.body.replaceChildren(...sections);
    }
}
