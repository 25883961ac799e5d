// The device table's columns: the built-in ones and those plugins add
// (api.addDeviceColumn), and which of them the user shows (localStorage).
//
// A column names the fields it needs as field-spec entries, so the table asks
// the server for exactly the visible columns' fields and nothing more.

import { formatAge, formatBytes, formatCount, formatSignal } from "../format.js";

const STORAGE_KEY = "airsight.devices.columns";

/** The member of a summarised record that a field-spec path becomes (its last component). */
export function fieldKey(path) {
    if (Array.isArray(path)) return path[1]; // ["path", "alias"]
    return path.split("/").pop();
}

export class ColumnRegistry {
    constructor() {
        this.columns = new Map(); // id → column, in the order added
        this.listeners = new Set();
        this.saved = loadSaved();
    }

    /**
     * Adds a column. spec: {id, title, fields: [paths], sortField?: path,
     * render(row) → string | Node, visible?: default shown, align?: "right"}.
     */
    add(spec) {
        if (!spec || typeof spec.id !== "string" || !spec.id) throw new Error("a device column needs an id");
        if (this.columns.has(spec.id)) throw new Error(`a device column with id '${spec.id}' exists already`);
        if (!Array.isArray(spec.fields) || spec.fields.length === 0)
            throw new Error(`device column '${spec.id}' needs fields: the field paths it shows`);
        if (typeof spec.render !== "function") throw new Error(`device column '${spec.id}' needs render(row)`);
        this.columns.set(spec.id, { title: spec.id, visible: true, align: "left", ...spec });
        this.changed();
    }

    all() {
        return [...this.columns.values()];
    }

    /** The shown columns: the user's choice, with columns new since then at their default. */
    visible() {
        return this.all().filter((c) => this.isVisible(c.id));
    }

    isVisible(id) {
        const column = this.columns.get(id);
        if (!column) return false;
        if (this.saved && this.saved.known.includes(id)) return this.saved.visible.includes(id);
        return column.visible;
    }

    /** Shows or hides a column and remembers the choice. */
    setVisible(id, shown) {
        const visible = this.all().filter((c) => (c.id === id ? shown : this.isVisible(c.id))).map((c) => c.id);
        this.saved = { visible, known: this.all().map((c) => c.id) };
        localStorage.setItem(STORAGE_KEY, JSON.stringify(this.saved));
        this.changed();
    }

    /**
     * Takes a column's fields out of the table's requests after the server
     * refused them (a plugin column naming a field this server lacks): its
     * cells show the reason instead of breaking every other column.
     */
    markBroken(id, reason) {
        const column = this.columns.get(id);
        if (!column || column.broken) return;
        column.broken = reason;
        console.warn(`device column ${id}${column.owner ? ` (${column.owner})` : ""}: ${reason}`);
        this.changed();
    }

    onChange(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    changed() {
        for (const listener of this.listeners) listener();
    }
}

function loadSaved() {
    try {
        const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
        if (saved && Array.isArray(saved.visible) && Array.isArray(saved.known)) return saved;
    } catch {
        // A broken entry (edited by hand): forget it.
    }
    localStorage.removeItem(STORAGE_KEY);
    return null;
}

// --- the built-in columns, Kismet's usual ones --------------------------------

const base = "kismet.device.base.";
const text = (key) => (row) => row[key] ?? "";

/** Kismet's device table columns, in its order. */
export const BUILTIN_COLUMNS = [
    { id: "name", title: "Name", fields: [base + "commonname"], render: text(base + "commonname") },
    { id: "type", title: "Type", fields: [base + "type"], render: text(base + "type") },
    { id: "phy", title: "Phy", fields: [base + "phyname"], render: text(base + "phyname") },
    { id: "macaddr", title: "MAC", fields: [base + "macaddr"], render: text(base + "macaddr"), mono: true },
    { id: "manuf", title: "Manufacturer", fields: [base + "manuf"], render: text(base + "manuf") },
    { id: "crypt", title: "Crypto", fields: [base + "crypt"], render: text(base + "crypt") },
    {
        id: "signal", title: "Signal", align: "right",
        fields: [base + "signal/kismet.common.signal.last_signal"],
        render: (row) => formatSignal(row["kismet.common.signal.last_signal"]),
    },
    { id: "channel", title: "Channel", align: "right", fields: [base + "channel"], render: text(base + "channel") },
    {
        id: "packets", title: "Packets", align: "right", fields: [base + "packets.total"],
        render: (row) => formatCount(row[base + "packets.total"]),
    },
    {
        id: "datasize", title: "Data", align: "right", fields: [base + "datasize"], visible: false,
        render: (row) => formatBytes(row[base + "datasize"]),
    },
    {
        id: "clients", title: "Clients", align: "right", visible: false,
        fields: ["dot11.device/dot11.device.num_associated_clients"],
        render: (row) => row["dot11.device.num_associated_clients"] ?? "",
    },
    {
        id: "first_time", title: "First seen", align: "right", fields: [base + "first_time"], visible: false,
        render: (row) => formatAge(row[base + "first_time"]),
    },
    {
        id: "last_time", title: "Last seen", align: "right", fields: [base + "last_time"],
        render: (row) => formatAge(row[base + "last_time"]),
    },
];
