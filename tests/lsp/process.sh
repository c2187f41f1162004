#!/bin/bash
# The language server as a process, through the real binary: the launch
# arguments LSP clients add (a repeated --stdio, --clientProcessId=N and
# --clientProcessId N), exiting once the client process is gone (named on
# the command line or as initialize's processId), and the info log lines.
# Usage: process.sh DOCKLS
set -u
BIN=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
init() { # $1: the processId JSON value, $2: client capabilities
  frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":'"$1"',"rootUri":"file:///w","capabilities":'"$2"'}}'
  frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
}
bye() {
  frame '{"jsonrpc":"2.0","id":99,"method":"shutdown"}'
  frame '{"jsonrpc":"2.0","method":"exit"}'
}

# 1. Arguments: a full session must end with exit code 0 under each form.
for args in "--stdio --stdio" "--stdio --clientProcessId=$$" "--clientProcessId $$ --stdio" ""; do
  { init null '{}'; bye; } | "$BIN" $args > "$WORK/out" 2> "$WORK/err"
  rc=$?
  [ "$rc" = 0 ] || fail "dockls $args: exit $rc, stderr: $(cat "$WORK/err")"
  grep -q '"serverInfo"' "$WORK/out" || fail "dockls $args: no initialize result"
done
# What is really unknown is still a usage error.
for args in "--stdio --bogus" "--clientProcessId=abc" "--stdio --clientProcessId"; do
  "$BIN" $args < /dev/null > /dev/null 2> "$WORK/err"
  rc=$?
  [ "$rc" = 2 ] || fail "dockls $args: exit $rc, expected 2"
  grep -q 'dockls: ' "$WORK/err" || fail "dockls $args: no error message"
done

# 2. The client process goes away while the server waits for input that
# never comes (its stdin stays open): the server must exit by itself
# within a few seconds.  $1 names how the pid is given.
watch_case() {
  sleep 1 &
  local parent=$!
  rm -f "$WORK/in"
  mkfifo "$WORK/in"
  if [ "$1" = argument ]; then
    { init null '{}'; exec sleep 30; } > "$WORK/in" &
  else
    { init "$parent" '{}'; exec sleep 30; } > "$WORK/in" &
  fi
  local writer=$!
  local start=$SECONDS
  if [ "$1" = argument ]; then
    timeout 10 "$BIN" --stdio --clientProcessId "$parent" < "$WORK/in" > /dev/null 2> "$WORK/err"
  else
    timeout 10 "$BIN" --stdio < "$WORK/in" > /dev/null 2> "$WORK/err"
  fi
  local rc=$?
  kill "$writer" 2> /dev/null
  wait "$writer" 2> /dev/null
  local took=$((SECONDS - start))
  [ "$rc" = 1 ] || fail "client pid by $1: exit $rc after ${took}s (124 means it never noticed)"
  [ "$took" -le 5 ] || fail "client pid by $1: took ${took}s to notice"
  grep -q 'client process is gone' "$WORK/err" || fail "client pid by $1: no log line"
}
watch_case argument
watch_case processId

# 3. The info log: start-up (version, encoding, root, pull or push), each
# document opened with its kind and why, a file name overruling the
# languageId (once, although the document is opened twice), settings.
open_doc() {
  frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'"$1"'","languageId":"'"$2"'","version":1,"text":"FROM alpine:3.20\n"}}}'
}
close_doc() {
  frame '{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"'"$1"'"}}}'
}
{
  init null '{"textDocument":{"diagnostic":{}}}'
  open_doc file:///w/Dockerfile dockercompose
  close_doc file:///w/Dockerfile
  open_doc file:///w/Dockerfile dockercompose
  open_doc file:///w/app.df dockerfile
  frame '{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"dockls":{"rules":{"user-root":"off"}}}}}'
  bye
} | DOCKLS_LOG=info "$BIN" --stdio > /dev/null 2> "$WORK/err"
expect_log() {
  grep -qF -- "$1" "$WORK/err" || fail "no info line containing: $1"
}
version=$("$BIN" --version | cut -d' ' -f2)
expect_log "dockls $version: position encoding utf-16, workspace root /w, diagnostics pulled by the client"
expect_log 'file:///w/Dockerfile: the file name says dockerfile, which wins over languageId "dockercompose"'
expect_log 'opened file:///w/Dockerfile as dockerfile (by file name; languageId "dockercompose")'
expect_log 'opened file:///w/app.df as dockerfile (by languageId "dockerfile")'
expect_log 'settings: rule levels user-root=off'
n=$(grep -c 'wins over languageId' "$WORK/err")
[ "$n" = 1 ] || fail "the name-over-languageId line appears $n times, expected once"
# A push-only client is told so.
{ init null '{}'; bye; } | DOCKLS_LOG=info "$BIN" > /dev/null 2> "$WORK/err"
expect_log 'diagnostics pushed (publishDiagnostics)'
# At debug, each request with its time.
{ init null '{}'; bye; } | DOCKLS_LOG=debug "$BIN" > /dev/null 2> "$WORK/err"
grep -qE 'request initialize: [0-9.]+ ms' "$WORK/err" || fail "no debug line timing initialize"

if [ "$failures" -gt 0 ]; then
  echo "--- last stderr:"; cat "$WORK/err"
  exit 1
fi
echo "process: all checks passed"
