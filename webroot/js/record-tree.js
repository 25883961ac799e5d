// A JSON record as a collapsible tree (<details> elements): the device
// detail's "whole record" view. Large maps and lists start closed and are
// built only when opened, so a device with thousands of probed SSIDs opens at once.

import { el } from "./format.js";

const OPEN_BELOW = 12; // objects with fewer members start open, at the top two levels

/** The tree of `value` under the label `name`. */
export function recordTree(value, name = "record", depth = 0) {
    if (value === null || typeof value !== "object") {
        return el("div", { class: "tree-leaf" },
            el("span", { class: "tree-key" }, name), ": ",
            el("span", { class: `tree-value tree-${value === null ? "null" : typeof value}` }, JSON.stringify(value)));
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    const node = el("details", { class: "tree-node" },
        el("summary", {}, el("span", { class: "tree-key" }, name), " ", el("span", { class: "tree-count" }, summary)));
    let built = false;
    const build = () => {
        if (built) return;
        built = true;
        const children = el("div", { class: "tree-children" });
        for (const [key, child] of entries) children.append(recordTree(child, key, depth + 1));
        node.append(children);
    };
    node.addEventListener("toggle", () => { if (node.open) build(); });
    if (depth < 2 && entries.length < OPEN_BELOW) {
        build();
        node.open = true;
    }
    return node;
}
