#!/bin/sh
# Callgrind instructions per keystroke against file size: the figure that
# repeats from run to run on a machine too busy for timings to mean much,
# printed beside the typing times of bench/typing.sh.  Dockerfiles: one
# keystroke mid-file and one on the last line (bench_rules, through
# bench/rules/keystroke_phases.sh); compose files: a letter typed and
# deleted in the `image:` value nearest the middle, and in the last one
# (bench_compose_disk), 10 keystrokes minus none, divided by 10.  Files come from the LSP benchmark's
# generator, with the compose file's deliberate indentation errors removed.
# Usage: sh bench/keystroke_counts.sh [BUILD]
set -u
build="${1:-build}"
here=$(cd "$(dirname "$0")/.." && pwd)
what="keystroke instruction counts"
. "$here/bench/callgrind_setup.sh"
count() { # instructions of a whole run
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$@" >/dev/null 2>&1
  callgrind_annotate "$work/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { n = $1; gsub(",", "", n); print n }'
}
echo "| file | lines | keystroke | instructions (M) |"
echo "|---|---|---|---|"
for n in ${SIZES:-300 2000 5000}; do
  python3 "$gen" "$work/g$n" --dockerfiles 0 --composes 0 --big-lines "$n" >/dev/null 2>&1
  head -n "$n" "$work/g$n/big/Dockerfile" > "$work/Dockerfile$n"
  sh "$here/bench/rules/keystroke_phases.sh" "$here/$build" "$work/Dockerfile$n" 2>/dev/null |
    awk -v n="$n" '/edit mid-file/ { place = "mid-file" } /edit on the last line/ { place = "last line" }
                   /^keystroke / { printf "| Dockerfile | %s | %s | %.2f |\n", n, place, $2 }'
  mkdir -p "$work/c$n"
  grep -v badindent "$work/g$n/big/compose.yaml" > "$work/c$n/compose.yaml"
  lines=$(wc -l < "$work/c$n/compose.yaml")
  for at in mid end; do
    none=$(BENCH_COMPOSE_AT=$at count "$here/$build/bench/rules/bench_compose_disk" "$work/c$n/compose.yaml" 0)
    ten=$(BENCH_COMPOSE_AT=$at count "$here/$build/bench/rules/bench_compose_disk" "$work/c$n/compose.yaml" 10)
    place=$([ "$at" = mid ] && echo "mid-file" || echo "last image: value")
    echo "$none $ten" | awk -v n="$lines" -v p="$place" '{ printf "| compose | %s | %s | %.2f |\n", n, p, ($2 - $1) / 10 / 1e6 }'
  done
done
