#!/usr/bin/env python3
"""Fails when a merge left its conflict markers in the tree.

A merge that stops on a conflict writes "<<<<<<< ", "=======" and ">>>>>>> "
lines into the files (the first and last are looked for: a line of seven '='
can be Markdown); committed by mistake, they still build when they sit in
prose (README.md, docs/), so a test looks for them. Scans the text files
below SOURCE_ROOT (not .git, build*, subprojects, node_modules).

Usage: check-conflict-markers.py SOURCE_ROOT. Exits 1 naming each file and line.
"""
import os
import sys

SKIP_DIRS = {".git", "subprojects", "node_modules"}
TEXT_SUFFIXES = {".c", ".cc", ".h", ".py", ".md", ".txt", ".build", ".conf", ".js", ".html", ".css",
                 ".json", ".sh", ".tsv", ".options", ".in", ".yml", ".yaml", ".toml"}


def files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("build"))
        for f in sorted(filenames):
            if os.path.splitext(f)[1] in TEXT_SUFFIXES or f == "meson.build":
                yield os.path.join(dirpath, f)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    root = sys.argv[1]
    found = []
    for path in files(root):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                for n, line in enumerate(f, 1):
                    if line.startswith("<<<<<<< ") or line.startswith(">>>>>>> "):
                        found.append(f"{os.path.relpath(path, root)}:{n}: {line.rstrip()}")
        except OSError as e:
            found.append(f"{os.path.relpath(path, root)}: cannot read: {e}")
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} merge conflict marker line(s): resolve the merge", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
