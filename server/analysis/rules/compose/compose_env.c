/* Rules about variables: compose-secret-literal (a secret written into
 * the compose file) and compose-env-undeclared (a `${VAR}` that nothing
 * beside the compose file declares).
 *
 * Both fixes point the reader at `.env.example`, the file that documents
 * what a project needs set.  Appending to it is an edit of another file in
 * the same fix; when .env.example does not exist the fix would have to
 * create it, which the Fix struct cannot express yet, so no fix is offered
 * then (unless the variable is already declared, when the compose edit
 * alone is the whole fix). */
#include <ctype.h>
#include <strings.h>
#include <string.h>

#include "compose_rules.h"

/* --- compose-secret-literal ---------------------------------------------- */

/* The same name patterns as secret-in-image (rules.md, section D). */
static bool env_key_is_secret(const char *key) {
  static const char *const patterns[] = {"PASSWORD", "SECRET", "TOKEN", "API_KEY",
                                         "PRIVATE_KEY", "ACCESS_KEY", "PASSWD"};
  char upper[128];
  size_t n = strlen(key);
  if (n >= sizeof upper) return false;
  for (size_t i = 0; i <= n; i++) upper[i] = (char)toupper((unsigned char)key[i]);
  /* `*_FILE` names a file holding the secret (the docker-library
   * convention), and flags such as MYSQL_ALLOW_EMPTY_PASSWORD or
   * MYSQL_RANDOM_ROOT_PASSWORD hold a switch, not a secret. */
  if (n > 5 && strcmp(upper + n - 5, "_FILE") == 0) return false;
  if (strstr(upper, "ALLOW_EMPTY") || strstr(upper, "RANDOM_") || strstr(upper, "_LENGTH") ||
      strstr(upper, "_EXPIR") || strstr(upper, "_TTL") || strstr(upper, "_PATH") ||
      strstr(upper, "_URL") == upper + n - 4)
    return false;
  for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
    if (strstr(upper, patterns[i])) return true;
  return false;
}

/* Values that are switches rather than secrets. */
static bool env_value_is_switch(const char *v) {
  static const char *const words[] = {"yes", "no", "true", "false", "on", "off", "0", "1",
                                      "none", "null"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strcasecmp(v, words[i]) == 0) return true;
  return false;
}

/* The fix of one literal secret: `${KEY}` in its place, read from .env
 * when a .env beside the file declares it, else declared in .env.example.
 * Which of the two is a lookup in the .env files that only the fix needs,
 * so it is skipped at once when the analysis builds no fixes (a
 * keystroke's publish), not merely left without a place to go. */
static void secret_fix(RuleCtx *ctx, Diag *d, const char *dir, const ComposeEnvEntry *e, size_t start,
                       size_t end) {
  if (!rules__wants_fix(ctx, d)) return;
  StrBuf repl = STRBUF_INIT;
  if (e->from_list) strbuf_appendf(&repl, "${%s}", e->key);
  else if (e->node->style == COMPOSE_STYLE_SINGLE) strbuf_appendf(&repl, "'${%s}'", e->key);
  else strbuf_appendf(&repl, "\"${%s}\"", e->key);
  bool declared = compose__env_declared(ctx, dir, e->key);
  Fix *fix = NULL;
  /* Never preferred: after the edit the container gets whatever the
   * environment or .env holds, which may be nothing or another value
   * (a database started with the old password then refuses the app). */
  if (declared) {
    fix = rules__add_fix(ctx, d, "Read the value from the environment", false);
  } else {
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Use `${%s}` and declare %s in .env.example", e->key, e->key);
    Fix probe = {0};
    if (compose__env_example_append(ctx, &probe, dir, e->key)) {
      fix = rules__add_fix(ctx, d, title.data, false);
      fix_add_edit(fix, ctx->file, start, end, repl.data);
      fix_take(fix, &probe);
      fix = NULL;
    }
    strbuf_destroy(&title);
  }
  if (fix) fix_add_edit(fix, ctx->file, start, end, repl.data);
  strbuf_destroy(&repl);
}

static void secret_service(RuleCtx *ctx, const char *dir, const ComposeNode *service) {
  ComposeEnvArray entries;
  array_init(&entries);
  compose_env_entries(compose_get(service, "environment"), &entries);
  for (size_t i = 0; i < entries.len; i++) {
    const ComposeEnvEntry *e = &entries.items[i];
    if (!e->has_value || !compose_is_scalar(e->node) || !env_key_is_secret(e->key)) continue;
    const char *value = e->node->text + e->value_off;
    if (!*value || compose_interp_has_ref(value, strlen(value)) || env_value_is_switch(value))
      continue;
    size_t start = e->node->start, end = e->node->end;
    bool exact = true;
    if (e->from_list)
      exact = compose_text_offset(e->node, e->value_off, &start) &&
              compose_text_offset(e->node, strlen(e->node->text), &end);
    else
      exact = e->node->style != COMPOSE_STYLE_LITERAL && e->node->style != COMPOSE_STYLE_FOLDED;
    if (!exact) start = e->node->start, end = e->node->end;
    if (compose__reported(ctx, RULE_COMPOSE_SECRET_LITERAL, start, end)) continue;
    Diag *d = diag_add(ctx->out, RULE_COMPOSE_SECRET_LITERAL, ctx->file, start, end,
                       "`%s` holds a literal secret: anyone who reads the compose file (or its "
                       "git history) has it; set it in .env instead",
                       e->key);
    /* `${KEY}` works only for a name interpolation accepts. */
    if (!exact || !dir || !rules__is_identifier(e->key)) continue;
    secret_fix(ctx, d, dir, e, start, end);
  }
  compose_env_free(&entries);
}

void compose__secret_literal(RuleCtx *ctx) {
  /* The folder serves the fix only: a publish does not work it out. */
  char *dir = ctx->fixes ? compose__dir(ctx) : NULL;
  secret_service(ctx, dir, ctx->service->value);
  xfree(dir);
}

/* --- compose-env-undeclared ---------------------------------------------- */

typedef struct {
  RuleCtx *ctx;
  const char *dir;
  const ComposeNode *skip; /* not walked: the services, walked one at a time */
} EnvWalk;

static void undeclared_scalar(EnvWalk *w, const ComposeNode *node) {
  size_t len = strlen(node->text);
  if (!compose_interp_has_ref(node->text, len)) return;
  ComposeVarArray vars;
  array_init(&vars);
  compose_interp_scan(node->text, len, &vars);
  for (size_t i = 0; i < vars.len; i++) {
    const ComposeVar *v = &vars.items[i];
    if (v->op != COMPOSE_VAR_PLAIN && v->op != COMPOSE_VAR_REQUIRED &&
        v->op != COMPOSE_VAR_REQUIRED_UNSET)
      continue;
    char *name = xstrndup(node->text + v->name_start, v->name_end - v->name_start);
    if (!compose__env_declared(w->ctx, w->dir, name)) {
      size_t start = node->start, end = node->end;
      if (!compose_text_offset(node, v->start, &start) || !compose_text_offset(node, v->end, &end))
        start = node->start, end = node->end;
      Diag *d = diag_add(w->ctx->out, RULE_COMPOSE_ENV_UNDECLARED, w->ctx->file, start, end,
                         "`%s` has no default and is set in neither .env nor .env.example beside "
                         "the compose file",
                         name);
      StrBuf title = STRBUF_INIT;
      strbuf_appendf(&title, "Declare %s in .env.example", name);
      Fix probe = {0};
      if (compose__env_example_append(w->ctx, &probe, w->dir, name)) {
        Fix *fix = rules__add_fix(w->ctx, d, title.data, true);
        fix_take(fix, &probe);
      }
      strbuf_destroy(&title);
    }
    xfree(name);
  }
  array_delete(&vars);
}

/* Visits every value written in this file once: a child whose range lies
 * outside its parent's was reached through an alias or a merge key and is
 * visited at its own place instead. */
static void undeclared_walk(EnvWalk *w, const ComposeNode *node, int depth) {
  if (depth > 100 || node == w->skip) return;
  if (node->kind == COMPOSE_NODE_SCALAR) {
    undeclared_scalar(w, node);
  } else if (node->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < node->npairs; i++) {
      const ComposePair *p = &node->pairs[i];
      if (p->merged || p->value->start < p->pair_start || p->value->end > p->pair_end) continue;
      undeclared_walk(w, p->value, depth + 1);
    }
  } else if (node->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < node->nitems; i++) {
      const ComposeNode *item = node->items[i];
      if (item->start < node->start || item->end > node->end) continue;
      undeclared_walk(w, item, depth + 1);
    }
  }
}

/* Everything but the services, which compose__env_undeclared_service
 * walks one at a time. */
void compose__env_undeclared(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->root) return;
  char *dir = compose__dir(ctx);
  if (!dir) return;
  EnvWalk w = {.ctx = ctx, .dir = dir, .skip = model->services};
  undeclared_walk(&w, model->root, 0);
  xfree(dir);
}

/* The depth of a service's value in the walk from the top: the top level
 * is 0, `services` 1. */
#define ENV_SERVICE_DEPTH 2

void compose__env_undeclared_service(RuleCtx *ctx) {
  const ComposePair *p = ctx->service;
  /* Reached through a merge key or an alias: walked at its own place. */
  if (p->merged || p->value->start < p->pair_start || p->value->end > p->pair_end) return;
  char *dir = compose__dir(ctx);
  if (!dir) return;
  EnvWalk w = {.ctx = ctx, .dir = dir};
  undeclared_walk(&w, p->value, ENV_SERVICE_DEPTH);
  xfree(dir);
}
