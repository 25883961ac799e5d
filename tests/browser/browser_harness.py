"""What the browser scenarios share: the server under test, headless
Chromium driven by chromedriver (Debian's chromium, chromium-driver and
python3-selenium), the scenario registry and the console-error check.

A scenario is a function taking a Ui, registered with @scenario(order); the
runner (run_browser_tests.py) runs every scenario of every scenarios_*.py
module in this folder, in order, in ONE browser session: the login scenarios
come first (order < 100), the logout last (order >= 900), panels in between.
"""
import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from airsight_server import AirsightServer  # noqa: E402  (tests/integration, shared with the Python tests there)

USER, PASSWORD = "uitest", "uitest-pw"

SCENARIOS = []


def scenario(order):
    """Registers the decorated function as a scenario; lower orders run first."""
    def register(fn):
        SCENARIOS.append((order, fn.__module__, fn.__name__, fn))
        return fn
    return register


class Server(AirsightServer):
    """The built server with one sim source, a known login and its own home
    folder (plugins put in <home>/plugins load too); stopped by close()."""

    def __init__(self, folder, extra_config=()):
        super().__init__(folder, USER, PASSWORD, [
            "server_name=browser-test", "source=sim:name=sim,seed=7,aps=6,clients=12,ble_advertisers=3",
            *extra_config])


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

    def texts(self, css):
        """The rendered text of every element `css` matches, read in one
        script: a live list re-rendered between finding its elements and
        reading them would otherwise raise StaleElementReferenceException."""
        return self.js("return [...document.querySelectorAll(arguments[0])]"
                       ".map((e) => (e instanceof HTMLElement ? e.innerText : e.textContent).trim())", css)

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
