#!/bin/sh
# Runs emacs_e2e.el in Emacs --batch with eglot against the dockls binary,
# for each case of scenarios.sh.  Exit status 77 (ctest's skip) when
# Emacs or eglot is not installed.
#   run_emacs.sh DOCKLS_BINARY
set -u
dockls="$1"
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v emacs >/dev/null 2>&1 || ! emacs --batch --eval "(require 'eglot)" >/dev/null 2>&1; then
  echo "skip: Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot)"
  exit 77
fi
. "$here/scenarios.sh"

# Not -Q: Debian's site-start puts the elpa packages on the load path.
emacs_session() {
  timeout -k 5 60 emacs --batch -l "$here/emacs_e2e.el" </dev/null 2>"$1/stderr"
  status=$?
  [ "$status" -eq 0 ] || tail -20 "$1/stderr"
  return $status
}

run_cases emacs_session
