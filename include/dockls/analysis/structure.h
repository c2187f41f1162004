/* The structure of a document as editors show it: the outline
 * (documentSymbol), folding ranges, semantic tokens and selection ranges,
 * for Dockerfiles and compose files.  Everything is plain data in byte
 * offsets, computed from the models and the syntax tree, so the LSP adapter
 * only converts positions and a test can check the computation without the
 * protocol.  Files of other kinds yield empty results. */
#ifndef DOCKLS_ANALYSIS_STRUCTURE_H_
#define DOCKLS_ANALYSIS_STRUCTURE_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

/* --- Outline ----------------------------------------------------------- */

/* What an outline entry is; the adapter maps it to a client's symbol kind. */
typedef enum {
  OUTLINE_STAGE,       /* a Dockerfile stage (FROM … up to the next FROM) */
  OUTLINE_INSTRUCTION, /* one instruction */
  OUTLINE_ARG,         /* a global ARG, before the first FROM */
  OUTLINE_SECTION,     /* a compose top-level key (services, networks, …) */
  OUTLINE_SERVICE,     /* a compose service */
  OUTLINE_RESOURCE,    /* a declared network, volume, secret or config */
  OUTLINE_KEY          /* any other compose key */
} OutlineKind;

/* One entry.  Entries are in document order and every entry follows its
 * parent, so the list is a preorder walk of the outline tree. */
typedef struct {
  char *name;                  /* owned */
  char *detail;                /* owned; NULL when there is nothing to add */
  OutlineKind kind;
  size_t start, end;           /* everything the entry covers */
  size_t name_start, name_end; /* the part that names it (inside start..end) */
  ptrdiff_t parent;            /* index of the parent entry, -1 at the top */
} OutlineEntry;
typedef Array(OutlineEntry) OutlineArray;

void analysis_outline(Workspace *ws, FileId id, OutlineArray *out);
void analysis_outline_free(OutlineArray *outline);

/* --- Folding ----------------------------------------------------------- */

typedef enum { FOLD_REGION, FOLD_COMMENT } FoldKind;

/* A foldable range: `start` is on the line that stays visible, `end` on
 * the last line that is hidden.  Only ranges over two lines or more are
 * reported, sorted by start. */
typedef struct {
  size_t start, end;
  FoldKind kind;
} FoldRange;
typedef Array(FoldRange) FoldArray;

void analysis_folding(Workspace *ws, FileId id, FoldArray *out);

/* --- Semantic tokens --------------------------------------------------- */

/* The legend, in the order the adapter announces it (the numbers are the
 * token types' indices on the wire). */
#define SEMANTIC_TOKEN_TYPES(X)                                                  \
  X(KEYWORD, "keyword") X(PARAMETER, "parameter") X(CLASS, "class")              \
  X(VARIABLE, "variable") X(STRING, "string") X(COMMENT, "comment")              \
  X(MACRO, "macro") X(TYPE, "type") X(PROPERTY, "property") X(NUMBER, "number") \
  X(OPERATOR, "operator")

typedef enum {
#define X(name, text) SEM_##name,
  SEMANTIC_TOKEN_TYPES(X)
#undef X
  SEM_TYPE_COUNT
} SemanticType;

/* Modifiers, as bits (the wire's bit numbers). */
#define SEMANTIC_TOKEN_MODIFIERS(X) X(DECLARATION, "declaration") X(READONLY, "readonly")

enum {
#define X(name, text) SEM_MOD_BIT_##name,
  SEMANTIC_TOKEN_MODIFIERS(X)
#undef X
};
#define SEM_MOD_DECLARATION (1u << SEM_MOD_BIT_DECLARATION)
#define SEM_MOD_READONLY (1u << SEM_MOD_BIT_READONLY)

/* What each token type means here:
 *   keyword   instruction keywords, `AS`, compose booleans and null
 *   parameter flags (`--from=…`, the name part)
 *   class     stage names (declared after AS, used in --from= and FROM)
 *   variable  $VAR / ${VAR} in a Dockerfile, ${VAR} in compose values,
 *             ARG/ENV names where they are declared
 *   string    quoted strings, paths, compose string values
 *   comment   comments
 *   macro     parser directives (`# syntax=…`)
 *   type      image references in FROM
 *   property  compose keys, ENV/LABEL keys
 *   number    compose numbers, EXPOSE ports
 *   operator  heredoc markers */
typedef struct {
  size_t start, end;
  SemanticType type;
  unsigned modifiers;
} SemanticToken;
typedef Array(SemanticToken) SemanticTokenArray;

/* The tokens of the document, sorted and not overlapping.  A token may
 * span lines (a block scalar, a heredoc marker never does); the adapter
 * splits those for clients that cannot take them. */
void analysis_semantic_tokens(Workspace *ws, FileId id, SemanticTokenArray *out);

/* --- Selection ranges -------------------------------------------------- */

typedef struct {
  size_t start, end;
} ByteRange;
typedef Array(ByteRange) ByteRangeArray;

/* The ranges around `offset`, innermost first, each containing the one
 * before it and strictly larger: in a Dockerfile word → argument (flag,
 * pair, path, command) → instruction → stage → document; in compose
 * scalar → pair → mapping → … → document. */
void analysis_selection(Workspace *ws, FileId id, size_t offset, ByteRangeArray *out);

#endif
