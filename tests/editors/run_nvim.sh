#!/bin/sh
# Runs nvim_e2e.lua in a headless Neovim on the mixed project of
# scenarios.sh.  Neovim reads an init.lua holding the one line the README
# gives users, so the shipped editors/nvim/dockls.lua starts the server.
# Exit status 77 (ctest's skip) when Neovim is not installed.
#   run_nvim.sh SERVER [TIMEOUT_MS]
# SERVER is the dockls binary (or a stand-in, to show the test can fail).
# Session statuses: 1 Lua error, 2 no diagnostic of the rule, 3 no
# preferred quick-fix, 4 the edit changed nothing, 5 no dockls client
# attached, 6 the diagnostic did not go away after the fix, 7 a wrong
# languageId, 8 more than one server for the project.
# EDITOR_TEST_NVIM names another Neovim than the one on PATH (run_unpacked.sh).
set -u
server="$1"
nvim="${EDITOR_TEST_NVIM:-nvim}"
export LSP_TIMEOUT_MS="${2:-15000}"
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "skip: Neovim is not installed (apt-get install neovim)"
  exit 77
fi
. "$here/scenarios.sh"

nvim_session() {
  mkdir -p "$1/home/.config/nvim"
  printf 'dofile("%s/editors/nvim/dockls.lua")\n' "$repo" > "$1/home/.config/nvim/init.lua"
  # Not --clean: that would skip the user's init.lua.
  LSP_OUT="$1/report.json" timeout -k 5 60 \
    "$nvim" --headless -n -i NONE -c "luafile $here/nvim_e2e.lua" </dev/null >/dev/null 2>&1
  status=$?
  cat "$1/report.json" 2>/dev/null; echo
  return $status
}

run_project nvim_session "$server"
