#!/bin/sh
# An editor test of run_nvim.sh or run_emacs.sh under an editor newer
# than Debian 12's, unpacked from Debian's archive into BUILD_DIR once
# (install_nvim010.sh, install_emacs30.sh) beside the system's own:
#   nvim010  Neovim 0.10 of Debian 13, where the shipped dockls.lua starts
#            its client with vim.lsp.start
#   emacs30  Emacs 30 of bookworm-backports with its built-in eglot, which
#            the shipped dockls.el also supports (one server per project);
#            the test checks that eglot is the built-in one
# Exit status 77 (ctest's skip) when the editor cannot be unpacked.
#   run_unpacked.sh EDITOR SERVER BUILD_DIR [TIMEOUT_MS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
editor="$1"
cache="$3/$editor"
case "$editor" in
  nvim010) what="Neovim 0.10 from Debian 13" ;;
  emacs30) what="Emacs 30 from bookworm-backports" ;;
  *) echo "run_unpacked.sh: unknown editor $editor" >&2; exit 2 ;;
esac
if ! sh "$here/install_$editor.sh" "$cache"; then
  echo "skip: $what could not be unpacked into $cache (reason above)"
  exit 77
fi
case "$editor" in
  nvim010) EDITOR_TEST_NVIM="$cache/bin/nvim" exec sh "$here/run_nvim.sh" "$2" "${4:-15000}" ;;
  emacs30) EDITOR_TEST_EMACS="$cache/bin/emacs" LSP_BUILTIN_EGLOT=1 exec sh "$here/run_emacs.sh" "$2" "${4:-15000}" ;;
esac
