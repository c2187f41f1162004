#!/usr/bin/env python3
"""The server's own CPU time per keystroke when the keystrokes come with a
pause between them, as a person types, against the same keystrokes sent
back to back.

Why: on the project's virtual machines a keystroke after a few idle
milliseconds took about 2.8 times the CPU time of one sent right after the
last (at 300 lines and at 5,000 alike), and the typing benchmark's
latencies follow the first figure.  Callgrind counts instructions, which
idle gaps do not change, and undercounts steps bound by memory (a copy of
a 430 KB publish is a few thousand vector instructions): this measures the
time those steps take.

For each run the session of bench/lsp_stream.py (open FILE, then KEYS
keystrokes at LINE:COL, an "x" typed and deleted again) is fed to
`dockls --stdio` frame by frame with GAP_MS between keystrokes, the output
read as it comes; the server's user and system time come from wait4.  The
same run without keystrokes is subtracted, so the figure is per keystroke
alone.  Prints the median of RUNS runs per gap, in milliseconds.

Usage: idle_keystroke.py DOCKLS FILE LINE:COL [KEYS [RUNS [GAPS_MS...]]]
"""
import os
import re
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def session(path, keys, at):
    out = subprocess.run([sys.executable, os.path.join(HERE, "lsp_stream.py"), path, str(keys), at],
                         check=True, stdout=subprocess.PIPE).stdout
    frames, i = [], 0
    while i < len(out):
        m = re.match(rb"Content-Length: (\d+)\r\n\r\n", out[i:])
        j = i + m.end() + int(m.group(1))
        frames.append(out[i:j])
        i = j
    return frames


def cpu_seconds(dockls, frames, gap):
    """Feeds the frames (the first three: initialize, initialized, didOpen;
    then a keystroke each, then shutdown and exit) and returns the server's
    CPU seconds."""
    p = subprocess.Popen([dockls, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    reader = threading.Thread(target=lambda: [None for _ in iter(lambda: p.stdout.read(1 << 20), b"")])
    reader.start()
    for k, frame in enumerate(frames):
        p.stdin.write(frame)
        p.stdin.flush()
        # The open's analysis is over before the first keystroke comes.
        if k == 2:
            time.sleep(0.3)
        elif 2 < k < len(frames) - 2:
            time.sleep(gap)
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    return usage.ru_utime + usage.ru_stime


def main():
    dockls, path, at = sys.argv[1], sys.argv[2], sys.argv[3]
    keys = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    gaps = [float(g) for g in sys.argv[6:]] or [0.0, 5.0]
    typed, opened = session(path, keys, at), session(path, 0, at)
    for gap in gaps:
        per_key = []
        for _ in range(runs):
            with_keys = cpu_seconds(dockls, typed, gap / 1000)
            without = cpu_seconds(dockls, opened, gap / 1000)
            per_key.append((with_keys - without) / keys * 1000)
        print("  %-28s %5d lines  gap %4.1f ms: %.3f ms CPU per keystroke (runs %s)" % (
            os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path),
            sum(1 for _ in open(path, encoding="utf-8")), gap, statistics.median(per_key),
            " ".join("%.3f" % x for x in per_key)))


if __name__ == "__main__":
    main()
