#!/bin/sh
# `cmake --install` into a temporary prefix, then the installed binary used
# as a user would: it runs, its manual page and every rule page are there,
# and the rule links it emits point at those installed pages — also after
# the whole prefix is moved, since the binary finds them from its own
# location.  Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
tmp=$(mktemp -d /tmp/dockls-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/usr" >/dev/null
bin=$tmp/usr/bin/dockls
[ -x "$bin" ] || fail "no binary at $bin"
"$bin" --version | grep -q '^dockls ' || fail "--version"
[ -s "$tmp/usr/share/man/man1/dockls.1" ] || fail "no manual page"
rules=$("$bin" rules | awk '{print $1}')
[ -n "$rules" ] || fail "no rules listed"
for id in $rules; do
  [ -s "$tmp/usr/share/doc/dockls/rules/$id.md" ] || fail "rule page $id.md not installed"
done

# The links of the installed binary name installed pages that exist.
printf 'FROM node\n' > "$tmp/Dockerfile"
check_links() {
  prefix=$1
  (cd "$tmp" && "$prefix/bin/dockls" check --format sarif Dockerfile > "$tmp/out.sarif") || [ $? = 1 ] ||
    fail "check failed"
  want="file://$prefix/share/doc/dockls/rules/image-unpinned.md"
  grep -q "\"helpUri\":[[:space:]]*\"$want\"" "$tmp/out.sarif" || fail "helpUri is not $want"
  # Every helpUri must open.
  grep -o '"helpUri":[[:space:]]*"file://[^"]*"' "$tmp/out.sarif" | sed 's/.*"file:\/\///; s/"$//' |
    while read -r page; do [ -s "$page" ] || fail "helpUri names a missing page: $page"; done
  if grep -q "$src/docs" "$tmp/out.sarif"; then fail "a link points into the source tree"; fi
}
check_links "$tmp/usr"
mv "$tmp/usr" "$tmp/moved"
check_links "$tmp/moved"

# The server gives editors the same link (codeDescription.href).
printf 'Content-Length: 58\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > "$tmp/lsp.in"
body='{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM node\n"}}}'
printf 'Content-Length: %s\r\n\r\n%s' "$(printf '%s' "$body" | wc -c)" "$body" >> "$tmp/lsp.in"
"$tmp/moved/bin/dockls" < "$tmp/lsp.in" > "$tmp/lsp.out" 2>/dev/null || true
grep -q "\"codeDescription\":{\"href\":\"file://$tmp/moved/share/doc/dockls/rules/image-unpinned.md\"}" \
  "$tmp/lsp.out" || fail "the server's codeDescription does not name the installed page"
echo "install: binary, manual page, $(echo "$rules" | wc -l) rule pages and their links verified"
