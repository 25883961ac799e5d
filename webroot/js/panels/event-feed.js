// A list of timed events, newest first and bounded in length: the Messages
// and Alerts panels. The same event may reach a panel twice (its history
// fetch and the event bus overlap), so items are keyed and kept once; a
// history that arrives after newer live events still lands below them.

import { el } from "../format.js";

export class EventFeed {
    /**
     * key(item) → a string naming the item; time(item) → Unix seconds;
     * render(item) → the <li>'s content (nodes); severity(item) → a CSS
     * class suffix ("info", "error", ...); limit: items kept (oldest go).
     */
    constructor({ id, key, time, render, severity, limit = 200, emptyText = "Nothing yet." }) {
        this.key = key;
        this.time = time;
        this.render = render;
        this.severity = severity;
        this.limit = limit;
        this.items = new Map(); // key → <li>, for the duplicates check
        this.list = el("ol", { class: "event-feed", id, reversed: true });
        this.empty = el("p", { class: "event-feed-empty hint" }, emptyText);
        this.note = el("p", { class: "event-feed-note", role: "status", hidden: true });
        this.element = el("div", { class: "event-feed-box" }, this.note, this.empty, this.list);
    }

    /** Adds an item unless it is there already; returns whether it was new. */
    add(item) {
        const key = this.key(item);
        if (this.items.has(key)) return false;
        const time = Number(this.time(item)) || 0;
        const li = el("li", { class: `event sev-${this.severity(item)}`, dataset: { time: String(time) } },
            ...[].concat(this.render(item)));
        // Newest first: before the first item that is not newer than this one.
        const next = [...this.list.children].find((child) => Number(child.dataset.time) <= time);
        this.list.insertBefore(li, next || null);
        this.items.set(key, li);
        while (this.list.children.length > this.limit) {
            const oldest = this.list.lastElementChild;
            oldest.remove();
            for (const [k, node] of this.items) if (node === oldest) { this.items.delete(k); break; }
        }
        this.empty.hidden = true;
        return true;
    }

    /** A line above the list (a failed history fetch, say); "" removes it. */
    setNote(text) {
        this.note.textContent = text || "";
        this.note.hidden = !text;
    }

    get size() {
        return this.items.size;
    }
}
