#!/bin/sh
# Puts the Neovim 0.10 of Debian 13 (trixie) into CACHE without installing
# it (debian_slice.sh), for the test of the shipped dockls.lua's
# vim.lsp.start path: no Debian 12 suite, backports included, has a
# Neovim newer than 0.7.2.  Trixie's build needs trixie's C library, so
# the slice holds that too, with every library nvim links; CACHE/bin/nvim
# starts it through the slice's own dynamic loader with the slice's
# library folder, which changes nothing for other programs (the dockls it
# starts runs on the system's libraries).  A second run is a no-op,
# without network.
#   install_nvim010.sh CACHE
# Exit status 0 when CACHE/bin/nvim is ready, 1 (with the reason on
# stderr) when it cannot be installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian_slice.sh"
slice_ready "$1" && exit 0
suite=trixie
slice_init "$1" "$suite"
cache="$slice_cache"

version=$(slice_apt_cache madison neovim | awk -v s="$suite/" 'index($0, s) { print $3; exit }')
case "$version" in
  0.[0-7].*|'') slice_fail "$suite has no neovim of 0.8 or later (found: ${version:-none})" ;;
esac
# neovim's dependencies in trixie, and the C and GCC runtime libraries
# under them; the check below fails if this list falls behind.
slice_unpack "neovim=$version" "neovim-runtime=$version" libc6/$suite libgcc-s1/$suite \
  libluajit-5.1-2/$suite libmsgpack-c2/$suite libtree-sitter0.22/$suite libunibilium4/$suite \
  libuv1t64/$suite libvterm0/$suite lua-lpeg/$suite lua-luv/$suite

root="$cache/root"
libs="$root/usr/lib/x86_64-linux-gnu"
loader="$libs/ld-linux-x86-64.so.2"
[ -x "$root/usr/bin/nvim" ] && [ -x "$loader" ] && [ -d "$root/usr/share/nvim/runtime" ] ||
  slice_fail "the unpacked Neovim $version lacks its binary, runtime or loader"
# Every library must come from the slice: one taken from the system would
# be a Debian 12 library under a Debian 13 C library.
outside=$("$loader" --library-path "$libs" --list "$root/usr/bin/nvim" 2>&1 |
          grep -v -e "=> $root/" -e linux-vdso)
[ -z "$outside" ] || slice_fail "libraries of nvim missing from the slice: $outside"

mkdir -p "$cache/bin"
cat > "$cache/bin/nvim" <<EOF
#!/bin/sh
VIM="$root/usr/share/nvim" VIMRUNTIME="$root/usr/share/nvim/runtime" \\
  exec "$loader" --library-path "$libs" "$root/usr/bin/nvim" "\$@"
EOF
chmod +x "$cache/bin/nvim"
got=$("$cache/bin/nvim" --version 2>&1) || slice_fail "the unpacked Neovim does not start: $got"
slice_finish "$version"
