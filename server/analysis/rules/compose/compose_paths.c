/* compose-path-missing: a path in a compose file that does not exist
 * relative to the compose file's folder (Compose resolves them there, not
 * in the shell's working directory).  Checked: bind-mount sources (short
 * and long syntax), build / build.context, build.dockerfile (relative to
 * the context), env_file (unless `required: false`), and the `file:` of
 * top-level configs and secrets.  Skipped: named volumes, values holding
 * `${…}`, `~` paths, remote build contexts, and anything outside the
 * workspace root (ws_stat will not look there).
 *
 * The fix handles the classic mistake of writing paths relative to the
 * project root while the compose file lives in a subfolder (or the other
 * way round): when exactly one existing path results from dropping the
 * first folder of the path or adding one of the compose folder's
 * subfolders in front, the path is replaced with it. */
#include <string.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

typedef struct {
  RuleCtx *ctx;
  const char *dir;
} PathCtx;

/* Appends to *out each existing candidate spelling of `rel`. */
static void path_candidates(const PathCtx *pc, const char *rel, StrArray *out) {
  const char *body = rel;
  bool dot = strncmp(body, "./", 2) == 0;
  if (dot) body += 2;
  if (strncmp(body, "../", 3) == 0 || body[0] == '/') return;
  const char *prefix = dot ? "./" : "";
  /* Drop the first folder. */
  const char *slash = strchr(body, '/');
  if (slash && slash[1]) {
    StrBuf c = STRBUF_INIT;
    strbuf_appendf(&c, "%s%s", prefix, slash + 1);
    char *full = path_join(pc->dir, c.data);
    if (ws_stat(pc->ctx->ws, pc->ctx->file, full) != WS_PATH_MISSING &&
        ws_stat(pc->ctx->ws, pc->ctx->file, full) != WS_PATH_OUTSIDE)
      array_push(out, strbuf_take(&c));
    strbuf_destroy(&c);
    xfree(full);
  }
  /* Add a subfolder of the compose folder in front. */
  const StrArray *names = ws_list(pc->ctx->ws, pc->ctx->file, pc->dir);
  /* Only the first entries are tried: this is a suggestion, and a folder
   * of thousands of files must not make a keystroke slow. */
  for (size_t i = 0; names && i < names->len && i < 64 && out->len < 3; i++) {
    const char *name = names->items[i];
    if (name[0] == '.' || strcmp(name, "node_modules") == 0) continue;
    char *sub = path_join(pc->dir, name);
    bool is_dir = ws_stat(pc->ctx->ws, pc->ctx->file, sub) == WS_PATH_DIR;
    xfree(sub);
    if (!is_dir) continue;
    StrBuf c = STRBUF_INIT;
    strbuf_appendf(&c, "%s%s/%s", prefix, name, body);
    char *full = path_join(pc->dir, c.data);
    WsPathKind k = ws_stat(pc->ctx->ws, pc->ctx->file, full);
    if (k != WS_PATH_MISSING && k != WS_PATH_OUTSIDE) array_push(out, strbuf_take(&c));
    strbuf_destroy(&c);
    xfree(full);
  }
}

/* Checks the path held by node->text[off, off+len). */
static void path_check(const PathCtx *pc, const ComposeNode *node, size_t off, size_t len,
                       const char *base, const char *what) {
  if (!compose_is_scalar(node) || len == 0) return;
  char *rel = xstrndup(node->text + off, len);
  if (strchr(rel, '$') || rel[0] == '~' || strstr(rel, "://")) {
    xfree(rel);
    return;
  }
  char *full = path_join(base, rel);
  WsPathKind kind = ws_stat(pc->ctx->ws, pc->ctx->file, full);
  xfree(full);
  if (kind != WS_PATH_MISSING) {
    xfree(rel);
    return;
  }
  size_t start = node->start, end = node->end;
  bool exact = compose_text_offset(node, off, &start) && compose_text_offset(node, off + len, &end);
  if (!compose__reported(pc->ctx, RULE_COMPOSE_PATH_MISSING, start, end)) {
    Diag *d = diag_add(pc->ctx->out, RULE_COMPOSE_PATH_MISSING, pc->ctx->file, start, end,
                       "%s `%s` does not exist (paths are relative to the compose file's folder)",
                       what, rel);
    StrArray cands;
    array_init(&cands);
    /* The candidates only feed the fix: an analysis that builds none (a
     * keystroke's publish) does not look for them. */
    if (exact && base == pc->dir && rules__wants_fix(pc->ctx, d)) path_candidates(pc, rel, &cands);
    if (cands.len == 1) {
      StrBuf title = STRBUF_INIT;
      strbuf_appendf(&title, "Use `%s`", cands.items[0]);
      /* Compose refuses to start without a build context, Dockerfile,
       * env_file or secret file, so pointing one at the only existing
       * candidate cannot break a running stack.  A missing bind-mount
       * source is different: Docker creates it as an empty folder and the
       * service may run with that, so mounting other content instead is
       * a choice the user makes (not preferred). */
      bool preferred = strcmp(what, "bind-mount source") != 0;
      Fix *fix = rules__add_fix(pc->ctx, d, title.data, preferred);
      fix_add_edit(fix, pc->ctx->file, start, end, cands.items[0]);
      strbuf_destroy(&title);
    }
    strarray_delete(&cands);
  }
  xfree(rel);
}

static void path_check_whole(const PathCtx *pc, const ComposeNode *node, const char *base,
                             const char *what) {
  if (compose_is_scalar(node)) path_check(pc, node, 0, strlen(node->text), base, what);
}

static void path_service(const PathCtx *pc, const ComposeNode *service) {
  const ComposeNode *volumes = compose_get(service, "volumes");
  if (volumes && volumes->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < volumes->nitems; i++) {
      ComposeMount m;
      if (!compose_mount_parse(volumes->items[i], &m) || m.kind != COMPOSE_MOUNT_BIND || !m.source)
        continue;
      /* Absolute host paths name the machine, not the project: only
       * relative ones are about the compose file's folder. */
      if (m.source->text[m.source_off] == '/' || m.source->text[m.source_off] == '\\') continue;
      path_check(pc, m.source, m.source_off, m.source_len, pc->dir, "bind-mount source");
    }
  }
  const ComposeNode *build = compose_get(service, "build");
  const char *context = NULL;
  if (compose_is_scalar(build)) {
    path_check_whole(pc, build, pc->dir, "build context");
    context = build->text;
  } else if (build && build->kind == COMPOSE_NODE_MAP) {
    const ComposeNode *c = compose_get(build, "context");
    path_check_whole(pc, c, pc->dir, "build context");
    context = compose_is_scalar(c) ? c->text : ".";
    const ComposeNode *df = compose_get(build, "dockerfile");
    if (compose_is_scalar(df) && !strchr(context, '$') && !strstr(context, "://") &&
        !strchr(df->text, '$')) {
      char *ctx_dir = path_join(pc->dir, context);
      if (ws_stat(pc->ctx->ws, pc->ctx->file, ctx_dir) == WS_PATH_DIR)
        path_check_whole(pc, df, ctx_dir, "Dockerfile");
      xfree(ctx_dir);
    }
  }
  const ComposeNode *env_file = compose_get(service, "env_file");
  if (compose_is_scalar(env_file)) {
    path_check_whole(pc, env_file, pc->dir, "env_file");
  } else if (env_file && env_file->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < env_file->nitems; i++) {
      const ComposeNode *item = env_file->items[i];
      if (item->kind == COMPOSE_NODE_MAP) {
        const char *required = compose_get_text(item, "required");
        if (required && strcmp(required, "false") == 0) continue;
        path_check_whole(pc, compose_get(item, "path"), pc->dir, "env_file");
      } else {
        path_check_whole(pc, item, pc->dir, "env_file");
      }
    }
  }
}

void compose__path_missing_service(RuleCtx *ctx) {
  char *dir = compose__dir(ctx);
  if (!dir) return;
  PathCtx pc = {.ctx = ctx, .dir = dir};
  path_service(&pc, ctx->service->value);
  xfree(dir);
}

/* The `file:` of top-level configs and secrets; the services' paths are
 * checked one service at a time (compose__path_missing_service). */
void compose__path_missing(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->services) return;
  char *dir = compose__dir(ctx);
  if (!dir) return;
  PathCtx pc = {.ctx = ctx, .dir = dir};
  static const char *const sections[] = {"configs", "secrets"};
  for (size_t s = 0; s < 2; s++) {
    const ComposeNode *defs = compose_get(model->root, sections[s]);
    if (!defs || defs->kind != COMPOSE_NODE_MAP) continue;
    for (size_t i = 0; i < defs->npairs; i++)
      path_check_whole(&pc, compose_get(defs->pairs[i].value, "file"), dir,
                       s == 0 ? "config file" : "secret file");
  }
  xfree(dir);
}
