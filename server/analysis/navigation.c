/* Definition, references and highlights: three readings of the symbol
 * index (index.h).  Each request builds the index once; only requests that
 * can leave the file (definition, references) link the other files. */
#include "dockls/analysis/navigation.h"

#include <string.h>

#include "dockls/base/path.h"
#include "dockls/model/compose.h"
#include "dockls/model/context_files.h"
#include "dockls/workspace/files.h"
#include "index.h"
#include "rules/internal.h"

static void nav_push(NavSpanArray *out, const SymOcc *o) {
  NavSpan span = {o->file, o->start, o->end, o->declaration};
  array_push(out, span);
}

/* The declaration a variable reference resolves to: the last declaration
 * of the symbol before it in its own file (the builder reads the value
 * in force at that line), else the first one. */
static const SymOcc *nav_variable_definition(const SymIndex *ix, const SymOcc *ref) {
  const SymOcc *before = NULL, *first = NULL;
  for (size_t i = 0; i < ix->occs.len; i++) {
    const SymOcc *o = &ix->occs.items[i];
    if (!o->declaration || !sym_same(o, ref)) continue;
    if (!first) first = o;
    if (o->file == ref->file && o->start <= ref->start) before = o;
  }
  return before ? before : first;
}

/* The scalar of the compose tree whose range holds `offset`.  Only the
 * child holding the offset is entered, so shared alias targets cost
 * nothing; merged pairs (`<<:`) have their ranges in the anchor. */
static const ComposeNode *nav_scalar_at(const ComposeNode *n, size_t offset) {
  for (int depth = 0; n && depth < 256; depth++) {
    if (offset < n->start || offset > n->end) return NULL;
    if (n->kind == COMPOSE_NODE_SCALAR) return n;
    const ComposeNode *next = NULL;
    for (size_t i = 0; n->kind == COMPOSE_NODE_MAP && i < n->npairs && !next; i++)
      if (!n->pairs[i].merged && offset >= n->pairs[i].value->start && offset <= n->pairs[i].value->end)
        next = n->pairs[i].value;
    for (size_t i = 0; n->kind == COMPOSE_NODE_SEQ && i < n->nitems && !next; i++)
      if (offset >= n->items[i]->start && offset <= n->items[i]->end) next = n->items[i];
    n = next;
  }
  return NULL;
}

/* The name of the `${VAR}` / `$VAR` under `offset` in a compose scalar
 * (owned), or NULL. */
static char *nav_variable_at(const ComposeNode *scalar, size_t offset) {
  if (!scalar || !compose_interp_has_ref(scalar->text, strlen(scalar->text))) return NULL;
  ComposeVarArray vars;
  array_init(&vars);
  compose_interp_scan(scalar->text, strlen(scalar->text), &vars);
  char *name = NULL;
  for (size_t i = 0; i < vars.len && !name; i++) {
    size_t s, e;
    if (compose_text_offset(scalar, vars.items[i].name_start, &s) &&
        compose_text_offset(scalar, vars.items[i].name_end, &e) && offset >= s && offset <= e)
      name = xstrndup(scalar->text + vars.items[i].name_start, vars.items[i].name_end - vars.items[i].name_start);
  }
  array_delete(&vars);
  return name;
}

/* A compose `${VAR}` / `$VAR`: the line of the `.env` beside the compose
 * file that sets it, which is where Compose takes the value from. */
static bool nav_dotenv(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
  const ComposeModel *m = ws_compose(ws, id);
  const char *path = ws_path(ws, id);
  char *name = m && path ? nav_variable_at(nav_scalar_at(m->root, offset), offset) : NULL;
  if (!name) return false;
  bool found = false;
  char *abs = path_absolute(path), *dir = path_dirname(abs), *env = path_join(dir, ".env");
  FileId env_id;
  if (ws_read(ws, id, env, &env_id)) {
    const TextDoc *t = ws_text(ws, env_id);
    DotenvEntryArray entries;
    array_init(&entries);
    dotenv_parse(t->bytes, t->len, &entries);
    const DotenvEntry *e = dotenv_find(&entries, name);
    if (e) {
      NavSpan span = {env_id, e->key_start, e->key_end, true};
      array_push(out, span);
      found = true;
    }
    dotenv_clear(&entries);
  }
  xfree(env);
  xfree(dir);
  xfree(abs);
  xfree(name);
  return found;
}

/* A compose path (`build.dockerfile`, `env_file`, `extends.file`,
 * `include`, configs/secrets `file:`, a bind-mount source): the file it
 * names, as documentLink finds them (existing files inside the root). */
static bool nav_path(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
  DocLinkArray links;
  array_init(&links);
  analysis_document_links(ws, id, &links);
  bool found = false;
  for (size_t i = 0; i < links.len && !found; i++) {
    const DocLink *l = &links.items[i];
    FileId target;
    if (l->path && offset >= l->start && offset <= l->end && ws_read(ws, id, l->path, &target)) {
      NavSpan span = {target, 0, 0, true};
      array_push(out, span);
      found = true;
    }
  }
  doclinks_free(&links);
  return found;
}

/* A service's build context (`build: ./web` or `build.context`): a folder
 * is no place an editor can open, so it goes to the Dockerfile the
 * service builds from that context. */
static bool nav_context(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
  const ComposeModel *m = ws_compose(ws, id);
  const char *path = ws_path(ws, id);
  if (!m || !m->services || m->services->kind != COMPOSE_NODE_MAP || !path) return false;
  bool found = false;
  char *abs = path_absolute(path), *dir = path_dirname(abs);
  for (size_t i = 0; i < m->services->npairs && !found; i++) {
    const ComposeNode *svc = m->services->pairs[i].value;
    const ComposeNode *build = svc->kind == COMPOSE_NODE_MAP ? compose_get(svc, "build") : NULL;
    const ComposeNode *context = build && build->kind == COMPOSE_NODE_MAP ? compose_get(build, "context") : build;
    if (!compose_is_scalar(context) || offset < context->start || offset > context->end) continue;
    char *context_dir = NULL, *dockerfile = NULL;
    const char *target = NULL;
    FileId target_id;
    if (rules__service_build(svc, dir, &context_dir, &dockerfile, &target) && ws_read(ws, id, dockerfile, &target_id)) {
      NavSpan span = {target_id, 0, 0, true};
      array_push(out, span);
      found = true;
    }
    xfree(context_dir);
    xfree(dockerfile);
  }
  xfree(dir);
  xfree(abs);
  return found;
}

bool analysis_definition(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
  if (ws_kind(ws, id) == DOC_KIND_COMPOSE &&
      (nav_dotenv(ws, id, offset, out) || nav_path(ws, id, offset, out) || nav_context(ws, id, offset, out)))
    return true;
  SymIndex ix;
  sym_index_build(ws, id, true, &ix);
  const SymOcc *at = sym_index_at(&ix, id, offset);
  if (at && at->kind == SYM_VARIABLE) {
    const SymOcc *def = nav_variable_definition(&ix, at);
    if (def) nav_push(out, def);
  } else if (at) {
    for (size_t i = 0; i < ix.occs.len; i++)
      if (ix.occs.items[i].declaration && sym_same(&ix.occs.items[i], at)) nav_push(out, &ix.occs.items[i]);
  }
  sym_index_free(&ix);
  return at != NULL;
}

/* Appends the occurrences of the symbol at `offset`: in every indexed
 * file with `cross_file`, else in `id` only. */
static bool nav_collect(Workspace *ws, FileId id, size_t offset, bool cross_file, bool include_declaration,
                        NavSpanArray *out) {
  SymIndex ix;
  sym_index_build(ws, id, cross_file, &ix);
  const SymOcc *at = sym_index_at(&ix, id, offset);
  for (size_t i = 0; at && i < ix.occs.len; i++) {
    const SymOcc *o = &ix.occs.items[i];
    if ((include_declaration || !o->declaration) && (cross_file || o->file == id) && sym_same(o, at))
      nav_push(out, o);
  }
  sym_index_free(&ix);
  return at != NULL;
}

bool analysis_references(Workspace *ws, FileId id, size_t offset, bool include_declaration,
                         NavSpanArray *out) {
  return nav_collect(ws, id, offset, true, include_declaration, out);
}

bool analysis_highlights(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
  return nav_collect(ws, id, offset, false, true, out);
}
