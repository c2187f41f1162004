/* The open compose documents by folder (see ws_open_composes_above in
 * files.h).  A Dockerfile's build context may be set by any open compose
 * file in a folder above it, and `dockls check` over a large tree asks
 * this for each of thousands of Dockerfiles: comparing each with every
 * open compose document made the run quadratic.  The index is a list of
 * (folder, id) pairs sorted by folder, built on first use after the set of
 * open documents changed, so one question costs one binary search per
 * folder above the Dockerfile. */
#include <stdlib.h>
#include <string.h>

#include "dockls/base/path.h"
#include "dockls/workspace/files.h"
#include "ws_internal.h"

static int compose_dirs_compare(const void *a, const void *b) {
  const ComposeDir *x = a, *y = b;
  int c = strcmp(x->dir, y->dir);
  if (c) return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

void ws__compose_dirs_clear(Workspace *ws) {
  for (size_t i = 0; i < ws->compose_dirs.len; i++) xfree(ws->compose_dirs.items[i].dir);
  array_clear(&ws->compose_dirs);
  ws->compose_dirs_built = false;
}

static void compose_dirs_build(Workspace *ws) {
  for (FileId id = 0; id < ws->docs.len; id++) {
    const Document *doc = ws->docs.items[id];
    if (!doc || !doc->open || doc->kind != DOC_KIND_COMPOSE || !doc->abs) continue;
    ComposeDir e = {path_dirname(doc->abs), id};
    array_push(&ws->compose_dirs, e);
  }
  if (ws->compose_dirs.len > 1)
    qsort(ws->compose_dirs.items, ws->compose_dirs.len, sizeof *ws->compose_dirs.items,
          compose_dirs_compare);
  ws->compose_dirs_built = true;
}

/* Index of the first entry whose folder is not below `dir` in sort order. */
static size_t compose_dirs_lower_bound(const Workspace *ws, const char *dir) {
  size_t lo = 0, hi = ws->compose_dirs.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ws->compose_dirs.items[mid].dir, dir) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int file_id_compare(const void *a, const void *b) {
  FileId x = *(const FileId *)a, y = *(const FileId *)b;
  return x < y ? -1 : x > y;
}

void ws_open_composes_above(Workspace *ws, const char *dir, FileIdArray *out) {
  if (!ws->compose_dirs_built) compose_dirs_build(ws);
  if (ws->compose_dirs.len == 0) return;
  size_t first = out->len;
  char *level = xstrdup(dir);
  for (;;) {
    for (size_t i = compose_dirs_lower_bound(ws, level);
         i < ws->compose_dirs.len && strcmp(ws->compose_dirs.items[i].dir, level) == 0; i++)
      array_push(out, ws->compose_dirs.items[i].id);
    char *up = path_dirname(level);
    bool top = strcmp(up, level) == 0;
    xfree(level);
    level = up;
    if (top) break;
  }
  xfree(level);
  /* Callers see the documents in the order the workspace holds them, as a
   * walk over all ids would give. */
  if (out->len - first > 1) qsort(out->items + first, out->len - first, sizeof *out->items, file_id_compare);
}
