#!/bin/sh
# Regression inputs that once crashed dockls or broke its fixes (found by
# fuzzing).  Each file is a document as a user could type it:
# dockerfile-N.bin is checked as a Dockerfile, compose-N.bin as
# compose.yaml, each alone in an empty folder.  For every one:
#  - `dockls check` ends normally (exit 0 or 1, not a signal);
#  - `dockls check --fix` ends normally and reaches a fixed point: a second
#    `--fix` over its output changes nothing;
#  - the fixed file has no more syntax errors than the input, and no more
#    "already defined" (duplicate key) errors;
#  - every NUL byte of the input is still there (an undone fix-all round
#    once put the text back only up to the first NUL, and a later round's
#    fix then wrote the shortened file).
# The *.lsp-session.txt files are JSON-RPC messages, one a line, sent to
# the language server between an initialize and a shutdown: it must
# answer the shutdown and exit 0.
#
# Usage: run.sh DOCKLS_BINARY
set -u
dockls=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
passed=0

fail() {
  echo "FAIL $1: $2"
  failed=$((failed + 1))
}

count() { grep -c "$1" "$2" || true; }

for input in "$here"/*.bin; do
  name=$(basename "$input" .bin)
  case $name in
    dockerfile-*) file=Dockerfile ;;
    compose-*) file=compose.yaml ;;
    *) fail "$name" "unknown kind of input"; continue ;;
  esac
  dir="$work/$name"
  mkdir -p "$dir"
  cp "$input" "$dir/$file"
  (cd "$dir" && "$dockls" check "$file" > "$work/$name.before" 2>&1)
  rc=$?
  if [ $rc -gt 1 ]; then fail "$name" "check exited $rc"; continue; fi
  (cd "$dir" && "$dockls" check --fix "$file" > /dev/null 2>&1)
  rc=$?
  if [ $rc -gt 1 ]; then fail "$name" "check --fix exited $rc"; continue; fi
  cp "$dir/$file" "$work/$name.fixed"
  (cd "$dir" && "$dockls" check --fix "$file" > /dev/null 2>&1)
  if ! cmp -s "$dir/$file" "$work/$name.fixed"; then
    fail "$name" "a second check --fix changed the file again (no fixed point)"
    continue
  fi
  (cd "$dir" && "$dockls" check "$file" > "$work/$name.after" 2>&1)
  before=$(count '\[syntax-error\]' "$work/$name.before")
  after=$(count '\[syntax-error\]' "$work/$name.after")
  if [ "$after" -gt "$before" ]; then
    fail "$name" "the fixes made the file parse worse ($before syntax errors before, $after after)"
    continue
  fi
  before=$(count 'already defined' "$work/$name.before")
  after=$(count 'already defined' "$work/$name.after")
  if [ "$after" -gt "$before" ]; then fail "$name" "the fixes added a duplicate key"; continue; fi
  before=$(tr -cd '\000' < "$input" | wc -c)
  after=$(tr -cd '\000' < "$work/$name.fixed" | wc -c)
  if [ "$after" -ne "$before" ]; then fail "$name" "the fixes lost text ($before NUL bytes before, $after after)"; continue; fi
  passed=$((passed + 1))
done

# Generated inputs that nest deeply: 20,000 nested command substitutions
# and a chain of 50,000 `&&` commands (the bash tree nests one level per
# operator).  Both used to overflow the C stack.
awk 'BEGIN { printf "FROM alpine:3.20\nRUN "; for (i = 0; i < 20000; i++) printf "$("; printf "true";
             for (i = 0; i < 20000; i++) printf ")"; printf "\n" }' > "$work/nested.Dockerfile"
awk 'BEGIN { printf "FROM alpine:3.20\nRUN true"; for (i = 0; i < 50000; i++) printf " && true"; printf "\n" }' \
  > "$work/chain.Dockerfile"
for generated in nested chain; do
  "$dockls" check --kind dockerfile "$work/$generated.Dockerfile" > /dev/null 2>&1
  rc=$?
  if [ $rc -gt 1 ]; then fail "$generated" "check exited $rc"; else passed=$((passed + 1)); fi
done

frame() {
  printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"
}

for session in "$here"/*.lsp-session.txt; do
  name=$(basename "$session" .txt)
  {
    frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
    frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    while IFS= read -r line || [ -n "$line" ]; do
      [ -n "$line" ] && frame "$line"
    done < "$session"
    frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
    frame '{"jsonrpc":"2.0","method":"exit"}'
  } > "$work/$name.in"
  "$dockls" < "$work/$name.in" > "$work/$name.out" 2> "$work/$name.err"
  rc=$?
  if [ $rc -ne 0 ]; then
    fail "$name" "the server exited $rc"
  elif ! grep -q '"id":2,"result":null' "$work/$name.out"; then
    fail "$name" "the server did not answer shutdown"
  elif ! grep -q 'publishDiagnostics' "$work/$name.out"; then
    fail "$name" "the server published no diagnostics"
  else
    passed=$((passed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
