#!/bin/sh
# The Emacs test of run_emacs.sh under Emacs 30 and the eglot built into
# it, which the shipped editors/emacs/dockls.el also supports (there one
# server serves both kinds of file).  Emacs 30 comes from
# bookworm-backports, unpacked once into BUILD_DIR/emacs30 by
# install_emacs30.sh beside the system's Emacs 28.  Exit status 77
# (ctest's skip) when it cannot be installed.
#   run_emacs30.sh SERVER BUILD_DIR [TIMEOUT_MS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
cache="$2/emacs30"
if ! sh "$here/install_emacs30.sh" "$cache"; then
  echo "skip: Emacs 30 from bookworm-backports could not be unpacked into $cache (reason above)"
  exit 77
fi
EDITOR_TEST_EMACS="$cache/bin/emacs" LSP_BUILTIN_EGLOT=1 exec sh "$here/run_emacs.sh" "$1" "${3:-15000}"
