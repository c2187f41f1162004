# Sourced by the editor runners (run_nvim.sh, run_emacs.sh): the mixed
# project every editor test opens, and the check of what the editor saved.
#
# run_project EDITOR_FN SERVER: writes a project holding a Dockerfile and
# a compose file (and no .git, so the clients must find a root without
# one) into a scratch folder, puts SERVER on PATH under the name dockls,
# the way a user installs it, and runs EDITOR_FN SCRATCH with
#   LSP_DIR    the project folder
#   LSP_CASES  "FILE=RULE ...": each file and the rule whose preferred
#              quick-fix the editor applies and saves
#   HOME, XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME  inside SCRATCH
# The runner writes the editor's user configuration (from the README)
# under SCRATCH/home before starting the editor.  Afterwards every file
# must carry its fix.
run_project() {
  editor=$1
  server=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
  work=$(mktemp -d)
  mkdir -p "$work/bin" "$work/home" "$work/project"
  ln -s "$server" "$work/bin/dockls"
  printf '%s' 'FROM alpine:3.20
RUN apk add curl
USER nobody
CMD ["curl", "--version"]
' > "$work/project/Dockerfile"
  printf '%s' 'version: "3.8"
services:
  web:
    build: .
' > "$work/project/compose.yaml"
  PATH="$work/bin:$PATH" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_STATE_HOME="$work/home/.local/state" XDG_DATA_HOME="$work/home/.local/share" \
    LSP_DIR="$work/project" LSP_CASES="Dockerfile=apk-no-cache compose.yaml=compose-version-obsolete" \
    "$editor" "$work"
  status=$?
  failed=0
  if [ "$status" -ne 0 ]; then
    echo "FAIL: the editor session ended with status $status"
    failed=1
  elif ! saved_has "$work/project/Dockerfile" 'apk add --no-cache curl' 'apk add curl' ||
       ! saved_has "$work/project/compose.yaml" '^services:' '^version:'; then
    failed=1
  else
    echo "ok: Dockerfile and compose.yaml open in one session, diagnostics shown," \
         "quick-fixes applied and saved, diagnostics gone"
  fi
  rm -rf "$work"
  return $failed
}

# saved_has FILE PATTERN GONE: FILE matches PATTERN and not GONE.
saved_has() {
  if grep -q -- "$2" "$1" && ! grep -q -- "$3" "$1"; then return 0; fi
  echo "FAIL: $(basename "$1") does not carry the fix:"
  cat "$1"
  return 1
}
