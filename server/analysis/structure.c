/* Folding and selection ranges.  Folds: Dockerfile stages, instructions
 * over several lines, heredocs and comment blocks; compose mappings and
 * sequences (as the key that holds them) and comment blocks.  Selection
 * ranges grow from the word at the cursor through the syntax nodes around
 * it to the instruction, the stage and the document (Dockerfile), or from
 * the scalar through pairs and mappings to the document (compose). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/analysis/structure.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"

static size_t structure_trim_end(const char *bytes, size_t start, size_t end) {
  while (end > start && isspace((unsigned char)bytes[end - 1])) end--;
  return end;
}

/* Adds a fold when it covers two lines or more and is not the same lines
 * as the fold just added (a one-line RUN with a heredoc would otherwise
 * fold twice over the same lines). */
static void structure_fold(const TextDoc *text, FoldArray *out, size_t start, size_t end, FoldKind kind) {
  end = structure_trim_end(text->bytes, start, end);
  size_t first = text_line_of(text, start), last = text_line_of(text, end);
  if (last <= first) return;
  if (out->len) {
    const FoldRange *prev = array_last(out);
    if (text_line_of(text, prev->start) == first && text_line_of(text, prev->end) == last) return;
  }
  FoldRange f = {start, end, kind};
  array_push(out, f);
}

/* Comment blocks: runs of two or more lines that start (after blanks) with
 * `#`, outside the heredoc bodies listed in `skip` (sorted ranges). */
static void structure_comment_folds(const TextDoc *text, const ByteRangeArray *skip, FoldArray *out) {
  size_t run_start = 0, run_end = 0, lines = 0, k = 0;
  for (size_t line = 0; line < text_line_count(text); line++) {
    size_t start = text->line_starts.items[line], end = text_line_end(text, line), p = start;
    while (k < skip->len && skip->items[k].end <= start) k++;
    bool skipped = k < skip->len && skip->items[k].start <= start;
    while (p < end && (text->bytes[p] == ' ' || text->bytes[p] == '\t')) p++;
    if (!skipped && p < end && text->bytes[p] == '#') {
      if (lines++ == 0) run_start = p;
      run_end = end;
      continue;
    }
    if (lines >= 2) structure_fold(text, out, run_start, run_end, FOLD_COMMENT);
    lines = 0;
  }
  if (lines >= 2) structure_fold(text, out, run_start, run_end, FOLD_COMMENT);
}

static int structure_fold_order(const void *a, const void *b) {
  const FoldRange *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start ? 1 : x->end > y->end ? -1 : x->end < y->end;
}

static void structure_folding_dockerfile(Workspace *ws, FileId id, FoldArray *out) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  const TextDoc *text = ws_text(ws, id);
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    if (st->last > st->first)
      structure_fold(text, out, m->instrs.items[st->from_instr].start, m->instrs.items[st->last - 1].end,
                     FOLD_REGION);
  }
  /* Instructions and their heredocs, from the model, which holds every
   * instruction of the root with the ranges of its heredoc bodies: no walk
   * of the tree, which costs more than everything else here together. */
  ByteRangeArray heredocs;
  array_init(&heredocs);
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    /* The instruction folds up to its heredocs; each heredoc folds from
     * the line before its body (the line that opens it stays visible).
     * The last heredoc goes first: when two folds cover the same lines,
     * the first one added is the one kept. */
    structure_fold(text, out, in->start, df_heredocs(in)->len ? df_heredocs(in)->items[0].start : in->end,
                   FOLD_REGION);
    for (size_t h = df_heredocs(in)->len; h-- > 0;) {
      const DfRange *body = &df_heredocs(in)->items[h];
      structure_fold(text, out, body->start > 0 ? body->start - 1 : 0, body->end, FOLD_REGION);
    }
    for (size_t h = 0; h < df_heredocs(in)->len; h++) {
      ByteRange body = {df_heredocs(in)->items[h].start, df_heredocs(in)->items[h].end};
      array_push(&heredocs, body);
    }
  }
  structure_comment_folds(text, &heredocs, out);
  array_delete(&heredocs);
}

/* Folds every key or list item whose value spans lines.  Children are read
 * through the syntax layer's walk: a split document's `services:` mapping
 * has its services in several trees. */
static void structure_folding_yaml(const Syntax *syntax, TSNode node, const TextDoc *text, FoldArray *out,
                                   unsigned depth) {
  const YamlSymbols *y = yaml_symbols();
  if (depth > 200) return; /* a pathological nesting is not worth a deep recursion */
  SyntaxChildren c;
  for (bool more = syntax_children_first(&c, syntax, node); more; more = syntax_children_next(&c)) {
    TSNode child = syntax_children_node(&c);
    if (!ts_node_is_named(child) || node_has(child, y->comment)) continue;
    if (node_has(child, y->block_mapping_pair) || node_has(child, y->block_sequence_item) ||
        node_has(child, y->flow_pair))
      structure_fold(text, out, ts_node_start_byte(child), ts_node_end_byte(child), FOLD_REGION);
    structure_folding_yaml(syntax, child, text, out, depth + 1);
  }
  syntax_children_end(&c);
}

void analysis_folding(Workspace *ws, FileId id, FoldArray *out) {
  DocKind kind = ws_kind(ws, id);
  const Syntax *syntax = kind == DOC_KIND_DOCKERFILE || kind == DOC_KIND_COMPOSE ? ws_syntax(ws, id) : NULL;
  if (!syntax) return;
  if (kind == DOC_KIND_DOCKERFILE) {
    structure_folding_dockerfile(ws, id, out);
  } else {
    ByteRangeArray none;
    array_init(&none);
    structure_folding_yaml(syntax, syntax_root_at(syntax, 0), ws_text(ws, id), out, 0);
    /* Block scalars are one node: their lines are never mistaken for
     * comments because a YAML comment line cannot sit inside one unless it
     * is text, and then folding it is harmless. */
    structure_comment_folds(ws_text(ws, id), &none, out);
  }
  /* A document without a fold leaves items NULL, which qsort may not get. */
  if (out->len > 1) qsort(out->items, out->len, sizeof *out->items, structure_fold_order);
}

/* --- Selection ranges --- */

static void structure_select_push(ByteRangeArray *out, size_t start, size_t end) {
  if (out->len) {
    const ByteRange *inner = array_last(out);
    /* Only strictly larger ranges that contain the previous one. */
    if (start > inner->start || end < inner->end || (start == inner->start && end == inner->end)) return;
  }
  ByteRange r = {start, end};
  array_push(out, r);
}

/* The named nodes from `node` down to the smallest one around `offset`,
 * outermost first (the caller reverses).  A cursor touching a node's end
 * (just after a word) still counts as inside it. */
static void structure_descend(const Syntax *syntax, TSNode node, size_t offset, ByteRangeArray *chain) {
  for (;;) {
    if (ts_node_is_named(node)) {
      ByteRange r = {ts_node_start_byte(node), ts_node_end_byte(node)};
      array_push(chain, r);
    }
    TSNode next = {{0}, NULL, NULL};
    /* The syntax layer's walk: a split compose document's `services:`
     * mapping has its services in several trees. */
    SyntaxChildren c;
    for (bool more = syntax_children_first(&c, syntax, node); more; more = syntax_children_next(&c)) {
      TSNode child = syntax_children_node(&c);
      if (ts_node_start_byte(child) > offset) break;
      if (ts_node_end_byte(child) > offset ||
          (ts_node_end_byte(child) == offset && ts_node_is_null(next) && ts_node_is_named(child)))
        next = child;
      if (ts_node_end_byte(child) > offset) break;
    }
    syntax_children_end(&c);
    if (ts_node_is_null(next)) return;
    node = next;
  }
}

/* The word around `offset`: a run of characters other than blanks, quotes
 * and the separators a Dockerfile or YAML line uses between arguments. */
static void structure_word(const char *bytes, size_t len, size_t offset, size_t *start, size_t *end) {
  const char *stop = " \t\r\n\"'=,:[]{}";
  size_t a = offset, b = offset;
  while (a > 0 && !strchr(stop, bytes[a - 1])) a--;
  while (b < len && !strchr(stop, bytes[b])) b++;
  *start = a;
  *end = b;
}

void analysis_selection(Workspace *ws, FileId id, size_t offset, ByteRangeArray *out) {
  DocKind kind = ws_kind(ws, id);
  const Syntax *syntax = kind == DOC_KIND_DOCKERFILE || kind == DOC_KIND_COMPOSE ? ws_syntax(ws, id) : NULL;
  if (!syntax) return;
  const TextDoc *text = ws_text(ws, id);
  if (offset > text->len) offset = text->len;
  ByteRangeArray chain;
  array_init(&chain);
  ByteRange stage = {0, 0};
  if (kind == DOC_KIND_DOCKERFILE) {
    /* The instruction under the offset, among the root's children; the
     * search below it is within one instruction. */
    size_t count;
    const TSNode *top = syntax_top_nodes(syntax, &count);
    TSNode found = {{0}, NULL, NULL};
    for (size_t i = 0; i < count; i++) {
      if (ts_node_start_byte(top[i]) > offset) break;
      if (ts_node_end_byte(top[i]) >= offset) found = top[i];
      if (ts_node_end_byte(top[i]) > offset) break;
    }
    if (!ts_node_is_null(found)) structure_descend(syntax, found, offset, &chain);
    const DockerfileModel *m = ws_dockerfile(ws, id);
    for (size_t s = 0; s < m->stages.len; s++) {
      const DfStage *st = &m->stages.items[s];
      size_t a = m->instrs.items[st->from_instr].start;
      size_t b = st->last > st->first ? m->instrs.items[st->last - 1].end : a;
      if (a <= offset && offset <= b) stage = (ByteRange){a, structure_trim_end(text->bytes, a, b)};
    }
  } else {
    structure_descend(syntax, syntax_root_at(syntax, 0), offset, &chain);
  }
  size_t word_start, word_end;
  structure_word(text->bytes, text->len, offset, &word_start, &word_end);
  if (word_end > word_start) structure_select_push(out, word_start, word_end);
  for (size_t i = chain.len; i-- > 0;) {
    ByteRange r = chain.items[i];
    /* Instruction nodes end after their line break: select up to the
     * last character, as a user would by hand. */
    r.end = structure_trim_end(text->bytes, r.start, r.end);
    if (r.end < offset) r.end = chain.items[i].end;
    structure_select_push(out, r.start, r.end);
  }
  array_delete(&chain);
  if (stage.end > stage.start) structure_select_push(out, stage.start, stage.end);
  structure_select_push(out, 0, text->len);
}
