/* This header is private to the analysis layer: the symbol index that
 * navigation, hover, completion and rename read.  It lists every place a
 * name is declared or used, in one file and in the files linked to it (a
 * compose file and the Dockerfiles its services build), as occurrences
 * that carry the symbol's identity: two occurrences are the same symbol
 * when their kind, scope file, group and name agree. */
#ifndef DOCKLS_ANALYSIS_INDEX_H_
#define DOCKLS_ANALYSIS_INDEX_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

typedef enum {
  SYM_STAGE,    /* a Dockerfile stage name (`FROM … AS name`) */
  SYM_VARIABLE, /* a Dockerfile ARG or ENV */
  SYM_SERVICE,  /* compose */
  SYM_NETWORK,
  SYM_VOLUME,
  SYM_SECRET,
  SYM_CONFIG,
  SYM_HEREDOC   /* a heredoc delimiter: `<<EOF` declares it, the closing `EOF` uses it */
} SymKind;

typedef struct {
  SymKind kind;
  FileId scope;      /* the file whose namespace holds the name */
  int group;         /* variables: -1 for the global ARGs, else the root stage of the
                        FROM chain that sees the variable; heredocs: the offset of
                        their instruction, so the EOF of one RUN is not the EOF
                        of another; 0 for other kinds */
  char *name;        /* owned */
  FileId file;       /* where this occurrence is */
  size_t start, end; /* the name itself, never its `$`, braces or quotes */
  bool declaration;
  int stage;         /* Dockerfile occurrences: the stage (-1 before the first FROM) */
} SymOcc;
typedef Array(SymOcc) SymOccArray;

typedef struct {
  SymOccArray occs; /* sorted by file, then start; no two at the same place */
} SymIndex;

/* Indexes `id` and, with `cross_file`, the files linked to it: for a
 * compose file, the Dockerfiles its services build (their stages, so that
 * `build.target` resolves); for a Dockerfile, the compose files that
 * build it (found as the build-context rules find them).  Reads go
 * through files.h, so they are recorded as dependencies of `id`. */
void sym_index_build(Workspace *ws, FileId id, bool cross_file, SymIndex *out);
void sym_index_free(SymIndex *self);

/* The occurrence in `file` whose range holds `offset` (its end included,
 * so a cursor just after a name still finds it); NULL when none. */
const SymOcc *sym_index_at(const SymIndex *self, FileId file, size_t offset);

/* True when both occurrences name the same symbol. */
bool sym_same(const SymOcc *a, const SymOcc *b);

/* The ARG and ENV names Dockerfile `id` lets an instruction at `offset`
 * use, by the scoping rules above (owned strings appended to *out, each
 * name once). */
void sym_visible_variables(Workspace *ws, FileId id, size_t offset, StrArray *out);

/* What a symbol kind is called in messages ("stage", "service"). */
const char *sym_kind_name(SymKind kind);

#endif
