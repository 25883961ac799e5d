"""The app shell's scenarios: login (a wrong password, then the right one),
the device list (sim devices, live growth, sorting, searching, columns), the
device detail, the webdemo plugin's tab, column and section, a plugin that
throws, an expired session and the logout. Orders leave room between them for
other modules' scenarios (panels: 100-899)."""
import json
import os
import re
import time

from browser_harness import PASSWORD, USER, ScenarioFailure, scenario

# Every 401 the browser sees is logged as a failed resource load (SEVERE):
# the scenarios that provoke one say so.
UNAUTHORIZED = r"status of 401"
NOT_FOUND_LOGOUT = r"session/logout\.cmd.*status of 404"


def prepare_server(server):
    """A web-only plugin whose module throws, in the server's home plugin folder:
    the UI must report it and go on."""
    folder = os.path.join(server.home, "plugins", "brokendemo")
    os.makedirs(os.path.join(folder, "httpd", "js"), exist_ok=True)
    with open(os.path.join(folder, "manifest.conf"), "w") as f:
        f.write("name=brokendemo\ndescription=a web plugin that fails on purpose\nauthor=tests\nversion=1.0\n"
                "js=brokendemo,/plugin/brokendemo/js/broken.js\n")
    with open(os.path.join(folder, "httpd", "js", "broken.js"), "w") as f:
        f.write("""
export function register(api) {
    api.addTab({ id: "broken", title: "Broken", create() { throw new Error("deliberate create failure"); } });
    api.addDeviceColumn({ id: "broken-col", title: "Broken column", fields: ["kismet.device.base.macaddr"],
                          render() { throw new Error("deliberate render failure"); } });
    api.addDeviceColumn({ id: "unknown-field-col", title: "Unknown field", fields: ["brokendemo.no.such.field"],
                          render: (row) => "never", visible: false });
    throw new Error("deliberate register failure");
}
""")


def rows(ui):
    return ui.find_all("#device-rows tr[data-key]")


def column_texts(ui, column):
    return ui.texts(f'#device-rows td[data-column="{column}"]')


def total(ui):
    return int(ui.find("#device-count").get_attribute("data-total") or 0)


def type_search(ui, text):
    box = ui.find("#device-search")
    box.clear()
    if text:
        box.send_keys(text)
    else:
        # clear() fires no input event: tell the table the box is empty.
        ui.js("arguments[0].dispatchEvent(new Event('input'))", box)


def login(ui, password):
    ui.find("#login-user").clear()
    ui.find("#login-user").send_keys(USER)
    ui.find("#login-password").clear()
    ui.find("#login-password").send_keys(password)
    ui.find("#login-submit").click()


@scenario(10)
def login_refuses_a_wrong_password(ui):
    ui.allow_console_error(UNAUTHORIZED)  # check_session without a cookie, then with the wrong password
    ui.open()
    ui.wait_visible("#login-form")
    login(ui, "not-the-password")
    error = ui.wait_visible("#login-error")
    ui.wait("the wrong-password message", lambda: "Wrong user name or password" in error.text)
    if ui.find("#app-view").is_displayed():
        raise ScenarioFailure("the app is shown after a wrong password")


@scenario(20)
def login_opens_the_app(ui):
    login(ui, PASSWORD)
    ui.wait_visible("#app-view")
    ui.wait("every module to register", lambda: ui.js("return document.body.dataset.ready") == "true")
    ui.wait("the server name in the header", lambda: ui.find("#server-name").text == "browser-test")
    if ui.find("#login-view").is_displayed():
        raise ScenarioFailure("the login page is still shown")


@scenario(30)
def device_list_shows_the_sim_devices(ui):
    ui.wait("device rows", lambda: len(rows(ui)) > 5)
    ui.wait("the device count", lambda: re.fullmatch(r"[\d,]+ devices", ui.find("#device-count").text))
    server_count = ui.server.json("/system/status.json")["kismet.system.devices.count"]
    if total(ui) > server_count or total(ui) < len(rows(ui)):
        raise ScenarioFailure(f"the list says {total(ui)} devices, the server {server_count}, rows {len(rows(ui))}")
    ui.wait("a Wi-Fi device", lambda: "IEEE802.11" in column_texts(ui, "phy"))


@scenario(40)
def device_list_grows_without_reload(ui):
    ui.js("window.__noReload = true")
    before = total(ui)
    status, body = ui.server.request("/datasource/add_source.cmd", {
        "json": json.dumps({"definition": "sim:name=sim2,seed=99,aps=4,clients=6,channel=1,channel_hop=false"})})
    if status != 200:
        raise ScenarioFailure(f"add_source: HTTP {status} {body[:200]!r}")
    ui.wait(f"more than {before} devices", lambda: total(ui) > before, timeout=40)
    if not ui.js("return window.__noReload === true"):
        raise ScenarioFailure("the page reloaded")


@scenario(45)
def event_bus_delivers_messages(ui):
    """js/events.js: a MESSAGE subscriber hears the server's messages, over the
    websocket when the server has the event bus, else by polling."""
    ui.js("""
        window.__messages = [];
        Promise.all([import(new URL("js/api.js", document.baseURI).href),
                     import(new URL("js/events.js", document.baseURI).href)]).then(([a, e]) => {
            const bus = new e.EventBus(new a.Api());
            bus.subscribe("MESSAGE", (m) => window.__messages.push(m["kismet.messagebus.message_string"]));
            bus.start();
            window.__testBus = bus;
        });""")
    ui.wait("the test bus", lambda: ui.js("return window.__testBus && window.__testBus.mode") in ("live", "polling"))
    time.sleep(1.5)  # let the first poll set its starting point
    status, body = ui.server.request("/datasource/add_source.cmd", {
        "json": json.dumps({"definition": "sim:name=sim3,seed=5,aps=1,clients=1"})})
    if status != 200:
        raise ScenarioFailure(f"add_source: HTTP {status} {body[:200]!r}")
    ui.wait("the message about sim3", lambda: any("sim3" in m for m in ui.js("return window.__messages")), timeout=20)
    seen = ui.js("return window.__messages")
    if len(seen) != len(set(seen)):
        raise ScenarioFailure(f"a message was delivered twice: {seen}")
    ui.js("window.__testBus.stop()")


@scenario(50)
def device_list_sorts_and_searches(ui):
    header = ui.find('th[data-column="macaddr"] button')
    header.click()
    ui.wait("MACs in ascending order", lambda: ui.find('th[data-column="macaddr"]').get_attribute("aria-sort") == "ascending"
            and (lambda m: len(m) > 3 and m == sorted(m))(column_texts(ui, "macaddr")))
    ui.find('th[data-column="macaddr"] button').click()
    ui.wait("MACs in descending order", lambda: ui.find('th[data-column="macaddr"]').get_attribute("aria-sort") == "descending"
            and (lambda m: len(m) > 3 and m == sorted(m, reverse=True))(column_texts(ui, "macaddr")))
    wanted = column_texts(ui, "macaddr")[2]
    type_search(ui, wanted.lower())
    ui.wait(f"one row for {wanted}", lambda: column_texts(ui, "macaddr") == [wanted])
    ui.wait("the match count", lambda: ui.find("#device-count").text.startswith("1 of "))
    ui.screenshot("0050-device-list-searched")
    type_search(ui, "")
    ui.wait("every row back", lambda: len(rows(ui)) > 5)


@scenario(60)
def device_list_columns_are_chosen_and_remembered(ui):
    ui.find("#column-chooser summary").click()
    ui.find('#column-chooser input[data-column="manuf"]').click()
    ui.wait("the Manufacturer column to go", lambda: not ui.find_all('th[data-column="manuf"]'))
    ui.driver.refresh()
    ui.wait("every module to register", lambda: ui.js("return document.body.dataset.ready") == "true")
    ui.wait("device rows", lambda: len(rows(ui)) > 5)
    if ui.find_all('th[data-column="manuf"]'):
        raise ScenarioFailure("the hidden column is back after a reload")
    ui.find("#column-chooser summary").click()
    ui.find('#column-chooser input[data-column="manuf"]').click()
    ui.wait("the Manufacturer column back", lambda: ui.find_all('td[data-column="manuf"]'))
    ui.find("#device-count").click()  # a click elsewhere closes the chooser
    ui.wait("the chooser to close", lambda: ui.find("#column-chooser").get_attribute("open") is None)


def access_point_with_handshake(ui):
    aps = ui.server.json("/devices/views/phydot11_accesspoints/devices.json", {"fields": [
        "kismet.device.base.key", "kismet.device.base.macaddr",
        ["dot11.device/dot11.device.wpa_handshake_list", "handshakes"],
        ["dot11.device/dot11.device.num_associated_clients", "clients"]]})
    for ap in aps:
        if ap.get("handshakes") and ap.get("clients"):
            return ap
    raise ScenarioFailure("the sim world has no access point with a client and a handshake yet")


@scenario(70)
def device_detail_shows_an_access_point(ui):
    ap = ui.wait("an access point with a handshake", lambda: access_point_with_handshake(ui), timeout=30)
    type_search(ui, ap["kismet.device.base.macaddr"])
    ui.wait("the access point's row", lambda: column_texts(ui, "macaddr") == [ap["kismet.device.base.macaddr"]])
    rows(ui)[0].click()
    ui.wait_visible("#device-detail")
    ui.wait("the summary", lambda: ap["kismet.device.base.macaddr"] in ui.find('[data-section="summary"]').text)
    wifi = ui.find('[data-section="wifi"]')
    for text in ("Advertised SSIDs", "Clients", "WPA handshakes"):
        if text not in wifi.text:
            raise ScenarioFailure(f"the Wi-Fi section lacks '{text}': {wifi.text[:300]}")
    if not ui.find_all('[data-section="record"] details.tree-node'):
        raise ScenarioFailure("no record tree")
    if "webdemo plugin sees" not in ui.find('[data-section="webdemo"]').text:
        raise ScenarioFailure("the webdemo plugin's detail section is missing")
    record = ui.server.json(f"/devices/by-key/{ap['kismet.device.base.key']}/device.json")
    if "kismet.common.signal.signal_rrd" in record.get("kismet.device.base.signal", {}):
        ui.wait("the signal chart", lambda: ui.find_all('[data-section="signal"] svg.chart'))
    # The handshake link works with the browser's own session.
    href = ui.find("#handshake-download").get_attribute("href")
    result = ui.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async (r) => done([r.status, [...new Uint8Array(await r.arrayBuffer()).slice(0, 4)]]))
                           .catch((e) => done([0, String(e)]));""", href)
    if result[0] != 200 or bytes(result[1]) not in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4"):
        raise ScenarioFailure(f"the handshake pcap at {href}: {result}")
    ui.screenshot("0070-device-detail")
    # A client link opens that client's detail.
    client = ui.find('[data-section="wifi"] .client-list a')
    mac = client.text
    client.click()
    ui.wait(f"the client {mac}'s detail", lambda: mac in ui.find('[data-section="summary"]').text)
    # ... and the client's detail links back to the access point it joined.
    ui.wait("the client's access point", lambda: ap["kismet.device.base.macaddr"] in ui.find('[data-section="wifi"] .ap-list').text)
    ui.find("#device-detail-close").click()
    ui.wait("the detail to close", lambda: not ui.find("#device-detail").is_displayed())
    # The keyboard: Enter on a focused row opens it, Escape closes the detail.
    from selenium.webdriver.common.keys import Keys
    rows(ui)[0].send_keys(Keys.ENTER)
    ui.wait_visible("#device-detail")
    ui.wait("the row's detail", lambda: ap["kismet.device.base.macaddr"] in ui.find('[data-section="summary"]').text)
    ui.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    ui.wait("Escape to close the detail", lambda: not ui.find("#device-detail").is_displayed())
    type_search(ui, "")
    ui.wait("every row back", lambda: len(rows(ui)) > 5)


@scenario(80)
def webdemo_plugin_adds_a_tab_and_a_column(ui):
    ui.wait("the webdemo column", lambda: ui.find('th[data-column="webdemo-oui"]').text.startswith("Vendor prefix"))
    prefixes = column_texts(ui, "webdemo-oui")
    if not prefixes or any(not re.fullmatch(r"[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}", p) for p in prefixes):
        raise ScenarioFailure(f"vendor prefixes: {prefixes[:5]}")
    ui.find("#tab-webdemo").click()
    ui.wait("the plugin summary", lambda: "plugins loaded" in ui.find("#webdemo-summary").text
            and "webdemo" in ui.find("#webdemo-summary").text)
    if len(ui.find_all("#webdemo-plugins tbody tr")) < 3:
        raise ScenarioFailure("the webdemo tab lists fewer than 3 plugins")
    ui.screenshot("0080-webdemo-tab")
    ui.find("#tab-devices").click()
    ui.wait_visible("#device-table")
    # Its dock panel: the dock appears with it and lists the PHYs.
    ui.wait_visible("#dock")
    ui.find("#dock-webdemo-phys").click()
    ui.wait("the PHY counts", lambda: "IEEE802.11:" in ui.find("#webdemo-phys").text)


@scenario(82)
def dock_folds_and_resizes(ui):
    from selenium.webdriver.common.action_chains import ActionChains
    dock, handle = ui.find("#dock"), ui.find("#dock-handle")
    before = dock.size["height"]
    ActionChains(ui.driver).drag_and_drop_by_offset(handle, 0, -120).perform()
    ui.wait("the dock to grow by the drag", lambda: abs(ui.find("#dock").size["height"] - (before + 120)) <= 8)
    ActionChains(ui.driver).double_click(handle).perform()
    ui.wait("the dock to fold", lambda: not ui.find("#dock-stack").is_displayed())
    ui.driver.refresh()
    ui.wait("every module to register", lambda: ui.js("return document.body.dataset.ready") == "true")
    if ui.find("#dock-stack").is_displayed():
        raise ScenarioFailure("the dock unfolded after a reload")
    ActionChains(ui.driver).double_click(ui.find("#dock-handle")).perform()
    ui.wait("the dock to unfold at its dragged height",
            lambda: ui.find("#dock-stack").is_displayed() and abs(ui.find("#dock").size["height"] - (before + 120)) <= 8)
    ActionChains(ui.driver).drag_and_drop_by_offset(ui.find("#dock-handle"), 0, 120).perform()  # as it was


@scenario(85)
def a_failing_plugin_is_contained(ui):
    ui.wait("the plugin's fault as a notice",
            lambda: any("brokendemo" in n.text and "deliberate register failure" in n.text for n in ui.find_all(".notice")))
    ui.wait("the broken column's cells marked", lambda: set(column_texts(ui, "broken-col")) == {"⚠"})
    # A column asking for a field the server does not know: the server refuses
    # the field spec (400), the table drops that column's fields and goes on.
    ui.allow_console_error(r"devices/views/[^ ]*/devices\.json.*status of 400")
    ui.find("#column-chooser summary").click()
    ui.find('#column-chooser input[data-column="unknown-field-col"]').click()
    ui.find("#column-chooser summary").click()
    ui.wait("the unknown field's cells marked", lambda: set(column_texts(ui, "unknown-field-col")) == {"⚠"})
    cell = ui.find('#device-rows td[data-column="unknown-field-col"]')
    if "brokendemo.no.such.field" not in (cell.get_attribute("title") or ""):
        raise ScenarioFailure(f"the unknown field's cell says {cell.get_attribute('title')!r}")
    ui.wait("every other column still filled", lambda: len(rows(ui)) > 5 and all(column_texts(ui, "macaddr")))
    ui.find("#column-chooser summary").click()
    ui.find('#column-chooser input[data-column="unknown-field-col"]').click()  # hidden again, for the reloads to come
    ui.find("#column-chooser summary").click()
    ui.find("#tab-broken").click()
    ui.wait("the tab's error in its panel",
            lambda: "deliberate create failure" in ui.find("#tab-panel-broken .module-error").text)
    ui.find("#tab-devices").click()
    ui.wait("device rows", lambda: len(rows(ui)) > 5)


@scenario(86)
def a_plugin_that_never_finishes_registering_is_reported(ui):
    """A register() that never settles is reported, and the modules after it still load."""
    result = ui.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import(new URL("js/plugin-api.js", document.baseURI).href).then(async (p) => {
            const started = Date.now();
            const ok = await p.registerModule({}, "hangdemo", { register: () => new Promise(() => {}) }, { timeoutMs: 300 });
            done({ ok, ms: Date.now() - started });
        }).catch((e) => done({ error: String(e) }));""")
    if result.get("error") or result["ok"] is not False or result["ms"] > 5000:
        raise ScenarioFailure(f"registerModule with a hanging register: {result}")
    ui.wait("the notice", lambda: any("hangdemo" in n.text and "did not finish" in n.text for n in ui.find_all(".notice")))


@scenario(90)
def chart_reads_kismet_rrds_in_time_order(ui):
    """js/chart.js, which the detail's signal history and the Graphs panel
    draw with (line and bar charts): a minute ring whose newest slot is last_time % 60 comes out
    oldest first, blank slots left out, and the chart breaks the line there."""
    result = ui.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import(new URL("js/chart.js", document.baseURI).href).then((chart) => {
            const minute = new Array(60).fill(0);
            // last_time 1000: slot 1000 % 60 = 40 is the newest second.
            minute[40] = -40; minute[39] = -41; minute[38] = -42; minute[36] = -44; minute[41] = -70;
            const rrd = { "kismet.common.rrd.last_time": 1000, "kismet.common.rrd.blank_val": 0,
                          "kismet.common.rrd.minute_vec": minute };
            const points = chart.rrdPoints(rrd, "minute");
            const svg = chart.lineChart([{ label: "t", points }]);
            const empty = chart.lineChart([{ label: "t", points: [] }]);
            const bars = chart.barChart([{ label: "1", value: 10 }, { label: "6", value: 40 }, { label: "11", value: 0 }]);
            const heights = [...bars.querySelectorAll("rect.chart-bar")].map((r) => Number(r.getAttribute("height")));
            done({ points, path: svg.querySelector("path.chart-line").getAttribute("d"),
                   empty: empty.textContent, heights,
                   barTitles: [...bars.querySelectorAll("rect.chart-bar title")].map((t) => t.textContent) });
        }).catch((e) => done({ error: String(e) }));""")
    if "error" in result:
        raise ScenarioFailure(result["error"])
    expected = [{"x": 941, "y": -70}, {"x": 996, "y": -44}, {"x": 998, "y": -42}, {"x": 999, "y": -41},
                {"x": 1000, "y": -40}]
    if result["points"] != expected:
        raise ScenarioFailure(f"rrdPoints: {result['points']}")
    # Moves (M) start the line again after each gap: at 941, at 996 and at 998.
    if result["path"].count("M") != 3 or result["path"].count("L") != 2:
        raise ScenarioFailure(f"the chart's path joins across gaps: {result['path']}")
    if "no data" not in result["empty"]:
        raise ScenarioFailure("an empty chart does not say so")
    # Bars: heights in proportion to the values, each labelled.
    h = result["heights"]
    if len(h) != 3 or h[2] != 0 or abs(h[1] - 4 * h[0]) > 0.2 or result["barTitles"] != ["1: 10", "6: 40", "11: 0"]:
        raise ScenarioFailure(f"bar chart: heights {h}, titles {result['barTitles']}")


@scenario(940)
def an_expired_session_returns_to_login(ui):
    ui.allow_console_error(UNAUTHORIZED)
    ui.driver.delete_all_cookies()  # as if the server had forgotten the session
    ui.wait_visible("#login-view", timeout=30)
    ui.wait("the expiry message", lambda: "session has ended" in ui.find("#login-message").text)
    login(ui, PASSWORD)
    ui.wait_visible("#app-view")
    ui.wait("device rows", lambda: len(rows(ui)) > 5)


@scenario(950)
def logout_returns_to_login(ui):
    ui.allow_console_error(UNAUTHORIZED)
    ui.allow_console_error(NOT_FOUND_LOGOUT)  # until the server has /session/logout.cmd
    ui.find("#logout").click()
    ui.wait_visible("#login-view")
    ui.wait("the logout message", lambda: "logged out" in ui.find("#login-message").text)
    ui.open()
    ui.wait_visible("#login-view")
    if ui.find("#app-view").is_displayed():
        raise ScenarioFailure("the app is shown after logout and a reload")
