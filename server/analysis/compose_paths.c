/* The host paths a compose file names (see compose_paths.h): one walk over
 * the model that the document links and the hover share, so that both
 * always agree about which scalars are paths and what they resolve to. */
#include "compose_paths.h"

#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/path.h"
#include "dockls/model/compose.h"
#include "rules/internal.h"

typedef struct {
  ComposePathVisit visit;
  void *ctx;
} PathWalk;

/* text[off, off+len) of a scalar, resolved against `base`, when the scalar
 * is verbatim in the source. */
static void walk_path(const PathWalk *w, const char *base, const ComposeNode *node, size_t off, size_t len) {
  size_t start;
  if (!base || !compose_is_scalar(node) || !node->text || len == 0 || !compose_text_offset(node, off, &start))
    return;
  char *rel = xstrndup(node->text + off, len);
  if (rel[0] != '~' && !strchr(rel, '$')) {
    char *path = path_join(base, rel);
    w->visit(w->ctx, start, start + len, path);
    xfree(path);
  }
  xfree(rel);
}

static void walk_scalar(const PathWalk *w, const char *base, const ComposeNode *node) {
  if (compose_is_scalar(node) && node->text) walk_path(w, base, node, 0, strlen(node->text));
}

/* A scalar, the items of a list, or the `key` (a scalar or list) of the
 * mappings among them: env_file and include take all these forms. */
static void walk_list(const PathWalk *w, const char *base, const ComposeNode *node, const char *key) {
  if (!node) return;
  if (node->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < node->nitems; i++) walk_list(w, base, node->items[i], key);
  } else if (node->kind == COMPOSE_NODE_MAP) {
    const ComposeNode *inner = compose_get(node, key);
    if (inner && inner->kind != COMPOSE_NODE_MAP) walk_list(w, base, inner, key);
  } else {
    walk_scalar(w, base, node);
  }
}

static void walk_service(const PathWalk *w, const char *dir, const ComposeNode *svc) {
  const ComposeNode *build = compose_get(svc, "build");
  char *ctx_dir = NULL, *df = NULL;
  const char *target;
  /* A local build context (not a URL, no variable), then build.dockerfile,
   * which is relative to the context, not to the file. */
  if (build && rules__service_build(svc, dir, &ctx_dir, &df, &target)) {
    const ComposeNode *context = compose_is_scalar(build) ? build : compose_get(build, "context");
    if (context) walk_scalar(w, dir, context);
    const ComposeNode *dockerfile = compose_get(build, "dockerfile");
    if (dockerfile) walk_scalar(w, ctx_dir, dockerfile);
  }
  xfree(ctx_dir);
  xfree(df);
  walk_list(w, dir, compose_get(svc, "env_file"), "path");
  walk_scalar(w, dir, compose_get(compose_get(svc, "extends"), "file"));
  const ComposeNode *volumes = compose_get(svc, "volumes");
  for (size_t i = 0; volumes && volumes->kind == COMPOSE_NODE_SEQ && i < volumes->nitems; i++) {
    ComposeMount mount;
    if (compose_mount_parse(volumes->items[i], &mount) && mount.kind == COMPOSE_MOUNT_BIND && mount.source)
      walk_path(w, dir, mount.source, mount.source_off, mount.source_len);
  }
}

void analysis__compose_paths(Workspace *ws, FileId id, ComposePathVisit visit, void *ctx) {
  const ComposeModel *m = ws_kind(ws, id) == DOC_KIND_COMPOSE ? ws_compose(ws, id) : NULL;
  const char *path = ws_path(ws, id);
  if (!m || !m->root || !path) return;
  PathWalk w = {visit, ctx};
  char *abs = path_absolute(path), *dir = path_dirname(abs);
  xfree(abs);
  walk_list(&w, dir, compose_get(m->root, "include"), "path");
  static const char *const sections[] = {"configs", "secrets"};
  for (size_t k = 0; k < 2; k++) {
    const ComposeNode *map = compose_get(m->root, sections[k]);
    for (size_t i = 0; map && map->kind == COMPOSE_NODE_MAP && i < map->npairs; i++)
      walk_scalar(&w, dir, compose_get(map->pairs[i].value, "file"));
  }
  for (size_t i = 0; m->services && m->services->kind == COMPOSE_NODE_MAP && i < m->services->npairs; i++)
    walk_service(&w, dir, m->services->pairs[i].value);
  xfree(dir);
}
