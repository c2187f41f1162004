#!/bin/sh
# The phases of one Dockerfile keystroke in callgrind instructions, which
# repeat from run to run on a machine too busy for timings to mean much.
# Runs bench_rules once under callgrind (one part per keystroke: the first
# is the edit mid-file, the second the one on the last line) and prints,
# in millions of instructions, the whole keystroke, the text edit with the
# reparse (ws_change, of which the line index, text_index), the model
# (ws_dockerfile: dockerfile_model_build, of which the per-stage facts),
# the per-instruction checkers with their memo (instr_checks_run), the
# tree walk the validation rules share (val__each_instruction), and every
# checker of the rule tables, largest first.  Figures are inclusive: the
# checker that first asks for the model (or the validation walk) counts
# its cost as well.
# Usage: bench/rules/keystroke_phases.sh BUILD_DIR DOCKERFILE
set -eu
build=$1
file=$2
out=$(mktemp -d)
valgrind --tool=callgrind --callgrind-out-file="$out/cg" --toggle-collect=keystroke \
  --dump-after=keystroke "$build/bench/rules/bench_rules" "$file" 1 >/dev/null 2>&1
for part in 1 2; do
  [ "$part" = 1 ] && echo "== $file: edit mid-file" || echo "== $file: edit on the last line"
  callgrind_annotate --inclusive=yes --threshold=100 "$out/cg.$part" 2>/dev/null | awk '
    /PROGRAM TOTALS/ { n = $1; gsub(",", "", n); printf "%-34s %8.2f\n", "keystroke", n / 1e6 }
    /^ *[0-9,]+ \([ 0-9.]+%\)  [^ ]+:[A-Za-z_0-9]+ \[/ {
      n = $1; gsub(",", "", n); fn = $0; sub(/.*:/, "", fn); sub(/ \[.*/, "", fn)
      if (seen[fn]++) next
      if (fn ~ /^(ws_change|text_index|ws_dockerfile|dockerfile_model_build|model__derive_facts|rule_syntax_error|settings_check_config|suppress_apply|fix__drop_unseen|instr_checks_run|val__each_instruction)$/ ||
          fn ~ /^(df__|val__|context__|compose__)/)
        printf "%-34s %8.2f\n", fn, n / 1e6 }' | sort -k2 -n -r
done
rm -rf "$out"
