"""Table and plot data for bench/typing.sh.

Reads the lspbench result lines, whose labels are "server|kind|lines|place",
pools every keystroke of every round per label, and prints the median and
95th percentile of each with dockls's speed-up over the peer that serves
the same file kind.  Writes the medians as gnuplot data blocks, one block
per server, kind and place, and the gnuplot command that draws them
(PLOT.dat.gp).
Usage: typing_report.py RESULTS.jsonl PLOT.dat
"""
import json
import sys
from collections import defaultdict

PEER = {"Dockerfile": "docker-langserver", "compose": "compose-language-service",
        "Dockerfile (real)": "docker-langserver", "compose (real)": "compose-language-service"}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(results, plot_path):
    samples = defaultdict(list)
    missed = defaultdict(int)
    for line in open(results, encoding="utf-8"):
        record = json.loads(line)
        server, kind, lines, place = record["label"].split("|")
        typing = record.get("typing") or {}
        key = (server, kind, int(lines), place)
        samples[key] += typing.get("samples_ms") or []
        missed[key] += typing.get("missed") or 0
    stats = {k: (percentile(v, 0.5), percentile(v, 0.95), len(v)) for k, v in samples.items() if v}

    print("| file | lines | typing at | dockls median / p95 | peer | peer median / p95 | speed-up (medians) |")
    print("|---|---|---|---|---|---|---|")
    for (server, kind, lines, place) in sorted(k for k in stats if k[0] == "dockls"):
        ours = stats[(server, kind, lines, place)]
        peer = PEER[kind]
        theirs = stats.get((peer, kind, lines, place))
        peer_cell = "%.2f / %.2f ms" % theirs[:2] if theirs else "not run"
        ratio = "%.0f×" % (theirs[0] / ours[0]) if theirs and ours[0] > 0 else "–"
        print("| %s | %d | %s | %.3f / %.3f ms | %s | %s | %s |"
              % (kind, lines, place, ours[0], ours[1], peer, peer_cell, ratio))
    lost = {k: v for k, v in missed.items() if v}
    if lost:
        print("keystrokes without a publish (not counted): %s" % lost)

    # gnuplot reads the blocks by index; the titles go into the plot
    # command beside them, which bench/typing.gp loads.
    series = sorted({(s, k, p) for (s, k, _, p) in stats if "(real)" not in k})
    with open(plot_path, "w", encoding="utf-8") as plot:
        for server, kind, place in series:
            for lines in sorted(l for (s, k, l, p) in stats if (s, k, p) == (server, kind, place)):
                plot.write("%d %.4f\n" % (lines, stats[(server, kind, lines, place)][0]))
            plot.write("\n\n")
    with open(plot_path + ".gp", "w", encoding="utf-8") as command:
        command.write("plot " + ", \\\n  ".join(
            'datafile index %d using 1:2 with linespoints lw 2 dt %d title "%s, %s, typing at the %s"'
            % (i, 1 if place == "end" else 2, server, kind, place)
            for i, (server, kind, place) in enumerate(series)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
