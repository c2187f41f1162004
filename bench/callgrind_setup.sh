# Sourced by the callgrind benchmarks (keystroke_counts.sh,
# server_keystroke.sh) after they set `here` and `what`: they need valgrind
# and the LSP benchmark's file generator, which is team material beside the
# repository, and say so and stop (successfully, so that `make bench` goes
# on) when either is missing.  Sets `gen` and a `work` folder removed on
# exit.
gen="$here/../shared/tools/lspbench/gen_corpus.py"
if ! command -v valgrind >/dev/null 2>&1 || [ ! -f "$gen" ]; then
  echo "skip: $what need valgrind and the LSP benchmark's generator"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# glibc copies and clears blocks above a few KB with `rep movsb` and
# `rep stosb`, which callgrind counts once per byte: a 400 KB publish
# copied once read as 400,000 instructions, more than the work around it.
# These thresholds make glibc use its vector loops for every size, whose
# instructions callgrind counts as the processor runs them.
GLIBC_TUNABLES=glibc.cpu.x86_rep_movsb_threshold=1000000000:glibc.cpu.x86_rep_stosb_threshold=1000000000
export GLIBC_TUNABLES
