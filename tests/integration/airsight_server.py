"""The built server for Python tests (the browser scenarios, the disconnect
alerts): started from a config of its own in a folder of its own, with a
known login, on a free port it reports; stopped by close().

Runs AIRSIGHT_BIN (set by meson)."""
import base64
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request


class AirsightServer:
    def __init__(self, folder, user, password, config_lines):
        """Writes <folder>/airsight.conf: an ephemeral port, the login, then `config_lines`."""
        self.home = os.path.join(folder, "home")
        os.makedirs(os.path.join(self.home, "plugins"), exist_ok=True)  # plugins put there load too
        self.conf = os.path.join(folder, "airsight.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join(["httpd_port=0", f"httpd_username={user}", f"httpd_password={password}"]
                              + list(config_lines)) + "\n")
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.log_path = os.path.join(folder, "server.log")
        self.log = None
        self.process = None
        self.base = None

    def start(self):
        """Starts it and waits (up to a minute) until it says where it listens."""
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen([os.environ["AIRSIGHT_BIN"], "-f", self.conf, "--homedir", self.home],
                                        stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and self.process.poll() is None:
            m = re.search(r"airsight: listening on (http://[^/\s]+)/", self.output())
            if m:
                self.base = m.group(1)
                return self
            time.sleep(0.1)
        self.close()
        raise RuntimeError("the server did not start listening:\n" + self.output())

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
        """The JSON a GET (or a Kismet `json=` command) answers; AssertionError unless 200."""
        status, body = self.request(path, None if command is None else {"json": json.dumps(command)})
        if status != 200:
            raise AssertionError(f"{path}: HTTP {status}: {body[:300]!r}")
        return json.loads(body)

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
            self.log = None
