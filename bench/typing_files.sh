#!/bin/sh
# Makes the files the keystroke benchmarks type into (bench/typing.sh,
# bench/server_keystroke.sh, and the pause measure in bench/run.sh), so
# that their times, counts and CPU figures are for the same text:
#
#   sh bench/typing_files.sh GEN LINES DIR
#
# GEN is the LSP benchmark's generator (gen_corpus.py).  DIR/Dockerfile is
# the first LINES lines of its long Dockerfile, DIR/compose.yaml its long
# compose file.  The generated compose file holds indentation errors on
# purpose; without them it is valid YAML and every compose rule runs.  A
# trailing line in each gives the end-of-file edit a value to type into.
set -u
gen="$1"; n="$2"; dir="$3"
mkdir -p "$dir"
python3 "$gen" "$dir/gen" --dockerfiles 0 --composes 0 --big-lines "$n" >/dev/null 2>&1
head -n "$n" "$dir/gen/big/Dockerfile" > "$dir/Dockerfile"
echo "ENV BENCH_END=value" >> "$dir/Dockerfile"
grep -v badindent "$dir/gen/big/compose.yaml" > "$dir/compose.yaml"
echo "x-bench-end: value" >> "$dir/compose.yaml"
rm -rf "$dir/gen"
