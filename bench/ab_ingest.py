#!/usr/bin/env python3
"""A/B ingest benchmark: how much longer one server build takes than another
to take in the same captures.

Runs the two `airsight` executables alternately (so drifting machine load
hits both alike), each replaying CAPTURE... with realtime=false, and times
each run from start until every source logged "finished after"; CPU time is
the server's user+system time from /proc. Prints medians, minimums and the
cost of NEW relative to BASE. Nothing is asserted: figures on a shared
machine vary, which is why the runs alternate and the median is the figure.

usage: ab_ingest.py [--runs N] [--base-config LINE]... [--new-config LINE]...
                    BASE_AIRSIGHT NEW_AIRSIGHT CAPTURE [CAPTURE...]
e.g.   bench/ab_ingest.py --runs 8 /work/wt/base/build-release/core/airsight \\
           build-release/core/airsight /tmp/bench-100k.pcap
(write a capture with `tracker-bench --write-capture FILE` or `sim-capture`).

The same build twice with different config lines measures what a setting
costs, e.g. logging (each run's output folder is fresh):
       bench/ab_ingest.py --base-config enable_logging=false \\
           --new-config log_types=kismet B/core/airsight B/core/airsight /tmp/bench-100k.pcap
The stop time (SIGTERM to exit: closing logs, say) is printed too.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CONFIG = "httpd_port=0\nhttpd_username=bench\nhttpd_password=bench\n"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def one_run(binary, config_lines, captures, workdir, timeout):
    home = os.path.join(workdir, "home")
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    conf = os.path.join(workdir, "bench.conf")
    with open(conf, "w") as f:
        f.write(CONFIG + "".join(line + "\n" for line in config_lines))
    log_path = os.path.join(workdir, "server.log")
    args = [binary, "-f", conf, "--homedir", home]
    for c in captures:
        args += ["-c", f"{c}:realtime=false"]
    with open(log_path, "w") as log:
        start = time.monotonic()
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        try:
            while True:
                with open(log_path) as f:
                    text = f.read()
                if text.count("finished after") >= len(captures):
                    break
                if proc.poll() is not None:
                    raise RuntimeError(f"{binary} exited with {proc.returncode}:\n{text[-2000:]}")
                if time.monotonic() - start > timeout:
                    raise RuntimeError(f"{binary} did not finish in {timeout} s:\n{text[-2000:]}")
                time.sleep(0.01)
            wall = time.monotonic() - start
            cpu = cpu_seconds(proc.pid)
        finally:
            stop_start = time.monotonic()
            proc.terminate()
            proc.wait()
            stop = time.monotonic() - stop_start
    return wall, cpu, stop


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=6, help="runs of each build (default 6)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a run may take (default 600)")
    parser.add_argument("--base-config", action="append", default=[], metavar="LINE",
                        help="a config line for BASE's runs (repeatable)")
    parser.add_argument("--new-config", action="append", default=[], metavar="LINE",
                        help="a config line for NEW's runs (repeatable)")
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("captures", nargs="+")
    a = parser.parse_args()
    for path in [a.base, a.new] + a.captures:
        if not os.path.exists(path):
            sys.exit(f"ab_ingest: {path}: no such file")

    results = {"base": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="ab-ingest-") as workdir:
        base = ("base", a.base, a.base_config)
        new = ("new", a.new, a.new_config)
        for i in range(a.runs):
            # Alternate which build goes first, so neither always follows the other.
            order = [base, new] if i % 2 == 0 else [new, base]
            for name, binary, config_lines in order:
                wall, cpu, stop = one_run(binary, config_lines, a.captures, workdir, a.timeout)
                results[name].append((wall, cpu))
                print(f"run {i + 1} {name}: wall {wall:.3f} s, cpu {cpu:.2f} s, stop {stop:.3f} s", flush=True)

    def summary(name):
        walls = [w for w, _ in results[name]]
        cpus = [c for _, c in results[name]]
        return statistics.median(walls), min(walls), statistics.median(cpus), min(cpus)

    b, n = summary("base"), summary("new")
    print(f"base: wall median {b[0]:.3f} s (min {b[1]:.3f}), cpu median {b[2]:.2f} s (min {b[3]:.2f})")
    print(f"new:  wall median {n[0]:.3f} s (min {n[1]:.3f}), cpu median {n[2]:.2f} s (min {n[3]:.2f})")
    print(f"new/base: wall {n[0] / b[0]:.3f}x (min {n[1] / b[1]:.3f}x), cpu {n[2] / b[2]:.3f}x (min {n[3] / b[3]:.3f}x)")
    print(f"cost of new: {100 * (n[0] / b[0] - 1):+.1f}% wall (median), {100 * (n[1] / b[1] - 1):+.1f}% (min)")


if __name__ == "__main__":
    main()
