#!/usr/bin/env python3
"""Writes a damaged copy of a benchmark file and prints where to type in
it, as LINE:COL (0-based): a new line being typed just after the place
typing_place.py calls "mid", left unfinished.  In a Dockerfile it is an
instruction keyword cut short (`EXPOS`), which the parser cannot read; in
a compose file a key without its `:` yet (`restar`), which libyaml
refuses.  While a user types, a file is in this state half the time, and
every keystroke typed at the end of that line keeps it there.

Usage: damage.py FILE OUT  (prints LINE:COL in OUT)
"""
import os
import subprocess
import sys


def main():
    path, out = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    mid = subprocess.run([sys.executable, os.path.join(here, "typing_place.py"), path, "mid"], check=True,
                         capture_output=True, text=True).stdout
    line = int(mid.split(":")[0])
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines[line].startswith("ENV "):
        unfinished = "EXPOS"
    else:
        indent = len(lines[line]) - len(lines[line].lstrip(" "))
        unfinished = " " * indent + "restar"
    lines.insert(line + 1, unfinished)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("%d:%d" % (line + 1, len(unfinished)))


if __name__ == "__main__":
    main()
