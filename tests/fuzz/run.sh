#!/bin/sh
# Runs fuzz targets one after another: run.sh FUZZ_BUILD SECONDS [CORPUS] -- TARGET...
# Each target fuzzes for SECONDS with ASan and UBSan (the fuzz build has
# them), from a working corpus under FUZZ_BUILD/fuzz/<target> seeded by
# seed_corpus.py; its log ends with libFuzzer's figures (executions, cov,
# ft), which are printed.  A crash, a hang (over 10 s for one input), a
# leak or a failed oracle stops that target, leaves the input under
# FUZZ_BUILD/fuzz/artifacts and makes the run fail once every target has
# had its turn.  Everything runs under nice: the machine is shared.
set -u
build=$1 seconds=$2 corpus=${3:-}
shift 3
[ "${1:-}" = "--" ] && shift
here=$(cd "$(dirname "$0")" && pwd)
out="$build/fuzz"
mkdir -p "$out/artifacts"
failed=""
for target in "$@"; do
  exe="$build/tests/fuzz/fuzz_$target"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $exe is missing (build the fuzz build first)" >&2
    exit 2
  fi
  work="$out/corpus/$target" seeds="$out/seeds/$target"
  rm -rf "$seeds"
  python3 "$here/seed_corpus.py" "$target" "$seeds" $corpus
  mkdir -p "$work"
  dict=""
  [ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"
  # The edits target types into both languages: both dictionaries.
  if [ "$target" = edits ]; then
    cat "$here/dockerfile.dict" "$here/compose.dict" >"$out/edits.dict"
    dict="-dict=$out/edits.dict"
  fi
  extra=""
  [ -d "$here/regressions/$target" ] && extra="$here/regressions/$target"
  # The table generator leaves what it had allocated when a grammar is
  # refused (its process would have exited; see fuzz_tablegen.c), which
  # adds up to the RSS limit in minutes at thousands of runs a second:
  # its runs go to child processes that libFuzzer replaces as it goes.
  fork=""
  [ "$target" = tablegen ] && fork="-fork=1"
  log="$out/$target.log"
  # -max_len: larger inputs only slow the search down; the seeds that
  # are larger are still run whole once.
  nice "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" $dict $fork \
    "$work" "$seeds" "$here/seeds/$target" $extra >"$log" 2>&1
  status=$?
  # The last status line; in fork mode it reads "#N: cov: …".
  # libFuzzer separates the count from the event with a tab.
  stats=$(grep -E '^#[0-9]+(:|[[:space:]].*(DONE|pulse|NEW|REDUCE|INITED))' "$log" | tail -1)
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  # Fork mode prints no final stats; its last status line starts with the count.
  [ -n "$execs" ] || execs=$(echo "$stats" | sed -n 's/^#\([0-9]*\).*/\1/p')
  echo "fuzz_$target: status $status, ${execs:-?} executions; last: $stats"
  if [ $status -ne 0 ]; then
    failed="$failed $target"
    # CI keeps only this output, not the log: what went wrong, where, and
    # which input (the report's first lines, the stack's top frames in
    # our code, and libFuzzer's summary and artifact lines).
    echo "--- fuzz_$target: the end of $log:"
    grep -n -E 'ERROR|SUMMARY|oracle|Test unit written|artifact|^ *#[0-9]+ .* in .*(server|tests)/' "$log" | head -40
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: failures in:$failed (logs and inputs under $out)" >&2
  exit 1
fi
