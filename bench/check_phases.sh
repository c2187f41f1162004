#!/bin/sh
# Where `dockls check` spends its instructions, per phase, counted by
# callgrind (repeatable on a shared machine, unlike times):
#   bench/check_phases.sh DOCKLS ARGS...     e.g.  build/dockls ../shared/corpus
# Phases: finding and reading the files (check_walk), analysing them
# (analysis_file: parse, models, rules), sorting the findings (the qsort
# called by cli_check) and printing the report (emit_text, emit_json or
# emit_sarif).
set -eu
[ $# -ge 2 ] || { echo "usage: $0 DOCKLS PATH... (dockls check options allowed)" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "skip: valgrind is not installed" >&2; exit 0; }
dockls=$1
shift
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$dockls" check "$@" > /dev/null 2>&1 || true
callgrind_annotate --inclusive=yes "$out" 2>/dev/null > "$out.txt"
# Each phase is one function's inclusive count; qsort is taken as called
# from cli_check only, through the caller tree.
phase() { awk -v f="$2" 'index($0, f) { gsub(",", "", $1); print $1; exit }' "$out.txt" | {
  read -r n || n=0; printf '%-10s %8.1f M\n' "$1" "$(echo "$n / 1000000" | bc -l)"; }; }
callgrind_annotate --inclusive=yes --tree=calling "$out" 2>/dev/null |
  awk '/\* .*cli_check \[/ { inside = 1; next } inside && /^$/ { exit }
       inside && /msort.c:qsort / { gsub(",", "", $1); print $1; exit }' > "$out.sort"
phase total "PROGRAM TOTALS"
phase walk ":check_walk "
phase analysis ":analysis_file "
sorted=$(cat "$out.sort")
printf '%-10s %8.1f M\n' sort "$(echo "${sorted:-0} / 1000000" | bc -l)"
phase emit ":emit_"
rm -f "$out" "$out.txt" "$out.sort"
