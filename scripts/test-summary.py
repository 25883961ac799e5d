#!/usr/bin/env python3
"""Reads meson's testlog.json and prints which tests were skipped and why,
then the closing counts in meson's own format, so the last lines of a test
run still say how many tests ran (CI reads them).

A skipped test is one that exited 77; its reason is what it printed on lines
starting with "SKIP" (tests/unit/doctest_main.cc prints them)."""
import json
import sys


def main(path):
    results = []
    with open(path, encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if line:
                results.append(json.loads(line))

    skipped = [r for r in results if r.get("result") == "SKIP"]
    print()
    print(f"Skipped tests: {len(skipped)}")
    for r in skipped:
        out = (r.get("stdout") or "") + (r.get("stderr") or "")
        reasons = [l.strip() for l in out.splitlines() if l.startswith("SKIP")]
        print(f"  {r['name']}: {'; '.join(reasons) if reasons else 'no reason printed'}")

    counts = {}
    for r in results:
        counts[r.get("result")] = counts.get(r.get("result"), 0) + 1
    print()
    for label, key in (("Ok", "OK"), ("Expected Fail", "EXPECTEDFAIL"), ("Fail", "FAIL"),
                       ("Unexpected Pass", "UNEXPECTEDPASS"), ("Skipped", "SKIP"), ("Timeout", "TIMEOUT")):
        print(f"{label + ':':<19} {counts.get(key, 0)}")
    if counts.get("ERROR"):
        print(f"{'Error:':<19} {counts['ERROR']}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: test-summary.py BUILDDIR/meson-logs/testlog.json")
    main(sys.argv[1])
