/* Service hardening rules: compose-no-limits (no memory or CPU limit) and
 * compose-writable-root (no `read_only: true`).  Both are reported on the
 * service's name and fixed by inserting keys with the sibling keys'
 * indentation, at the deepest level that already exists (`deploy:`,
 * `deploy.resources:`, `deploy.resources.limits:`).  A service that
 * `extends` another inherits what the base sets (compose_extends.c); when
 * the chain cannot be followed the service is left alone. */
#include <string.h>

#include "compose_rules.h"

/* `step` spaces repeated `levels` times, then text (into a small pool the
 * caller frees). */
static const char *indented(StrArray *pool, size_t step, size_t levels, const char *text) {
  StrBuf b = STRBUF_INIT;
  for (size_t i = 0; i < step * levels; i++) strbuf_append_char(&b, ' ');
  strbuf_append(&b, text);
  array_push(pool, strbuf_take(&b));
  return *array_last(pool);
}

static bool own_map(const ComposeNode *parent, const char *key) {
  const ComposePair *p = compose_pair(parent, key);
  return p && !p->merged && p->value->kind == COMPOSE_NODE_MAP && !p->value->flow;
}

static void limits_fix(RuleCtx *ctx, Diag *d, const ComposeNode *service) {
  /* The lines below serve the fix alone, and a publish (no fixes) met
   * them for every service without limits on every keystroke. */
  if (!rules__wants_fix(ctx, d)) return;
  size_t step = compose__indent_step(ws_compose(ctx->ws, ctx->file), ctx->text);
  static const char *const chain[] = {"deploy", "resources", "limits"};
  const ComposeNode *map = service;
  size_t depth = 0;
  while (depth < 3 && own_map(map, chain[depth])) map = compose_get(map, chain[depth++]);
  if (depth < 3 && compose_pair(map, chain[depth])) return; /* present but not ours to extend */
  StrArray pool;
  array_init(&pool);
  const char *lines[5];
  size_t n = 0;
  for (size_t k = depth; k < 3; k++) {
    StrBuf key = STRBUF_INIT;
    strbuf_appendf(&key, "%s:", chain[k]);
    lines[n++] = indented(&pool, step, k - depth, key.data);
    strbuf_destroy(&key);
  }
  lines[n++] = indented(&pool, step, 3 - depth, "memory: 512M");
  lines[n++] = indented(&pool, step, 3 - depth, "cpus: \"1.0\"");
  /* Not preferred: a service that needs more than 512M (a JVM, a
   * database under load, a build) is killed by the kernel at the limit,
   * so only the user can choose the numbers. */
  Fix *fix = rules__add_fix(ctx, d, "Add deploy.resources.limits (512M, 1 CPU)", false);
  if (!compose__insert_keys(ctx, fix, map, lines, n)) {
    /* Nowhere to put the keys: drop the empty fix again. */
    diag_remove_fix(d, d->fixes.len - 1);
  }
  strarray_delete(&pool);
}

void compose__no_limits(RuleCtx *ctx) {
  const ComposePair *svc = ctx->service;
  const ComposeNode *s = svc->value;
  if (s->kind != COMPOSE_NODE_MAP) return;
  static const char *const memory[] = {"deploy", "resources", "limits", "memory"};
  static const char *const cpus[] = {"deploy", "resources", "limits", "cpus"};
  static const char *const mem_limit[] = {"mem_limit"}, *const cpus_top[] = {"cpus"};
  bool unknown = false, u;
  bool limited = compose__service_lookup(ctx, s, memory, 4, NULL, &u) != NULL;
  unknown |= u;
  limited |= compose__service_lookup(ctx, s, cpus, 4, NULL, &u) != NULL;
  unknown |= u;
  limited |= compose__service_lookup(ctx, s, mem_limit, 1, NULL, &u) != NULL;
  limited |= compose__service_lookup(ctx, s, cpus_top, 1, NULL, &u) != NULL;
  if (limited || unknown) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_NO_LIMITS, ctx->file, svc->key_start, svc->key_end,
                     "service `%s` has no memory or CPU limit: one runaway container can starve "
                     "the host",
                     svc->key);
  if (!svc->merged) limits_fix(ctx, d, s);
}

static void writable_root(RuleCtx *ctx, const ComposePair *svc) {
  const ComposeNode *s = svc->value;
  static const char *const read_only[] = {"read_only"};
  bool unknown;
  FileId where = ctx->file;
  const ComposeNode *inherited = compose__service_lookup(ctx, s, read_only, 1, &where, &unknown);
  if (unknown) return;
  /* Set by a base service: judged (and fixed) there, not here. */
  if (inherited && !compose_get(s, "read_only")) return;
  const ComposePair *ro = compose_pair(s, "read_only");
  if (ro && (!compose_is_scalar(ro->value) || strcmp(ro->value->text, "false") != 0)) return;
  if (ro) {
    if (compose__reported(ctx, RULE_COMPOSE_WRITABLE_ROOT, ro->value->start, ro->value->end))
      return;
    Diag *d = diag_add(ctx->out, RULE_COMPOSE_WRITABLE_ROOT, ctx->file, ro->value->start,
                       ro->value->end, "service `%s` runs with a writable root file system",
                       svc->key);
    /* Never preferred: a read-only root stops any image that writes
     * outside its volumes (postgres into /var/run/postgresql, most apps
     * into /tmp) from starting, and only the user knows what to mount. */
    if (ro->value->style == COMPOSE_STYLE_PLAIN) {
      Fix *fix = rules__add_fix(ctx, d, "Set `read_only: true`", false);
      fix_add_edit(fix, ctx->file, ro->value->start, ro->value->end, "true");
    }
    return;
  }
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_WRITABLE_ROOT, ctx->file, svc->key_start, svc->key_end,
                     "service `%s` runs with a writable root file system (no `read_only: true`)",
                     svc->key);
  if (svc->merged) return;
  const char *line = "read_only: true";
  Fix *fix = rules__add_fix(ctx, d, "Add `read_only: true`", false);
  if (!compose__insert_keys(ctx, fix, s, &line, 1)) {
    diag_remove_fix(d, d->fixes.len - 1);
  }
}

void compose__writable_root(RuleCtx *ctx) { compose__service_if_map(ctx, writable_root); }
