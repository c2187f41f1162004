/* This header is private to the analysis layer: what the editing features
 * (semantic tokens, formatting, refactors) share about Dockerfile trees. */
#ifndef DOCKLS_ANALYSIS_EDITING_INTERNAL_H_
#define DOCKLS_ANALYSIS_EDITING_INTERNAL_H_

#include <stdbool.h>
#include <tree_sitter/api.h>

/* The indentation of a continuation line, as the formatter writes it and
 * the refactors that break lines write it too. */
#define EDITING_INDENT "    "

/* True for an anonymous token that is a keyword of the grammar (`FROM`,
 * `AS`, `CMD` in HEALTHCHECK …): its type is a word of two letters or more.
 * Its text may be in any case; the type is the grammar's spelling. */
bool editing__is_keyword(TSNode node);

#endif
