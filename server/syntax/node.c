/* TSNode helpers, so that models read as lists of intents rather than of
 * API calls.  Node types are compared by symbol id (symbols.h). */
#include "dockls/syntax/node.h"

#include <string.h>

#include "dockls/base/alloc.h"

TSNode node_child_of_type(TSNode node, TSSymbol type) {
  /* A cursor, because ts_node_named_child(i) searches from the first child
   * each time and descends through hidden nodes on the way: on the
   * Dockerfile root, whose instruction list nests one hidden level per
   * instruction, a loop over indexes would be quadratic. */
  TSNode found;
  memset(&found, 0, sizeof found);
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(child) && ts_node_symbol(child) == type) {
      found = child;
      break;
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

char *node_text(TSNode node, const char *source) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  return xstrndup(source + start, end - start);
}

char *node_scalar_text(TSNode node, const char *source) {
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  if (end - start >= 2 && (source[start] == '"' || source[start] == '\'') &&
      source[end - 1] == source[start]) {
    start++;
    end--;
  }
  return xstrndup(source + start, end - start);
}
