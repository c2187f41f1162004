/* Lexical path handling shared by every layer (see path.h). */
/* PATH_MAX and getcwd come with the POSIX headers the build selects. */
#include "dockls/base/path.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "dockls/base/array.h"
#include "dockls/base/strbuf.h"

/* Whether the last segment of out[base, n) is "..". */
static bool join_last_is_up(const char *out, size_t n, size_t base) {
  size_t start = n;
  while (start > base && out[start - 1] != '/') start--;
  return n - start == 2 && out[start] == '.' && out[start + 1] == '.';
}

/* Folds the segments of s[0, len) onto out[0, n), whose first `base`
 * bytes are the root "/" of an absolute path: "." disappears, ".."
 * removes the previous real segment (or stays, at the start of a
 * relative path).  Returns the new length. */
static size_t join_fold(char *out, size_t n, size_t base, bool absolute, const char *s, size_t len) {
  for (size_t a = 0; a < len;) {
    size_t b = a;
    while (b < len && s[b] != '/') b++;
    size_t seg = b - a;
    const char *p = s + a;
    a = b + 1;
    if (seg == 0 || (seg == 1 && p[0] == '.')) continue;
    if (seg == 2 && p[0] == '.' && p[1] == '.') {
      if (n > base && !join_last_is_up(out, n, base)) {
        while (n > base && out[n - 1] != '/') n--;
        if (n > base) n--;
        continue;
      }
      if (absolute) continue;
    }
    if (n > base) out[n++] = '/';
    memcpy(out + n, p, seg);
    n += seg;
  }
  return n;
}

char *path_join(const char *dir, const char *rel) {
  /* One pass into one buffer: this runs for every path a rule checks on
   * every keystroke, and splitting into allocated segments was most of
   * a compose file's path checks. */
  bool own = rel[0] == '/';
  size_t dlen = own ? 0 : strlen(dir), rlen = strlen(rel);
  /* The text joined is dir "/" rel (or rel alone), absolute when it
   * starts with '/'. */
  bool absolute = own || dlen == 0 || dir[0] == '/';
  char *out = xmalloc(dlen + rlen + 3);
  size_t base = absolute ? 1 : 0, n = base;
  out[0] = '/';
  if (!own) n = join_fold(out, n, base, absolute, dir, dlen);
  n = join_fold(out, n, base, absolute, rel, rlen);
  if (n == 0) out[n++] = '.';
  out[n] = '\0';
  return out;
}

char *path_absolute(const char *path) {
  if (path[0] == '/') return path_join("/", path);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return path_join(".", path);
  return path_join(cwd, path);
}

char *path_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return xstrdup(".");
  if (slash == path) return xstrdup("/");
  return xstrndup(path, (size_t)(slash - path));
}

char *path_append(const char *dir, const char *name) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, dir);
  if (b.len > 0 && b.data[b.len - 1] != '/') strbuf_append_char(&b, '/');
  strbuf_append(&b, name);
  return strbuf_take(&b);
}

const char *path_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool path_is_under(const char *path, const char *dir) {
  size_t n = strlen(dir);
  if (n > 0 && dir[n - 1] == '/') n--;
  return strncmp(dir, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool path_has_suffix(const char *name, const char *const *suffixes) {
  size_t n = strlen(name);
  for (size_t i = 0; suffixes[i]; i++) {
    size_t k = strlen(suffixes[i]);
    if (n > k && strcmp(name + n - k, suffixes[i]) == 0) return true;
  }
  return false;
}
