// The Graphs tab: the packet rate (/packetchain/packet_stats.json), the
// device count (/system/status.json, kismet.system.devices.rrd) over the
// last minute, hour or day, and the packets or devices per channel
// (/channels/channels.json) as bars. Drawn with the shell's SVG charts
// (js/chart.js), refreshed every 5 s while the tab is shown (js/poller.js).

import { Poller } from "../poller.js";
import { useStylesheet } from "./stylesheet.js";

const REFRESH_MS = 5000;

// What each resolution shows: a Kismet RRD holds a minute per second, an
// hour per minute and a day per hour.
const RESOLUTIONS = {
    minute: { label: "last minute", unit: "per second", time: { hour: "2-digit", minute: "2-digit", second: "2-digit" } },
    hour: { label: "last hour", unit: "per second, minute averages", time: { hour: "2-digit", minute: "2-digit" } },
    day: { label: "last day", unit: "per second, hour averages", time: { weekday: "short", hour: "2-digit", minute: "2-digit" } },
};

// The packet chain's rates drawn, in legend order.
const PACKET_SERIES = [
    ["kismet.packetchain.packets_rrd", "packets"],
    ["kismet.packetchain.error_packets_rrd", "errors"],
    ["kismet.packetchain.dropped_packets_rrd", "dropped"],
];

/**
 * The points of a rate RRD with its empty slots as zeros: for a rate, a
 * second without packets is 0 packets per second, not a missing sample. The
 * empty slots before the first sample stay out: that is before the server
 * started (or anything arrived), not an idle time.
 */
export function ratePoints(chart, rrd, resolution) {
    const samples = chart.rrdPoints(rrd, resolution);
    if (samples.length === 0) return [];
    const first = samples[0].x;
    return chart.rrdPoints({ ...rrd, "kismet.common.rrd.blank_val": -Infinity }, resolution).filter((p) => p.x >= first);
}

/** Bars of /channels/channels.json by frequency: [{label, value}] of `what` ("packets" | "devices"). */
export function channelBars(reply, what) {
    const records = Object.values((reply || {})["kismet.channeltracker.frequency_map"] || {});
    return records
        .sort((a, b) => a["kismet.channelrec.frequency"] - b["kismet.channelrec.frequency"])
        .map((r) => ({ label: String(r["kismet.channelrec.channel"]), value: Number(r[`airsight.channelrec.${what}`]) || 0 }));
}

export function register(api) {
    useStylesheet("css/panels.css");
    const { el, formatCount } = api.format;
    const chart = api.chart;
    let resolution = localStorage.getItem("airsight.graphs.resolution") || "minute";
    if (!(resolution in RESOLUTIONS)) resolution = "minute";
    let channelWhat = "packets";

    const figure = (id, title) => {
        const caption = el("figcaption", {}, title);
        const plot = el("div", { class: "graph-plot" });
        const legend = el("ul", { class: "chart-legend" });
        const note = el("p", { class: "module-error", role: "alert", hidden: true });
        return { element: el("figure", { class: "graph", id }, caption, legend, plot, note), caption, plot, legend, note };
    };
    const packets = figure("graph-packets", "Packets");
    const devices = figure("graph-devices", "Devices");
    const channels = figure("graph-channels", "Channels");

    const xFormat = (x) => new Date(x * 1000).toLocaleTimeString([], RESOLUTIONS[resolution].time);
    const count = (y) => formatCount(Math.round(y));

    const drawPackets = (stats) => {
        const how = RESOLUTIONS[resolution];
        packets.caption.textContent = `Packets ${how.unit}, ${how.label}`;
        const series = PACKET_SERIES.map(([name, label], i) => ({ label, color: `var(--chart-${i})`,
                                                                 points: ratePoints(chart, stats[name], resolution) }))
            .filter((s, i) => i === 0 || s.points.some((p) => p.y > 0)); // errors and drops only when there were some
        packets.legend.replaceChildren(...series.map((s) => legendItem(el, s)));
        packets.plot.replaceChildren(chart.lineChart(series, { width: 720, height: 200, yMin: 0, yMax: topOf(series),
                                                                yLabel: "packets per second",
                                                                xFormat, yFormat: count }));
    };
    const drawDevices = (status) => {
        const how = RESOLUTIONS[resolution];
        devices.caption.textContent = `Devices tracked, ${how.label} (now ${formatCount(status["kismet.system.devices.count"])})`;
        const series = [{ label: "devices", color: "var(--chart-2)",
                          points: chart.rrdPoints(status["kismet.system.devices.rrd"], resolution) }];
        devices.legend.replaceChildren(...series.map((s) => legendItem(el, s)));
        devices.plot.replaceChildren(chart.lineChart(series, { width: 720, height: 200, yMin: 0, yMax: topOf(series),
                                                                yLabel: "devices",
                                                                xFormat, yFormat: count }));
    };
    const drawChannels = (reply) => {
        const bars = channelBars(reply, channelWhat);
        // Packets count from the server's start; devices by where each was last heard.
        channels.caption.textContent = channelWhat === "packets" ? "Packets per channel, since the server started"
            : "Devices per channel, where each was last heard";
        channels.plot.replaceChildren(chart.barChart(bars, { width: 720, height: 200, yLabel: `${channelWhat} per channel`,
                                                             yFormat: count }));
    };

    // Each graph fails on its own: one unavailable endpoint leaves the others drawn.
    const parts = [
        [packets, "packetchain/packet_stats.json", drawPackets],
        [devices, "system/status.json", drawDevices],
        [channels, "channels/channels.json", drawChannels],
    ];
    const poller = new Poller(() => Promise.all(parts.map(([part, path, draw]) => api.rest.get(path, { quiet: true })
        .then((reply) => {
            draw(reply || {});
            part.note.hidden = true;
        })
        .catch((e) => {
            if (e.status === 401) return;
            part.note.textContent = `Unavailable: ${e.message}`;
            part.note.hidden = false;
        }))), REFRESH_MS);
    const refresh = () => poller.refresh();

    const select = (id, label, options, value, onchange) => el("label", { class: "graph-option" }, label,
        el("select", { id, onchange: (e) => onchange(e.target.value) },
            options.map(([v, text]) => el("option", { value: v, selected: v === value }, text))));

    api.addTab({
        id: "graphs",
        title: "Graphs",
        order: 20,
        create(container) {
            container.append(
                el("div", { class: "toolbar" },
                    select("graph-resolution", "Time span ", Object.entries(RESOLUTIONS).map(([k, r]) => [k, r.label]), resolution,
                        (value) => {
                            resolution = value;
                            localStorage.setItem("airsight.graphs.resolution", value);
                            refresh();
                        }),
                    select("graph-channel-what", "Channels by ", [["packets", "packets"], ["devices", "devices"]], channelWhat,
                        (value) => {
                            channelWhat = value;
                            refresh();
                        })),
                el("div", { class: "graphs" }, packets.element, devices.element, channels.element));
        },
        onShow() {
            poller.start();
        },
        onHide() {
            poller.stop();
        },
    });
}

// The top of a chart's y axis: its largest value, at least 1 (an idle minute draws a flat 0, not -1 to 1).
function topOf(series) {
    return Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.y)));
}

function legendItem(el, series) {
    return el("li", {}, el("span", { class: "legend-swatch", style: `background: ${series.color}` }), series.label);
}
