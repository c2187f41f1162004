/* The one thing the compose rules need from a service's Dockerfile today:
 * does the stage it builds have a HEALTHCHECK?  The Dockerfile is read
 * through ws_read (open buffer first, recorded as a dependency, never
 * outside the workspace root) and its tree walked here: the stage is the
 * one named by `build.target`, else the last one, and a stage built
 * `FROM` another stage inherits that stage's HEALTHCHECK.
 *
 * This is a stand-in: when the Dockerfile model lands (stages, final
 * stage, HEALTHCHECK), compose__dockerfile_health should become a thin
 * call into it and this walk should go. */
#include <strings.h>
#include <string.h>

#include "compose_rules.h"
#include "dockls/syntax/node.h"
#include "dockls/workspace/files.h"

typedef struct {
  TSNode from;
  char *alias; /* lower case or NULL */
  char *image; /* as written */
  uint32_t first, last; /* instruction indexes after FROM, [first, last) */
} Stage;

/* Official library images carry no HEALTHCHECK (a docker-library rule);
 * for any other base image we cannot know offline. */
static bool is_official(const char *image) {
  if (strncmp(image, "docker.io/library/", 18) == 0 || strncmp(image, "library/", 8) == 0) return true;
  return strchr(image, '/') == NULL && strchr(image, '$') == NULL;
}

static ComposeDfHealth stage_health(const TSNode root, Stage *stages, size_t count, size_t s,
                                    const char *src, int depth, size_t *start, size_t *end) {
  ComposeDfHealth found = COMPOSE_DF_NONE;
  for (uint32_t i = stages[s].first; i < stages[s].last; i++) {
    TSNode ins = ts_node_named_child(root, i);
    if (!node_is(ins, "healthcheck_instruction")) continue;
    *start = ts_node_start_byte(ins);
    *end = ts_node_end_byte(ins);
    found = COMPOSE_DF_UNKNOWN;
    uint32_t n = ts_node_child_count(ins);
    for (uint32_t c = 0; c < n; c++) {
      TSNode child = ts_node_child(ins, c);
      if (!ts_node_is_named(child) && strcmp(ts_node_type(child), "NONE") == 0)
        found = COMPOSE_DF_DISABLED;
    }
    if (!ts_node_is_null(ts_node_child_by_field_name(ins, "command", 7))) found = COMPOSE_DF_PRESENT;
  }
  if (found != COMPOSE_DF_NONE) return found;
  /* Inherited from the base: another stage, or an image. */
  const char *image = stages[s].image;
  if (depth < 16) {
    for (size_t p = 0; p < s; p++)
      if (stages[p].alias && strcasecmp(stages[p].alias, image) == 0)
        return stage_health(root, stages, count, p, src, depth + 1, start, end);
  }
  return is_official(image) || strcmp(image, "scratch") == 0 ? COMPOSE_DF_NONE : COMPOSE_DF_UNKNOWN;
}

ComposeDfHealth compose__dockerfile_health(const RuleCtx *ctx, const ComposeNode *service,
                                           FileId *file, size_t *start, size_t *end) {
  const char *context, *dockerfile, *target;
  if (!compose_build_paths(service, &context, &dockerfile, &target)) return COMPOSE_DF_UNKNOWN;
  char *dir = compose__dir(ctx);
  if (!dir) return COMPOSE_DF_UNKNOWN;
  char *ctx_dir = ws_join_path(dir, context);
  char *path = ws_join_path(ctx_dir, dockerfile ? dockerfile : "Dockerfile");
  FileId id;
  bool read = ws_read(ctx->ws, ctx->file, path, &id);
  xfree(path);
  xfree(ctx_dir);
  xfree(dir);
  if (!read) return COMPOSE_DF_UNKNOWN;
  const Syntax *syntax = ws_syntax(ctx->ws, id);
  if (!syntax || syntax_lang(syntax) != LANG_DOCKERFILE) return COMPOSE_DF_UNKNOWN;
  TSNode root = syntax_root(syntax);
  if (ts_node_has_error(root)) return COMPOSE_DF_UNKNOWN;
  const char *src = ws_text(ctx->ws, id)->bytes;
  Array(Stage) stages;
  array_init(&stages);
  uint32_t n = ts_node_named_child_count(root);
  for (uint32_t i = 0; i < n; i++) {
    TSNode ins = ts_node_named_child(root, i);
    if (!node_is(ins, "from_instruction")) continue;
    if (stages.len) array_last(&stages)->last = i;
    TSNode image = ts_node_child_by_field_name(ins, "image", 5);
    TSNode name = ts_node_child_by_field_name(image, "name", 4);
    TSNode alias = ts_node_child_by_field_name(ins, "alias", 5);
    Stage st = {.from = ins,
                .alias = ts_node_is_null(alias) ? NULL : node_text(alias, src),
                .image = ts_node_is_null(name) ? xstrdup("") : node_text(name, src),
                .first = i + 1,
                .last = n};
    array_push(&stages, st);
  }
  ComposeDfHealth result = COMPOSE_DF_UNKNOWN;
  size_t chosen = stages.len;
  if (target) {
    for (size_t s = 0; s < stages.len; s++)
      if (stages.items[s].alias && strcasecmp(stages.items[s].alias, target) == 0) chosen = s;
  } else if (stages.len) {
    chosen = stages.len - 1;
  }
  if (chosen < stages.len) {
    *file = id;
    result = stage_health(root, stages.items, stages.len, chosen, src, 0, start, end);
  }
  for (size_t s = 0; s < stages.len; s++) {
    xfree(stages.items[s].alias);
    xfree(stages.items[s].image);
  }
  array_delete(&stages);
  return result;
}
