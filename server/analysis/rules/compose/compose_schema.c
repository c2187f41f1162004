/* compose-schema: keys and value types against the table of
 * compose_schema_table.c and compose_schema_service.c.  The walk follows
 * the resolved tree, so keys inherited through `<<:` are checked too, at
 * their own place and once.  `!reset` entries are gone from the model
 * already; values carrying a
 * custom tag or holding `${…}` are not type-checked (interpolation runs
 * before Compose validates), nor are nulls.
 *
 * The fix renames an unknown key to the nearest known key of the same
 * object (edit distance at most 2, `-` for `_` free).  When two keys are
 * equally near, the one with the same first letter wins, then the one of
 * the same length, then the first in alphabetical order, so the choice
 * never depends on table order. */
#include <string.h>

#include "compose_rules.h"
#include "compose_schema.h"

static unsigned node_type(const ComposeNode *n) {
  switch (n->kind) {
    case COMPOSE_NODE_NULL: return ST_NULL;
    case COMPOSE_NODE_MAP: return ST_MAP;
    case COMPOSE_NODE_SEQ: return ST_SEQ;
    case COMPOSE_NODE_OPAQUE: return 0;
    case COMPOSE_NODE_SCALAR: break;
  }
  switch (n->type) {
    case COMPOSE_SCALAR_INT: return ST_INT;
    case COMPOSE_SCALAR_FLOAT: return ST_FLOAT;
    case COMPOSE_SCALAR_BOOL: return ST_BOOL;
    case COMPOSE_SCALAR_NULL: return ST_NULL;
    case COMPOSE_SCALAR_STR: break;
  }
  return ST_STR;
}

void compose__schema_types(unsigned types, StrBuf *out) {
  static const struct { unsigned bit; const char *name; } names[] = {
      {ST_STR, "a string"}, {ST_NUM, "a number"}, {ST_INT, "an integer"}, {ST_BOOL, "a boolean"},
      {ST_MAP, "a mapping"}, {ST_SEQ, "a list"}};
  bool first = true;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    unsigned bit = names[i].bit;
    if ((types & bit) != bit) continue;
    if (bit == ST_INT && (types & ST_NUM) == ST_NUM) continue;
    strbuf_append(out, first ? "" : " or ");
    strbuf_append(out, names[i].name);
    first = false;
  }
}

static bool check_type(RuleCtx *ctx, const ComposeNode *n, unsigned types, const char *what) {
  unsigned t = node_type(n);
  if (!t || t == ST_NULL || (t & types) || n->tag == COMPOSE_TAG_OTHER || compose_is_interpolated(n))
    return (t & types) != 0 || t == ST_NULL;
  if (compose__reported(ctx, RULE_COMPOSE_SCHEMA, n->start, n->end)) return false;
  StrBuf want = STRBUF_INIT;
  compose__schema_types(types, &want);
  diag_add(ctx->out, RULE_COMPOSE_SCHEMA, ctx->file, n->start, n->end, "%s must be %s", what,
           strbuf_cstr(&want));
  strbuf_destroy(&want);
  return false;
}

/* The known key nearest to `key`, or NULL. */
static const char *nearest_key(const SchemaObj *obj, const char *key) {
  const char *best = NULL;
  size_t best_d = 3;
  for (const SchemaKey *k = obj->keys; k->key; k++) {
    size_t d = compose__distance(key, k->key, 2);
    if (d > 2) continue;
    if (!best || d < best_d) {
      best = k->key;
      best_d = d;
      continue;
    }
    if (d > best_d) continue;
    bool first_new = k->key[0] == key[0], first_old = best[0] == key[0];
    if (first_new != first_old) {
      if (first_new) best = k->key;
      continue;
    }
    bool len_new = strlen(k->key) == strlen(key), len_old = strlen(best) == strlen(key);
    if (len_new != len_old) {
      if (len_new) best = k->key;
      continue;
    }
    if (strcmp(k->key, best) < 0) best = k->key;
  }
  return best;
}

static void check_obj(RuleCtx *ctx, const ComposeNode *n, const SchemaObj *obj, int depth);

static void check_value(RuleCtx *ctx, const ComposeNode *v, const SchemaKey *spec,
                        const char *key, int depth) {
  StrBuf what = STRBUF_INIT;
  strbuf_appendf(&what, "`%s`", key);
  if (check_type(ctx, v, spec->types, what.data)) {
    if (v->kind == COMPOSE_NODE_MAP && spec->map) check_obj(ctx, v, spec->map, depth + 1);
    if (v->kind == COMPOSE_NODE_SEQ && spec->item_types) {
      strbuf_append(&what, " items");
      for (size_t i = 0; i < v->nitems; i++) {
        const ComposeNode *item = v->items[i];
        if (check_type(ctx, item, spec->item_types, what.data) && item->kind == COMPOSE_NODE_MAP &&
            spec->items)
          check_obj(ctx, item, spec->items, depth + 1);
      }
    }
  }
  strbuf_destroy(&what);
}

static bool name_ok(const char *name) {
  if (!*name) return false;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '.' || *p == '_' || *p == '-'))
      return false;
  return true;
}

static void unknown_key(RuleCtx *ctx, const ComposeNode *map, const ComposePair *p, const SchemaObj *obj) {
  if (compose__reported(ctx, RULE_COMPOSE_SCHEMA, p->key_start, p->key_end)) return;
  const char *near = nearest_key(obj, p->key);
  Diag *d;
  if (near)
    d = diag_add(ctx->out, RULE_COMPOSE_SCHEMA, ctx->file, p->key_start, p->key_end,
                 "unknown key `%s` in %s (did you mean `%s`?)", p->key, obj->name, near);
  else
    d = diag_add(ctx->out, RULE_COMPOSE_SCHEMA, ctx->file, p->key_start, p->key_end,
                 "unknown key `%s` in %s", p->key, obj->name);
  size_t klen = strlen(p->key);
  /* No rename onto a key the mapping already has: the file would hold
   * it twice, which Compose refuses. */
  if (near && !compose_pair(map, near) && p->key_end - p->key_start == klen &&
      memcmp(ctx->text->bytes + p->key_start, p->key, klen) == 0) {
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Rename to `%s`", near);
    Fix *fix = rules__add_fix(ctx, d, title.data, true);
    fix_add_edit(fix, ctx->file, p->key_start, p->key_end, near);
    fix_add_key(fix, map->start, near);
    strbuf_destroy(&title);
  }
}

/* One entry of a map of names (services, volumes, …); a service's name
 * has a pattern too. */
static void check_named(RuleCtx *ctx, const ComposePair *p, const SchemaObj *obj, int depth) {
  if (obj->each->map && obj->each->map->keys && obj != &schema_top && !name_ok(p->key) &&
      strcmp(obj->name, "services") == 0 && !compose__reported(ctx, RULE_COMPOSE_SCHEMA, p->key_start, p->key_end))
    diag_add(ctx->out, RULE_COMPOSE_SCHEMA, ctx->file, p->key_start, p->key_end,
             "service name `%s` may only hold letters, digits, `.`, `_` and `-`", p->key);
  check_value(ctx, p->value, obj->each, p->key, depth);
}

static void check_obj(RuleCtx *ctx, const ComposeNode *n, const SchemaObj *obj, int depth) {
  if (depth > 40 || n->kind != COMPOSE_NODE_MAP) return;
  /* The services are checked one by one (compose__schema_service), so
   * that a keystroke checks the service it changed only. */
  if (obj == &schema_services) return;
  for (size_t i = 0; i < n->npairs; i++) {
    const ComposePair *p = &n->pairs[i];
    if (!obj->keys) {
      check_named(ctx, p, obj, depth);
      continue;
    }
    if (obj->x_ok && strncmp(p->key, "x-", 2) == 0) continue;
    const SchemaKey *spec = NULL;
    /* The first letters are compared before the call: a service's ~80
     * known keys are scanned for each of its keys on every keystroke. */
    for (const SchemaKey *k = obj->keys; k->key && !spec; k++)
      if (k->key[0] == p->key[0] && strcmp(k->key, p->key) == 0) spec = k;
    if (!spec) {
      unknown_key(ctx, n, p, obj);
      continue;
    }
    check_value(ctx, p->value, spec, p->key, depth);
  }
}

/* The depth of a service's value in the walk from the top: the top level
 * is 0, `services` 1. */
#define SCHEMA_SERVICE_DEPTH 1

void compose__schema_service(RuleCtx *ctx) {
  check_named(ctx, ctx->service, &schema_services, SCHEMA_SERVICE_DEPTH);
}

void compose__schema(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model || !model->root || model->root->kind != COMPOSE_NODE_MAP) return;
  if (model->legacy_v1) {
    /* One finding for the whole file rather than one per service. */
    const ComposePair *first = &model->root->pairs[0];
    diag_add(ctx->out, RULE_COMPOSE_SCHEMA, ctx->file, first->key_start, first->key_end,
             "legacy v1 format: Compose v2 reads services only under a top-level `services:` key");
    return;
  }
  check_obj(ctx, model->root, &schema_top, 0);
}
