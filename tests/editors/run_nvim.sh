#!/bin/sh
# Runs nvim_e2e.lua in a headless Neovim against the dockls binary, for
# each case of scenarios.sh.  Exit status 77 (ctest's skip) when Neovim
# is not installed.
#   run_nvim.sh DOCKLS_BINARY
# Session statuses: 1 Lua error, 2 no diagnostic of the rule, 3 no
# preferred quick-fix, 4 the edit changed nothing, 5 the server did not
# start, 6 the diagnostic did not go away after the fix.
set -u
dockls="$1"
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null 2>&1; then
  echo "skip: Neovim is not installed (apt-get install neovim)"
  exit 77
fi
. "$here/scenarios.sh"

nvim_session() {
  LSP_OUT="$1/report.json" timeout -k 5 60 nvim --headless --clean -n -i NONE \
    -c "luafile $here/nvim_e2e.lua" </dev/null >/dev/null 2>&1
  status=$?
  cat "$1/report.json" 2>/dev/null; echo
  return $status
}

run_cases nvim_session
