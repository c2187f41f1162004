#!/bin/sh
# Typing latency against file size, dockls beside the peer servers, on
# files that stay valid while the benchmark types into them.
#
#   sh bench/typing.sh [BUILD]       (also the last part of `make bench`)
#
# For each size (SIZES, default "300 2000 5000" lines) and each file kind it
# makes one valid file from the LSP benchmark's generator, then types
# letters one per didChange at two places: the end of the last line, and
# the end of a value in the middle of the file (an ENV value in the
# Dockerfile, an `image:` tag in the compose file), so that no keystroke
# leaves a syntax error behind.  Every server gets a fresh process per
# file and round; the rounds are interleaved so that load on a shared
# machine hits every server alike.  The peers (docker-langserver, and
# compose-language-service with its debounce set to 0) run when the team's
# peer install is present (PEERS_DIR, default /tmp/dockls-peers).
#
# Prints a table (median and 95th percentile per server, size, place, and
# dockls's speed-up over the peer) and, when gnuplot is installed, writes a
# PNG plot of the medians against file size (PLOT, default
# /tmp/dockls-typing.png).  Knobs: RUNS (3), EDITS (40), SIZES, OUT.
set -u
build="${1:-build}"
here=$(cd "$(dirname "$0")/.." && pwd)
dockls="$here/$build/dockls"
lspbench="$here/../shared/tools/lspbench"
runs="${RUNS:-3}"
edits="${EDITS:-40}"
sizes="${SIZES:-300 2000 5000}"
out="${OUT:-/tmp/dockls-typing.jsonl}"
plot="${PLOT:-/tmp/dockls-typing.png}"
peers="${PEERS_DIR:-/tmp/dockls-peers}/node_modules/.bin"

if [ ! -d "$lspbench" ]; then
  echo "skip: typing benchmark: $lspbench not found (the shared tools folder sits beside the repository)"
  exit 0
fi
: > "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Exactly EDITS letters: lspbench repeats a shorter text with a newline in
# between, and a newline in the middle of a value would break the file.
typed=$(python3 -c "import string,sys; n=int(sys.argv[1]); print((string.ascii_lowercase * (n // 26 + 1))[:n])" "$edits")

for n in $sizes; do
  sh "$here/bench/typing_files.sh" "$lspbench/gen_corpus.py" "$n" "$work/$n"
done
# The longest real files of the team's corpus, when it is there, with the
# same end-of-file line appended.
corpus="$here/../shared/corpus"
real=""
if [ -d "$corpus" ]; then
  mkdir -p "$work/real-df" "$work/real-compose"
  cp "$corpus/dockerfiles/moby__moby__Dockerfile" "$work/real-df/Dockerfile" \
    && echo "ENV BENCH_END=value" >> "$work/real-df/Dockerfile" && real="$real $work/real-df/Dockerfile"
  cp "$corpus/compose/appwrite__appwrite__docker-compose.yml" "$work/real-compose/docker-compose.yml" \
    && echo "x-bench-end: value" >> "$work/real-compose/docker-compose.yml" \
    && real="$real $work/real-compose/docker-compose.yml"
fi

# Where to type: "LINE:COL" (0-based) at the end of the last line, or at the
# end of the value nearest the middle that is safe to extend.
position() { # file, end|mid
  python3 "$here/bench/typing_place.py" "$1" "$2"
}

bench() { # label, file, place, extra lspbench args..., -- server...
  label="$1"; file="$2"; place="$3"; shift 3
  python3 "$lspbench/lspbench.py" --quiet --label "$label|$(wc -l < "$file")|$place" --keep-samples \
    --edits "$edits" --type-text "$typed" --type-at "$(position "$file" "$place")" --file "$file" "$@" \
    >> "$out" || echo "warn: $label on $file ($place) failed" >&2
}

# One file, one place, dockls and then the peer for that file kind.
both() { # kind label, file, place
  bench "dockls|$1" "$2" "$3" -- "$dockls" --stdio
  case "$1" in
    Dockerfile*) [ -x "$peers/docker-langserver" ] &&
      bench "docker-langserver|$1" "$2" "$3" -- "$peers/docker-langserver" --stdio ;;
    *) [ -x "$peers/docker-compose-langserver" ] &&
      bench "compose-language-service|$1" "$2" "$3" --init-options '{"diagnosticDelay":0}' \
        -- "$peers/docker-compose-langserver" --stdio ;;
  esac
}

for r in $(seq 1 "$runs"); do
  echo "== typing benchmark, round $r of $runs" >&2
  for place in end mid; do
    for n in $sizes; do
      both Dockerfile "$work/$n/Dockerfile" "$place"
      both compose "$work/$n/compose.yaml" "$place"
    done
    for file in $real; do
      case "$file" in *Dockerfile) both "Dockerfile (real)" "$file" "$place" ;;
                      *) both "compose (real)" "$file" "$place" ;; esac
    done
  done
done

python3 "$here/bench/typing_report.py" "$out" "$work/plot.dat"
# The floor under any server's times above: only receiving each file's
# largest publishDiagnostics through a pipe (bench/wire_floor.py).
echo "== the wire floor: receiving each file's publish, nothing else"
files=""
for n in $sizes; do files="$files $work/$n/Dockerfile $work/$n/compose.yaml"; done
python3 "$here/bench/wire_floor.py" "$dockls" $files $real
if command -v gnuplot >/dev/null 2>&1; then
  gnuplot -e "datafile='$work/plot.dat'; outfile='$plot'" "$here/bench/typing.gp" && echo "plot: $plot"
else
  echo "skip: no plot (gnuplot is not installed; sudo apt-get install -y gnuplot-nox)"
fi
