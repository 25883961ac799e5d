// webdemo: a plugin made only of web content. The server lists its js= entry
// ("webdemo,/plugin/webdemo/js/webdemo.js") in /plugins/all_plugins.json; the
// web UI imports this ES module and calls register(api) with the plugin JS
// API (docs/WEB_UI.md). It shows each kind of extension once:
//   - a "Web demo" tab listing the server's plugins,
//   - a "PHYs" dock panel counting devices per PHY, polled while it is shown,
//   - a device-list column (the MAC's vendor prefix),
//   - a device detail section.

/** "3 of 11 plugins loaded: dot11, sim, webdemo": one line about a plugin list. */
export function summarize(plugins) {
    const loaded = plugins.filter((p) => p["airsight.plugin.state"] === "loaded").map((p) => p["kismet.plugin.name"]);
    return `${loaded.length} of ${plugins.length} plugins loaded: ${loaded.join(", ")}`;
}

export function register(api) {
    const { el } = api.format;

    // A tab: the plugin list, reloaded each time the tab is shown (onShow
    // also runs right after the first create()).
    let refresh = () => {};
    api.addTab({
        id: "webdemo",
        title: "Web demo",
        order: 900,
        create(container) {
            const line = el("p", { id: "webdemo-summary" }, "Asking the server for its plugins…");
            const body = el("tbody");
            container.append(
                el("h2", {}, "Web demo plugin"),
                el("p", { class: "hint" }, "This tab, the “PHYs” dock panel, the “Vendor prefix” device column and " +
                    "the “Web demo” detail section come from plugins/webdemo/httpd/js/webdemo.js, through the plugin JS API."),
                line,
                el("table", { class: "data-table", id: "webdemo-plugins" },
                    el("thead", {}, el("tr", {}, ["Plugin", "Version", "State", "Description"].map((t) => el("th", {}, t)))),
                    body));
            refresh = async () => {
                const plugins = await api.rest.get("plugins/all_plugins.json");
                line.textContent = summarize(plugins);
                body.replaceChildren(...plugins.map((p) => el("tr", {},
                    el("td", {}, p["kismet.plugin.name"]),
                    el("td", {}, p["kismet.plugin.version"]),
                    el("td", {}, p["airsight.plugin.state"] ?? ""),
                    el("td", {}, p["kismet.plugin.description"]))));
            };
        },
        onShow: () => refresh(),
    });

    // A dock panel: devices and packets per PHY, polled every 5 s while it is
    // the dock's visible panel (onShow/onHide), so a hidden panel costs nothing.
    let timer = null;
    let list = null;
    const poll = async () => {
        try {
            const phys = await api.rest.get("phy/all_phys.json", { quiet: true });
            list.replaceChildren(...phys.map((p) => el("li", {},
                `${p["kismet.phy.phy_name"]}: ${api.format.formatCount(p["kismet.phy.device_count"])} devices, ` +
                `${api.format.formatCount(p["kismet.phy.packet_count"])} packets`)));
        } catch (e) {
            list.replaceChildren(el("li", {}, `unavailable: ${e.message}`));
        }
        timer = setTimeout(poll, 5000);
    };
    api.addPanel({
        id: "webdemo-phys",
        title: "PHYs",
        order: 900,
        create(container) {
            list = el("ul", { id: "webdemo-phys" });
            container.append(list);
        },
        onShow: () => poll(),
        onHide: () => clearTimeout(timer),
    });

    // A column: the first three octets of the MAC (the IEEE OUI a vendor buys).
    api.addDeviceColumn({
        id: "webdemo-oui",
        title: "Vendor prefix",
        fields: ["kismet.device.base.macaddr"],
        render: (row) => (row["kismet.device.base.macaddr"] || "").slice(0, 8),
        visible: true,
        mono: true,
    });

    // A detail section: a sentence about the device in front of it.
    api.addDetailSection({
        id: "webdemo",
        title: "Web demo",
        order: 900,
        render(container, record) {
            const packets = record["kismet.device.base.packets.total"] ?? 0;
            container.append(el("p", { id: "webdemo-detail" },
                `The webdemo plugin sees ${record["kismet.device.base.macaddr"]} with ${packets} packets.`));
        },
    });
}
