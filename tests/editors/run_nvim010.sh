#!/bin/sh
# The Neovim test of run_nvim.sh under Neovim 0.10, where the shipped
# editors/nvim/dockls.lua starts its client with vim.lsp.start.  Neovim
# comes from Debian 13, unpacked once into BUILD_DIR/nvim010 by
# install_nvim010.sh beside the system's 0.7.2.  Exit status 77 (ctest's
# skip) when it cannot be installed.
#   run_nvim010.sh SERVER BUILD_DIR [TIMEOUT_MS]
set -u
here=$(cd "$(dirname "$0")" && pwd)
cache="$2/nvim010"
if ! sh "$here/install_nvim010.sh" "$cache"; then
  echo "skip: Neovim 0.10 from Debian 13 could not be unpacked into $cache (reason above)"
  exit 77
fi
EDITOR_TEST_NVIM="$cache/bin/nvim" exec sh "$here/run_nvim.sh" "$1" "${3:-15000}"
