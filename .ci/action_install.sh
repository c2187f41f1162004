#!/usr/bin/env bash
# Used by action.yml: builds dockls from the action's own checkout and
# installs it under PREFIX (binary, manual page, rule pages).  Runs on
# GitHub's Ubuntu runners, where sudo needs no password.
set -euo pipefail
prefix=$1
here=$(cd "$(dirname "$0")/.." && pwd)
packages="gcc libc6-dev cmake make pkg-config libtree-sitter-dev libcjson-dev libyaml-dev"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
(cd "$here/grammars" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
cmake -S "$here" -B "$RUNNER_TEMP/dockls-build" -DCMAKE_BUILD_TYPE=Release -DDOCKLS_TESTS=OFF >/dev/null
cmake --build "$RUNNER_TEMP/dockls-build" -j "$(nproc)" --target dockls
cmake --install "$RUNNER_TEMP/dockls-build" --prefix "$prefix"
