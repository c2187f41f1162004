/* Dependency edges: which document's analysis looked at which path.  An
 * edge is a (dependent, path) pair; a path that names a folder covers
 * everything below it, because rules scan build contexts.  Edges are
 * rebuilt on every analysis of the dependent, so they always describe
 * what the latest diagnostics were computed from.  Recording happens
 * during analysis, which is why analysis holds a non-const Workspace
 * (the reading-cache contract in workspace.h). */
#include <string.h>

#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "ws_internal.h"

void ws__deps_add(Workspace *ws, FileId dependent, const char *path) {
  if (ws->no_deps && !ws->deps_sink) return;
  /* Edges hold absolute paths, so "./x" and "x" are the same file. */
  char *abs = path_absolute(path);
  /* Before the look back below: a capture must see every read, also one
   * whose edge an earlier read of the same analysis already made. */
  if (ws->deps_sink) array_push(ws->deps_sink, xstrdup(abs));
  if (ws->no_deps) {
    xfree(abs);
    return;
  }
  /* The dependent's edges sit at the end (its old ones were cleared when
   * its analysis began), and rules tend to ask about the same path
   * repeatedly in a row: a short look back removes most duplicates
   * without a quadratic scan.  Duplicates left are harmless. */
  for (size_t i = ws->deps.len, seen = 0; i-- > 0 && seen < 32; seen++) {
    if (ws->deps.items[i].dependent != dependent) break;
    if (strcmp(ws->deps.items[i].path, abs) == 0) {
      xfree(abs);
      return;
    }
  }
  DepEdge e = {dependent, abs};
  array_push(&ws->deps, e);
}

void ws_record_dependencies(Workspace *ws, bool on) { ws->no_deps = !on; }

StrArray *ws_deps_capture(Workspace *ws, StrArray *sink) {
  StrArray *outer = ws->deps_sink;
  ws->deps_sink = sink;
  return outer;
}

void ws_deps_capture_end(Workspace *ws, StrArray *outer, const StrArray *captured) {
  ws->deps_sink = outer;
  for (size_t i = 0; outer && i < captured->len; i++) array_push(outer, xstrdup(captured->items[i]));
}

void ws_deps_record(Workspace *ws, FileId dependent, const char *path) {
  /* The path is one a capture gave, absolute already; and the edges taken
   * from a cache are distinct per service, so the look back for
   * duplicates would cost more than the duplicates it finds. */
  if (ws->deps_sink) array_push(ws->deps_sink, xstrdup(path));
  if (ws->no_deps) return;
  DepEdge e = {dependent, xstrdup(path)};
  array_push(&ws->deps, e);
}

void ws_deps_record_all(Workspace *ws, FileId dependent, const StrArray *paths) {
  for (size_t i = 0; i < paths->len; i++) ws_deps_record(ws, dependent, paths->items[i]);
}

void ws_deps_clear(Workspace *ws, FileId dependent) {
  /* A cache's declaration of its reads is an edge too: the analysis that
   * keeps results declares it again. */
  if (ws_is_live(ws, dependent)) ws__doc(ws, dependent)->analysis_cache_reads = NULL;
  size_t keep = 0;
  for (size_t i = 0; i < ws->deps.len; i++) {
    if (ws->deps.items[i].dependent == dependent) {
      xfree(ws->deps.items[i].path);
    } else {
      ws->deps.items[keep++] = ws->deps.items[i];
    }
  }
  ws->deps.len = keep;
}


static void dependents_add(FileIdArray *out, FileId id) {
  for (size_t k = 0; k < out->len; k++)
    if (out->items[k] == id) return;
  array_push(out, id);
}

void ws_dependents(const Workspace *self, const char *path, FileIdArray *out) {
  char *abs = path_absolute(path);
  for (size_t i = 0; i < self->deps.len; i++) {
    const DepEdge *e = &self->deps.items[i];
    if (ws_is_live(self, e->dependent) && path_is_under(abs, e->path)) dependents_add(out, e->dependent);
  }
  /* The reads of results kept by an analysis cache (ws_set_analysis_cache_reads). */
  for (FileId id = 0; id < self->docs.len; id++) {
    const Document *doc = self->docs.items[id];
    if (doc && doc->analysis_cache_reads && doc->analysis_cache_reads(doc->analysis_cache, abs))
      dependents_add(out, id);
  }
  xfree(abs);
}

void ws__deps_destroy(Workspace *self) {
  for (size_t i = 0; i < self->deps.len; i++) xfree(self->deps.items[i].path);
  array_delete(&self->deps);
}
