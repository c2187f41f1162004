#!/bin/sh
# The demo behind `make demo`: lint the bundled example project the way CI
# would, then show what `dockls check --fix` changes, as a diff made on a
# copy so the example stays as it is.
set -u
bin="$1"
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 2

echo "== dockls check demo"
"$bin" check demo
rc=$?
# 1 means "findings", which is the point of the demo; 2 is a real failure.
[ "$rc" -le 1 ] || exit "$rc"

echo
echo "== the fixes dockls offers, applied with 'dockls check --fix' to a copy"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r demo "$tmp/demo"
(cd "$tmp" && "$bin" check --fix demo > /dev/null)
diff -ru demo "$tmp/demo" | sed "s|$tmp/||g"

echo
echo "== after the fixes"
(cd "$tmp" && "$bin" check demo)
exit 0
