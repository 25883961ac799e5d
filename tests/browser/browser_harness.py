"""What the browser scenarios share: the server under test, headless
Chromium driven by chromedriver (Debian's chromium, chromium-driver and
python3-selenium), the scenario registry and the console-error check.

A scenario is a function taking a Ui, registered with @scenario(order); the
runner (run_browser_tests.py) runs every scenario of every scenarios_*.py
module in this folder, in order, in ONE browser session: the login scenarios
come first (order < 100), the logout last (order >= 900), panels in between.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

USER, PASSWORD = "uitest", "uitest-pw"

SCENARIOS = []


def scenario(order):
    """Registers the decorated function as a scenario; lower orders run first."""
    def register(fn):
        SCENARIOS.append((order, fn.__module__, fn.__name__, fn))
        return fn
    return register


class Server:
    """The built server with one sim source, a known login and its own home
    folder (plugins put in <home>/plugins load too); stopped by close()."""

    def __init__(self, folder, extra_config=()):
        self.home = os.path.join(folder, "home")
        os.makedirs(os.path.join(self.home, "plugins"), exist_ok=True)
        conf = os.path.join(folder, "airsight.conf")
        with open(conf, "w") as f:
            f.write("\n".join(["httpd_port=0", f"httpd_username={USER}", f"httpd_password={PASSWORD}",
                               "server_name=browser-test",
                               "source=sim:name=sim,seed=7,aps=6,clients=12,ble_advertisers=3"] + list(extra_config)) + "\n")
        self.conf = conf
        self.log_path = os.path.join(folder, "server.log")
        self.process = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen([os.environ["AIRSIGHT_BIN"], "-f", self.conf, "--homedir", self.home],
                                        stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.base = None
        deadline = time.time() + 60
        while time.time() < deadline and self.process.poll() is None:
            m = re.search(r"airsight: listening on (http://[^/\s]+)/", self.output())
            if m:
                self.base = m.group(1)
                break
            time.sleep(0.1)
        if self.base is None:
            self.close()
            raise RuntimeError("the server did not start listening:\n" + self.output())
        self.auth = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def request(self, path, form=None):
        """GET (or POST a form) with the login; returns (status, body bytes)."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, headers={"Authorization": self.auth})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def json(self, path, command=None):
        status, body = self.request(path, None if command is None else {"json": json.dumps(command)})
        if status != 200:
            raise AssertionError(f"{path}: HTTP {status}: {body[:300]!r}")
        return json.loads(body)

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class ScenarioFailure(AssertionError):
    pass


class Ui:
    """The browser as scenarios see it: the driver, the server, waits that
    say what they waited for, screenshots, and console errors to allow."""

    def __init__(self, driver, server, screenshot_dir):
        from selenium.webdriver.common.by import By
        self.By = By
        self.driver = driver
        self.server = server
        self.screenshot_dir = screenshot_dir
        self.allowed = []       # regexes of console errors this scenario expects
        self.console = []       # every console entry seen, for the failure report

    # --- page access -------------------------------------------------------

    def open(self, path=""):
        self.driver.get(self.server.base + "/" + path)

    def find(self, css):
        return self.driver.find_element(self.By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(self.By.CSS_SELECTOR, css)

    def wait(self, what, predicate, timeout=20):
        """Waits until predicate() is truthy; fails with `what` and the last exception."""
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                value = predicate()
                if value:
                    return value
            except Exception as e:  # the element may not exist yet
                last = e
            time.sleep(0.2)
        raise ScenarioFailure(f"timed out after {timeout}s waiting for {what}" + (f" (last error: {last})" if last else ""))

    def wait_visible(self, css, timeout=20):
        return self.wait(f"{css} to be visible", lambda: (lambda e: e if e.is_displayed() else None)(self.find(css)), timeout)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def screenshot(self, name):
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, f"{name}.png")
        self.driver.save_screenshot(path)
        return path

    # --- console errors ----------------------------------------------------

    def allow_console_error(self, pattern):
        """Lets this scenario log a SEVERE entry matching `pattern` (e.g. the 401 of a wrong password)."""
        self.allowed.append(re.compile(pattern))

    def console_errors(self, always_allowed):
        """The SEVERE entries since the last call that no allowance covers."""
        errors = []
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)
            if entry.get("level") != "SEVERE":
                continue
            message = entry.get("message", "")
            if any(p.search(message) for p in self.allowed + always_allowed):
                continue
            errors.append(message)
        self.allowed = []
        return errors


def find_browser():
    """(chromium, chromedriver) paths, or a reason they are missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        return None, None, "chromium and chromium-driver are not installed (scripts/install-deps.sh --test)"
    return chromium, driver, None


def start_browser(chromium, chromedriver):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,900", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)
