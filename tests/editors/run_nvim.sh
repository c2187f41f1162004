#!/bin/sh
# Runs nvim_e2e.lua in a headless Neovim against the dockls binary, on a
# Dockerfile written to a scratch folder (the fix rewrites it).  Exit
# status 77 (ctest's skip) when Neovim is not installed.
#   run_nvim.sh DOCKLS_BINARY
# Steps that fail: 1 Lua error, 2 no diagnostic of the rule, 3 no
# preferred quick-fix, 4 the edit changed nothing, 5 the server did not
# start, 6 the diagnostic did not go away after the fix.
set -u
dockls="$1"
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null 2>&1; then
  echo "skip: Neovim is not installed (apt-get install neovim)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'FROM alpine:3.20\nRUN apk add curl\nUSER nobody\nCMD ["curl", "--version"]\n' > "$work/Dockerfile"
LSP_CMD="[\"$dockls\", \"--stdio\"]" LSP_FILE="$work/Dockerfile" LSP_OUT="$work/report.json" \
  LSP_RULE=apk-no-cache HOME="$work" XDG_STATE_HOME="$work" \
  timeout -k 5 60 nvim --headless --clean -n -i NONE -c "luafile $here/nvim_e2e.lua" </dev/null >/dev/null 2>&1
status=$?
cat "$work/report.json" 2>/dev/null; echo
if [ "$status" -ne 0 ]; then
  echo "FAIL: Neovim end-to-end test ended with status $status"
  exit 1
fi
if ! grep -q 'apk add --no-cache curl' "$work/Dockerfile"; then
  echo "FAIL: the saved Dockerfile does not carry the fix:"; cat "$work/Dockerfile"
  exit 1
fi
echo "ok: diagnostic shown, quick-fix applied and saved, diagnostic gone"
