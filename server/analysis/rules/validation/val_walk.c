/* The instruction nodes of a Dockerfile tree, for the validation rules
 * that must read what the model does not keep (the text of a command
 * that only looks like exec form, an instruction the parser gave up on). */
#include <string.h>

#include "validation_rules.h"

/* The instruction an ERROR node was meant to be, named by its first child
 * when that child is an instruction keyword token (`SHELL ['sh']` leaves
 * an ERROR holding the SHELL keyword and nothing else). */
static DfKind val__error_kind(TSNode error, const TextDoc *text) {
  if (ts_node_child_count(error) == 0) return DF_OTHER;
  TSNode first = ts_node_child(error, 0);
  if (ts_node_is_named(first)) return DF_OTHER;
  size_t start = ts_node_start_byte(first), end = ts_node_end_byte(first);
  return dockerfile_kind_of_keyword(text->bytes + start, end - start);
}

typedef struct {
  TSNode node;
  DfKind kind;
  bool error;
} ValNode;

struct ValNodes {
  Array(ValNode) items;
};

static void val__collect(const TextDoc *text, TSNode node, struct ValNodes *out) {
  if (ts_node_symbol(node) == (TSSymbol)-1) { /* ERROR: tree-sitter 0.20 has no ts_node_is_error */
    DfKind kind = val__error_kind(node, text);
    if (kind != DF_OTHER) array_push(&out->items, ((ValNode){node, kind, true}));
    return;
  }
  DfKind kind = dockerfile_node_kind(node);
  if (kind == DF_ONBUILD) {
    /* The trigger is checked as the instruction it will be in the child
     * image's build, which is where the builder parses it again. */
    TSNode inner = ts_node_child_by_field_name(node, "instruction", 11);
    if (!ts_node_is_null(inner)) val__collect(text, inner, out);
    return;
  }
  if (kind != DF_OTHER) array_push(&out->items, ((ValNode){node, kind, false}));
}

void val__each_instruction(RuleCtx *ctx, ValVisit visit, void *data) {
  if (!ctx->val_nodes) {
    const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
    if (!syntax) return;
    /* Listed once per run and shared by every validation rule.  A cursor:
     * the instruction list nests one hidden level per instruction, which
     * indexed access would walk again for each child. */
    ctx->val_nodes = xcalloc(1, sizeof *ctx->val_nodes);
    TSTreeCursor cursor = ts_tree_cursor_new(syntax_root(syntax));
    for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor))
      val__collect(ctx->text, ts_tree_cursor_current_node(&cursor), ctx->val_nodes);
    ts_tree_cursor_delete(&cursor);
  }
  for (size_t i = 0; i < ctx->val_nodes->items.len; i++) {
    const ValNode *n = &ctx->val_nodes->items.items[i];
    visit(ctx, n->node, n->kind, n->error, data);
  }
}

void val__nodes_free(struct ValNodes *nodes) {
  if (!nodes) return;
  array_delete(&nodes->items);
  xfree(nodes);
}

bool val__is_gap_node(TSNode node) {
  const char *type = ts_node_type(node);
  return strcmp(type, "line_continuation") == 0 || strcmp(type, "comment") == 0;
}

void val__joined_text(const TextDoc *text, TSNode parent, size_t start, size_t end, ValText *out) {
  out->len = 0;
  out->text = xmalloc(end - start + 1);
  out->offset = xmalloc((end - start + 1) * sizeof *out->offset);
  size_t at = start;
  TSTreeCursor cursor = ts_tree_cursor_new(parent);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    size_t cs = ts_node_start_byte(child), ce = ts_node_end_byte(child);
    if (ce <= start || cs >= end || !val__is_gap_node(child)) continue;
    for (; at < cs; at++) {
      out->offset[out->len] = at;
      out->text[out->len++] = text->bytes[at];
    }
    at = ce;
  }
  ts_tree_cursor_delete(&cursor);
  for (; at < end; at++) {
    out->offset[out->len] = at;
    out->text[out->len++] = text->bytes[at];
  }
  out->offset[out->len] = end;
  out->text[out->len] = '\0';
}

void val__text_destroy(ValText *t) {
  xfree(t->text);
  xfree(t->offset);
}
