// A panel's refresh loop: one load at a time (a refresh asked for while one
// runs joins it), repeated every `everyMs` while the panel is shown, and
// paused while the browser tab is hidden (it loads at once when the tab is
// shown again). A user looking elsewhere costs the server nothing.

export class Poller {
    /** load() → a promise; it reports its own errors (a rejection is only logged). */
    constructor(load, everyMs) {
        this.load = load;
        this.everyMs = everyMs;
        this.active = false;
        this.timer = null;
        this.running = null;
        document.addEventListener("visibilitychange", () => {
            if (this.active && !document.hidden) this.refresh();
        });
    }

    /** Loads now (or joins the load under way); returns its promise. */
    refresh() {
        if (!this.running) {
            this.running = Promise.resolve()
                .then(() => this.load())
                .catch((e) => console.warn("a refresh failed:", e))
                .finally(() => {
                    this.running = null;
                    clearTimeout(this.timer);
                    this.timer = null;
                    if (this.active && !document.hidden) this.timer = setTimeout(() => this.refresh(), this.everyMs);
                });
        }
        return this.running;
    }

    /** Starts the loop (the panel is shown): loads at once, then every `everyMs`. */
    start() {
        this.active = true;
        return this.refresh();
    }

    /** Stops the loop (the panel is hidden); a load under way still finishes. */
    stop() {
        this.active = false;
        clearTimeout(this.timer);
        this.timer = null;
    }
}
