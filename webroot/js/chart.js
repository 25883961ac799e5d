// Small hand-written SVG charts (no library: the UI runs offline and installs
// no npm packages) — a line chart, a bar chart — and a reader for Kismet's
// RRD records, so the device detail's signal history and the Graphs panel
// draw the same way.

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
}

// The three resolutions of a Kismet RRD: which vector, and how many seconds one slot is.
const RESOLUTIONS = {
    minute: { vector: "kismet.common.rrd.minute_vec", seconds: 1 },
    hour: { vector: "kismet.common.rrd.hour_vec", seconds: 60 },
    day: { vector: "kismet.common.rrd.day_vec", seconds: 3600 },
};

/**
 * The points of one resolution of a Kismet RRD record, oldest first:
 * [{x: Unix seconds, y}]. The vectors are rings indexed by time (slot
 * (t / seconds) % length); slots holding the blank value are left out, so
 * the chart shows gaps instead of drops to zero.
 */
export function rrdPoints(rrd, resolution = "minute") {
    const how = RESOLUTIONS[resolution];
    if (!rrd || !how) return [];
    const vector = rrd[how.vector];
    const last = rrd["kismet.common.rrd.last_time"];
    if (!Array.isArray(vector) || vector.length === 0 || !last) return [];
    const blank = rrd["kismet.common.rrd.blank_val"] ?? 0;
    const n = vector.length;
    const lastSlot = Math.floor(last / how.seconds);
    const points = [];
    for (let age = n - 1; age >= 0; --age) {
        const slot = lastSlot - age;
        const y = vector[((slot % n) + n) % n];
        if (y === blank || !Number.isFinite(y)) continue;
        points.push({ x: slot * how.seconds, y });
    }
    return points;
}

/**
 * An SVG line chart. series: [{label, points: [{x, y}], color?}];
 * options: {width, height, yLabel, xFormat(x), yFormat(y), yMin, yMax}.
 * Points farther apart than options.gap (default: 1.5 × the smallest step,
 * the sampling interval of a regular series such as an RRD's) are not
 * joined, so missing samples show as gaps.
 */
export function lineChart(series, options = {}) {
    const width = options.width ?? 480;
    const height = options.height ?? 160;
    const pad = { left: 48, right: 12, top: 12, bottom: 24 };
    const all = series.flatMap((s) => s.points);
    const root = svg("svg", {
        class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
        "aria-label": options.yLabel ? `${options.yLabel} chart` : "chart",
    });
    if (all.length === 0) {
        root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "chart-empty" }, "no data yet"));
        return root;
    }
    const xs = all.map((p) => p.x);
    const ys = all.map((p) => p.y);
    let xMin = Math.min(...xs), xMax = Math.max(...xs);
    let yMin = options.yMin ?? Math.min(...ys), yMax = options.yMax ?? Math.max(...ys);
    if (xMax === xMin) { xMin -= 1; xMax += 1; }
    if (yMax === yMin) { yMin -= 1; yMax += 1; }
    const px = (x) => pad.left + ((x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
    const py = (y) => height - pad.bottom - ((y - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
    const yFormat = options.yFormat ?? ((y) => String(Math.round(y)));
    const xFormat = options.xFormat ?? ((x) => new Date(x * 1000).toLocaleTimeString());

    // Axes: three horizontal grid lines with labels, the first and last time.
    for (const y of [yMin, (yMin + yMax) / 2, yMax]) {
        root.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: py(y), y2: py(y), class: "chart-grid" }));
        root.append(svg("text", { x: pad.left - 4, y: py(y) + 4, "text-anchor": "end", class: "chart-label" }, yFormat(y)));
    }
    root.append(svg("text", { x: pad.left, y: height - 6, class: "chart-label" }, xFormat(xMin)));
    root.append(svg("text", { x: width - pad.right, y: height - 6, "text-anchor": "end", class: "chart-label" }, xFormat(xMax)));

    series.forEach((s, i) => {
        const points = [...s.points].sort((a, b) => a.x - b.x);
        const steps = points.slice(1).map((p, j) => p.x - points[j].x).filter((step) => step > 0);
        const gap = options.gap ?? (steps.length ? Math.min(...steps) * 1.5 : Infinity);
        let d = "";
        points.forEach((p, j) => {
            const joined = j > 0 && p.x - points[j - 1].x <= gap;
            d += `${joined ? "L" : "M"}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`;
        });
        const color = s.color ?? `var(--chart-${i % 4})`;
        root.append(svg("path", { d, class: "chart-line", stroke: color, fill: "none" }));
        // Lone points (gaps on both sides) would be invisible as a path: mark them.
        if (points.length === 1) root.append(svg("circle", { cx: px(points[0].x), cy: py(points[0].y), r: 2, fill: color }));
        if (s.label) root.append(svg("title", {}, s.label));
    });
    return root;
}

/**
 * An SVG bar chart (e.g. packets per channel). bars: [{label, value, color?}];
 * options: {width, height, yLabel, yFormat(value)}. Each bar carries its
 * label and value as a tooltip; labels are thinned out when they would overlap.
 */
export function barChart(bars, options = {}) {
    const width = options.width ?? 480;
    const height = options.height ?? 160;
    const pad = { left: 48, right: 12, top: 12, bottom: 28 };
    const root = svg("svg", {
        class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
        "aria-label": options.yLabel ? `${options.yLabel} chart` : "chart",
    });
    if (bars.length === 0) {
        root.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "chart-empty" }, "no data yet"));
        return root;
    }
    const yFormat = options.yFormat ?? ((y) => String(Math.round(y)));
    const yMax = Math.max(...bars.map((b) => b.value), 1);
    const plotWidth = width - pad.left - pad.right;
    const plotHeight = height - pad.top - pad.bottom;
    const slot = plotWidth / bars.length;
    const py = (y) => height - pad.bottom - (y / yMax) * plotHeight;
    for (const y of [0, yMax / 2, yMax]) {
        root.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: py(y), y2: py(y), class: "chart-grid" }));
        root.append(svg("text", { x: pad.left - 4, y: py(y) + 4, "text-anchor": "end", class: "chart-label" }, yFormat(y)));
    }
    const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotWidth / 28))));
    bars.forEach((bar, i) => {
        const x = pad.left + i * slot;
        const rect = svg("rect", {
            x: (x + slot * 0.1).toFixed(1), y: py(bar.value).toFixed(1),
            width: Math.max(1, slot * 0.8).toFixed(1), height: Math.max(0, py(0) - py(bar.value)).toFixed(1),
            class: "chart-bar", fill: bar.color ?? "var(--chart-0)",
        });
        rect.append(svg("title", {}, `${bar.label}: ${yFormat(bar.value)}`));
        root.append(rect);
        if (i % labelEvery === 0)
            root.append(svg("text", { x: x + slot / 2, y: height - 10, "text-anchor": "middle", class: "chart-label" }, bar.label));
    });
    return root;
}
