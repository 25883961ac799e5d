"""The built-in panels' scenarios (webroot/js/panels/): the Data sources tab
(the sim source listed; lock a channel, hop, pause, resume, close, open through
the UI, each checked through REST; add a source, and a refused definition shows
the server's reason), the Graphs tab (packet rate, devices, channel bars drawn
from data), the Messages panel (a source's "opened" message) and the Alerts
panel (an alert raised through REST appears, styled by severity, counted on
its tab while hidden). Orders 100-199, between the device list and the logout."""
import json
import re

from browser_harness import ScenarioFailure, scenario

ALERT_NAME = "UIPANELTEST"


def source_row(ui, name):
    """The Data sources row of the source named `name` (None when absent)."""
    for row in ui.find_all("#source-rows tr[data-uuid]"):
        if row.find_element(ui.By.CSS_SELECTOR, 'td[data-column="name"]').text == name:
            return row
    return None


def cell(ui, name, column):
    return source_row(ui, name).find_element(ui.By.CSS_SELECTOR, f'td[data-column="{column}"]')


def click_action(ui, name, action):
    source_row(ui, name).find_element(ui.By.CSS_SELECTOR, f'button[data-action="{action}"]').click()


def source_record(ui, uuid):
    return ui.server.json(f"/datasource/by-uuid/{uuid}/source.json")


def state_is(ui, name, state):
    return cell(ui, name, "state").get_attribute("data-state") == state


@scenario(100)
def sources_tab_lists_the_sim_source(ui):
    ui.find("#tab-sources").click()
    ui.wait("the sim source's row", lambda: source_row(ui, "sim"))
    ui.wait("sim running", lambda: state_is(ui, "sim", "running"))
    if cell(ui, "sim", "type").text != "sim":
        raise ScenarioFailure(f"the sim source's type reads {cell(ui, 'sim', 'type').text!r}")
    ui.wait("sim hopping", lambda: cell(ui, "sim", "channel").text.startswith("hopping"))
    if "sim:name=sim," not in (cell(ui, "sim", "name").get_attribute("title") or ""):
        raise ScenarioFailure(f"the name's tooltip lacks the definition: {cell(ui, 'sim', 'name').get_attribute('title')!r}")
    # Live: the packet count moves without a reload.
    first = int(cell(ui, "sim", "packets").text.replace(",", "") or 0)
    ui.wait("the packet count to grow", lambda: int(cell(ui, "sim", "packets").text.replace(",", "") or 0) > first)
    names = {r["kismet.datasource.name"] for r in ui.server.json("/datasource/all_sources.json")}
    shown = {row.find_element(ui.By.CSS_SELECTOR, 'td[data-column="name"]').text
             for row in ui.find_all("#source-rows tr[data-uuid]")}
    if shown != names:
        raise ScenarioFailure(f"the tab lists {sorted(shown)}, the server {sorted(names)}")


@scenario(110)
def sources_tab_locks_a_channel_and_hops(ui):
    from selenium.webdriver.support.ui import Select
    uuid = source_row(ui, "sim").get_attribute("data-uuid")
    select = Select(source_row(ui, "sim").find_element(ui.By.CSS_SELECTOR, "select.channel-select"))
    channel = select.options[-1].get_attribute("value")
    select.select_by_value(channel)
    click_action(ui, "sim", "set_channel")
    ui.wait(f"the server's sim source locked on {channel}", lambda: (lambda r: r["kismet.datasource.hopping"] == 0
            and r["kismet.datasource.channel"] == channel)(source_record(ui, uuid)))
    ui.wait(f"the row to show channel {channel}", lambda: cell(ui, "sim", "channel").text == channel)
    ui.screenshot("0110-source-locked")
    click_action(ui, "sim", "set_hop")
    ui.wait("the server's sim source hopping", lambda: source_record(ui, uuid)["kismet.datasource.hopping"] == 1)
    ui.wait("the row to show hopping", lambda: cell(ui, "sim", "channel").text.startswith("hopping"))


@scenario(120)
def sources_tab_pauses_resumes_closes_and_opens(ui):
    uuid = source_row(ui, "sim2").get_attribute("data-uuid")
    click_action(ui, "sim2", "pause_source")
    ui.wait("the server's sim2 paused", lambda: source_record(ui, uuid)["kismet.datasource.paused"] == 1)
    ui.wait("sim2 shown paused", lambda: state_is(ui, "sim2", "paused"))
    click_action(ui, "sim2", "resume_source")
    ui.wait("the server's sim2 resumed", lambda: source_record(ui, uuid)["kismet.datasource.paused"] == 0)
    ui.wait("sim2 shown running", lambda: state_is(ui, "sim2", "running"))
    click_action(ui, "sim2", "close_source")
    ui.wait("the server's sim2 closed", lambda: source_record(ui, uuid)["kismet.datasource.running"] == 0)
    ui.wait("sim2 shown closed", lambda: state_is(ui, "sim2", "closed"))
    click_action(ui, "sim2", "open_source")
    ui.wait("the server's sim2 open", lambda: source_record(ui, uuid)["kismet.datasource.running"] == 1)
    ui.wait("sim2 shown running", lambda: state_is(ui, "sim2", "running"))


def add_in_ui(ui, definition):
    box = ui.find("#source-definition")
    box.clear()
    box.send_keys(definition)
    ui.find('#source-add button[type="submit"]').click()


@scenario(130)
def sources_tab_adds_a_source_and_shows_refusals(ui):
    # A definition the server refuses: the tab shows the server's own reason.
    ui.allow_console_error(r"add_source\.cmd.*status of [45]\d\d")
    bad = "nosuchtype:name=bad"
    status, body = ui.server.request("/datasource/add_source.cmd", {"json": json.dumps({"definition": bad})})
    reason = json.loads(body).get("error") if status >= 400 else None
    if not reason:
        raise ScenarioFailure(f"the server accepted {bad}: HTTP {status} {body[:200]!r}")
    add_in_ui(ui, bad)
    ui.wait("the refusal shown", lambda: ui.find("#sources-error").is_displayed() and reason in ui.find("#sources-error").text)
    add_in_ui(ui, "sim:name=uisim,seed=11,aps=1,clients=1")
    ui.wait("the uisim row", lambda: source_row(ui, "uisim") and state_is(ui, "uisim", "running"))
    ui.wait("the refusal cleared", lambda: not ui.find("#sources-error").is_displayed())
    ui.screenshot("0130-sources")


@scenario(140)
def messages_panel_shows_the_source_opened_message(ui):
    ui.find("#dock-messages").click()
    ui.wait_visible("#message-list")
    ui.wait("the uisim opened message",
            lambda: any("uisim" in li.text and "opened" in li.text for li in ui.find_all("#message-list li")))
    texts = ui.texts("#message-list li")
    if len(texts) != len(set(texts)):
        raise ScenarioFailure(f"a message is listed twice: {texts[:10]}")
    times = ui.js("return [...document.querySelectorAll('#message-list li')].map((li) => Number(li.dataset.time))")
    if times != sorted(times, reverse=True):
        raise ScenarioFailure(f"messages are not newest first: {times[:10]}")


@scenario(150)
def graphs_tab_draws_rates_devices_and_channels(ui):
    ui.find("#tab-graphs").click()
    for graph in ("graph-packets", "graph-devices"):
        ui.wait(f"a line in #{graph}", lambda: re.search(r"L[\d.]+,[\d.]+",
                ui.find(f"#{graph} svg.chart path.chart-line").get_attribute("d") or ""))
    ui.wait("channel bars with packets", lambda: any(float(r.get_attribute("height")) > 0
            for r in ui.find_all("#graph-channels svg.chart rect.chart-bar")))
    # Readable axes: value labels and times under the line.
    labels = ui.texts("#graph-packets svg text.chart-label")
    if len(labels) < 5 or not any(re.search(r"\d+:\d\d", t) for t in labels):
        raise ScenarioFailure(f"the packet chart's labels: {labels}")
    # The bars match the server's channels.
    reply = ui.server.json("/channels/channels.json")
    channels = {r["kismet.channelrec.channel"] for r in reply["kismet.channeltracker.frequency_map"].values()}
    titles = [t.get_attribute("textContent") for t in ui.find_all("#graph-channels rect.chart-bar title")]
    if {t.split(":")[0] for t in titles} - channels or len(titles) < len(channels):
        raise ScenarioFailure(f"channel bars {titles} for the server's channels {sorted(channels)}")
    from selenium.webdriver.support.ui import Select
    Select(ui.find("#graph-channel-what")).select_by_value("devices")
    ui.wait("the devices-per-channel caption", lambda: ui.find("#graph-channels figcaption").text.startswith("Devices per channel"))
    Select(ui.find("#graph-resolution")).select_by_value("hour")
    ui.wait("the hour caption", lambda: "last hour" in ui.find("#graph-packets figcaption").text)
    ui.screenshot("0150-graphs")
    Select(ui.find("#graph-resolution")).select_by_value("minute")


@scenario(160)
def alerts_panel_shows_a_raised_alert(ui):
    # Shown once (a panel's content is created when first shown), then hidden:
    # its tab counts the new alerts.
    ui.find("#dock-alerts").click()
    ui.wait("the Alerts panel's list", lambda: ui.find("#alert-list"))
    ui.find("#dock-messages").click()
    # The sim raises alerts of its own (DISASSOCTRAFFIC) at any moment, so the
    # badge is checked against the alerts that reached the hidden list, both
    # read in one script so no alert lands between the two reads.
    counts = """
        const badge = document.querySelector("#dock-alerts .tab-badge");
        return [document.querySelectorAll("#alert-list li").length,
                badge.hidden ? 0 : Number(badge.textContent)];"""
    listed_before, badge_before = ui.js(counts)
    ui.server.json("/alerts/definitions/define_alert.cmd", {
        "name": ALERT_NAME, "description": "raised by the browser test", "throttle": "10/min", "burst": "5/sec",
        "class": "OTHER", "severity": 15})
    text = "a test alert for the Alerts panel"
    ui.server.json("/alerts/raise_alert.cmd", {"name": ALERT_NAME, "text": text, "channel": "6"})
    # textContent: Selenium's .text is "" for nodes in a hidden panel.
    ui.wait("the alert in the hidden panel", lambda: any(
        text in li.get_attribute("textContent") for li in ui.find_all("#alert-list li")), timeout=30)
    listed_after, badge_after = ui.js(counts)
    if badge_after - badge_before != listed_after - listed_before or badge_after < 1:
        raise ScenarioFailure(f"the hidden Alerts tab counts {badge_after - badge_before} new alerts "
                              f"(badge {badge_before} → {badge_after}) but {listed_after - listed_before} arrived")
    ui.find("#dock-alerts").click()
    item = ui.wait("the alert in the panel", lambda: next(
        (li for li in ui.find_all("#alert-list li") if text in li.text), None))
    if "sev-high" not in item.get_attribute("class") or ALERT_NAME not in item.text or "HIGH" not in item.text.upper():
        raise ScenarioFailure(f"the alert reads {item.text!r} with class {item.get_attribute('class')!r}")
    if ui.find("#dock-alerts .tab-badge").is_displayed():
        raise ScenarioFailure("the badge stays after the panel is shown")
    ui.screenshot("0160-alerts")
    ui.find("#tab-devices").click()
    ui.find("#dock-messages").click()


@scenario(170)
def panel_helpers_read_kismet_records(ui):
    """The panels' pure parts on made-up records: a source's state and
    channel text, message and alert severities, channel bars in frequency
    order, a rate RRD's zeros, and the event feed's order, duplicates and bound."""
    result = ui.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const load = (p) => import(new URL(p, document.baseURI).href);
        Promise.all(["js/panels/source-row.js", "js/panels/messages.js", "js/panels/alerts.js",
                     "js/panels/graphs.js", "js/panels/event-feed.js", "js/chart.js"].map(load))
        .then(([rows, messages, alerts, graphs, feed, chart]) => {
            const src = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`kismet.datasource.${k}`, v]));
            const states = [
                src({ running: 1, paused: 0, error: 0 }), src({ running: 1, paused: 1 }),
                src({ running: 0, error: 1, retry: 1, retry_attempts: 3, error_reason: "no such device" }),
                src({ running: 0 }),
            ].map((s) => rows.sourceState(s).text);
            const channels = [
                rows.channelText(src({ hopping: 1, hop_rate: 5, hop_channels: ["1", "6", "11"] })),
                rows.channelText(src({ hopping: 0, channel: "6" })),
                rows.channelText(src({ hopping: 0, channel: "" })),
            ];
            const levels = [2, 4, 8, 16, 1, 6].map(messages.messageLevel);
            const severities = [0, 5, 10, 15, 20].map(alerts.severityName);
            const bars = graphs.channelBars({ "kismet.channeltracker.frequency_map": {
                "5180000": { "kismet.channelrec.channel": "36", "kismet.channelrec.frequency": 5180000,
                             "airsight.channelrec.packets": 7, "airsight.channelrec.devices": 2 },
                "2412000": { "kismet.channelrec.channel": "1", "kismet.channelrec.frequency": 2412000,
                             "airsight.channelrec.packets": 9, "airsight.channelrec.devices": 4 } } }, "devices");
            // Seconds 996..1000 of a minute ring: 996 blank (before the first sample), 997 = 5, 998 blank (idle), 999 = 3, 1000 = 4.
            const minute = new Array(60).fill(0);
            minute[1000 % 60] = 4; minute[999 % 60] = 3; minute[997 % 60] = 5;
            const rate = graphs.ratePoints(chart, { "kismet.common.rrd.last_time": 1000, "kismet.common.rrd.blank_val": 0,
                                                    "kismet.common.rrd.minute_vec": minute }, "minute");
            const f = new feed.EventFeed({ key: (e) => e.k, time: (e) => e.t, render: (e) => e.k,
                                           severity: () => "info", limit: 3 });
            const added = [{ k: "b", t: 20 }, { k: "a", t: 10 }, { k: "d", t: 40 }, { k: "b", t: 20 }, { k: "c", t: 30 }, { k: "e", t: 5 }]
                .map((e) => f.add(e));
            done({ states, channels, levels, severities, bars, rate, added,
                   order: [...f.list.children].map((li) => li.textContent), size: f.size });
        }).catch((e) => done({ error: String(e) }));""")
    if "error" in result:
        raise ScenarioFailure(result["error"])
    expected = {
        "states": ["running", "paused", "error, retrying (3 failed attempts): no such device", "closed"],
        "channels": ["hopping 5/s over 3 channels", "6", "—"],
        "levels": ["info", "error", "alert", "fatal", "debug", "error"],
        "severities": ["info", "low", "medium", "high", "critical"],
        "bars": [{"label": "1", "value": 4}, {"label": "36", "value": 2}],
        "rate": [{"x": 997, "y": 5}, {"x": 998, "y": 0}, {"x": 999, "y": 3}, {"x": 1000, "y": 4}],
        # b, a, d new; b again refused; c new (a, the oldest, goes); e older than all kept: added, then dropped.
        "added": [True, True, True, False, True, True],
        "order": ["d", "c", "b"],
        "size": 3,
    }
    for key, value in expected.items():
        if result[key] != value:
            raise ScenarioFailure(f"{key}: {result[key]!r}, expected {value!r}")


@scenario(175)
def poller_joins_loads_and_pauses_while_the_tab_is_hidden(ui):
    """js/poller.js, which the Sources and Graphs tabs and the status line
    poll through: a refresh during a load joins it; nothing runs before
    start() or after stop(); a hidden tab pauses the loop and showing it
    loads at once. (document.hidden is overridden for the page meanwhile.)"""
    result = ui.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
        const settled = async (poller) => { // no load under way and none scheduled
            for (let i = 0; i < 100 && (poller.running || poller.timer); i++) await sleep(20);
        };
        import(new URL("js/poller.js", document.baseURI).href).then(async ({ Poller }) => {
            let loads = 0;
            const poller = new Poller(async () => { loads += 1; await sleep(50); }, 100);
            const out = {};
            await Promise.all([poller.refresh(), poller.refresh()]);
            out.joined = loads;
            await sleep(300);
            out.before_start = loads - out.joined;
            poller.start();
            await sleep(500);
            out.started = loads - out.joined;
            Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
            document.dispatchEvent(new Event("visibilitychange"));
            await settled(poller);
            let mark = loads;
            await sleep(400);
            out.hidden = loads - mark;
            delete document.hidden;
            document.dispatchEvent(new Event("visibilitychange"));
            await sleep(30);
            out.shown_again = loads - mark;
            poller.stop();
            await settled(poller);
            mark = loads;
            await sleep(400);
            out.stopped = loads - mark;
            done(out);
        }).catch((e) => { delete document.hidden; done({ error: String(e) }); });""")
    if "error" in result:
        raise ScenarioFailure(result["error"])
    checks = {
        "joined": result["joined"] == 1,           # two refreshes, one load
        "before_start": result["before_start"] == 0,
        "started": result["started"] >= 2,         # every 100 ms (fewer on a busy machine)
        "hidden": result["hidden"] == 0,
        "shown_again": result["shown_again"] >= 1,
        "stopped": result["stopped"] == 0,
    }
    failed = [key for key, ok in checks.items() if not ok]
    if failed:
        raise ScenarioFailure(f"the poller: {failed} wrong in {result}")
