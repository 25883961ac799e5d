"""The airsight server of the build under test, started inside the VM with a
generated config (its own login, the given sources), and its REST API."""
import base64
import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

from .checks import CheckFailed, expect, wait_until
from .daemon import Daemon

USER, PASSWORD = "vmtest", "vmtest-pw"
PLUGINS = ("phys/dot11", "datasources/linuxwifi")  # all a live Wi-Fi capture needs


def copy_build(build_root, plugins=PLUGINS, dest="/tmp/airsight-build"):
    """Copies the server and the plugins it needs into the VM's memory and
    returns (binary, plugin folder). Run from the host's files, each page of
    the sanitizer build would be a round trip to the host when first touched
    (the VM mounts them uncached): a minute to start; read in large pieces
    and run from memory, seconds."""
    binary = os.path.join(dest, "airsight")
    if not os.path.exists(binary):
        os.makedirs(dest)
        shutil.copyfile(os.path.join(build_root, "core", "airsight"), binary)
        os.chmod(binary, 0o755)
        for plugin in plugins:
            source, target = os.path.join(build_root, plugin), os.path.join(dest, "plugins", os.path.basename(plugin))
            os.makedirs(target)
            for name in os.listdir(source):
                if name == "manifest.conf" or name.endswith(".so"):
                    shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
    return binary, os.path.join(dest, "plugins")


class Airsight(Daemon):
    def __init__(self, build_root, workdir, sources, config=(), env=None, start_timeout=120, plugins=PLUGINS):
        self.home = os.path.join("/tmp", "airsight-home")
        conf = os.path.join(workdir, "airsight.conf")
        binary, plugins = copy_build(build_root, plugins)
        lines = ["httpd_port=0", f"httpd_username={USER}", f"httpd_password={PASSWORD}", f"plugin_dir={plugins}"]
        lines += [f"source={s}" for s in sources] + list(config)
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        super().__init__("airsight", [binary, "-f", conf, "--homedir", self.home], workdir, env=env)
        self.wait_for_line("airsight: listening on http://", start_timeout)
        m = re.search(r"airsight: listening on (http://[^/\s]+)/", self.output())
        self.base = m.group(1)
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        self._auth = {"Authorization": f"Basic {token}"}

    # --- REST -------------------------------------------------------------------

    def request(self, path, body=None, timeout=30):
        """(status, bytes) of a GET, or of a POST when `body` (a dict) is given:
        sent as a json= form, as Kismet's clients send commands."""
        data = None
        headers = dict(self._auth)
        if body is not None:
            data = urllib.parse.urlencode({"json": json.dumps(body)}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def get(self, path):
        status, body = self.request(path)
        expect(status == 200, f"GET {path}: HTTP {status}: {body[:300]!r}")
        return json.loads(body)

    def command(self, path, body):
        status, reply = self.request(path, body)
        expect(status == 200, f"POST {path} {body}: HTTP {status}: {reply[:300]!r}")
        return json.loads(reply)

    # --- sources ----------------------------------------------------------------

    def sources(self):
        return self.get("/datasource/all_sources.json")

    def source(self, interface):
        """The record of the source whose kismet.datasource.interface is `interface`."""
        for s in self.sources():
            if s["kismet.datasource.interface"] == interface:
                return s
        raise CheckFailed(f"no source on {interface} in /datasource/all_sources: "
                          f"{[s['kismet.datasource.interface'] for s in self.sources()]}")

    def wait_running(self, interface, timeout=60):
        def running():
            s = self.source(interface)
            expect(not s["kismet.datasource.error"],
                   f"source {interface} failed: {s['kismet.datasource.error_reason']}")
            return s if s["kismet.datasource.running"] and s["kismet.datasource.num_packets"] > 0 else None
        return wait_until(f"source {interface} running with packets", running, timeout)

    # --- devices ----------------------------------------------------------------

    def device(self, mac, phy="IEEE802.11"):
        """The device record of `mac` in PHY `phy` (Wi-Fi by default; None: any), or None while it is unknown."""
        for d in self.get(f"/devices/by-mac/{mac.upper()}/devices.json"):
            if phy is None or d.get("kismet.device.base.phyname") == phy:
                return d
        return None

    def alive_and_serving(self):
        status, _ = self.request("/system/status.json", timeout=10)
        return self.alive() and status == 200


def seen_by(device, source):
    """Packets `source` (a source record) saw from `device` (a device record)."""
    number = source["kismet.datasource.source_number"]
    for s in device.get("kismet.device.base.seenby", []):
        if s["airsight.common.seenby.source_number"] == number:
            return s["kismet.common.seenby.num_packets"]
    return 0
