/* Small helpers over TSNode that every model uses. */
#ifndef DOCKLS_SYNTAX_NODE_H_
#define DOCKLS_SYNTAX_NODE_H_

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

/* The first named child whose symbol is `type` (symbols.h), or a null
 * node. */
TSNode node_child_of_type(TSNode node, TSSymbol type);

/* The node's text as a new string (caller owns, xfree). */
char *node_text(TSNode node, const char *source);

/* The text of a YAML scalar node with its quotes removed (caller owns).
 * Escapes inside double quotes are kept as written. */
char *node_scalar_text(TSNode node, const char *source);

#endif
