// The built-in sections of the device detail, registered by panels/devices.js
// through the plugin API like any plugin's: a summary, Wi-Fi (SSIDs, clients,
// the APs a client joined, handshakes), location, signal history and the
// whole record as a tree.

import { lineChart, rrdPoints } from "../chart.js";
import { el, formatAge, formatBytes, formatCount, formatFrequency, formatSignal, formatTime } from "../format.js";
import { recordTree } from "../record-tree.js";

const base = "kismet.device.base.";

// A two-column table of label → value, skipping empty values.
function facts(rows) {
    return el("table", { class: "facts" }, rows
        .filter(([, value]) => value !== undefined && value !== null && value !== "")
        .map(([label, value]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, value))));
}

function summary(container, record) {
    const signal = record[base + "signal"] || {};
    const seenBy = (record[base + "seenby"] || []).length;
    container.append(facts([
        ["MAC", record[base + "macaddr"]],
        ["Name", record[base + "name"] || record[base + "username"]],
        ["Type", record[base + "type"]],
        ["PHY", record[base + "phyname"]],
        ["Manufacturer", record[base + "manuf"]],
        ["Encryption", record[base + "crypt"]],
        ["Channel", record[base + "channel"]],
        ["Frequency", formatFrequency(record[base + "frequency"])],
        ["Signal", signal["kismet.common.signal.last_signal"] ? [
            formatSignal(signal["kismet.common.signal.last_signal"]),
            ` (min ${formatSignal(signal["kismet.common.signal.min_signal"])}, max ${formatSignal(signal["kismet.common.signal.max_signal"])})`,
        ].join("") : ""],
        ["Packets", `${formatCount(record[base + "packets.total"] ?? 0)} (data ${formatCount(record[base + "packets.data"] ?? 0)}, ` +
            `encrypted ${formatCount(record[base + "packets.crypt"] ?? 0)})`],
        ["Data", formatBytes(record[base + "datasize"])],
        ["First seen", `${formatTime(record[base + "first_time"])} (${formatAge(record[base + "first_time"])})`],
        ["Last seen", `${formatTime(record[base + "last_time"])} (${formatAge(record[base + "last_time"])})`],
        ["Seen by", seenBy ? `${seenBy} source${seenBy > 1 ? "s" : ""}` : ""],
        ["Alerts", record[base + "num_alerts"] || ""],
        ["Key", record[base + "key"]],
    ]));
}

function ssidTable(list, prefix, withChannel) {
    return el("table", { class: "data-table compact" },
        el("thead", {}, el("tr", {}, el("th", {}, "SSID"), withChannel ? el("th", {}, "Channel") : null,
            el("th", {}, "Encryption"), el("th", {}, "Last seen"))),
        el("tbody", {}, list.map((s) => el("tr", {},
            el("td", {}, s[prefix + "ssid"] || (s[prefix + "cloaked"] ? "(cloaked)" : "(empty)")),
            withChannel ? el("td", {}, s[prefix + "channel"] ?? "") : null,
            el("td", {}, s[prefix + "crypt_string"] ?? ""),
            el("td", {}, formatAge(s[prefix + "last_time"]))))));
}

// A map or a list as a list (Kismet sends some maps as JSON arrays).
const values = (v) => (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []);

function wifi(container, record, ctx) {
    const dot11 = record["dot11.device"];
    if (!dot11) return false;
    const advertised = values(dot11["dot11.device.advertised_ssid_map"]);
    const probed = values(dot11["dot11.device.probed_ssid_map"]);
    const clients = Object.entries(dot11["dot11.device.associated_client_map"] || {});
    const accessPoints = values(dot11["dot11.device.client_map"]); // the APs this device is a client of
    const handshakes = dot11["dot11.device.wpa_handshake_list"] || {};
    const handshakeFrames = values(handshakes).reduce((n, list) => n + values(list).length, 0);

    if (advertised.length) container.append(el("h4", {}, `Advertised SSIDs (${advertised.length})`),
        ssidTable(advertised, "dot11.advertisedssid.", true));
    if (probed.length) container.append(el("h4", {}, `Probed SSIDs (${probed.length})`),
        ssidTable(probed, "dot11.probedssid.", false));
    // A link to another device's detail, by its key.
    const deviceLink = (key, text) => el("a", {
        href: "#", class: "mono", onclick: (event) => {
            event.preventDefault();
            ctx.openDevice(key);
        },
    }, text);
    if (accessPoints.length) {
        container.append(el("h4", {}, `Client of (${accessPoints.length})`), el("ul", { class: "ap-list" },
            accessPoints.map((c) => el("li", {},
                c["dot11.client.bssid_key"] ? deviceLink(c["dot11.client.bssid_key"], c["dot11.client.bssid"]) : c["dot11.client.bssid"],
                ` — last seen ${formatAge(c["dot11.client.last_time"])}, ${formatBytes(c["dot11.client.datasize"] ?? 0)}`))));
    }
    if (clients.length) {
        container.append(el("h4", {}, `Clients (${clients.length})`), el("ul", { class: "client-list" },
            clients.map(([mac, key]) => el("li", {}, deviceLink(key, mac)))));
    }
    if (handshakeFrames) {
        const key = record[base + "key"];
        // phys/dot11/phy/handshake_endpoint.cc: "<KEY>-handshake.pcap" names the download.
        const file = `${key}-handshake.pcap`;
        container.append(el("h4", {}, "WPA handshakes"),
            el("p", {}, `${handshakeFrames} EAPOL frame${handshakeFrames > 1 ? "s" : ""} from ${Object.keys(handshakes).length} client(s). `,
                el("a", {
                    id: "handshake-download", download: file,
                    href: ctx.api.url(`phy/phy80211/by-key/${encodeURIComponent(key)}/pcap/${encodeURIComponent(file)}`),
                }, "Download the handshake pcap")));
    }
    if (!advertised.length && !probed.length && !clients.length && !accessPoints.length && !handshakeFrames)
        container.append(el("p", {}, "No SSIDs, clients or handshakes seen yet."));
    return true;
}

function location(container, record) {
    const loc = record[base + "location"];
    const point = (name) => (loc && loc[name]) || {};
    const where = (p) => (Number.isFinite(p["kismet.common.location.lat"])
        ? `${p["kismet.common.location.lat"].toFixed(6)}, ${p["kismet.common.location.lon"].toFixed(6)}` : "");
    const last = where(point("kismet.common.location.last"));
    if (!last) return false; // no GPS fix was ever attached to this device
    const fix = loc["kismet.common.location.loc_fix"];
    container.append(facts([
        ["Last", last],
        ["Average", where(point("kismet.common.location.avg_loc"))],
        ["Fix", fix ? `${fix}D` : ""],
    ]));
    return true;
}

function signalHistory(container, record) {
    const rrd = (record[base + "signal"] || {})["kismet.common.signal.signal_rrd"];
    if (!rrd) return false;
    const points = rrdPoints(rrd, "minute");
    container.append(lineChart([{ label: "signal (dBm)", points }], { yLabel: "Signal (dBm)", yFormat: (y) => `${Math.round(y)} dBm` }),
        el("p", { class: "hint" }, "Peak signal per second over the last minute."));
    return true;
}

function wholeRecord(container, record) {
    container.append(recordTree(record, "device"));
}

/** Registers the built-in sections through the plugin API. */
export function registerDetailSections(api) {
    api.addDetailSection({ id: "summary", title: "Summary", order: 10, render: summary });
    api.addDetailSection({ id: "wifi", title: "Wi-Fi", order: 20, render: wifi });
    api.addDetailSection({ id: "location", title: "Location", order: 30, render: location });
    api.addDetailSection({ id: "signal", title: "Signal history", order: 40, render: signalHistory });
    api.addDetailSection({ id: "record", title: "Whole record", order: 1000, render: wholeRecord });
}
