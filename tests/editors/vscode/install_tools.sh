#!/bin/sh
# Installs the pinned VS Code test tools (code-server, playwright-core)
# from package-lock.json into TOOLS_DIR, once: a stamp holding the lock
# file's checksum makes a second run a no-op, so CI pays the ~2 minute
# native build only when the pins change.
#   install_tools.sh TOOLS_DIR
# Exit status 0 when the tools are ready, 1 when the install failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tools="$1"
sum=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ -f "$tools/.installed" ] && [ "$(cat "$tools/.installed")" = "$sum" ]; then
  exit 0
fi
# code-server 4.100 runs only on Node.js 20 (its install script refuses
# others); Debian 12's own nodejs is 18, so say why the test is skipped.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
if [ "$node_major" != 20 ]; then
  echo "install_tools.sh: code-server 4.100.3 needs Node.js 20, this machine has ${node_major}" >&2
  exit 1
fi
mkdir -p "$tools"
cp "$here/package.json" "$here/package-lock.json" "$tools/"

# @vscode/ripgrep's install script downloads rg from GitHub, which is out
# of reach; it takes a tarball from this cache instead, so Debian's rg is
# packed into it under the name the script looks for.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_tar" ] && command -v rg >/dev/null 2>&1; then
  mkdir -p "$rg_cache/stage"
  cp "$(command -v rg)" "$rg_cache/stage/rg"
  tar -czf "$rg_tar" -C "$rg_cache/stage" rg
  rm -rf "$rg_cache/stage"
fi

# code-server's install script builds native modules: as root it needs
# unsafe-perm, node-gyp takes Node's headers from /usr instead of
# downloading them, and node-pty's script runs npx without a prompt.
# playwright-core never downloads a browser; the test uses Debian's.
(cd "$tools" &&
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_unsafe_perm=true npm_config_nodedir=/usr \
    npm_config_yes=true timeout 900 npm ci --no-audit --no-fund --loglevel=error) || exit 1
echo "$sum" > "$tools/.installed"
