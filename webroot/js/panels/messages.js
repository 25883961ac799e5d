// The Messages dock panel: the server's message bus, newest first. It loads
// the last messages the server keeps (/messagebus/all_messages.json), then
// follows the MESSAGE topic (the event bus, or its polling fallback).

import { EventFeed } from "./event-feed.js";
import { useStylesheet } from "./stylesheet.js";

const LIMIT = 200;

// Kismet's message flags (messagebus.h), most severe first: the class and label of a message.
const LEVELS = [[16, "fatal"], [8, "alert"], [4, "error"], [2, "info"], [1, "debug"]];

/** The severity name of a message's flags: "fatal", "alert", "error", "info" or "debug". */
export function messageLevel(flags) {
    for (const [bit, name] of LEVELS) if (flags & bit) return name;
    return "info";
}

export function messageKey(m) {
    return `${m["kismet.messagebus.message_time"]}|${m["kismet.messagebus.message_flags"]}|${m["kismet.messagebus.message_string"]}`;
}

export function register(api) {
    useStylesheet("css/panels.css");
    const { el, formatTime } = api.format;
    const feed = new EventFeed({
        id: "message-list",
        limit: LIMIT,
        key: messageKey,
        time: (m) => m["kismet.messagebus.message_time"],
        severity: (m) => messageLevel(m["kismet.messagebus.message_flags"]),
        render: (m) => [
            el("time", { class: "event-time" }, formatTime(m["kismet.messagebus.message_time"])),
            el("span", { class: "event-level" }, messageLevel(m["kismet.messagebus.message_flags"])),
            el("span", { class: "event-text" }, m["kismet.messagebus.message_string"]),
        ],
        emptyText: "No messages yet.",
    });

    // Subscribed now, not when the panel is first shown: messages that come
    // while another panel is in front are there when the user looks.
    api.events.subscribe("MESSAGE", (m) => feed.add(m));
    api.rest.get("messagebus/all_messages.json", { quiet: true })
        .then((list) => (list || []).forEach((m) => feed.add(m)))
        .catch((e) => {
            if (e.status !== 401) feed.setNote(`The earlier messages are unavailable: ${e.message}`);
        });

    api.addPanel({
        id: "messages",
        title: "Messages",
        order: 10,
        create(container) {
            container.append(feed.element);
        },
    });
}
