/* The grammars dockls parses with, by id. */
#ifndef DOCKLS_SYNTAX_LANGUAGE_H_
#define DOCKLS_SYNTAX_LANGUAGE_H_

#include <stdbool.h>
#include <tree_sitter/api.h>

typedef enum { LANG_DOCKERFILE, LANG_YAML, LANG_BASH, LANG__COUNT } LangId;

/* The tree-sitter language for an id, or NULL when this build has no such
 * grammar (the Dockerfile grammar before it is generated).  Borrowed;
 * languages are static. */
const TSLanguage *language_get(LangId id);

/* A short name for logs and messages ("dockerfile", "yaml", "bash"). */
const char *language_name(LangId id);

/* Routes tree-sitter's allocations through base/alloc so that leak counts
 * cover parse trees.  Must run before the first parser is created; calling
 * it again does nothing. */
void syntax_install_allocator(void);

#endif
