/* The file-system cache of fs_cache.h.  Entries are keyed by the operation,
 * the path exactly as the caller spelled it and, for kind, whether links are
 * followed; each also holds the path made absolute, which is what
 * fs_cache_forget compares against (the events that invalidate come as
 * absolute paths, while the CLI may ask with relative ones).  Lookups are
 * hashed; forgetting walks every entry, which is fine because changes of
 * the disk are rare next to keystrokes. */
#include "dockls/base/fs_cache.h"

#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/path.h"

typedef enum { OP_READ, OP_KIND, OP_LIST, OP_RESOLVE } FsOp;

typedef struct Entry Entry;
struct Entry {
  Entry *next;
  FsOp op;
  bool follow;      /* OP_KIND: whether links were followed */
  size_t max_bytes; /* OP_READ: the limit the failure was reported under */
  char *path;
  char *abs;
  size_t hash;
  bool ok;          /* OP_READ, OP_LIST: the operation succeeded */
  FsKind kind;      /* OP_KIND */
  char *err;        /* failure message (OP_READ, OP_LIST; OP_KIND may have one) */
  StrArray names;   /* OP_LIST */
  char *resolved;   /* OP_RESOLVE: NULL when it could not be resolved */
  bool loop;        /* OP_RESOLVE */
};

struct FsCache {
  Fs fs; /* first, so that the Fs pointer is the FsCache pointer */
  const Fs *inner;
  Array(Entry *) buckets;
  size_t count;
};

static size_t fs_cache_hash(FsOp op, const char *path) {
  size_t h = 1469598103934665603ull ^ (size_t)op;
  for (; *path; path++) h = (h ^ (unsigned char)*path) * 1099511628211ull;
  return h;
}

static Entry *fs_cache_find(const FsCache *self, FsOp op, const char *path, bool follow) {
  if (!self->buckets.len) return NULL;
  size_t h = fs_cache_hash(op, path);
  for (Entry *e = self->buckets.items[h % self->buckets.len]; e; e = e->next)
    if (e->hash == h && e->op == op && e->follow == follow && strcmp(e->path, path) == 0) return e;
  return NULL;
}

static void fs_cache_rehash(FsCache *self, size_t n) {
  Entry *all = NULL;
  for (size_t i = 0; i < self->buckets.len; i++)
    for (Entry *e = self->buckets.items[i], *next; e; e = next) {
      next = e->next;
      e->next = all;
      all = e;
    }
  array_delete(&self->buckets);
  array_reserve(&self->buckets, n);
  for (size_t i = 0; i < n; i++) self->buckets.items[i] = NULL;
  self->buckets.len = n;
  for (Entry *e = all, *next; e; e = next) {
    next = e->next;
    Entry **slot = &self->buckets.items[e->hash % n];
    e->next = *slot;
    *slot = e;
  }
}

/* A new, empty entry for (op, path, follow), linked into its bucket. */
static Entry *fs_cache_insert(FsCache *self, FsOp op, const char *path, bool follow) {
  if (self->count >= self->buckets.len * 2) fs_cache_rehash(self, self->buckets.len ? self->buckets.len * 4 : 64);
  Entry *e = xcalloc(1, sizeof *e);
  e->op = op;
  e->follow = follow;
  e->path = xstrdup(path);
  e->abs = path_absolute(path);
  e->hash = fs_cache_hash(op, path);
  array_init(&e->names);
  Entry **slot = &self->buckets.items[e->hash % self->buckets.len];
  e->next = *slot;
  *slot = e;
  self->count++;
  return e;
}

static void fs_cache_free_entry(Entry *e) {
  xfree(e->path);
  xfree(e->abs);
  xfree(e->err);
  strarray_delete(&e->names);
  xfree(e->resolved);
  xfree(e);
}

static bool fs_cache_read(const Fs *fs, const char *path, size_t max_bytes, char **out, size_t *len,
                          char **err) {
  FsCache *self = (FsCache *)fs;
  Entry *e = fs_cache_find(self, OP_READ, path, false);
  if (e && e->max_bytes == max_bytes) {
    *err = xstrdup(e->err);
    return false;
  }
  char *why = NULL;
  if (self->inner->read_file(self->inner, path, max_bytes, out, len, &why)) return true;
  if (!e) e = fs_cache_insert(self, OP_READ, path, false);
  xfree(e->err);
  e->err = why;
  e->max_bytes = max_bytes;
  *err = xstrdup(why);
  return false;
}

static FsKind fs_cache_kind(const Fs *fs, const char *path, bool follow, char **err) {
  FsCache *self = (FsCache *)fs;
  Entry *e = fs_cache_find(self, OP_KIND, path, follow);
  if (!e) {
    e = fs_cache_insert(self, OP_KIND, path, follow);
    e->kind = self->inner->kind(self->inner, path, follow, &e->err);
  }
  if (err) *err = e->err ? xstrdup(e->err) : NULL;
  return e->kind;
}

static Entry *fs_cache_listing(FsCache *self, const char *path) {
  Entry *e = fs_cache_find(self, OP_LIST, path, false);
  if (!e) {
    e = fs_cache_insert(self, OP_LIST, path, false);
    e->ok = self->inner->list_dir(self->inner, path, &e->names, &e->err);
  }
  return e;
}

const StrArray *fs_cache_list_view(FsCache *self, const char *path) {
  const Entry *e = fs_cache_listing(self, path);
  return e->ok ? &e->names : NULL;
}

static bool fs_cache_list(const Fs *fs, const char *path, StrArray *names, char **err) {
  const Entry *e = fs_cache_listing((FsCache *)fs, path);
  if (!e->ok) {
    *err = xstrdup(e->err);
    return false;
  }
  for (size_t i = 0; i < e->names.len; i++) array_push(names, xstrdup(e->names.items[i]));
  return true;
}

static char *fs_cache_resolve(const Fs *fs, const char *path, bool *loop) {
  FsCache *self = (FsCache *)fs;
  Entry *e = fs_cache_find(self, OP_RESOLVE, path, false);
  if (!e) {
    e = fs_cache_insert(self, OP_RESOLVE, path, false);
    e->resolved = self->inner->resolve(self->inner, path, &e->loop);
  }
  *loop = e->loop;
  return e->resolved ? xstrdup(e->resolved) : NULL;
}

FsCache *fs_cache_new(const Fs *inner) {
  FsCache *self = xcalloc(1, sizeof *self);
  self->fs = (Fs){fs_cache_read, fs_cache_kind, fs_cache_list, fs_cache_resolve};
  self->inner = inner;
  array_init(&self->buckets);
  return self;
}

const Fs *fs_cache_fs(FsCache *self) { return &self->fs; }

void fs_cache_forget(FsCache *self, const char *path) {
  char *abs = path ? path_absolute(path) : NULL;
  for (size_t i = 0; i < self->buckets.len; i++)
    for (Entry **slot = &self->buckets.items[i]; *slot;) {
      Entry *e = *slot;
      bool related = !abs || path_is_under(e->abs, abs) || path_is_under(abs, e->abs);
      if (!related) {
        slot = &e->next;
        continue;
      }
      *slot = e->next;
      fs_cache_free_entry(e);
      self->count--;
    }
  xfree(abs);
}

void fs_cache_delete(FsCache *self) {
  if (!self) return;
  fs_cache_forget(self, NULL);
  array_delete(&self->buckets);
  xfree(self);
}
