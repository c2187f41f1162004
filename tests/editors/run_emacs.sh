#!/bin/sh
# Runs emacs_e2e.el in Emacs --batch with eglot against the dockls binary,
# on a Dockerfile written to a scratch folder (the fix rewrites it).  Exit
# status 77 (ctest's skip) when Emacs or eglot is not installed.
#   run_emacs.sh DOCKLS_BINARY
set -u
dockls="$1"
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v emacs >/dev/null 2>&1 || ! emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
  echo "skip: Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'FROM alpine:3.20\nRUN apk add curl\nUSER nobody\nCMD ["curl", "--version"]\n' > "$work/Dockerfile"
# Not -Q: Debian's site-start puts the elpa packages on the load path.
HOME="$work" LSP_CMD="[\"$dockls\", \"--stdio\"]" LSP_FILE="$work/Dockerfile" LSP_RULE=apk-no-cache \
  timeout -k 5 60 emacs --batch -l "$here/emacs_e2e.el" </dev/null 2>"$work/stderr"
status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: Emacs end-to-end test ended with status $status"; tail -20 "$work/stderr"
  exit 1
fi
if ! grep -q 'apk add --no-cache curl' "$work/Dockerfile"; then
  echo "FAIL: the saved Dockerfile does not carry the fix:"; cat "$work/Dockerfile"
  exit 1
fi
echo "ok: diagnostic shown, quick-fix applied and saved, diagnostic gone"
