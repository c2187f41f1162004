/* Shared inside the syntax layer only. */
#ifndef DOCKLS_SYNTAX_INTERNAL_H_
#define DOCKLS_SYNTAX_INTERNAL_H_

#include <tree_sitter/api.h>

/* tree-sitter-yaml with scanner states that do not record their position,
 * so that an edit in the middle of a file lets the parser reuse what
 * follows it (yaml_scanner.c says why and how).  language_get(LANG_YAML)
 * returns it; this names it for the tests that compare it with the
 * grammar as shipped. */
const TSLanguage *yaml_language_position_free(void);

#endif
