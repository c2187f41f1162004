/* Definition, references and highlights: three readings of the symbol
 * index (index.h).  Each request builds the index once; only requests that
 * can leave the file (definition, references) link the other files. */
#include "dockls/analysis/navigation.h"

#include "index.h"

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

bool analysis_definition(Workspace *ws, FileId id, size_t offset, NavSpanArray *out) {
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
