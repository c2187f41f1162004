#!/bin/sh
# The Debian package built from the tree with `dpkg-buildpackage -us -uc -b`
# (in a copy, so the build leaves nothing in the checkout), then unpacked
# into a temporary root and its binary run: the files a user gets, the
# manual page, the uncompressed rule pages that its links name, and the
# package's version agreeing with the project's.  Skipped (77) when
# dpkg-buildpackage or debhelper is not installed.
# Usage: check_deb.sh SOURCE_DIR
set -eu
src=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v dpkg-buildpackage >/dev/null 2>&1 && command -v dh >/dev/null 2>&1 ||
  { echo "dpkg-buildpackage or debhelper not installed: package test skipped"; exit 77; }
[ -f "$src/grammars/node_modules/.package-lock.json" ] ||
  { echo "grammars not installed (make deps): package test skipped"; exit 77; }
tmp=$(mktemp -d /tmp/dockls-deb-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
tar -C "$src" --exclude='./build*' --exclude=./.git --exclude='./obj-*' -cf - . | tar -C "$tmp/src" -xf -
(cd "$tmp/src" && dpkg-buildpackage -us -uc -b > "$tmp/build.log" 2>&1) ||
  { tail -40 "$tmp/build.log"; fail "dpkg-buildpackage failed"; }
deb=$(ls "$tmp"/dockls_*.deb)
project_version=$(sed -n 's/^project(dockls VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
package_version=$(dpkg-deb -f "$deb" Version)
[ "$package_version" = "$project_version" ] ||
  fail "debian/changelog says $package_version, CMakeLists.txt $project_version"
dpkg-deb -f "$deb" Depends | grep -q libtree-sitter || fail "Depends lacks the tree-sitter library"
dpkg-deb -x "$deb" "$tmp/root"
bin=$tmp/root/usr/bin/dockls
"$bin" --version | grep -q "^dockls $project_version" || fail "dockls --version"
[ -s "$tmp/root/usr/share/man/man1/dockls.1.gz" ] || fail "no manual page"
[ -s "$tmp/root/usr/share/doc/dockls/rules/image-unpinned.md" ] || fail "rule pages missing or compressed"
printf 'FROM node\n' > "$tmp/Dockerfile"
(cd "$tmp" && "$bin" check --format sarif Dockerfile > "$tmp/out.sarif") || [ $? = 1 ] || fail "check failed"
grep -q "\"helpUri\":[[:space:]]*\"file://$tmp/root/usr/share/doc/dockls/rules/image-unpinned.md\"" "$tmp/out.sarif" ||
  fail "the packaged binary does not link to its packaged rule pages"
echo "package: $(basename "$deb") built, unpacked and run"
