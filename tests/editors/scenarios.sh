# Sourced by run_nvim.sh and run_emacs.sh: the cases every editor test
# runs, and the check of what the editor saved.  Each case writes a file
# to a scratch folder, runs the editor on it (the function named by the
# runner, which gets LSP_CMD, LSP_FILE, LSP_RULE and LSP_LANGUAGE), and
# then looks at the saved file: the preferred quick-fix must be in it.

# run_case EDITOR_FN NAME LANGUAGE RULE FILE_TEXT FIXED_PATTERN GONE_PATTERN:
# after the session the file must match FIXED_PATTERN and not GONE_PATTERN.
run_case() {
  editor=$1 name=$2 language=$3 rule=$4 text=$5 pattern=$6 gone=$7
  work=$(mktemp -d)
  printf '%s' "$text" > "$work/$name"
  LSP_CMD="[\"$dockls\", \"--stdio\"]" LSP_FILE="$work/$name" LSP_RULE="$rule" LSP_LANGUAGE="$language" \
    HOME="$work" XDG_STATE_HOME="$work" "$editor" "$work"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL: $name / $rule: the editor session ended with status $status"
    rm -rf "$work"
    return 1
  fi
  if ! grep -q -- "$pattern" "$work/$name" || grep -q -- "$gone" "$work/$name"; then
    echo "FAIL: $name / $rule: the saved file does not carry the fix:"; cat "$work/$name"
    rm -rf "$work"
    return 1
  fi
  echo "ok: $name / $rule: diagnostic shown, quick-fix applied and saved, diagnostic gone"
  rm -rf "$work"
}

# run_cases EDITOR_FN: a Dockerfile and a compose file.
run_cases() {
  failed=0
  run_case "$1" Dockerfile dockerfile apk-no-cache \
    'FROM alpine:3.20
RUN apk add curl
USER nobody
CMD ["curl", "--version"]
' 'apk add --no-cache curl' 'apk add curl' || failed=1
  run_case "$1" compose.yaml dockercompose compose-version-obsolete \
    'version: "3.8"
services:
  web:
    image: nginx:1.27
' '^services:' '^version:' || failed=1
  return $failed
}
