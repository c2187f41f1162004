#!/bin/sh
# Runs the real server under valgrind's memcheck over one LSP transcript:
# its `>>>` lines are framed and sent, in order, to `dockls --stdio`.
# Passes when valgrind reports no error and no block definitely,
# indirectly or possibly lost, nothing is still reachable at exit (the
# server frees its workspace, parsers and caches before it returns), and
# the session ends as the transcript says, with exit code 0.  The
# expectations of the transcript itself are checked by test_lsp; this
# test checks memory only.  Exits 77 (skipped) without valgrind.
#
# Usage: valgrind.sh DOCKLS TRANSCRIPT
set -u
dockls=$1
transcript=$2
if ! command -v valgrind > /dev/null 2>&1; then
  echo "valgrind is not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

frame() {
  printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"
}
grep '^>>> ' "$transcript" | cut -c5- | while IFS= read -r line; do frame "$line"; done > "$work/in"

# --errors-for-leak-kinds makes every lost block an error, so that
# --error-exitcode reports leaks as well as invalid reads and writes.
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  --log-file="$work/valgrind.log" "$dockls" --stdio < "$work/in" > "$work/out"
rc=$?
failed=0
if [ "$rc" -ne 0 ]; then
  echo "FAIL: the server under valgrind exited $rc (99: valgrind found errors)"
  failed=1
fi
if ! grep -q 'ERROR SUMMARY: 0 errors' "$work/valgrind.log"; then
  echo "FAIL: valgrind reported errors"
  failed=1
fi
if ! grep -q 'All heap blocks were freed' "$work/valgrind.log"; then
  echo "FAIL: blocks were still allocated at exit"
  failed=1
fi
if ! grep -q '"id":99,"result":null' "$work/out"; then
  echo "FAIL: the server did not answer shutdown"
  failed=1
fi
sed -n '/HEAP SUMMARY/,$p' "$work/valgrind.log"
[ "$failed" -eq 0 ] || cat "$work/valgrind.log"
exit "$failed"
