/* What the compose rules need from the Dockerfile a service builds: the
 * stage it builds (`build.target`, else the last one), through the
 * Dockerfile model, and that stage's HEALTHCHECK.  The Dockerfile is read
 * with ws_read (open buffer first, recorded as a dependency, never outside
 * the workspace root). */
#include <string.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"

bool compose__built_stage(const RuleCtx *ctx, const ComposeNode *service, FileId *file,
                          const DockerfileModel **model, const DfStage **stage, char **context_dir) {
  char *dir = compose__dir(ctx);
  if (!dir) return false;
  char *ctx_dir, *path;
  const char *target;
  if (!rules__service_build(service, dir, &ctx_dir, &path, &target)) {
    xfree(dir);
    return false;
  }
  FileId id;
  bool read = ws_read(ctx->ws, ctx->file, path, &id);
  xfree(path);
  xfree(dir);
  const DockerfileModel *m = read ? ws_dockerfile(ctx->ws, id) : NULL;
  /* A Dockerfile with syntax errors may be misread: say nothing. */
  const Syntax *syntax = m ? ws_syntax(ctx->ws, id) : NULL;
  const DfStage *st = NULL;
  if (m && syntax && !syntax_has_error(syntax))
    st = target ? dockerfile_stage_named(m, target) : dockerfile_final_stage(m);
  if (!st) {
    xfree(ctx_dir);
    return false;
  }
  *file = id;
  *model = m;
  *stage = st;
  if (context_dir) *context_dir = ctx_dir;
  else xfree(ctx_dir);
  return true;
}

/* Official library images carry no HEALTHCHECK (a docker-library rule);
 * for any other base image we cannot know offline. */
static bool is_official(const char *image) {
  if (strncmp(image, "docker.io/library/", 18) == 0 || strncmp(image, "library/", 8) == 0) return true;
  return strchr(image, '/') == NULL && strchr(image, '$') == NULL;
}

ComposeDfHealth compose__dockerfile_health(const RuleCtx *ctx, const ComposeNode *service,
                                           FileId *file, size_t *start, size_t *end) {
  const DockerfileModel *m;
  const DfStage *st;
  if (!compose__built_stage(ctx, service, file, &m, &st, NULL)) return COMPOSE_DF_UNKNOWN;
  const DfInstr *hc = dockerfile_last(m, st, DF_HEALTHCHECK, true);
  if (hc) {
    *start = hc->start;
    *end = hc->end;
    if (hc->healthcheck_none) return COMPOSE_DF_DISABLED;
    return hc->has_command ? COMPOSE_DF_PRESENT : COMPOSE_DF_UNKNOWN;
  }
  /* Inherited from the base image at the root of the FROM chain. */
  const DfStage *root = st;
  while (root->parent >= 0) root = &m->stages.items[root->parent];
  const char *image = root->image ? root->image : "";
  return is_official(image) || strcmp(image, "scratch") == 0 ? COMPOSE_DF_NONE : COMPOSE_DF_UNKNOWN;
}
