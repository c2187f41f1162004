/* The instruction nodes of a Dockerfile tree, for the validation rules
 * that must read what the model does not keep (the text of a command
 * that only looks like exec form, an instruction the parser gave up on). */
#include <string.h>

#include "dockls/syntax/node.h"
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
  bool gathered;       /* items lists every node (val__nodes) */
  bool listed;         /* this run asked the syntax layer for the root's children */
  size_t levels;       /* levels of the tree descended by val__top_node_at in this run */
  size_t last_at;      /* the last node it found, which the next rule of the same */
  TSNode last;         /* instruction asks for again (null: none yet) */
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

/* The run's lookup state, made on first use and freed after the run
 * (val__nodes_free). */
static struct ValNodes *val__state(RuleCtx *ctx) {
  if (!ctx->val_nodes) ctx->val_nodes = xcalloc(1, sizeof *ctx->val_nodes);
  return ctx->val_nodes;
}

/* The nodes every validation rule visits, listed once per run from the
 * root's children (which the syntax layer gathers once per parse). */
static const struct ValNodes *val__nodes(RuleCtx *ctx) {
  struct ValNodes *nodes = val__state(ctx);
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!nodes->gathered && syntax) {
    size_t count;
    const TSNode *top = syntax_top_nodes(syntax, &count);
    for (size_t i = 0; i < count; i++) val__collect(ctx->text, top[i], nodes);
    nodes->gathered = nodes->listed = true;
  }
  return nodes;
}

void val__each_instruction(RuleCtx *ctx, ValVisit visit, void *data) {
  const struct ValNodes *nodes = val__nodes(ctx);
  for (size_t i = 0; i < nodes->items.len; i++) {
    const ValNode *n = &nodes->items.items[i];
    visit(ctx, n->node, n->kind, n->error, data);
  }
}

void val__each_error(RuleCtx *ctx, ValVisit visit, void *data) {
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax) return;
  /* Only the nodes that hold an error can be or wrap an ERROR node, and
   * the walk over them costs the trees that hold one, where the gathered
   * list would cost every instruction of the file on every keystroke of
   * an unfinished line. */
  struct ValNodes one;
  memset(&one, 0, sizeof one);
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_errors(&walk, syntax); more; more = syntax_top_walk_next(&walk)) {
    array_clear(&one.items);
    val__collect(ctx->text, syntax_top_walk_node(&walk), &one);
    for (size_t i = 0; i < one.items.len; i++) {
      const ValNode *n = &one.items.items[i];
      if (n->error) visit(ctx, n->node, n->kind, true, data);
    }
  }
  syntax_top_walk_end(&walk);
  array_delete(&one.items);
}

TSNode val__top_node_at(RuleCtx *ctx, const DockerfileModel *m, size_t index) {
  TSNode none = {{0}, NULL, NULL};
  const Syntax *syntax = ws_syntax(ctx->ws, ctx->file);
  if (!syntax) return none;
  struct ValNodes *state = val__state(ctx);
  size_t at = m->instrs.items[index].start;
  if (state->last.id && state->last_at == at) return state->last;
  /* A descent passes one level per instruction after the one it looks
   * for in its chunk (the list nests to the left), at about 200 machine
   * instructions a level; gathering every node costs about 1,200 per
   * instruction.  So a run descends while its descents stay within two
   * levels per instruction of the file, and then searches the gathered
   * list: a keystroke looks up the few instructions it changed, a first
   * analysis every one of them.  The levels are counted as if the file
   * were one chunk, an upper bound since the Dockerfile is parsed in
   * chunks, so a run turns to the list sooner than it must. */
  size_t levels = m->instrs.len - index;
  TSNode found = none;
  if (!state->listed && state->levels + levels <= 2 * m->instrs.len) {
    state->levels += levels;
    found = syntax_top_node_at(syntax, at);
  } else {
    state->listed = true;
    size_t count;
    const TSNode *top = syntax_top_nodes(syntax, &count);
    size_t lo = 0, hi = count;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (ts_node_start_byte(top[mid]) < at) lo = mid + 1;
      else hi = mid;
    }
    if (lo < count && ts_node_start_byte(top[lo]) == at) found = top[lo];
  }
  state->last_at = at;
  state->last = found;
  return found;
}

/* Visits what val__each_instruction would visit for the node of the
 * instruction that starts at `at`: the node, or an ONBUILD's trigger
 * (which may be an ERROR). */
static void val__visit_at(RuleCtx *ctx, const DockerfileModel *m, size_t index, ValVisit visit, void *data) {
  TSNode node = val__top_node_at(ctx, m, index);
  if (ts_node_is_null(node)) return;
  struct ValNodes one;
  memset(&one, 0, sizeof one);
  val__collect(ctx->text, node, &one);
  for (size_t i = 0; i < one.items.len; i++)
    visit(ctx, one.items.items[i].node, one.items.items[i].kind, one.items.items[i].error, data);
  array_delete(&one.items);
}

void val__visit_instruction(RuleCtx *ctx, ValVisit visit, void *data) {
  val__visit_at(ctx, ctx->model, ctx->instr, visit, data);
}

void val__each_of_kind(RuleCtx *ctx, const DockerfileModel *m, DfKind kind, const char *needle, ValVisit visit,
                       void *data) {
  /* The instructions of the kind and the ONBUILDs, since a trigger may be
   * of the kind. */
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, kind, DF_ONBUILD, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind != kind && in->trigger != kind) continue;
    if (!needle || !in->source || strstr(in->source, needle)) val__visit_at(ctx, m, i, visit, data);
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
