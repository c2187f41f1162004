#!/bin/sh
# Packages editors/vscode into a .vsix the way a release would, with the
# dockls binary in the extension's bin/ folder, working in a staging copy
# under STAGE so the source tree stays clean.  node_modules is kept
# between runs and reinstalled (npm ci, from the committed lock file) only
# when package.json or package-lock.json change.
#   build_vsix.sh STAGE DOCKLS_BINARY   -> STAGE/dockls.vsix
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../../../editors/vscode" && pwd)
stage="$1/extension"
binary="$2"
mkdir -p "$stage"
sum=$(cat "$source_dir/package.json" "$source_dir/package-lock.json" | sha256sum | cut -d' ' -f1)
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$stage/"
if [ ! -f "$1/extension.installed" ] || [ "$(cat "$1/extension.installed")" != "$sum" ]; then
  (cd "$stage" && timeout 600 npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > "$1/extension.installed"
fi
rm -rf "$stage/src" "$stage/images" "$stage/out" "$stage/bin"
for f in src images tsconfig.json .vscodeignore README.md CHANGELOG.md LICENSE; do
  cp -R "$source_dir/$f" "$stage/"
done
mkdir -p "$stage/bin"
cp "$binary" "$stage/bin/dockls"
# vsce runs the vscode:prepublish script (tsc) before packing.
(cd "$stage" && timeout 300 npx --no-install vsce package --out "$1/dockls.vsix" >/dev/null)
