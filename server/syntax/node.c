/* TSNode helpers.  They keep tree-sitter's string-typed node kinds in one
 * place so models read as lists of intents rather than of API calls. */
#include "dockls/syntax/node.h"

#include <string.h>

#include "dockls/base/alloc.h"

bool node_is(TSNode node, const char *type) {
  return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

TSNode node_child_of_type(TSNode node, const char *type) {
  uint32_t n = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < n; i++) {
    TSNode child = ts_node_named_child(node, i);
    if (node_is(child, type)) return child;
  }
  TSNode null_node;
  memset(&null_node, 0, sizeof null_node);
  return null_node;
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
