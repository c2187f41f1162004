/* The children of a node across the trees of a split compose document
 * (parse.h, SyntaxChildren; parse_yaml.c says how it is split). */
#include <stdint.h>

#include "dockls/syntax/parse.h"
#include "dockls/syntax/symbols.h"
#include "syntax_internal.h"

/* The first byte of the first run: the skeleton's first range ends there. */
static uint32_t head_end(const Syntax *s) { return s->chunks.items[1].start; }

/* True for the skeleton's `services:` mapping: the one block mapping of
 * the skeleton that goes on past its first range and is not the top-level
 * mapping (which starts in the first column; the cut finder asks for a
 * `services:` key there). */
static bool is_spliced(const Syntax *s, TSNode parent) {
  if (!s->split || s->read_whole || parent.tree != s->chunks.items[0].tree) return false;
  if (!node_has(parent, yaml_symbols()->block_mapping) || ts_node_start_point(parent).column == 0) return false;
  return ts_node_start_byte(parent) < head_end(s) && ts_node_end_byte(parent) > head_end(s);
}

/* Puts the cursor on the first child of `node` that ends after `at`. */
static bool seek(TSTreeCursor *c, TSNode node, size_t at) {
  ts_tree_cursor_reset(c, node);
  bool on = ts_tree_cursor_goto_first_child_for_byte(c, (uint32_t)at) >= 0;
  /* This runtime may stop on the child that ends exactly at `at`. */
  while (on && ts_node_end_byte(ts_tree_cursor_current_node(c)) <= at) on = ts_tree_cursor_goto_next_sibling(c);
  return on;
}

/* Enters the runs from run `part` on, then the mapping's last run in the
 * skeleton, from `at` on; false, ending the walk, when none of them holds
 * a child. */
static bool enter(SyntaxChildren *w, size_t part, size_t at) {
  Syntax *s = w->syntax;
  for (w->part = part; w->part < s->chunks.len; w->part++) {
    TSNode mapping = yaml_run_mapping(s, w->part);
    if (!ts_node_is_null(mapping) && seek(&w->cursor, mapping, at)) return w->on = true;
  }
  /* The skeleton's children after the runs: those that end after the
   * last run. */
  uint32_t last_end = array_last(&s->chunks)->end;
  return w->on = seek(&w->cursor, w->mapping, last_end > at ? last_end : at);
}

static void begin(SyntaxChildren *w, const Syntax *syntax, TSNode parent) {
  w->syntax = (Syntax *)syntax; /* runs' offsets are brought up to date as they are read */
  w->cursor = ts_tree_cursor_new(parent);
  w->mapping = parent;
  w->spliced = is_spliced(syntax, parent);
  w->part = 0;
}

bool syntax_children_from(SyntaxChildren *w, const Syntax *syntax, TSNode parent, size_t at) {
  begin(w, syntax, parent);
  if (!w->spliced) return w->on = seek(&w->cursor, parent, at);
  if (at < head_end(syntax) && seek(&w->cursor, parent, at) &&
      ts_node_start_byte(ts_tree_cursor_current_node(&w->cursor)) < head_end(syntax))
    return w->on = true;
  /* The run that holds `at`, or the first after it. */
  size_t part = 1;
  while (part + 1 < syntax->chunks.len && syntax->chunks.items[part + 1].start <= at) part++;
  return enter(w, part, at);
}

bool syntax_children_first(SyntaxChildren *w, const Syntax *syntax, TSNode parent) {
  begin(w, syntax, parent);
  w->on = ts_tree_cursor_goto_first_child(&w->cursor);
  if (w->spliced && (!w->on || ts_node_start_byte(ts_tree_cursor_current_node(&w->cursor)) >= head_end(syntax)))
    return enter(w, 1, 0);
  return w->on;
}

TSNode syntax_children_node(const SyntaxChildren *w) { return ts_tree_cursor_current_node(&w->cursor); }

const char *syntax_children_field(const SyntaxChildren *w) { return ts_tree_cursor_current_field_name(&w->cursor); }

bool syntax_children_next(SyntaxChildren *w) {
  if (!w->on) return false;
  if (!ts_tree_cursor_goto_next_sibling(&w->cursor)) {
    if (!w->spliced || w->part >= w->syntax->chunks.len) return w->on = false;
    return enter(w, w->part + 1, 0);
  }
  if (w->spliced && w->part == 0 && ts_node_start_byte(ts_tree_cursor_current_node(&w->cursor)) >= head_end(w->syntax))
    return enter(w, 1, 0);
  return true;
}

void syntax_children_end(SyntaxChildren *w) { ts_tree_cursor_delete(&w->cursor); }
