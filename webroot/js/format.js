// Formatting helpers shared by the panels: the server speaks Kismet's units
// (Unix seconds, dBm, kHz, bytes) and the UI shows them the way Kismet's does.

/** Unix seconds → "2026-12-02 05:17:41" in local time; "never" for 0. */
export function formatTime(seconds) {
    if (!seconds) return "never";
    const d = new Date(seconds * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Seconds between `seconds` and now, as "5s ago", "3m ago", "2h ago". */
export function formatAge(seconds, nowSeconds = Date.now() / 1000) {
    if (!seconds) return "never";
    const age = Math.max(0, Math.round(nowSeconds - seconds));
    if (age < 60) return `${age}s ago`;
    if (age < 3600) return `${Math.floor(age / 60)}m ago`;
    if (age < 86400) return `${Math.floor(age / 3600)}h ago`;
    return `${Math.floor(age / 86400)}d ago`;
}

/** Bytes → "1.2 MB". */
export function formatBytes(bytes) {
    if (!Number.isFinite(bytes)) return "";
    const units = ["B", "kB", "MB", "GB", "TB"];
    let value = bytes, unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; ++unit; }
    return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A frequency in kHz → "2437 MHz" (Kismet stores kHz). */
export function formatFrequency(khz) {
    if (!khz) return "";
    return `${(khz / 1000).toFixed(khz % 1000 ? 1 : 0)} MHz`;
}

/** dBm, or "" when the server has no reading (Kismet's 0). */
export function formatSignal(dbm) {
    return dbm ? `${dbm} dBm` : "";
}

/** A number with thousands separators. */
export function formatCount(n) {
    return Number.isFinite(n) ? n.toLocaleString("en-US") : "";
}

/**
 * Creates an element: el("td", {class: "x", title: "y"}, "text", childNode).
 * Text children become text nodes, so server strings are never parsed as HTML.
 */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
        else if (name === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}
