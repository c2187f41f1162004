# Sourced by the installers of editors that Debian 12 does not ship
# (install_emacs30.sh, install_nvim010.sh): fetches Debian packages of
# another suite with a private apt state and unpacks them under a cache
# folder, installing nothing.  The system's apt lists, archive cache and
# dpkg database are left as they are (the dpkg status is only read).
#
# slice_init CACHE SUITE...   a fresh CACHE whose apt reads the given
#                             suites of $DOCKLS_DEBIAN_MIRROR (default
#                             deb.debian.org), and their package lists
# slice_apt_get ARGS...       apt-get on that private state
# slice_apt_cache ARGS...     apt-cache on that private state
# slice_unpack PACKAGE...     downloads the packages (name, name=version or
#                             name/suite) and unpacks them into CACHE/root
# slice_finish VERSION        writes the stamp that slice_ready looks for
#                             and drops the lists and .debs
# slice_ready CACHE           true when a finished slice is there
# slice_fail MESSAGE          the reason on stderr, exit status 1
# Each sets slice_cache to the absolute CACHE.

slice_fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

slice_ready() {
  [ -f "$1/.installed" ]
}

slice_apt_get() {
  # shellcheck disable=SC2086
  apt-get $slice_options "$@"
}

slice_apt_cache() {
  # shellcheck disable=SC2086
  apt-cache $slice_options "$@"
}

slice_init() {
  for tool in apt-get apt-cache dpkg dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || slice_fail "$tool is missing (this needs Debian's apt)"
  done
  # apt reads relative Dir:: paths from /, so the cache is made absolute.
  slice_cache=$(mkdir -p "$1" && cd "$1" && pwd) || slice_fail "cannot create $1"
  shift
  rm -rf "$slice_cache"
  mkdir -p "$slice_cache/apt/lists/partial" "$slice_cache/apt/archives/partial" "$slice_cache/debs" \
    "$slice_cache/root"
  mirror="${DOCKLS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  for suite in "$@"; do
    printf 'deb %s %s main\n' "$mirror" "$suite"
  done > "$slice_cache/apt/sources.list"
  # The sandbox user is root so that apt need not hand the download to
  # its _apt user, which may not write into a build folder.
  slice_options="-o Dir::Etc::SourceList=$slice_cache/apt/sources.list -o Dir::Etc::SourceParts=/nonexistent
    -o Dir::State::Lists=$slice_cache/apt/lists -o Dir::Cache=$slice_cache/apt
    -o Dir::Cache::archives=$slice_cache/apt/archives -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
  # apt-get update exits 0 when an index could not be fetched, so its log
  # is read too.
  log="$slice_cache/apt/update.log"
  if ! slice_apt_get -qq update >"$log" 2>&1 || grep -q 'Failed to fetch\|failed to download' "$log"; then
    slice_fail "apt-get update of $mirror $* failed: $(grep -m 2 . "$log")"
  fi
}

slice_unpack() {
  log="$slice_cache/apt/download.log"
  (cd "$slice_cache/debs" && slice_apt_get -qq download "$@") >"$log" 2>&1 ||
    slice_fail "apt-get download $* failed: $(grep -m 2 . "$log")"
  for deb in "$slice_cache"/debs/*.deb; do
    dpkg-deb -x "$deb" "$slice_cache/root" || slice_fail "dpkg-deb -x $deb failed"
  done
}

slice_finish() {
  echo "$1" > "$slice_cache/.installed"
  rm -rf "$slice_cache/debs" "$slice_cache/apt/archives" "$slice_cache/apt/lists" "$slice_cache"/apt/*.bin
}
