#!/usr/bin/env python3
"""The web UI in a real browser: starts the built server (AIRSIGHT_BIN) with
the sim source and a known login, drives headless Chromium through every
scenario in scenarios_*.py (browser_harness.py says how to add one), fails on
any SEVERE browser console entry a scenario did not expect, and saves a
screenshot per scenario in <build>/meson-logs/screenshots/.

Exits 0 when every scenario passed, 1 with the reasons, 77 (meson's SKIP)
when Chromium, chromedriver or python3-selenium is missing, unless CI=true,
where a missing prerequisite is a failure."""
import glob
import importlib
import os
import re
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM_PYTHON = "/usr/bin/python3"


def missing(reason):
    if os.environ.get("CI") == "true":
        print(f"FAIL: {reason} (CI=true: a missing prerequisite is a failure)")
        sys.exit(1)
    print(f"SKIP: {reason}")
    sys.exit(77)


try:
    import selenium  # noqa: F401
except ImportError:
    # Debian's python3-selenium is installed for the system Python; a PATH
    # python3 from elsewhere (pyenv, a venv) does not see it.
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    missing("python3-selenium is not installed (scripts/install-deps.sh --test)")

sys.path.insert(0, HERE)
import browser_harness as harness  # noqa: E402

# Console errors every scenario may see: until the server has the event bus
# (docs/EVENTBUS.md) the websocket's handshake fails with 404, and the UI polls.
ALWAYS_ALLOWED = [re.compile(r"eventbus/events\.ws.*(404|failed)")]


def main():
    chromium, chromedriver, reason = harness.find_browser()
    if reason:
        missing(reason)
    if "AIRSIGHT_BIN" not in os.environ:
        print("FAIL: AIRSIGHT_BIN is not set (run through meson test)")
        return 1
    build_root = os.environ.get("AIRSIGHT_BUILD_ROOT", os.getcwd())
    screenshots = os.path.join(build_root, "meson-logs", "screenshots")
    only = os.environ.get("BROWSER_SCENARIOS")  # a regex, to run a few while writing them

    for path in sorted(glob.glob(os.path.join(HERE, "scenarios_*.py"))):
        importlib.import_module(os.path.splitext(os.path.basename(path))[0])
    scenarios = sorted(harness.SCENARIOS, key=lambda s: (s[0], s[1], s[2]))
    if only:
        scenarios = [s for s in scenarios if re.search(only, s[2])]

    failures = []
    with tempfile.TemporaryDirectory(prefix="airsight-browser-") as folder:
        server = harness.Server(folder)
        for module in {s[1] for s in scenarios}:
            setup = getattr(sys.modules[module], "prepare_server", None)
            if setup:
                setup(server)
        driver = None
        try:
            try:
                server.start()
                driver = harness.start_browser(chromium, chromedriver)
            except Exception as e:
                print(f"FAIL setup: {e}")
                failures.append("setup")
                scenarios = []
            ui = harness.Ui(driver, server, screenshots)
            for order, module, name, fn in scenarios:
                started = time.time()
                try:
                    fn(ui)
                    errors = ui.console_errors(ALWAYS_ALLOWED)
                    if errors:
                        raise harness.ScenarioFailure("browser console errors:\n  " + "\n  ".join(errors))
                    ui.screenshot(f"{order:04d}-{name}")
                    print(f"ok   {name} ({time.time() - started:.1f}s)")
                except Exception as e:
                    shot = ui.screenshot(f"{order:04d}-{name}-FAILED")
                    detail = str(e) if isinstance(e, harness.ScenarioFailure) else traceback.format_exc()
                    print(f"FAIL {name}: {detail}\n     screenshot: {shot}")
                    failures.append(name)
                    # Later scenarios build on this one's state (logged in, a device open): stop.
                    break
        finally:
            if driver:
                if failures:
                    print("browser console (all levels):")
                    for entry in ui.console[-40:]:
                        print(f"  {entry.get('level')}: {entry.get('message')}")
                driver.quit()
            server.close()
            if failures:
                print("server log (last lines):\n" + "\n".join(server.output().splitlines()[-30:]))
    if failures:
        print(f"{len(failures)} scenario(s) failed: {', '.join(failures)}")
        return 1
    print(f"all {len(scenarios)} scenarios passed; screenshots in {screenshots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
