/* Lexical path handling shared by every layer (see path.h). */
/* PATH_MAX and getcwd come with the POSIX headers the build selects. */
#include "dockls/base/path.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "dockls/base/array.h"
#include "dockls/base/strbuf.h"

char *path_join(const char *dir, const char *rel) {
  StrBuf joined = STRBUF_INIT;
  if (rel[0] != '/') {
    strbuf_append(&joined, dir);
    strbuf_append_char(&joined, '/');
  }
  strbuf_append(&joined, rel);
  /* Fold the segments: "." disappears, ".." removes the previous real
   * segment (or stays, at the start of a relative path). */
  StrArray parts;
  array_init(&parts);
  bool absolute = joined.data[0] == '/';
  char *save = NULL;
  for (char *seg = strtok_r(joined.data, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
    if (strcmp(seg, ".") == 0) continue;
    if (strcmp(seg, "..") == 0 && parts.len > 0 && strcmp(*array_last(&parts), "..") != 0) {
      xfree(array_pop(&parts));
      continue;
    }
    if (strcmp(seg, "..") == 0 && absolute) continue;
    array_push(&parts, xstrdup(seg));
  }
  StrBuf out = STRBUF_INIT;
  if (absolute) strbuf_append_char(&out, '/');
  for (size_t i = 0; i < parts.len; i++) {
    if (i) strbuf_append_char(&out, '/');
    strbuf_append(&out, parts.items[i]);
  }
  if (out.len == 0) strbuf_append_char(&out, '.');
  strarray_delete(&parts);
  strbuf_destroy(&joined);
  return strbuf_take(&out);
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
