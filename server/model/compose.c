/* Builds ComposeModel from a tree-sitter-yaml tree.  The top-level mapping
 * is the block_mapping (or flow_mapping) of the first document; keys are
 * read from each pair's `key` field.  Pairs whose key is not a plain or
 * quoted scalar are skipped, since compose keys are always scalars. */
#include "dockls/model/compose.h"

#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/syntax/node.h"

static TSNode compose_unwrap(TSNode node) {
  /* block_node / flow_node wrap the actual collection or scalar. */
  while (!ts_node_is_null(node) && (node_is(node, "block_node") || node_is(node, "flow_node")) &&
         ts_node_named_child_count(node) > 0) {
    TSNode inner = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
    node = inner;
  }
  return node;
}

static TSNode compose_top_mapping(const Syntax *syntax) {
  TSNode root = syntax_root(syntax);
  TSNode doc = node_child_of_type(root, "document");
  if (ts_node_is_null(doc)) return doc;
  uint32_t n = ts_node_named_child_count(doc);
  for (uint32_t i = 0; i < n; i++) {
    TSNode body = compose_unwrap(ts_node_named_child(doc, i));
    if (node_is(body, "block_mapping") || node_is(body, "flow_mapping")) return body;
  }
  TSNode null_node = {0};
  return null_node;
}

static bool compose_is_scalar(TSNode node) {
  return node_is(node, "plain_scalar") || node_is(node, "double_quote_scalar") ||
         node_is(node, "single_quote_scalar") || node_is(node, "string_scalar");
}

ComposeModel *compose_model_build(const Syntax *syntax, const TextDoc *text) {
  ComposeModel *self = xcalloc(1, sizeof *self);
  TSNode mapping = compose_top_mapping(syntax);
  if (ts_node_is_null(mapping)) return self;
  uint32_t n = ts_node_named_child_count(mapping);
  for (uint32_t i = 0; i < n; i++) {
    TSNode pair = ts_node_named_child(mapping, i);
    if (!node_is(pair, "block_mapping_pair") && !node_is(pair, "flow_pair")) continue;
    TSNode key = compose_unwrap(ts_node_child_by_field_name(pair, "key", 3));
    if (ts_node_is_null(key)) continue;
    if (node_is(key, "plain_scalar") && ts_node_named_child_count(key) == 1)
      key = ts_node_named_child(key, 0);
    if (!compose_is_scalar(key)) continue;
    ComposeEntry entry = {
        .key = node_scalar_text(key, text->bytes),
        .key_start = ts_node_start_byte(key),
        .key_end = ts_node_end_byte(key),
        .pair_start = ts_node_start_byte(pair),
        .pair_end = ts_node_end_byte(pair),
    };
    array_push(&self->top, entry);
  }
  return self;
}

void compose_model_delete(ComposeModel *self) {
  if (!self) return;
  for (size_t i = 0; i < self->top.len; i++) xfree(self->top.items[i].key);
  array_delete(&self->top);
  xfree(self);
}

const ComposeEntry *compose_top_entry(const ComposeModel *self, const char *key) {
  for (size_t i = 0; i < self->top.len; i++)
    if (strcmp(self->top.items[i].key, key) == 0) return &self->top.items[i];
  return NULL;
}
