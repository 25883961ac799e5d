#!/usr/bin/env python3
"""Checks (or, with --fix, writes) the one include-guard style of the tree.

Every header guards itself with #ifndef/#define/#endif, never #pragma once:
the SDK's headers are installed and built by other compilers and tools, and
one style everywhere means one rule to remember. The guard's name follows
from the path, so two headers can never share one:
  sdk/include/airsight/NAME.h  ->  AIRSIGHT_NAME_H          (the installed name)
  any/other/path/NAME.h        ->  AIRSIGHT_ANY_OTHER_PATH_NAME_H

Usage: check-header-guards.py SOURCE_ROOT [--fix]. Exits 1 naming each
header that does not follow the rule.
"""
import os
import re
import sys

SKIP_DIRS = {".git", "subprojects"}


def guard_name(rel):
    sdk = "sdk/include/airsight/"
    name = rel[len(sdk):] if rel.startswith(sdk) else rel
    return "AIRSIGHT_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def headers(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("build"))
        for f in sorted(filenames):
            if f.endswith(".h"):
                yield os.path.relpath(os.path.join(dirpath, f), root)


def guarded(text, guard):
    """The text with `guard` around its code: the leading comment block stays first."""
    lines = text.split("\n")
    lines = [l for l in lines if l.strip() != "#pragma once"]
    # Drop an existing #ifndef guard (the first #ifndef/#define pair and the last #endif).
    code = [i for i, l in enumerate(lines) if l.strip() and not l.startswith("//")]
    if len(code) >= 2 and lines[code[0]].startswith("#ifndef ") and lines[code[1]].startswith("#define "):
        old = lines[code[0]].split()[1]
        if lines[code[1]].split()[1:2] == [old]:
            last = max(i for i, l in enumerate(lines) if l.startswith("#endif"))
            del lines[last]
            del lines[code[1]]
            del lines[code[0]]
    while lines and lines[-1] == "":
        lines.pop()
    head = 0
    while head < len(lines) and lines[head].startswith("//"):
        head += 1
    body = lines[head:]
    while body and body[0] == "":
        body.pop(0)
    out = lines[:head] + ["#ifndef " + guard, "#define " + guard, ""] + body + ["", "#endif", ""]
    return "\n".join(out)


def follows_rule(text, guard):
    if re.search(r"^#pragma once", text, re.M):
        return False
    code = [l for l in text.split("\n") if l.strip() and not l.startswith("//")]
    return (len(code) >= 3 and code[0] == "#ifndef " + guard and code[1] == "#define " + guard
            and code[-1].startswith("#endif"))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root, fix = sys.argv[1], "--fix" in sys.argv[2:]
    wrong = []
    for rel in headers(root):
        path = os.path.join(root, rel)
        text = open(path, encoding="utf-8").read()
        guard = guard_name(rel)
        if follows_rule(text, guard):
            continue
        if fix:
            with open(path, "w", encoding="utf-8") as f:
                f.write(guarded(text, guard))
        else:
            wrong.append(f"{rel}: expected the guard {guard} (#ifndef/#define first, #endif last, no #pragma once)")
    for w in wrong:
        print(w)
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
