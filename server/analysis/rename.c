/* Rename and prepareRename: a fourth reading of the symbol index
 * (index.h), next to definition, references and highlights.  The places
 * to rewrite are the symbol's occurrences in every linked file (a stage
 * named by a compose `build.target` is renamed there too), so the answer
 * can span files.  Before any place is touched, the new name must be one
 * the file format accepts for that kind of symbol, and must not already
 * name another symbol of the same kind in the same namespace: either
 * mistake would leave files that build differently, or not at all. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dockls/analysis/navigation.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "index.h"

/* The message for a name its kind may not have, saying what it may be. */
static char *rename_invalid(SymKind kind, const char *name) {
  const char *rule = kind == SYM_STAGE                              ? "a letter, then letters, digits, '-', '_' or '.'"
                     : kind == SYM_VARIABLE || kind == SYM_HEREDOC ? "a letter or '_', then letters, digits or '_'"
                                            : "a letter or digit, then letters, digits, '-', '_' or '.'";
  StrBuf msg = STRBUF_INIT;
  strbuf_appendf(&msg, "\"%s\" is not a valid %s name (%s)", name, sym_kind_name(kind), rule);
  char *out = xstrdup(strbuf_cstr(&msg));
  strbuf_destroy(&msg);
  return out;
}

/* Whether `name` is written the way its kind must be.  A stage name is
 * matched by the builder after lower-casing it, against
 * ^[a-z][a-z0-9-_.]*$.  A variable must be a shell identifier, or `$NAME`
 * would expand something else.  Compose names follow the pattern of the
 * compose schema ([a-zA-Z0-9._-]) and may not start with a dot or dash,
 * which also keeps them plain YAML scalars that need no quoting as keys. */
static bool rename_valid(SymKind kind, const char *name) {
  if (!*name) return false;
  const unsigned char *p = (const unsigned char *)name;
  switch (kind) {
    case SYM_STAGE:
      if (!isalpha(*p)) return false;
      for (p++; *p; p++)
        if (!isalnum(*p) && !strchr("-_.", *p)) return false;
      return true;
    case SYM_VARIABLE:
    case SYM_HEREDOC:
      if (!isalpha(*p) && *p != '_') return false;
      for (p++; *p; p++)
        if (!isalnum(*p) && *p != '_') return false;
      return true;
    default:
      if (!isalnum(*p)) return false;
      for (p++; *p; p++)
        if (!isalnum(*p) && !strchr("-_.", *p)) return false;
      return true;
  }
}

/* Whether the symbol `at` occurs in file `file`. */
static bool occurs_in(const SymIndex *ix, const SymOcc *at, FileId file) {
  for (size_t i = 0; i < ix->occs.len; i++)
    if (ix->occs.items[i].file == file && sym_same(&ix->occs.items[i], at)) return true;
  return false;
}

/* Whether a declaration other than the symbol `at` already has `name` in
 * the same namespace: the same kind and scope file; for variables also a
 * group that one of the two sees (the global ARGs are seen by all).
 * A service renamed across `extends.file` must also be new in each file
 * that extends it: there `extends: {file: …, service: NAME}` next to a
 * service of its own called NAME reads as extending that neighbour (which
 * is what the same line without `file:` would do), so the rename is
 * refused rather than left to confuse. */
static const SymOcc *rename_collision(const SymIndex *ix, const SymOcc *at, const char *name) {
  for (size_t i = 0; i < ix->occs.len; i++) {
    const SymOcc *o = &ix->occs.items[i];
    if (!o->declaration || o->kind != at->kind || sym_same(o, at)) continue;
    if (o->scope != at->scope && !(at->kind == SYM_SERVICE && occurs_in(ix, at, o->scope))) continue;
    if (at->kind == SYM_VARIABLE && o->group != at->group && o->group != -1 && at->group != -1) continue;
    /* Heredoc delimiters meet only inside one instruction. */
    if (at->kind == SYM_HEREDOC && o->group != at->group) continue;
    bool same = at->kind == SYM_STAGE ? strcasecmp(o->name, name) == 0 : strcmp(o->name, name) == 0;
    if (same) return o;
  }
  return NULL;
}

bool analysis_prepare_rename(Workspace *ws, FileId id, size_t offset, NavSpan *range, char **placeholder,
                             char **why) {
  SymIndex ix;
  sym_index_build(ws, id, false, &ix);
  const SymOcc *at = sym_index_at(&ix, id, offset);
  if (!at) {
    /* A name that only another file declares (`extends: {file: …,
     * service: NAME}`) is found by the cross-file index, which reads more
     * files and is therefore asked second. */
    sym_index_free(&ix);
    sym_index_build(ws, id, true, &ix);
    at = sym_index_at(&ix, id, offset);
  }
  if (at) {
    *range = (NavSpan){at->file, at->start, at->end, at->declaration};
    *placeholder = xstrdup(at->name);
  } else {
    *why = xstrdup("there is no stage, variable, service, network, volume, secret or config to rename here");
  }
  sym_index_free(&ix);
  return at != NULL;
}

bool analysis_rename(Workspace *ws, FileId id, size_t offset, const char *new_name, NavSpanArray *out,
                     char **why) {
  SymIndex ix;
  sym_index_build(ws, id, true, &ix);
  const SymOcc *at = sym_index_at(&ix, id, offset);
  const SymOcc *other = NULL;
  bool ok = false;
  if (!at) {
    *why = xstrdup("there is no stage, variable, service, network, volume, secret or config to rename here");
  } else if (!rename_valid(at->kind, new_name)) {
    *why = rename_invalid(at->kind, new_name);
  } else if ((other = rename_collision(&ix, at, new_name)) != NULL) {
    StrBuf msg = STRBUF_INIT;
    strbuf_appendf(&msg, "a %s named \"%s\" already exists", sym_kind_name(at->kind), other->name);
    *why = xstrdup(strbuf_cstr(&msg));
    strbuf_destroy(&msg);
  } else {
    for (size_t i = 0; i < ix.occs.len; i++) {
      const SymOcc *o = &ix.occs.items[i];
      if (sym_same(o, at)) array_push(out, ((NavSpan){o->file, o->start, o->end, o->declaration}));
    }
    ok = true;
  }
  sym_index_free(&ix);
  return ok;
}
