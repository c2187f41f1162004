/* Shared inside the syntax layer only. */
#ifndef DOCKLS_SYNTAX_INTERNAL_H_
#define DOCKLS_SYNTAX_INTERNAL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

/* tree-sitter-yaml with scanner states that do not record their position,
 * so that an edit in the middle of a file lets the parser reuse what
 * follows it (yaml_scanner.c says why and how).  language_get(LANG_YAML)
 * returns it; this names it for the tests that compare it with the
 * grammar as shipped. */
const TSLanguage *yaml_language_position_free(void);

/* Dockerfile chunks (df_chunks.c).  A Dockerfile is parsed as a run of
 * chunks, each a tree of its own over a range of the text, so that an edit
 * reparses the chunk it falls in instead of every instruction after it
 * (the grammar's instruction list costs a reduction per instruction that
 * follows an edit: docs/performance.md).  Chunks hold some dozens of
 * instructions: DF_CHUNK_MIN_BYTES at least, then a qualifying line in
 * about DF_CHUNK_SPREAD instruction lines (a power of two). */
#define DF_CHUNK_MIN_BYTES 256
#define DF_CHUNK_SPREAD 8

/* The first boundary after `from` (itself a boundary, or 0): the start of
 * a line where the text may be cut, or len when there is none.  *rows is
 * set to the number of line breaks in [from, returned offset). */
size_t df_chunk_next(const char *bytes, size_t len, size_t from, uint32_t *rows);

/* False when the text may not be cut at all (an escape directive may
 * change how every line after it reads). */
bool df_chunks_allowed(const char *bytes, size_t len);

#endif
