/* Small helpers over TSNode that every model uses. */
#ifndef DOCKLS_SYNTAX_NODE_H_
#define DOCKLS_SYNTAX_NODE_H_

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

/* The first named child whose symbol is `type` (symbols.h), or a null
 * node. */
TSNode node_child_of_type(TSNode node, TSSymbol type);

/* The child of `root` (a child as a cursor sees them: hidden list nodes
 * looked through) that starts at byte `at`, or a null node.  One descent
 * towards the byte, without visiting the other children: the Dockerfile's
 * instruction list nests one level per instruction, so this costs a step
 * per level between the root and that instruction, where gathering every
 * child costs about 900 instructions per instruction. */
TSNode node_top_child_at(TSNode root, size_t at);

/* The node's text as a new string (caller owns, xfree). */
char *node_text(TSNode node, const char *source);

/* The text of a YAML scalar node with its quotes removed (caller owns).
 * Escapes inside double quotes are kept as written. */
char *node_scalar_text(TSNode node, const char *source);

#endif
