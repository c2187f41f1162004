/* The build context of the Dockerfile being analysed.  By default it is
 * the Dockerfile's own folder, which is what `docker build .` beside it
 * uses.  A compose file often says otherwise (`build: {context: .,
 * dockerfile: docker/Dockerfile}`), and then package.json, the lockfile,
 * supervisord.conf and the routes live in that other folder: reading the
 * Dockerfile's folder would only make the build-context rules silent.
 *
 * The compose files looked at are the ones Compose itself finds by
 * default (the four standard names) in the Dockerfile's folder and the
 * two above it, plus every compose document the workspace already holds
 * (an open `docker-compose.prod.yml`).  Every read is recorded, so an
 * edit to a compose file re-publishes the Dockerfile.  When services
 * disagree about the context, none of them is believed. */
#include <string.h>

#include "dockls/model/compose.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "context_rules.h"
#include "../../instr_memo.h"

static const char *const compose_names[] = {"compose.yaml", "compose.yml", "docker-compose.yaml",
                                            "docker-compose.yml"};

#define CONTEXT_SEARCH_LEVELS 3

typedef struct {
  const char *dockerfile; /* absolute path of the analysed Dockerfile */
  char *found;            /* the one context named so far (owned) */
  bool conflict;
} ContextSearch;

bool rules__service_build(const struct ComposeNode *service, const char *compose_dir, char **context_dir,
                          char **dockerfile, const char **target) {
  const char *context, *file;
  if (!compose_build_paths(service, &context, &file, target)) return false;
  *context_dir = path_join(compose_dir, context);
  *dockerfile = path_join(*context_dir, file ? file : "Dockerfile");
  return true;
}

void rules__standard_composes(Workspace *ws, FileId dependent, const char *dir, FileIdArray *out) {
  const char *root = ws_root(ws);
  char *level = xstrdup(dir);
  for (int depth = 0; depth < CONTEXT_SEARCH_LEVELS; depth++) {
    for (size_t n = 0; n < sizeof compose_names / sizeof *compose_names; n++) {
      char *path = path_join(level, compose_names[n]);
      FileId id;
      if (ws_read_as(ws, dependent, path, DOC_KIND_COMPOSE, &id)) array_push(out, id);
      xfree(path);
    }
    if (strcmp(level, "/") == 0 || (root && strcmp(level, root) == 0)) break;
    char *up = path_dirname(level);
    xfree(level);
    level = up;
  }
  xfree(level);
}

/* Records the context of every service in compose file `id` that builds
 * the analysed Dockerfile. */
static void search_compose(const RuleCtx *ctx, FileId id, ContextSearch *s) {
  const ComposeModel *m = ws_compose(ctx->ws, id);
  const char *path = ws_path(ctx->ws, id);
  if (!m || !m->services || !path) return;
  /* The CLI keeps paths as given (`./compose.yaml`); compare absolute ones. */
  char *abs = path_absolute(path), *dir = path_dirname(abs);
  xfree(abs);
  for (size_t i = 0; i < m->services->npairs && !s->conflict; i++) {
    char *ctx_dir, *df;
    const char *target;
    if (!rules__service_build(m->services->pairs[i].value, dir, &ctx_dir, &df, &target)) continue;
    if (strcmp(df, s->dockerfile) == 0) {
      if (!s->found) s->found = xstrdup(ctx_dir);
      else if (strcmp(s->found, ctx_dir) != 0) s->conflict = true;
    }
    xfree(df);
    xfree(ctx_dir);
  }
  xfree(dir);
}

static char *build_context_resolve(const RuleCtx *ctx) {
  const char *own = ws_path(ctx->ws, ctx->file);
  if (!own) return NULL;
  char *df = path_absolute(own);
  char *dir = path_dirname(df);
  ContextSearch s = {.dockerfile = df};
  FileIdArray near;
  array_init(&near);
  rules__standard_composes(ctx->ws, ctx->file, dir, &near);
  for (size_t i = 0; i < near.len && !s.conflict; i++) search_compose(ctx, near.items[i], &s);
  array_delete(&near);
  /* Open compose documents under other names, in a folder above the
   * Dockerfile (where a compose file that builds it normally sits).  The
   * folder test keeps `dockls check` over many projects from comparing
   * every Dockerfile with every compose file; the workspace answers it
   * from an index, not by looking at every open document. */
  FileIdArray above;
  array_init(&above);
  ws_open_composes_above(ctx->ws, dir, &above);
  for (size_t i = 0; i < above.len && !s.conflict; i++) search_compose(ctx, above.items[i], &s);
  array_delete(&above);
  char *result = s.found && !s.conflict ? s.found : dir;
  if (result != s.found) xfree(s.found);
  if (result != dir) xfree(dir);
  xfree(df);
  return result;
}

/* Working the context out reads up to twelve paths and every service of
 * each compose file found, which for a long compose file beside the
 * Dockerfile cost more per keystroke than the Dockerfile's own rules.  The
 * answer is kept on the document's memo while nothing outside the
 * Dockerfile changes, and the edges it recorded are recorded again. */
static char *build_context_kept(RuleCtx *ctx) {
  KeptBuildContext *kept = instr_memo_build_context(ctx->ws, ctx->file);
  uint64_t outside = ws_outside_changes(ctx->ws, ctx->file);
  if (kept && kept->known && kept->outside == outside) {
    ws_deps_record_all(ctx->ws, ctx->file, &kept->reads);
    return kept->dir ? xstrdup(kept->dir) : NULL;
  }
  StrArray reads;
  array_init(&reads);
  StrArray *outer = ws_deps_capture(ctx->ws, &reads);
  char *dir = build_context_resolve(ctx);
  ws_deps_capture_end(ctx->ws, outer, &reads);
  if (!kept) {
    strarray_delete(&reads);
    return dir;
  }
  xfree(kept->dir);
  strarray_delete(&kept->reads);
  *kept = (KeptBuildContext){.known = true, .outside = outside, .dir = dir ? xstrdup(dir) : NULL, .reads = reads};
  return dir;
}

const char *rules__build_context(RuleCtx *ctx) {
  if (!ctx->build_context) ctx->build_context = build_context_kept(ctx);
  return ctx->build_context;
}
