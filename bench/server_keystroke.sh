#!/bin/sh
# Callgrind instructions of a whole server keystroke, as the editor sees
# it: the edit, the reparse, the analysis and the publishDiagnostics
# written, through the real `dockls --stdio` (bench/lsp_stream.py types an
# "x" and deletes it again, 20 keystrokes, counted from
# proto_call_did_change down and divided by 20).  Beside the total, the
# three parts that grow with a file: the reparse (syntax_reparse), the
# analysis (analysis_run) and the publish (diag_json_array).  The files are
# those bench/typing.sh types into, at the same places: the end of the last
# line and the ENV value or `image:` value nearest the middle; and a third
# place, a damaged copy of the file with an unfinished line typed after the
# middle one (bench/damage.py), where a file that does not parse is
# analysed on every keystroke.
# Usage: sh bench/server_keystroke.sh [BUILD]
set -u
build="${1:-build}"
here=$(cd "$(dirname "$0")/.." && pwd)
what="whole-server instruction counts"
. "$here/bench/callgrind_setup.sh"
keys=20

place() { # file, end|mid -> LINE:COL (0-based), as bench/typing.sh picks it
  python3 "$here/bench/typing_place.py" "$1" "$2"
}

# Millions per keystroke of the whole run and of three functions in it.
measure() { # label, file, place
  if [ "$3" = damaged ]; then
    at=$(python3 "$here/bench/damage.py" "$2" "$work/damaged")
    python3 "$here/bench/lsp_stream.py" "$work/damaged" "$keys" "$at" \
      "$(case "$2" in *.yaml) echo dockercompose ;; *) echo dockerfile ;; esac)" > "$work/session"
  else
    python3 "$here/bench/lsp_stream.py" "$2" "$keys" "$(place "$2" "$3")" > "$work/session"
  fi
  valgrind --tool=callgrind --toggle-collect=proto_call_did_change --callgrind-out-file="$work/cg" \
    "$here/$build/dockls" --stdio < "$work/session" > /dev/null 2>&1
  callgrind_annotate --inclusive=yes --threshold=100 "$work/cg" 2>/dev/null |
    awk -v label="$1" -v lines="$(wc -l < "$2")" -v where="$3" -v keys="$keys" '
      function m(n) { gsub(",", "", n); return n / keys / 1e6 }
      /PROGRAM TOTALS/ { total = m($1) }
      /:syntax_reparse / { reparse = m($1) }
      /:analysis_run / { analysis = m($1) }
      /:diag_json_array / { publish = m($1) }
      END { printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f |\n", label, lines, where, total, reparse, analysis, publish }'
}

echo "| file | lines | typing at | whole keystroke (M) | reparse | analysis | publish |"
echo "|---|---|---|---|---|---|---|"
for n in ${SIZES:-300 2000 5000}; do
  sh "$here/bench/typing_files.sh" "$gen" "$n" "$work/$n"
  for where in end mid damaged; do
    measure Dockerfile "$work/$n/Dockerfile" "$where"
    measure compose "$work/$n/compose.yaml" "$where"
  done
done
