/* no-empty-continuation: a blank line inside a continued instruction.
 * The builder joins the lines around it and warns that this is
 * deprecated ("Empty continuation lines will become errors in a future
 * release").  A blank line is one that no node of the instruction
 * touches: comment lines are nodes (the builder drops them silently), and
 * so are heredoc bodies, whose blank lines are data. */
#include <string.h>

#include "validation_rules.h"

typedef Array(size_t) Offsets;

/* Start and end offsets of the instruction's leaf nodes, in order. */
static void ec_leaves(TSNode node, Offsets *starts, Offsets *ends) {
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    TSNode c = ts_tree_cursor_current_node(&cursor);
    if (ts_node_end_byte(c) > ts_node_start_byte(c)) {
      array_push(starts, (size_t)ts_node_start_byte(c));
      array_push(ends, (size_t)ts_node_end_byte(c));
    }
    bool moved = false;
    while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor)))
      if (!ts_tree_cursor_goto_parent(&cursor)) break;
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
}

static bool ec_blank(const char *t, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') return false;
  return true;
}

/* Whether a line that starts at or after `from` and ends (with its line
 * break) before `end` is blank. */
static bool ec_has_blank_line(const char *t, size_t from, size_t end) {
  for (size_t line = from; line < end;) {
    const char *nl = memchr(t + line, '\n', end - line);
    if (!nl) return false;
    size_t eol = (size_t)(nl - t);
    if (ec_blank(t, line, eol)) return true;
    line = eol + 1;
  }
  return false;
}

static void ec_report(RuleCtx *ctx, size_t first, size_t last_eol, DfKind kind) {
  Diag *d = diag_add(ctx->out, RULE_NO_EMPTY_CONTINUATION, ctx->file, first, last_eol,
                     "blank line inside a continued %s: the builder skips it with a warning, and future "
                     "releases will refuse it", dockerfile_kind_name(kind));
  Fix *fix = rules__add_fix(ctx, d, "Delete the blank lines", true);
  fix_add_edit(fix, ctx->file, first, last_eol + 1, "");
}

static void ec_visit(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data) {
  (void)data;
  if (error) return;
  size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  /* Most instructions are one line (a line break only at their end):
   * nothing to look for, and no leaf walk to pay for. */
  const char *first_break = memchr(ctx->text->bytes + start, '\n', end - start);
  if (!first_break || (size_t)(first_break - ctx->text->bytes) + 1 >= end) return;
  /* Nor for a continued one without a blank line: the leaf walk below
   * only tells a blank continuation line from a heredoc or comment one. */
  if (!ec_has_blank_line(ctx->text->bytes, (size_t)(first_break - ctx->text->bytes) + 1, end)) return;
  Offsets starts, ends;
  array_init(&starts);
  array_init(&ends);
  ec_leaves(node, &starts, &ends);
  const char *t = ctx->text->bytes;
  size_t leaf = 0, run = 0, run_eol = 0;
  bool in_run = false;
  /* Each line that starts inside the instruction, after its first line
   * and before its end, and holds no leaf and no text. */
  for (size_t p = start; p < end; p++) {
    if (t[p] != '\n' || p + 1 >= end) continue;
    size_t line = p + 1;
    const char *nl = memchr(t + line, '\n', end - line);
    if (!nl) break; /* the instruction's last line, unterminated */
    size_t eol = (size_t)(nl - t);
    while (leaf < starts.len && ends.items[leaf] <= line) leaf++;
    bool touched = leaf < starts.len && starts.items[leaf] < eol + 1;
    if (!touched && ec_blank(t, line, eol)) {
      if (!in_run) run = line;
      in_run = true;
      run_eol = eol;
    } else if (in_run) {
      ec_report(ctx, run, run_eol, kind);
      in_run = false;
    }
  }
  if (in_run) ec_report(ctx, run, run_eol, kind);
  array_delete(&starts);
  array_delete(&ends);
}

void val__no_empty_continuation(RuleCtx *ctx) { val__visit_instruction(ctx, ec_visit, NULL); }
