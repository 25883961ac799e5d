// The dock's top edge: drag it to give the dock more or less of the window,
// double-click it (or press Enter on it) to fold the dock down to its tab row.
// The height and the fold are kept in localStorage, as Kismet keeps its panes.

const KEY = "airsight.dock.layout";
const MIN_PX = 80;

export function makeDockResizable(dock, handle) {
    const saved = load();
    if (saved.height) dock.style.height = `${saved.height}px`;
    setFolded(dock, handle, saved.folded);

    handle.addEventListener("pointerdown", (event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        handle.setPointerCapture(event.pointerId);
        const startY = event.clientY;
        const startHeight = dock.getBoundingClientRect().height;
        const move = (e) => {
            const max = window.innerHeight * 0.8;
            const height = Math.min(max, Math.max(MIN_PX, startHeight + (startY - e.clientY)));
            dock.style.height = `${height}px`;
            setFolded(dock, handle, false);
        };
        const up = () => {
            handle.removeEventListener("pointermove", move);
            handle.removeEventListener("pointerup", up);
            save({ height: Math.round(dock.getBoundingClientRect().height), folded: false });
        };
        handle.addEventListener("pointermove", move);
        handle.addEventListener("pointerup", up);
    });
    const toggle = () => {
        const folded = !dock.classList.contains("folded");
        setFolded(dock, handle, folded);
        save({ ...load(), folded });
    };
    handle.addEventListener("dblclick", toggle);
    handle.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            toggle();
        }
    });
}

function setFolded(dock, handle, folded) {
    dock.classList.toggle("folded", Boolean(folded));
    handle.setAttribute("aria-expanded", folded ? "false" : "true");
}

function load() {
    try {
        return JSON.parse(localStorage.getItem(KEY) || "{}") || {};
    } catch {
        return {};
    }
}

function save(layout) {
    localStorage.setItem(KEY, JSON.stringify(layout));
}
