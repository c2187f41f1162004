#!/usr/bin/env python3
"""Prints where the typing benchmarks type into a file, as LINE:COL
(0-based): the end of the last line ("end"), or the end of the ENV value
or `image:` value nearest the middle ("mid"), where letters typed keep the
file valid.  bench/typing.sh and bench/server_keystroke.sh both use it, so
that their times and their instruction counts are for the same keystroke.

Usage: typing_place.py FILE end|mid
"""
import re
import sys


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if sys.argv[2] == "end":
        print("%d:%d" % (len(lines) - 1, len(lines[-1])))
        return
    safe = re.compile(r"^ENV [A-Za-z_]\w*=\w+$|^ +image: [^\s#'\"]+$")
    mid = len(lines) // 2
    best = min((i for i, l in enumerate(lines) if safe.match(l)), key=lambda i: abs(i - mid))
    print("%d:%d" % (best, len(lines[best])))


if __name__ == "__main__":
    main()
