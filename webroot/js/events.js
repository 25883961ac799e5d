// The event bus client (docs/EVENTBUS.md): one websocket to
// /eventbus/events.ws carrying {"TOPIC": content} frames for the topics
// subscribed. When the websocket cannot be opened (an older server answers
// 404, a proxy refuses upgrades) the client polls the REST API for messages
// and alerts instead and delivers them in the same shape, and keeps retrying
// the websocket with a growing delay. Subscribers never see the difference,
// except through `mode` ("connecting" | "live" | "polling").

const POLL_SECONDS = 3;
const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 60000;

// Topics the REST fallback can deliver, with how to poll each.
const POLLED = {
    MESSAGE: {
        path: (since) => `messagebus/last-time/${since}/messages.json`,
        list: "kismet.messagebus.list",
        time: "kismet.messagebus.timestamp",
        id: (m) => `${m["kismet.messagebus.message_time"]}|${m["kismet.messagebus.message_flags"]}|${m["kismet.messagebus.message_string"]}`,
    },
    ALERT: {
        path: (since) => `alerts/last-time/${since}/alerts.json`,
        list: "kismet.alert.list",
        time: "kismet.alert.timestamp",
        id: (a) => `${a["kismet.alert.timestamp"]}|${a["kismet.alert.header"]}|${a["kismet.alert.text"]}`,
    },
};

export class EventBus {
    /** onModeChange(mode) tells the header how events arrive. */
    constructor(api, { onModeChange = () => {} } = {}) {
        this.api = api;
        this.onModeChange = onModeChange;
        this.handlers = new Map(); // topic → Set of {handler, fields}
        this.mode = "stopped";
        this.socket = null;
        this.retryMs = RETRY_MIN_MS;
        this.retryTimer = null;
        this.pollTimer = null;
        this.pollState = {}; // topic → {since, seen: Set of ids in the last second}
    }

    /**
     * Calls handler(content, topic) for every event of `topic`. options.fields:
     * a field spec the server summarises records (NEW_DEVICE) by. The server
     * keeps one spec per topic and connection, so subscribers of a topic get
     * the union of their fields (or whole records when one asks for no spec).
     * Returns a function that unsubscribes.
     */
    subscribe(topic, handler, options = {}) {
        if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
        const entry = { handler, fields: options.fields };
        const set = this.handlers.get(topic);
        set.add(entry);
        this.sendSubscribe(topic);
        return () => {
            set.delete(entry);
            if (set.size === 0) {
                this.handlers.delete(topic);
                this.send({ UNSUBSCRIBE: topic });
            } else {
                this.sendSubscribe(topic);
            }
        };
    }

    /** The field spec for `topic`: the union of its subscribers' specs, or undefined for whole records. */
    fieldsFor(topic) {
        const entries = [...(this.handlers.get(topic) || [])];
        if (entries.length === 0 || entries.some((e) => !e.fields)) return undefined;
        const union = new Map();
        for (const e of entries) for (const f of e.fields) union.set(JSON.stringify(f), f);
        return [...union.values()];
    }

    /** true when `topic` reaches subscribers in the current mode. */
    delivers(topic) {
        return this.mode === "live" || (this.mode === "polling" && topic in POLLED);
    }

    start() {
        if (this.mode !== "stopped") return;
        this.setMode("connecting");
        this.connect();
    }

    stop() {
        this.setMode("stopped");
        clearTimeout(this.retryTimer);
        this.stopPolling();
        if (this.socket) {
            this.socket.onclose = null;
            this.socket.close();
            this.socket = null;
        }
    }

    connect() {
        const url = new URL("eventbus/events.ws", document.baseURI);
        url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
        let opened = false;
        let socket;
        try {
            socket = new WebSocket(url.href);
        } catch (e) {
            console.warn(`event bus: ${e.message}; polling instead`);
            this.fallBack();
            return;
        }
        this.socket = socket;
        socket.onopen = () => {
            opened = true;
            this.retryMs = RETRY_MIN_MS;
            this.stopPolling();
            this.setMode("live");
            for (const topic of this.handlers.keys()) this.sendSubscribe(topic);
        };
        socket.onmessage = (event) => this.dispatchFrame(event.data);
        socket.onclose = () => {
            this.socket = null;
            if (this.mode === "stopped") return;
            // Never opened: the server has no event bus (or a proxy blocks it).
            // Opened then closed: the server went away or dropped us. Either way
            // poll meanwhile and try again later.
            if (!opened) this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
            this.fallBack();
        };
    }

    fallBack() {
        if (this.mode !== "polling") {
            this.setMode("polling");
            this.startPolling();
        }
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    }

    sendSubscribe(topic) {
        const message = { SUBSCRIBE: topic };
        const fields = this.fieldsFor(topic);
        if (fields) message.fields = fields;
        this.send(message);
    }

    send(message) {
        if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    }

    dispatchFrame(text) {
        let frame;
        try {
            frame = JSON.parse(text);
        } catch {
            console.warn("event bus: a frame that is not JSON", text);
            return;
        }
        if (frame && typeof frame.error === "string") {
            console.warn(`event bus: the server refused a request: ${frame.error}`);
            return;
        }
        for (const [topic, content] of Object.entries(frame || {})) this.deliver(topic, content);
    }

    deliver(topic, content) {
        const set = this.handlers.get(topic);
        if (!set) return;
        for (const { handler } of [...set]) {
            try {
                handler(content, topic);
            } catch (e) {
                // One subscriber's bug must not starve the others.
                console.warn(`event bus: a ${topic} handler failed:`, e);
            }
        }
    }

    // --- the REST fallback -------------------------------------------------

    startPolling() {
        this.stopPolling();
        // Start from "now": what arrived over the websocket before must not come again.
        this.pollState = {};
        const tick = async () => {
            await Promise.all(Object.keys(POLLED).map((topic) => this.pollTopic(topic)));
            if (this.mode === "polling") this.pollTimer = setTimeout(tick, POLL_SECONDS * 1000);
        };
        tick();
    }

    stopPolling() {
        clearTimeout(this.pollTimer);
        this.pollTimer = null;
    }

    async pollTopic(topic) {
        if (!this.handlers.has(topic)) {
            delete this.pollState[topic]; // start from "now" when someone subscribes
            return;
        }
        const how = POLLED[topic];
        const state = this.pollState[topic];
        // First poll: Kismet's negative time means "seconds before now", so
        // only what happens from now on is delivered (panels load history themselves).
        const since = state ? state.since : -1;
        let reply;
        try {
            reply = await this.api.get(how.path(since), { quiet: true });
        } catch (e) {
            if (e.status !== 401) console.warn(`event bus polling ${topic}: ${e.message}`);
            return;
        }
        const items = (reply && reply[how.list]) || [];
        const serverTime = reply && reply[how.time];
        // The server's time bound is in whole seconds and inclusive, so the
        // next poll asks again from this second and drops what it already delivered.
        const seen = state ? state.seen : new Set();
        const nextSeen = new Set();
        for (const item of items) {
            const id = how.id(item);
            nextSeen.add(id);
            if (!seen.has(id)) this.deliver(topic, item);
        }
        this.pollState[topic] = {
            since: Number.isFinite(serverTime) ? Math.floor(serverTime) : (state ? state.since : -1),
            seen: new Set([...seen, ...nextSeen].slice(-500)),
        };
    }

    setMode(mode) {
        if (this.mode === mode) return;
        this.mode = mode;
        this.onModeChange(mode);
    }
}
