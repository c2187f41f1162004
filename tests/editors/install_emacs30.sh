#!/bin/sh
# Puts the Emacs 30 of bookworm-backports, with its built-in eglot, into
# CACHE without installing it: the system Emacs 28 that editor_emacs_eglot
# uses stays as it is.  The .debs are fetched with a private apt state
# (its own sources list, package lists and archive cache under CACHE) and
# unpacked with dpkg -x; CACHE/bin/emacs points the unpacked binary at its
# dump file and its lisp, data and exec folders.  Debian's
# elpa-dockerfile-mode and elpa-yaml-mode are unpacked beside it, into the
# elpa folder of its site-lisp, where package.el finds them as it finds
# Debian's elpa packages.  A stamp makes a second run a no-op, without
# network.
#   install_emacs30.sh CACHE
# Exit status 0 when CACHE/bin/emacs is ready, 1 (with the reason on
# stderr) when it cannot be installed.
set -u
# apt reads relative Dir:: paths from /, so CACHE is made absolute.
cache=$(mkdir -p "$1" && cd "$1" && pwd) || exit 1
suite=bookworm-backports
mirror="${DOCKLS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
emacs_debs="emacs-nox emacs-bin-common emacs-common"
mode_debs="elpa-dockerfile-mode elpa-yaml-mode"

fail() {
  echo "install_emacs30.sh: $*" >&2
  exit 1
}

if [ -x "$cache/bin/emacs" ] && [ -f "$cache/.installed" ]; then
  exit 0
fi
for tool in apt-get apt-cache dpkg dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (this needs Debian's apt)"
done

rm -rf "$cache"
mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs" "$cache/root"
printf 'deb %s bookworm main\ndeb %s %s main\n' "$mirror" "$mirror" "$suite" > "$cache/apt/sources.list"
# Every apt path that would touch the system's state points into CACHE;
# the system's dpkg status is only read.
apt_private="-o Dir::Etc::SourceList=$cache/apt/sources.list -o Dir::Etc::SourceParts=/nonexistent
  -o Dir::State::Lists=$cache/apt/lists -o Dir::Cache=$cache/apt -o Dir::Cache::archives=$cache/apt/archives
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
# apt-get update exits 0 when an index could not be fetched, so its log
# is read too.
# shellcheck disable=SC2086
if ! apt-get $apt_private -qq update >"$cache/apt/update.log" 2>&1 ||
   grep -q 'Failed to fetch\|failed to download' "$cache/apt/update.log"; then
  fail "apt-get update of $mirror $suite failed: $(grep -m 2 . "$cache/apt/update.log")"
fi

# shellcheck disable=SC2086
version=$(apt-cache $apt_private madison emacs-nox | awk -v s="$suite/" 'index($0, s) { print $3; exit }')
case "$version" in
  *:30.*) ;;
  '') fail "$suite has no emacs-nox" ;;
  *) fail "$suite has emacs-nox $version, not Emacs 30" ;;
esac

# The binary's shared libraries come from bookworm itself; Emacs 28 needs
# nearly all of them.  Any that are missing are installed as the
# Makefile's deps target installs packages: as root, else with the line to
# run.
# shellcheck disable=SC2086
missing=""
for lib in $(apt-cache $apt_private show "emacs-nox=$version" | sed -n 's/^Depends: //p' | tr ',' '\n' |
             sed 's/^ *//; s/[ (:].*//' | grep -E '^(lib|zlib)'); do
  dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || fail "Emacs $version needs:$missing (run: sudo apt-get install$missing)"
  echo "install_emacs30.sh: installing the libraries Emacs $version needs:$missing" >&2
  # shellcheck disable=SC2086
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } \
    >"$cache/apt/install.log" 2>&1 || fail "apt-get install$missing failed: $(tail -3 "$cache/apt/install.log")"
fi

targets=""
for p in $emacs_debs; do targets="$targets $p=$version"; done
# shellcheck disable=SC2086
(cd "$cache/debs" && apt-get $apt_private -qq download $targets $mode_debs) >"$cache/apt/download.log" 2>&1 ||
  fail "apt-get download failed: $(tail -3 "$cache/apt/download.log")"
for deb in "$cache"/debs/*.deb; do
  dpkg-deb -x "$deb" "$cache/root" || fail "dpkg-deb -x $deb failed"
done

root="$cache/root"
share=$(ls -d "$root"/usr/share/emacs/30.* 2>/dev/null | head -1)
exec_dir=$(ls -d "$root"/usr/libexec/emacs/30.*/* 2>/dev/null | head -1)
dump=$(ls "$exec_dir"/*.pdmp 2>/dev/null | head -1)
[ -n "$share" ] && [ -n "$dump" ] && [ -x "$root/usr/bin/emacs-nox" ] ||
  fail "the unpacked Emacs $version lacks its lisp folder, dump file or binary"
# Debian's postinst would compile the elpa sources into site-lisp/elpa;
# package.el reads the sources there just as well.
mkdir -p "$root/usr/share/emacs/site-lisp/elpa"
mv "$root"/usr/share/emacs/site-lisp/elpa-src/* "$root/usr/share/emacs/site-lisp/elpa/"

# The binary looks for its files under /usr, where Emacs 28 lives, so the
# wrapper names each folder; EMACSLOADPATH holds no system folder, so
# neither Debian's site-start nor the elpa-eglot 1.9 of Emacs 28 is seen.
mkdir -p "$cache/bin"
cat > "$cache/bin/emacs" <<EOF
#!/bin/sh
EMACSLOADPATH="$share/lisp:$root/usr/share/emacs/site-lisp" EMACSDATA="$share/etc" EMACSDOC="$share/etc" \\
  EMACSPATH="$exec_dir" exec "$root/usr/bin/emacs-nox" --dump-file="$dump" "\$@"
EOF
chmod +x "$cache/bin/emacs"
got=$("$cache/bin/emacs" --batch --eval '(princ emacs-version)' 2>&1) ||
  fail "the unpacked Emacs does not start: $got"
echo "$version" > "$cache/.installed"
rm -rf "$cache/debs" "$cache/apt/archives" "$cache/apt/lists" "$cache"/apt/*.bin
