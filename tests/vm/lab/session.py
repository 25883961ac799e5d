"""One scenario's run inside the VM: the build under test, the run folder
(shared with the host), the regulatory domain, and every process started,
stopped at the end and shown when a check fails."""
import json
import os

from .airsight import PLUGINS, Airsight
from .bluetooth import VirtualControllers
from .checks import log
from .radios import set_country
from .stations import COUNTRY, AccessPoint, Client


class Lab:
    def __init__(self, build_root, workdir, radios):
        self.build_root, self.workdir, self.radios = build_root, workdir, radios
        self.daemons = []
        # The VM's init passes no environment: the host wrote the sanitizer
        # settings of its meson test run here (see run_vm_test.py).
        self.env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/tmp"}
        with open(os.path.join(workdir, "env.json")) as f:
            self.env.update(json.load(f))
        set_country(COUNTRY, radios)
        log(f"regulatory domain {COUNTRY} set")

    def access_points(self, *specs):
        """Starts hostapd for each (radio, ssid, channel, security) at once, then
        waits until every one is enabled (they start in parallel)."""
        aps = [self._keep(AccessPoint(self.workdir, *spec)) for spec in specs]
        for ap in aps:
            ap.wait_enabled()
            log(f"AP {ap.ssid} ({ap.security}) on wlan{ap.radio}, channel {ap.channel}, BSSID {ap.bssid}")
        return aps

    def access_point(self, radio, ssid, channel, security="open"):
        return self.access_points((radio, ssid, channel, security))[0]

    def client(self, radio, ap):
        return self._keep(Client(self.workdir, radio, ap))

    def bluetooth_controllers(self, count):
        """btvirt's `count` virtual LE controllers, hci0.. (the scenario loads lab.bluetooth.MODULES)."""
        started = sum(isinstance(d, VirtualControllers) for d in self.daemons)
        name = "btvirt" if started == 0 else f"btvirt-{started + 1}"  # a log of its own each time
        controllers = self._keep(VirtualControllers(self.workdir, count, name))
        log(f"btvirt made {count} Bluetooth controllers")
        return controllers

    def airsight(self, sources, config=(), plugins=PLUGINS):
        server = self._keep(Airsight(self.build_root, self.workdir, sources, config, env=self.env, plugins=plugins))
        log(f"airsight listening at {server.base} with sources {sources}")
        return server

    def _keep(self, daemon):
        self.daemons.append(daemon)
        return daemon

    def show_logs(self):
        for d in self.daemons:
            print(f"--- last lines of {d.name} ({d.log_path}):")
            print(d.tail())
