/* ComposeModel: the typed view of a compose file that rules read, built
 * from the tree-sitter-yaml tree.  This first version knows the top-level
 * keys; services, anchors and merge keys join it with the compose rules. */
#ifndef DOCKLS_MODEL_COMPOSE_H_
#define DOCKLS_MODEL_COMPOSE_H_

#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/text.h"

typedef struct {
  char *key;                   /* the key's scalar text, unquoted */
  size_t key_start, key_end;   /* byte range of the key */
  size_t pair_start, pair_end; /* byte range of key, ':' and value */
} ComposeEntry;
typedef Array(ComposeEntry) ComposeEntryArray;

typedef struct ComposeModel {
  ComposeEntryArray top; /* top-level keys in file order */
} ComposeModel;

/* Builds the model (never fails; a file that is not a mapping yields an
 * empty model).  Caller owns; free with compose_model_delete. */
ComposeModel *compose_model_build(const Syntax *syntax, const TextDoc *text);
void compose_model_delete(ComposeModel *self);

/* The first top-level entry with this key, or NULL.  Borrowed. */
const ComposeEntry *compose_top_entry(const ComposeModel *self, const char *key);

#endif
