"""Waiting and checking: a failed check raises CheckFailed with what was
expected and what was seen last, so the test log says why."""
import time


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def wait_until(what, probe, timeout, interval=0.5):
    """Calls probe() until it returns something true and returns that. After
    `timeout` seconds, fails with `what` and the last value (or error) seen."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            result = probe()
            if result:
                return result
            last = result
        except CheckFailed as e:
            last = str(e)
        if time.monotonic() >= deadline:
            raise CheckFailed(f"{what}: not within {timeout} s (last seen: {last!r})")
        time.sleep(interval)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)
