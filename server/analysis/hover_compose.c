/* Hover on a compose key: which object it belongs to, what it means and
 * the types its value may have, read from the key table the compose-schema rule checks
 * against (compose_schema_table.c, compose_schema_service.c), so the hover and the rule can never
 * disagree about a key. */
#include <string.h>

#include "compose_paths.h"
#include "dockls/base/alloc.h"
#include "dockls/model/compose.h"
#include "dockls/workspace/files.h"
#include "hover_parts.h"
#include "rules/compose/compose_schema.h"

/* The spec of `key` in `obj`: its own entry, or the entry every free name
 * of a map shares; NULL for an unknown key. */
static const SchemaKey *schema_spec(const SchemaObj *obj, const char *key) {
  if (!obj) return NULL;
  if (!obj->keys) return obj->each;
  for (const SchemaKey *k = obj->keys; k->key; k++)
    if (strcmp(k->key, key) == 0) return k;
  return NULL;
}

static void hover_key_text(const SchemaObj *obj, const ComposePair *p, const SchemaKey *spec, StrBuf *md) {
  if (!obj->keys) {
    strbuf_appendf(md, "**%s**: an entry of `%s`", p->key, obj->name);
  } else {
    strbuf_appendf(md, "**%s** (a key of the %s)\n\n", p->key, obj->name);
    if (spec->doc) strbuf_appendf(md, "%s\n\n", spec->doc);
    strbuf_append(md, "Value: ");
    compose__schema_types(spec->types, md);
  }
  const SchemaObj *sub = spec->map ? spec->map : spec->items;
  if (sub && sub->keys) {
    strbuf_appendf(md, "\n\nKeys of the %s:", sub->name);
    for (const SchemaKey *k = sub->keys; k->key; k++) strbuf_appendf(md, "%s `%s`", k == sub->keys ? "" : ",", k->key);
  }
}

/* Walks down the mapping that holds `offset`, following the table. */
static bool hover_walk(const ComposeNode *n, const SchemaObj *obj, size_t offset, int depth, StrBuf *md,
                       size_t *start, size_t *end) {
  if (!n || !obj || depth > 40) return false;
  if (n->kind == COMPOSE_NODE_SEQ) return false;
  if (n->kind != COMPOSE_NODE_MAP) return false;
  for (size_t i = 0; i < n->npairs; i++) {
    const ComposePair *p = &n->pairs[i];
    if (p->merged || offset < p->pair_start || offset > p->pair_end) continue;
    const SchemaKey *spec = schema_spec(obj, p->key);
    if (!spec) return false;
    if (offset >= p->key_start && offset <= p->key_end) {
      hover_key_text(obj, p, spec, md);
      *start = p->key_start;
      *end = p->key_end;
      return true;
    }
    const ComposeNode *v = p->value;
    if (v->kind == COMPOSE_NODE_SEQ && spec->items) {
      for (size_t k = 0; k < v->nitems; k++)
        if (offset >= v->items[k]->start && offset <= v->items[k]->end)
          return hover_walk(v->items[k], spec->items, offset, depth + 1, md, start, end);
      return false;
    }
    return hover_walk(v, spec->map, offset, depth + 1, md, start, end);
  }
  return false;
}

bool hover__compose_key(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end) {
  const ComposeModel *m = ws_kind(ws, id) == DOC_KIND_COMPOSE ? ws_compose(ws, id) : NULL;
  if (!m || !m->root || m->legacy_v1) return false;
  return hover_walk(m->root, &schema_top, offset, 0, md, start, end);
}

typedef struct {
  Workspace *ws;
  FileId id;
  size_t offset;
  bool found;
  size_t start, end;
  char *path;
} OutsideWalk;

/* The path under the cursor, when it lies outside the workspace root
 * (ws_stat answers that from the path alone, without the disk). */
static void outside_path(void *ctx, size_t start, size_t end, const char *path) {
  OutsideWalk *w = ctx;
  if (w->found || w->offset < start || w->offset > end) return;
  if (ws_stat(w->ws, w->id, path) != WS_PATH_OUTSIDE) return;
  w->found = true;
  w->start = start;
  w->end = end;
  w->path = xstrdup(path);
}

bool hover__compose_path(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end) {
  OutsideWalk w = {ws, id, offset, false, 0, 0, NULL};
  analysis__compose_paths(ws, id, outside_path, &w);
  if (!w.found) return false;
  strbuf_appendf(md,
                 "`%s` is outside the workspace root. dockls reads nothing outside the workspace, so it "
                 "does not check whether this path exists or what it holds.",
                 w.path);
  *start = w.start;
  *end = w.end;
  xfree(w.path);
  return true;
}
