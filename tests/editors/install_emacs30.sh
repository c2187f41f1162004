#!/bin/sh
# Puts the Emacs 30 of bookworm-backports, with its built-in eglot, into
# CACHE without installing it (debian_slice.sh): the system Emacs 28 that
# editor_emacs_eglot uses stays as it is.  CACHE/bin/emacs points the
# unpacked binary at its dump file and its lisp, data and exec folders.
# Debian's elpa-dockerfile-mode and elpa-yaml-mode are unpacked beside it,
# into the elpa folder of its site-lisp, where package.el finds them as it
# finds Debian's elpa packages.  A second run is a no-op, without network.
#   install_emacs30.sh CACHE
# Exit status 0 when CACHE/bin/emacs is ready, 1 (with the reason on
# stderr) when it cannot be installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian_slice.sh"
slice_ready "$1" && exit 0
suite=bookworm-backports
slice_init "$1" bookworm "$suite"
cache="$slice_cache"

version=$(slice_apt_cache madison emacs-nox | awk -v s="$suite/" 'index($0, s) { print $3; exit }')
case "$version" in
  *:30.*) ;;
  '') slice_fail "$suite has no emacs-nox" ;;
  *) slice_fail "$suite has emacs-nox $version, not Emacs 30" ;;
esac

# The binary's shared libraries come from bookworm itself; Emacs 28 needs
# nearly all of them.  Any that are missing are installed as the
# Makefile's deps target installs packages: as root, else with the line to
# run.
missing=""
for lib in $(slice_apt_cache show "emacs-nox=$version" | sed -n 's/^Depends: //p' | tr ',' '\n' |
             sed 's/^ *//; s/[ (:].*//' | grep -E '^(lib|zlib)'); do
  dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || slice_fail "Emacs $version needs:$missing (run: sudo apt-get install$missing)"
  echo "install_emacs30.sh: installing the libraries Emacs $version needs:$missing" >&2
  # shellcheck disable=SC2086
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } \
    >"$cache/apt/install.log" 2>&1 || slice_fail "apt-get install$missing failed: $(tail -3 "$cache/apt/install.log")"
fi

slice_unpack "emacs-nox=$version" "emacs-bin-common=$version" "emacs-common=$version" \
  elpa-dockerfile-mode/bookworm elpa-yaml-mode/bookworm

root="$cache/root"
share=$(ls -d "$root"/usr/share/emacs/30.* 2>/dev/null | head -1)
exec_dir=$(ls -d "$root"/usr/libexec/emacs/30.*/* 2>/dev/null | head -1)
dump=$(ls "$exec_dir"/*.pdmp 2>/dev/null | head -1)
[ -n "$share" ] && [ -n "$dump" ] && [ -x "$root/usr/bin/emacs-nox" ] ||
  slice_fail "the unpacked Emacs $version lacks its lisp folder, dump file or binary"
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
  slice_fail "the unpacked Emacs does not start: $got"
slice_finish "$version"
