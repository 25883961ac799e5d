// User-visible notices: errors from the server or from a plugin appear as a
// dismissable line at the bottom of the window, never only in the console.

const shown = new Map(); // text → element, so a failing poll does not stack copies

/**
 * Shows `text` (kind: "error" | "info"). Errors stay until dismissed; info
 * notices fade after a few seconds. Returns a function that removes it.
 */
export function notify(text, kind = "error") {
    const area = document.getElementById("notices");
    if (!area) return () => {};
    const existing = shown.get(text);
    if (existing) return () => remove(text);
    const item = document.createElement("div");
    item.className = `notice notice-${kind}`;
    item.setAttribute("role", kind === "error" ? "alert" : "status");
    const message = document.createElement("span");
    message.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "notice-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", () => remove(text));
    item.append(message, close);
    area.append(item);
    shown.set(text, item);
    if (kind !== "error") setTimeout(() => remove(text), 5000);
    return () => remove(text);
}

function remove(text) {
    const item = shown.get(text);
    if (item) item.remove();
    shown.delete(text);
}

/** Removes every notice (on logout: they belonged to the old session). */
export function clearNotices() {
    for (const text of [...shown.keys()]) remove(text);
}
