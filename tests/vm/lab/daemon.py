"""A background process whose output goes to a log file in the run folder,
read back to wait for a line or to show on failure."""
import os
import signal
import subprocess

from .checks import CheckFailed, wait_until


class Daemon:
    def __init__(self, name, argv, workdir, env=None):
        self.name = name
        self.log_path = os.path.join(workdir, f"{name}.log")
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                        stdin=subprocess.DEVNULL)

    def output(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def alive(self):
        return self.process.poll() is None

    def wait_for_line(self, text, timeout):
        def seen():
            if text in self.output():
                return True
            if not self.alive():
                raise CheckFailed(f"{self.name} exited ({self.process.returncode}) before '{text}':\n{self.tail()}")
            return False
        try:
            wait_until(f"{self.name} to print '{text}'", seen, timeout)
        except CheckFailed as e:
            raise CheckFailed(f"{e}\n{self.tail()}") from None

    def tail(self, lines=40):
        return "\n".join(f"  {self.name}: {l}" for l in self.output().splitlines()[-lines:])

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Signals the process and returns its exit status (None if it had to be killed)."""
        if self.alive():
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self._log.close()
                return None
        self._log.close()
        return self.process.returncode
