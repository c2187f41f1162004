#!/bin/sh
# The VS Code end-to-end test: packs editors/vscode into a .vsix (with the
# dockls binary in bin/), installs it into a private code-server (VS Code
# 1.100 served to a browser) bound to 127.0.0.1, and runs e2e.mjs against
# it in Debian's chromium.
#   run_vscode.sh DOCKLS_BINARY BUILD_DIR [STAND_IN_SERVER]
# With STAND_IN_SERVER, the dockls.path setting points at it instead of
# the packaged binary (used to show the test fails against a server that
# publishes nothing).  The tools are installed once under
# BUILD_DIR/vscode-tools; each run works in a fresh BUILD_DIR/vscode-run,
# where screenshots (fail-*.png, vscode.png) and report.json stay.
# Exit status 77 (ctest's skip) only when chromium or the tools cannot be
# installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dockls="$1"
build=$(cd "$2" && pwd)
stand_in="${3:-}"
tools="$build/vscode-tools"
run="$build/vscode-run"
chromium=$(command -v chromium || true)

if [ -z "$chromium" ]; then
  echo "skip: Debian's chromium is not installed (apt-get install chromium)"
  exit 77
fi
if ! sh "$here/install_tools.sh" "$tools"; then
  echo "skip: code-server and playwright-core could not be installed into $tools (npm ci failed)"
  exit 77
fi
if ! sh "$here/build_vsix.sh" "$build/vscode" "$dockls"; then
  echo "FAIL: the extension did not build or pack"
  exit 1
fi

rm -rf "$run"
mkdir -p "$run/user/User" "$run/extensions" "$run/project" "$run/out"
printf '%s' 'FROM alpine:3.20
RUN apk add curl
USER nobody
CMD ["curl", "--version"]
' > "$run/project/Dockerfile"
printf '%s' 'services:
  web:
    build: .
    healthcheck:
      test: ["CMD", "true"]
    env_file: .env
' > "$run/project/compose.yaml"
# The rule levels reach the server as initializationOptions: the test
# expects apk-no-cache as a warning and no compose-no-limits, until
# e2e.mjs rewrites this file to change them while the files are open.
path_setting=""
[ -n "$stand_in" ] && path_setting="\"dockls.path\": \"$stand_in\","
cat > "$run/user/User/settings.json" <<JSON
{
  $path_setting
  "dockls.rules": { "apk-no-cache": "warning", "compose-no-limits": "off" },
  "dockls.log.level": "info",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.enabled": false
}
JSON

code_server="$tools/node_modules/.bin/code-server"
dirs="--user-data-dir $run/user --extensions-dir $run/extensions"
if ! timeout 120 "$code_server" $dirs --install-extension "$build/vscode/dockls.vsix" >"$run/install.log" 2>&1; then
  echo "FAIL: code-server did not install the .vsix:"; cat "$run/install.log"
  exit 1
fi

# A free loopback port: the kernel picks one for a moment.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$code_server" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override $dirs "$run/project" >"$run/code-server.log" 2>&1 &
server_pid=$!
# Only the code-server this script started is stopped (its extension
# host and dockls end with it).
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null' EXIT INT TERM

ready=0
for _ in $(seq 1 150); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
       "http://127.0.0.1:$port/healthz" 2>/dev/null; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [ "$ready" -ne 1 ]; then
  echo "FAIL: code-server did not answer on 127.0.0.1:$port"; tail -20 "$run/code-server.log"
  exit 1
fi

TOOLS="$tools" URL="http://127.0.0.1:$port/?folder=$run/project" PROJECT="$run/project" OUT="$run/out" \
  SETTINGS="$run/user/User/settings.json" CHROMIUM="$chromium" timeout -k 5 240 node "$here/e2e.mjs"
status=$?
if [ "$status" -ne 0 ]; then
  echo "screenshots and logs: $run/out, $run/code-server.log"
  exit 1
fi
echo "ok: squiggle, one Problems entry per problem, hover with the rule page, quick-fix via Ctrl+. saved to disk," \
     "diagnostic gone, compose file re-checked after a Dockerfile edit and after a change on disk," \
     "rule levels changed from the user settings while the files are open"
