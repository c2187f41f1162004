/* Completion for Dockerfiles and compose files: what may be written at a
 * byte offset, computed from the text, the models and the symbol index,
 * so that `dockls` and its tests can ask without the protocol.  Every
 * item replaces the same range (the word being typed) with its text. */
#ifndef DOCKLS_ANALYSIS_COMPLETE_H_
#define DOCKLS_ANALYSIS_COMPLETE_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

/* What an item is, for the editor's icon. */
typedef enum {
  COMPLETE_KEYWORD,   /* a Dockerfile instruction */
  COMPLETE_DIRECTIVE, /* a parser directive */
  COMPLETE_FLAG,      /* an instruction flag, a --mount key */
  COMPLETE_VALUE,     /* an enum value: a mount type, a restart policy */
  COMPLETE_STAGE,     /* a stage name */
  COMPLETE_VARIABLE,  /* an ARG, ENV or predefined build argument */
  COMPLETE_IMAGE,     /* an official image of the table */
  COMPLETE_KEY,       /* a compose key */
  COMPLETE_REFERENCE, /* a compose service, network, volume, secret or config */
  COMPLETE_FILE,      /* a file named by a compose path */
  COMPLETE_FOLDER     /* a folder named by a compose path */
} CompletionKind;

typedef struct {
  char *label;  /* owned: what the list shows and filters on */
  char *detail; /* owned: a compose key's type, an item's origin; NULL none */
  char *doc;    /* owned: what the item means (a compose key's description); NULL none */
  char *text;   /* owned: what replaces the range, a snippet when `snippet` */
  bool snippet;
  CompletionKind kind;
} CompletionItem;

typedef struct {
  size_t start, end; /* the word being typed, replaced by every item */
  Array(CompletionItem) items;
  /* More items exist than were listed (a folder of thousands of files):
   * the client must ask again as the user types instead of filtering
   * this list, or the names after the first ones could never be offered. */
  bool incomplete;
} CompletionList;

/* The completions at `offset` of document `id`, appended to *out (which
 * the caller has zeroed).  With `snippets` the texts of instructions and
 * flags carry tab stops (`${1:alpine}`); without, the same texts with
 * each tab stop's default written out, so that an item never leaves the
 * file in a state that does not parse. */
void analysis_completion(Workspace *ws, FileId id, size_t offset, bool snippets, CompletionList *out);
void completion_list_free(CompletionList *list);

#endif
