/* A compose document split into runs of services (syntax_internal.h says
 * why; yaml_cuts.c where it is cut).
 *
 * chunks[0] is the skeleton: the text before the first cut and from the
 * last cut on, one tree over two included ranges, so that its `services:`
 * mapping holds the first run of services and the last, and every node
 * around the mapping has the range it has in the whole file's tree.
 * chunks[1..] are the runs between the cuts, each one tree over its own
 * range.  A run's range stops at the end of its last line's text: parsed
 * up to the line break, a range's end reads as the end of input there,
 * and the runtime lets the last node of the run take the line break in,
 * where the whole file's tree ends it before.
 *
 * After edits the cuts are found again over the text (a scan of its lines,
 * no parse), a run whose range and bytes are unchanged keeps its tree
 * (moved, as a Dockerfile chunk is), a run an edit met is reparsed
 * incrementally, and the skeleton is reparsed only when an edit met its
 * ranges or they moved.  When any tree holds an error, the document is
 * read as one tree (read_whole): error recovery in a run cannot see the
 * text around it, and one tree is always what a fresh parse gives. */
/* For memrchr (glibc, as on every system dockls is built for). */
#define _GNU_SOURCE
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "syntax_internal.h"

static TSTree *parse_ranges(TSParser *parser, TSTree *old, const char *bytes, size_t len, const TSRange *ranges,
                            uint32_t count) {
  ts_parser_set_included_ranges(parser, ranges, count);
  TSTree *tree = ts_parser_parse_string(parser, old, bytes, (uint32_t)len);
  ts_parser_set_included_ranges(parser, NULL, 0);
  return tree;
}

/* A run from `start` (on `row`, a cut) to the next cut `next` (on
 * `next_row`): its range ends after the last byte of text before `next`. */
static Chunk run_new(const char *bytes, uint32_t start, uint32_t row, uint32_t next, uint32_t next_row) {
  uint32_t end = next, end_row = next_row;
  while (end > start && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ' ||
                         bytes[end - 1] == '\t'))
    if (bytes[--end] == '\n') end_row--;
  /* Every run's last line is found on every keystroke: memrchr reads it
   * many bytes at a time. */
  const char *nl = end > start ? memrchr(bytes + start, '\n', end - start) : NULL;
  uint32_t line = nl ? (uint32_t)(nl - bytes) + 1 : start;
  Chunk c = {.start = start, .row = row, .tree_start = start, .tree_row = row};
  c.end = end;
  c.end_row = end_row;
  c.end_column = end - line;
  return c;
}

static TSTree *run_parse(TSParser *parser, TSTree *old, const char *bytes, size_t len, const Chunk *c) {
  TSRange range = {{c->row, 0}, {c->end_row, c->end_column}, c->start, c->end};
  return parse_ranges(parser, old, bytes, len, &range, 1);
}

static TSTree *skeleton_parse(TSParser *parser, TSTree *old, const char *bytes, size_t len, const YamlCut *head_end,
                              const YamlCut *tail) {
  TSRange ranges[2] = {{{0, 0}, {head_end->row, 0}, 0, head_end->start},
                       {{tail->row, 0}, {UINT32_MAX, UINT32_MAX}, tail->start, UINT32_MAX}};
  return parse_ranges(parser, old, bytes, len, ranges, 2);
}

/* Builds self->chunks for the cuts: the skeleton (`skeleton`, an edited
 * old one or NULL, kept as it is when `keep`), then each run, kept from
 * `old` (the previous runs, moved to the new text, consumed) when it starts
 * at the same cut, ends at the same byte and no edit met it, reparsed from
 * it when only an edit met it, parsed afresh otherwise. */
static void split_assemble(TSParser *parser, Syntax *self, const YamlCuts *cuts, Chunk skeleton, bool keep,
                           Chunk *old, size_t old_count) {
  const char *bytes = self->bytes;
  size_t len = self->len;
  const YamlCut *head_end = &cuts->cuts.items[0], *tail = array_last(&cuts->cuts);
  ChunkArray made;
  array_init(&made);
  array_reserve(&made, cuts->cuts.len);
  if (!keep) {
    TSTree *tree = skeleton_parse(parser, skeleton.tree, bytes, len, head_end, tail);
    if (skeleton.tree) ts_tree_delete(skeleton.tree);
    skeleton = chunk_new(0, 0, tree);
  }
  array_push(&made, skeleton);
  size_t o = 0;
  for (size_t i = 0; i + 1 < cuts->cuts.len; i++) {
    const YamlCut *cut = &cuts->cuts.items[i], *next = &cuts->cuts.items[i + 1];
    Chunk run = run_new(bytes, cut->start, cut->row, next->start, next->row);
    while (o < old_count && old[o].start < cut->start) o++;
    Chunk *was = o < old_count && old[o].start == cut->start ? &old[o] : NULL;
    /* A run over the range the edits moved its old one to is reparsed
     * from its old tree; over another range, afresh: tree-sitter reuses
     * the nodes it ended with at its old end, and reads them wrongly
     * when the range now goes on. */
    if (was && !was->dirty && was->end == run.end) {
      run = *was;
      was->tree = NULL;
    } else {
      TSTree *reuse = was && was->end == run.end ? chunk_tree(was) : NULL;
      TSTree *tree = run_parse(parser, reuse, bytes, len, &run);
      Chunk parsed = chunk_new(run.start, run.row, tree);
      parsed.end = run.end;
      parsed.end_row = run.end_row;
      parsed.end_column = run.end_column;
      run = parsed;
      if (reuse) {
        ts_tree_delete(reuse);
        was->tree = NULL;
      }
    }
    /* An old run neither taken nor reparsed from keeps its tree, which
     * chunks_free releases below with the runs no cut starts. */
    array_push(&made, run);
  }
  chunks_free(old, old_count);
  array_delete(&self->chunks);
  self->chunks = made;
  self->split = true;
  self->head_end = head_end->start;
  self->tail_start = tail->start;
  self->tail_row = tail->row;
  self->services_end = cuts->services_end;
  self->read_whole = false;
  for (size_t i = 0; i < made.len; i++) self->read_whole |= made.items[i].error;
  if (self->read_whole) yaml_whole_tree(self);
}

void yaml_split_parse(TSParser *parser, Syntax *self, const char *bytes, size_t len) {
  self->bytes = bytes;
  self->len = len;
  YamlCuts cuts;
  array_init(&cuts.cuts);
  if (yaml_cuts_find(bytes, len, &cuts)) {
    split_assemble(parser, self, &cuts, (Chunk){0}, false, NULL, 0);
  } else {
    array_push(&self->chunks, chunk_new(0, 0, ts_parser_parse_string(parser, NULL, bytes, (uint32_t)len)));
  }
  array_delete(&cuts.cuts);
}

/* What the edits did to the skeleton: changed text in its ranges (met),
 * or moved a range's bound somewhere else than where tree-sitter moves it
 * when it is told of the edit (broken: the tree cannot be reparsed over
 * the new ranges incrementally). */
typedef struct {
  bool met, broken;
  bool end_lost; /* the edits replaced the byte where the mapping's lines ended */
} SkeletonEdits;

/* A range's bound as ts_tree_edit moves it: by the length change when it
 * lies at or after the replaced text, not at all before it; false when
 * the replaced text holds it. */
static bool bound_moved(uint32_t *bound, const ByteEdit *e) {
  if (*bound >= e->old_end_byte) {
    *bound = (uint32_t)(*bound + e->new_end_byte - e->old_end_byte);
    return true;
  }
  return *bound <= e->start_byte;
}

/* Tells the trees of a split document about one edit.  The skeleton is
 * told of every edit (its last range moves with any before it).  A run
 * before the edit is left alone, one after it is only moved, and one the
 * edit meets is told and marked, its end moved as tree-sitter moves its
 * range's end. */
static void split_edit(Syntax *self, const ByteEdit *e, SkeletonEdits *skeleton) {
  TSInputEdit input = syntax_input_edit(e);
  if (self->whole) {
    ts_tree_edit(self->whole, &input);
    self->whole_stale = true;
  }
  ChunkArray *chunks = &self->chunks;
  ts_tree_edit(chunks->items[0].tree, &input);
  int64_t rows = (int64_t)e->new_end_point.row - (int64_t)e->old_end_point.row;
  /* Text inserted at the head's end goes into the head: tree-sitter moves
   * a range's end that lies at the end of the replaced text. */
  if (e->start_byte <= self->head_end || e->old_end_byte > self->tail_start) skeleton->met = true;
  if (self->tail_start >= e->old_end_byte) self->tail_row = (uint32_t)(self->tail_row + rows);
  if (!bound_moved(&self->head_end, e) || !bound_moved(&self->tail_start, e)) skeleton->broken = true;
  if (!bound_moved(&self->services_end, e)) skeleton->end_lost = true;
  for (size_t i = 1; i < chunks->len; i++) {
    Chunk *c = &chunks->items[i];
    if (c->end < e->start_byte) continue;
    if (c->start >= e->old_end_byte && c->start > e->start_byte) {
      c->start = (uint32_t)(c->start + e->new_end_byte - e->old_end_byte);
      c->end = (uint32_t)(c->end + e->new_end_byte - e->old_end_byte);
      c->row = (uint32_t)(c->row + rows);
      c->end_row = (uint32_t)(c->end_row + rows);
      continue;
    }
    ts_tree_edit(chunk_tree(c), &input);
    c->dirty = true;
    /* A run whose end the edit replaced cannot be reparsed over a new
     * range (end 0 never matches a run's end). */
    if (!bound_moved(&c->end, e)) c->end = 0;
  }
}

/* The cuts of the text before the edits, moved to where the edits put
 * them: each run's start, then the skeleton's tail.  A run whose start
 * an edit reached (from `first` on) is left out: its start says nothing
 * now. */
static void split_old_cuts(const Syntax *self, size_t first, YamlCuts *old) {
  for (size_t i = 1; i < self->chunks.len; i++) {
    const Chunk *c = &self->chunks.items[i];
    if (!(c->dirty && c->start >= first)) array_push(&old->cuts, ((YamlCut){c->start, c->row}));
  }
  array_push(&old->cuts, ((YamlCut){self->tail_start, self->tail_row}));
  old->services_end = self->services_end;
}

void yaml_split_reparse(TSParser *parser, Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
                        size_t len) {
  self->bytes = bytes;
  self->len = len;
  YamlCuts cuts;
  array_init(&cuts.cuts);
  if (!self->split) {
    TSTree *tree = self->chunks.items[0].tree;
    for (size_t i = 0; i < count; i++) {
      TSInputEdit e = syntax_input_edit(&edits[i]);
      ts_tree_edit(tree, &e);
    }
    if (yaml_cuts_find(bytes, len, &cuts)) {
      /* Split from now on; the one tree is kept, edited, for the readers
       * of the whole document. */
      self->chunks.len = 0;
      self->whole = tree;
      self->whole_stale = true;
      split_assemble(parser, self, &cuts, (Chunk){0}, false, NULL, 0);
    } else {
      self->chunks.items[0] = chunk_new(0, 0, ts_parser_parse_string(parser, tree, bytes, (uint32_t)len));
      ts_tree_delete(tree);
    }
    array_delete(&cuts.cuts);
    return;
  }
  SkeletonEdits skeleton = {false, false, false};
  size_t first, settled;
  syntax_edit_span(edits, count, &first, &settled);
  for (size_t i = 0; i < count; i++) split_edit(self, &edits[i], &skeleton);
  YamlCuts old;
  array_init(&old.cuts);
  if (!skeleton.end_lost) split_old_cuts(self, first, &old);
  bool cut = count ? yaml_cuts_update(bytes, len, &old, first, settled, &cuts) : yaml_cuts_find(bytes, len, &cuts);
  array_delete(&old.cuts);
  if (!cut) {
    /* One tree again: the kept whole tree reparsed, or a fresh parse. */
    TSTree *whole = yaml_whole_tree(self);
    self->whole = NULL;
    chunks_free(self->chunks.items, self->chunks.len);
    self->chunks.len = 0;
    array_push(&self->chunks, chunk_new(0, 0, whole));
    self->split = self->read_whole = false;
    array_delete(&cuts.cuts);
    return;
  }
  /* The skeleton keeps its tree, told of the edits, when none of them
   * changed its text and its ranges are where the edits moved them; it is
   * reparsed from it when only its text changed, and afresh when its
   * ranges changed (tree-sitter reuses nodes across a moved range end
   * that an incremental parse then reads wrongly). */
  bool same_ranges = !skeleton.broken && cuts.cuts.items[0].start == self->head_end &&
                     array_last(&cuts.cuts)->start == self->tail_start;
  Chunk kept = self->chunks.items[0];
  if (!same_ranges) {
    ts_tree_delete(kept.tree);
    kept.tree = NULL;
  }
  split_assemble(parser, self, &cuts, kept, same_ranges && !skeleton.met, self->chunks.items + 1,
                 self->chunks.len - 1);
  array_delete(&cuts.cuts);
}

TSTree *yaml_whole_tree(Syntax *self) {
  if (self->whole && !self->whole_stale) return self->whole;
  /* A parser of its own: readers ask for the whole tree without the
   * workspace's parsers at hand, and making one costs little beside the
   * parse. */
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language_get(LANG_YAML));
  TSTree *tree = ts_parser_parse_string(parser, self->whole, self->bytes, (uint32_t)self->len);
  ts_parser_delete(parser);
  if (self->whole) ts_tree_delete(self->whole);
  self->whole = tree;
  self->whole_stale = false;
  return tree;
}

TSNode yaml_run_mapping(Syntax *self, size_t i) {
  const YamlSymbols *y = yaml_symbols();
  TSNode root = ts_tree_root_node(chunk_tree(&self->chunks.items[i]));
  TSNode doc = node_child_of_type(root, y->document);
  TSNode body = ts_node_is_null(doc) ? doc : node_child_of_type(doc, y->block_node);
  return ts_node_is_null(body) ? body : node_child_of_type(body, y->block_mapping);
}
