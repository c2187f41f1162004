/* The in-memory file system of memfs.h: a flat list of files by absolute,
 * folded path.  Test projects hold a handful of files, so lookups are
 * linear on purpose. */
#include "memfs.h"

#include <stdlib.h>
#include <string.h>

#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"

typedef struct {
  char *path;
  char *content;
  size_t len;
} MemFile;

struct MemFs {
  Fs fs; /* first, so that the Fs pointer is the MemFs pointer */
  Array(MemFile) files;
};

static const MemFile *memfs_find(const MemFs *self, const char *path) {
  for (size_t i = 0; i < self->files.len; i++)
    if (strcmp(self->files.items[i].path, path) == 0) return &self->files.items[i];
  return NULL;
}

static bool memfs_is_dir(const MemFs *self, const char *path) {
  for (size_t i = 0; i < self->files.len; i++) {
    const char *f = self->files.items[i].path;
    if (strcmp(f, path) != 0 && path_is_under(f, path)) return true;
  }
  return false;
}

static char *memfs_error(const char *path, const char *reason) {
  StrBuf b = STRBUF_INIT;
  strbuf_appendf(&b, "%s: %s", path, reason);
  return strbuf_take(&b);
}

static bool memfs_read(const Fs *fs, const char *path, size_t max_bytes, char **out, size_t *len, char **err) {
  const MemFs *self = (const MemFs *)fs;
  char *abs = path_join("/", path);
  const MemFile *f = memfs_find(self, abs);
  bool dir = !f && memfs_is_dir(self, abs);
  xfree(abs);
  if (!f) {
    *err = memfs_error(path, dir ? "Is a directory" : "No such file or directory");
    return false;
  }
  if (f->len > max_bytes) {
    *err = memfs_error(path, "file too large");
    return false;
  }
  *out = xmalloc(f->len + 1);
  memcpy(*out, f->content, f->len);
  (*out)[f->len] = '\0';
  *len = f->len;
  return true;
}

static FsKind memfs_kind(const Fs *fs, const char *path, bool follow, char **err) {
  (void)follow;
  (void)err;
  const MemFs *self = (const MemFs *)fs;
  char *abs = path_join("/", path);
  FsKind kind = memfs_find(self, abs) ? FS_KIND_FILE : memfs_is_dir(self, abs) ? FS_KIND_DIR : FS_KIND_MISSING;
  xfree(abs);
  return kind;
}

static int memfs_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool memfs_list(const Fs *fs, const char *path, StrArray *names, char **err) {
  const MemFs *self = (const MemFs *)fs;
  char *abs = path_join("/", path);
  if (!memfs_is_dir(self, abs)) {
    *err = memfs_error(path, "No such file or directory");
    xfree(abs);
    return false;
  }
  size_t first = names->len, n = strcmp(abs, "/") == 0 ? 0 : strlen(abs);
  for (size_t i = 0; i < self->files.len; i++) {
    const char *f = self->files.items[i].path;
    if (strcmp(f, abs) == 0 || !path_is_under(f, abs)) continue;
    const char *rest = f + n + 1;
    const char *slash = strchr(rest, '/');
    char *entry = slash ? xstrndup(rest, (size_t)(slash - rest)) : xstrdup(rest);
    bool seen = false;
    for (size_t k = first; k < names->len && !seen; k++) seen = strcmp(names->items[k], entry) == 0;
    if (seen) xfree(entry);
    else array_push(names, entry);
  }
  if (names->len - first > 1) qsort(names->items + first, names->len - first, sizeof *names->items, memfs_compare);
  xfree(abs);
  return true;
}

static char *memfs_resolve(const Fs *fs, const char *path, bool *loop) {
  *loop = false;
  const MemFs *self = (const MemFs *)fs;
  char *abs = path_join("/", path);
  if (memfs_find(self, abs) || memfs_is_dir(self, abs) || strcmp(abs, "/") == 0) return abs;
  xfree(abs);
  return NULL;
}

/* A copy of the bytes, NULs included (xstrndup would stop at the first:
 * some cases hold a NUL byte on purpose). */
static char *memfs_copy(const char *content, size_t len) {
  char *copy = xmalloc(len + 1);
  memcpy(copy, content, len);
  copy[len] = '\0';
  return copy;
}

MemFs *memfs_new(void) {
  MemFs *self = xcalloc(1, sizeof *self);
  self->fs = (Fs){memfs_read, memfs_kind, memfs_list, memfs_resolve};
  array_init(&self->files);
  return self;
}

void memfs_add(MemFs *self, const char *path, const char *content, size_t len) {
  char *abs = path_join("/", path);
  for (size_t i = 0; i < self->files.len; i++)
    if (strcmp(self->files.items[i].path, abs) == 0) {
      xfree(self->files.items[i].content);
      self->files.items[i].content = memfs_copy(content, len);
      self->files.items[i].len = len;
      xfree(abs);
      return;
    }
  MemFile f = {abs, memfs_copy(content, len), len};
  array_push(&self->files, f);
}

void memfs_remove(MemFs *self, const char *path) {
  char *abs = path_join("/", path);
  for (size_t i = 0; i < self->files.len; i++)
    if (strcmp(self->files.items[i].path, abs) == 0) {
      xfree(self->files.items[i].path);
      xfree(self->files.items[i].content);
      self->files.items[i] = self->files.items[--self->files.len];
      break;
    }
  xfree(abs);
}

const Fs *memfs_fs(MemFs *self) { return &self->fs; }

void memfs_delete(MemFs *self) {
  if (!self) return;
  for (size_t i = 0; i < self->files.len; i++) {
    xfree(self->files.items[i].path);
    xfree(self->files.items[i].content);
  }
  array_delete(&self->files);
  xfree(self);
}
