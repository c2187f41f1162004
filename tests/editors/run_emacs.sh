#!/bin/sh
# Runs emacs_e2e.el in Emacs --batch with eglot on the mixed project of
# scenarios.sh.  Emacs first loads a user init file holding the lines the
# README gives users, so the shipped editors/emacs/dockls.el picks the
# modes and starts eglot.  Exit status 77 (ctest's skip) when Emacs,
# eglot or dockerfile-mode is not installed.
#   run_emacs.sh SERVER [TIMEOUT_MS]
# SERVER is the dockls binary (or a stand-in, to show the test can fail).
# EDITOR_TEST_EMACS names another Emacs than the one on PATH (run_unpacked.sh).
set -u
server="$1"
emacs="${EDITOR_TEST_EMACS:-emacs}"
export LSP_TIMEOUT_MS="${2:-15000}"
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# An interactive Emacs activates the installed packages before reading the
# init file; batch mode does not, so the test does it the same way first.
emacs_start="(progn (require 'package) (package-activate-all))"
if ! command -v "$emacs" >/dev/null 2>&1 ||
   ! "$emacs" --batch --eval "$emacs_start" --eval "(progn (require 'eglot) (require 'dockerfile-mode))" >/dev/null 2>&1; then
  echo "skip: Emacs with eglot and dockerfile-mode is not installed" \
       "(apt-get install emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode)"
  exit 77
fi
. "$here/scenarios.sh"

# Not -Q: Debian's site-start puts the elpa packages on the load path.
emacs_session() {
  init="$1/home/.emacs.d/init.el"
  mkdir -p "$(dirname "$init")"
  printf '(add-to-list (quote load-path) "%s/editors/emacs")\n(require (quote dockls))\n(dockls-setup)\n' \
    "$repo" > "$init"
  timeout -k 5 60 "$emacs" --batch --eval "$emacs_start" -l "$init" -l "$here/emacs_e2e.el" \
    </dev/null 2>"$1/stderr"
  status=$?
  [ "$status" -eq 0 ] || tail -20 "$1/stderr"
  return $status
}

run_project emacs_session "$server"
