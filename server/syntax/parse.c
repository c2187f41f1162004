/* Parsing and incremental reparsing.  A SyntaxParsers holds one TSParser
 * per language, created on first use and reused for every later parse, as
 * tree-sitter recommends; its owner (the Workspace, or a test) decides how
 * long they live, so nothing here outlives the object that asked for it.
 * A parse replaces the trees only after it succeeded, so a Syntax always
 * holds complete trees for its current text.  No timeout or cancellation
 * flag is set, so ts_parser_parse always returns a tree.
 *
 * A Dockerfile is held as chunks (syntax_internal.h says why; df_chunks.c
 * where it is cut): trees over consecutive ranges of the text, each parsed
 * with tree-sitter's included ranges so that its nodes carry offsets in the
 * whole text.  A long compose file is split into runs of services the
 * same way (parse_yaml.c), and read as one tree when that tree is asked
 * for.  Every other language is one tree. */
#include "dockls/syntax/parse.h"

#include <assert.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/array.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/symbols.h"
#include "syntax_internal.h"

struct SyntaxParsers {
  TSParser *by_lang[LANG__COUNT];
};

SyntaxParsers *syntax_parsers_new(void) { return xcalloc(1, sizeof(SyntaxParsers)); }

void syntax_parsers_delete(SyntaxParsers *self) {
  if (!self) return;
  for (int i = 0; i < LANG__COUNT; i++)
    if (self->by_lang[i]) ts_parser_delete(self->by_lang[i]);
  xfree(self);
}

static TSParser *syntax_parser(SyntaxParsers *parsers, LangId lang) {
  if (!parsers->by_lang[lang]) {
    syntax_install_allocator();
    parsers->by_lang[lang] = ts_parser_new();
    ts_parser_set_language(parsers->by_lang[lang], language_get(lang));
  }
  return parsers->by_lang[lang];
}

/* True when `<<` occurs in the text: the only way a bash script opens a
 * heredoc. */
static bool syntax_has_heredoc(const char *bytes, size_t len) {
  for (const char *p = bytes; len > 1 && (p = memchr(p, '<', len - 1 - (size_t)(p - bytes))) != NULL; p++)
    if (p[1] == '<') return true;
  return false;
}

static bool syntax_chunked(LangId lang) { return lang == LANG_DOCKERFILE; }

/* The error flag is read on every keystroke by several rules, over every
 * chunk: kept here, it costs a byte each, where asking each tree for its
 * root costs a call. */
Chunk chunk_new(uint32_t start, uint32_t row, TSTree *tree) {
  return (Chunk){.start = start,
                 .row = row,
                 .tree_start = start,
                 .tree_row = row,
                 .error = ts_node_has_error(ts_tree_root_node(tree)),
                 .tree = tree};
}

/* The chunk's tree with its offsets brought up to date: every edit since
 * it was last told lay before its first byte, so one edit that moves its
 * first line from where the tree has it to where it is tells it all. */
TSTree *chunk_tree(Chunk *c) {
  if (c->tree_start != c->start || c->tree_row != c->row) {
    TSPoint was = {c->tree_row, 0}, now = {c->row, 0};
    TSInputEdit e = c->start > c->tree_start
                        ? (TSInputEdit){c->tree_start, c->tree_start, c->start, was, was, now}
                        : (TSInputEdit){c->start, c->tree_start, c->start, now, was, now};
    ts_tree_edit(c->tree, &e);
    c->tree_start = c->start;
    c->tree_row = c->row;
  }
  return c->tree;
}

/* --- Dockerfile chunks ---------------------------------------------------- */

/* Parses [start, end) of the text (end == len: to the end), reusing `old`
 * (an edited tree of an earlier text, or NULL). */
static TSTree *chunk_parse(TSParser *parser, TSTree *old, const char *bytes, size_t len, uint32_t start,
                           uint32_t row, size_t end, uint32_t end_row) {
  bool last = end >= len;
  /* A chunk that held an error before the edit most likely holds one
   * after it, and then the incremental parse below would be thrown away
   * for a fresh one: while a user types an unfinished line, the chunk is
   * parsed afresh at once.  Parsed afresh, a chunk without an error is
   * the same tree as reparsed. */
  if (old && ts_node_has_error(ts_tree_root_node(old))) old = NULL;
  TSRange range = {{row, 0},
                   last ? (TSPoint){UINT32_MAX, UINT32_MAX} : (TSPoint){end_row, 0},
                   start,
                   last ? UINT32_MAX : (uint32_t)end};
  ts_parser_set_included_ranges(parser, &range, 1);
  TSTree *tree = ts_parser_parse_string(parser, old, bytes, (uint32_t)len);
  /* tree-sitter recovers from an error according to what an incremental
   * parse reused, so a reparsed chunk with an error could differ from a
   * fresh parse of the same text; such a chunk is parsed afresh, which
   * costs one chunk and makes an edited document read exactly like a
   * fresh open of its text. */
  if (old && ts_node_has_error(ts_tree_root_node(tree))) {
    ts_tree_delete(tree);
    tree = ts_parser_parse_string(parser, NULL, bytes, (uint32_t)len);
  }
  ts_parser_set_included_ranges(parser, NULL, 0);
  return tree;
}

/* True when every heredoc the node opens is closed inside it. */
static bool heredocs_closed(TSNode node) {
  const DockerfileSymbols *y = dockerfile_symbols();
  long open = 0;
  TSTreeCursor c = ts_tree_cursor_new(node);
  for (;;) {
    TSSymbol s = ts_node_symbol(ts_tree_cursor_current_node(&c));
    open += (s == y->heredoc_marker) - (s == y->heredoc_end);
    if (ts_tree_cursor_goto_first_child(&c) || ts_tree_cursor_goto_next_sibling(&c)) continue;
    bool more = false;
    while (!more && ts_tree_cursor_goto_parent(&c)) more = ts_tree_cursor_goto_next_sibling(&c);
    if (!more) break;
  }
  ts_tree_cursor_delete(&c);
  return open <= 0;
}

/* A chunk may end where its last node is whole.  One holding an error may
 * go on in the text after it, and so may one whose heredoc has no
 * terminator yet: the grammar lets an instruction end before its heredoc
 * bodies (`RUN <<EOF` at the end of a range parses without error), so the
 * markers and terminators are counted.  Such a chunk is joined to the
 * next. */
static bool chunk_ends_clean(TSTree *tree, const char *bytes) {
  TSNode root = ts_tree_root_node(tree);
  uint32_t count = ts_node_child_count(root);
  if (count == 0) return !ts_node_has_error(root);
  /* (TSSymbol)-1 is the runtime's ERROR symbol, an ERROR root. */
  if (ts_node_symbol(root) == (TSSymbol)-1) return false;
  TSNode last = ts_node_child(root, count - 1);
  if (ts_node_has_error(last)) return false;
  uint32_t start = ts_node_start_byte(last), end = ts_node_end_byte(last);
  const char *lt = memchr(bytes + start, '<', end - start);
  return !lt || heredocs_closed(last);
}

/* Inside the changed text, the old chunk that starts where a new one does
 * (and whose first line is still there): its tree, brought up to date
 * with the edits, is what the new chunk's parse reuses, and the caller no
 * longer frees it.  Without it, an edit on a chunk's first line, which
 * makes the cut start one chunk earlier, parsed the edited chunk afresh. */
static TSTree *chunk_reuse_at(Chunk *old, size_t old_count, size_t *t, uint32_t at) {
  while (*t < old_count && old[*t].start < at) (*t)++;
  if (*t >= old_count || old[*t].start != at || old[*t].dirty || !old[*t].tree) return NULL;
  TSTree *tree = chunk_tree(&old[*t]);
  old[*t].tree = NULL;
  return tree;
}

/* Cuts and parses the text from `at` (a boundary, on row `row`) to its
 * end, appending the chunks to `out`.  `reuse` (may be NULL, consumed) is an
 * edited tree of the old chunk that started at `at`.  `old` holds the old
 * chunks, moved to the new text: once a new boundary at or after `settled`
 * (every byte from there on is unchanged) is the start of an old chunk
 * that no edit touched, that chunk and all after it are taken over, since
 * the cut from a boundary on depends only on the text after it.  Returns
 * the index in `old` of the first chunk taken over (old_count when none
 * is), which the caller moves.  A chunk that does not end clean is
 * joined with twice as many following chunks on each try, so a heredoc
 * left open at the top of a long file costs a few parses, not one per
 * chunk. */
static size_t chunks_build(TSParser *parser, const char *bytes, size_t len, uint32_t at, uint32_t row,
                           TSTree *reuse, Chunk *old, size_t old_count, size_t settled, ChunkArray *out) {
  bool whole = at == 0 && !df_chunks_allowed(bytes, len);
  size_t t = 0;
  for (;;) {
    uint32_t rows = 0;
    size_t end = whole ? len : df_chunk_next(bytes, len, at, &rows);
    TSTree *tree = chunk_parse(parser, reuse, bytes, len, at, row, end, row + rows);
    if (reuse) ts_tree_delete(reuse);
    reuse = NULL;
    for (size_t join = 1; end < len && !chunk_ends_clean(tree, bytes); join *= 2) {
      for (size_t k = 0; k < join && end < len; k++) {
        uint32_t more = 0;
        end = df_chunk_next(bytes, len, end, &more);
        rows += more;
      }
      ts_tree_delete(tree);
      tree = chunk_parse(parser, NULL, bytes, len, at, row, end, row + rows);
    }
    array_push(out, chunk_new(at, row, tree));
    if (end >= len) return old_count;
    at = (uint32_t)end;
    row += rows;
    if (at < settled) {
      reuse = chunk_reuse_at(old, old_count, &t, at);
      continue;
    }
    while (t < old_count && (old[t].dirty || old[t].start < at)) t++;
    if (t < old_count && old[t].start == at) {
      assert(old[t].row == row);
      return t;
    }
  }
}

void chunks_free(Chunk *items, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (items[i].tree) ts_tree_delete(items[i].tree);
}

static TSPoint syntax_point(TextPoint p) { return (TSPoint){p.row, p.column}; }

TSInputEdit syntax_input_edit(const ByteEdit *e) {
  return (TSInputEdit){
      .start_byte = (uint32_t)e->start_byte,
      .old_end_byte = (uint32_t)e->old_end_byte,
      .new_end_byte = (uint32_t)e->new_end_byte,
      .start_point = syntax_point(e->start_point),
      .old_end_point = syntax_point(e->old_end_point),
      .new_end_point = syntax_point(e->new_end_point),
  };
}

void syntax_edit_span(const ByteEdit *edits, size_t count, size_t *first, size_t *settled) {
  *first = SIZE_MAX;
  *settled = 0;
  for (size_t i = 0; i < count; i++) {
    const ByteEdit *e = &edits[i];
    if (i == 0) {
      *first = e->start_byte;
      *settled = e->new_end_byte;
    } else {
      /* The end of the changed span, carried through each later edit. */
      size_t reach = *settled > e->old_end_byte ? *settled : e->old_end_byte;
      *settled = reach + e->new_end_byte - e->old_end_byte;
      if (e->start_byte < *first) *first = e->start_byte;
    }
  }
}

/* Tells the chunks about one edit: those after it move, those it meets
 * learn of it (only the one where the new cut starts is reused), and one
 * whose first line it replaced can no longer be taken over. */
static void chunks_edit(ChunkArray *chunks, const ByteEdit *e) {
  TSInputEdit input = syntax_input_edit(e);
  for (size_t i = 0; i < chunks->len; i++) {
    Chunk *c = &chunks->items[i];
    size_t end = i + 1 < chunks->len ? chunks->items[i + 1].start : SIZE_MAX;
    if (end < e->start_byte) continue;
    /* The first chunk starts the text, whatever is inserted there. */
    if (i > 0 && c->start >= e->old_end_byte) {
      c->start = (uint32_t)(c->start + e->new_end_byte - e->old_end_byte);
      c->row = (uint32_t)(c->row + e->new_end_point.row - e->old_end_point.row);
      continue;
    }
    ts_tree_edit(chunk_tree(c), &input);
    /* A chunk whose first byte lies in the replaced text lost its first
     * line (or part of it), even when the edit starts right there. */
    if (c->start >= e->start_byte) c->dirty = true;
  }
}

/* Reparses a chunked document after `edits`: from the last chunk that
 * starts before the first edited byte (one further back when the edit
 * touches that chunk's first line, whose bytes decided the cut) until the
 * cut meets the old one again after the edits. */
static void chunks_reparse(TSParser *parser, Syntax *self, const ByteEdit *edits, size_t count,
                           const char *bytes, size_t len) {
  size_t first, settled;
  syntax_edit_span(edits, count, &first, &settled);
  for (size_t i = 0; i < count; i++) chunks_edit(&self->chunks, &edits[i]);
  ChunkArray *chunks = &self->chunks;
  size_t k = 0;
  while (k + 1 < chunks->len && chunks->items[k + 1].start < first && !chunks->items[k + 1].dirty) k++;
  while (k > 0 && !memchr(bytes + chunks->items[k].start, '\n', first - chunks->items[k].start)) k--;
  /* The new chunks replace the old ones from k up to the first one taken
   * over, in place: a new array per keystroke cost more in the allocator
   * than the parse. */
  ChunkArray made;
  array_init(&made);
  TSTree *reuse = chunk_tree(&chunks->items[k]);
  chunks->items[k].tree = NULL;
  size_t after = k + 1, taken = after + chunks_build(parser, bytes, len, chunks->items[k].start,
                                                     chunks->items[k].row, reuse, chunks->items + after,
                                                     chunks->len - after, settled, &made);
  chunks_free(chunks->items + after, taken - after);
  size_t tail = chunks->len - taken;
  array_reserve(chunks, k + made.len + tail);
  memmove(chunks->items + k + made.len, chunks->items + taken, tail * sizeof *chunks->items);
  memcpy(chunks->items + k, made.items, made.len * sizeof *made.items);
  chunks->len = k + made.len + tail;
  array_delete(&made);
}

/* --- Parsing -------------------------------------------------------------- */

static void count_error_chunks(Syntax *self) {
  self->error_chunks = 0;
  for (size_t i = 0; i < self->chunks.len; i++) self->error_chunks += self->chunks.items[i].error;
}

Syntax *syntax_parse(SyntaxParsers *parsers, LangId lang, const char *bytes, size_t len) {
  if (!language_get(lang)) return NULL;
  TSParser *parser = syntax_parser(parsers, lang);
  Syntax *self = xcalloc(1, sizeof *self);
  self->lang = lang;
  array_init(&self->chunks);
  if (syntax_chunked(lang)) {
    chunks_build(parser, bytes, len, 0, 0, NULL, NULL, 0, SIZE_MAX, &self->chunks);
  } else if (lang == LANG_YAML) {
    yaml_split_parse(parser, self, bytes, len);
  } else {
    array_push(&self->chunks, chunk_new(0, 0, ts_parser_parse_string(parser, NULL, bytes, (uint32_t)len)));
  }
  /* tree-sitter-bash's scanner keeps the heredocs it has seen from one
   * parse to the next (its reset empties them but keeps their count), so
   * a script parsed after one with a heredoc could read differently from
   * the same script parsed first.  Setting the language again gives the
   * parser a new scanner. */
  if (lang == LANG_BASH && syntax_has_heredoc(bytes, len)) ts_parser_set_language(parser, language_get(lang));
  array_init(&self->top);
  self->top_ready = false;
  count_error_chunks(self);
  return self;
}

void syntax_reparse(SyntaxParsers *parsers, Syntax *self, const ByteEdit *edits, size_t count, const char *bytes,
                    size_t len) {
  TSParser *parser = syntax_parser(parsers, self->lang);
  self->top_ready = false;
  if (syntax_chunked(self->lang)) {
    if (count) chunks_reparse(parser, self, edits, count, bytes, len);
  } else if (self->lang == LANG_YAML) {
    yaml_split_reparse(parser, self, edits, count, bytes, len);
  } else {
    TSTree *tree = self->chunks.items[0].tree;
    for (size_t i = 0; i < count; i++) {
      TSInputEdit e = syntax_input_edit(&edits[i]);
      ts_tree_edit(tree, &e);
    }
    self->chunks.items[0] = chunk_new(0, 0, ts_parser_parse_string(parser, tree, bytes, (uint32_t)len));
    ts_tree_delete(tree);
  }
  count_error_chunks(self);
}

void syntax_delete(Syntax *self) {
  if (!self) return;
  chunks_free(self->chunks.items, self->chunks.len);
  if (self->whole) ts_tree_delete(self->whole);
  array_delete(&self->chunks);
  array_delete(&self->top);
  xfree(self);
}

/* --- Reading -------------------------------------------------------------- */

const TSTree *syntax_tree(const Syntax *self) {
  assert(!syntax_chunked(self->lang) && "a Dockerfile is read through its chunks (syntax_root_at)");
  /* Parsing the whole tree of a split compose document when first asked
   * for changes nothing a reader sees but what it costs; every Syntax is
   * allocated by syntax_parse, never defined const. */
  if (self->split) return yaml_whole_tree((Syntax *)self);
  return self->chunks.items[0].tree;
}

TSNode syntax_root(const Syntax *self) { return ts_tree_root_node(syntax_tree(self)); }

/* Read as one tree: a split document whose trees hold an error. */
static bool syntax_reads_whole(const Syntax *self) { return self->split && self->read_whole; }

size_t syntax_tree_count(const Syntax *self) { return syntax_reads_whole(self) ? 1 : self->chunks.len; }
TSNode syntax_root_at(const Syntax *self, size_t i) {
  if (syntax_reads_whole(self)) return syntax_root(self);
  /* Bringing a tree's offsets up to date changes nothing a reader sees
   * but where the tree's nodes say they are; every Syntax is allocated by
   * syntax_parse, never defined const. */
  Syntax *moved = (Syntax *)self;
  return ts_tree_root_node(chunk_tree(&moved->chunks.items[i]));
}

/* The index of the chunk whose range holds `at` (the last one for offsets
 * past the end). */
static size_t syntax_chunk_at(const Syntax *self, size_t at) {
  size_t lo = 0, hi = self->chunks.len;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (self->chunks.items[mid].start <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}

TSNode syntax_root_for(const Syntax *self, size_t at) {
  if (syntax_reads_whole(self)) return syntax_root(self);
  size_t i = syntax_chunk_at(self, at);
  /* A split compose document's skeleton holds the text outside the runs:
   * before the first and from the end of the last on. */
  if (self->split && i > 0 && at > self->chunks.items[i].end) i = 0;
  return syntax_root_at(self, i);
}

char *syntax_string(const Syntax *self) {
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < syntax_tree_count(self); i++) {
    TSNode root = syntax_root_at(self, i);
    /* ts_node_string's buffer comes from the allocator tree-sitter was
     * given (syntax_install_allocator: xmalloc). */
    char *sexp = ts_node_string(root);
    strbuf_appendf(&out, "[%u-%u] %s\n", self->chunks.items[i].start, ts_node_end_byte(root), sexp);
    xfree(sexp);
  }
  return strbuf_take(&out);
}

bool syntax_tree_has_error(const Syntax *self, size_t i) {
  return syntax_reads_whole(self) ? ts_node_has_error(syntax_root(self)) : self->chunks.items[i].error;
}

bool syntax_has_error(const Syntax *self) {
  if (syntax_reads_whole(self)) return ts_node_has_error(syntax_root(self));
  return self->error_chunks > 0;
}

/* The roots' children with one cursor per root, whose walk over the
 * Dockerfile grammar's nested instruction list is linear
 * (docs/performance.md). */
static void syntax_gather_top(Syntax *self) {
  array_clear(&self->top);
  for (size_t i = 0; i < syntax_tree_count(self); i++) {
    TSTreeCursor c = ts_tree_cursor_new(syntax_root_at(self, i));
    for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c))
      array_push(&self->top, ts_tree_cursor_current_node(&c));
    ts_tree_cursor_delete(&c);
  }
}

const TSNode *syntax_top_nodes(const Syntax *self, size_t *count) {
  /* Gathered on the first request after a parse, so that trees nobody
   * reads this way (the bash scripts of every RUN, compose files) never
   * pay for it.  The list is a cache of the tree the caller may read, so
   * filling it through a const pointer changes nothing the caller sees;
   * every Syntax is allocated by syntax_parse, never defined const. */
  Syntax *cache = (Syntax *)self;
  if (!cache->top_ready) {
    syntax_gather_top(cache);
    cache->top_ready = true;
  }
  *count = self->top.len;
  return self->top.items;
}

/* --- Walking the top-level nodes across chunks ----------------------------- */

/* Moves the walk's cursor to the first child of its chunk's root that
 * ends after `at`; false when there is none. */
static bool top_walk_seek(SyntaxTopWalk *w, size_t at) {
  ts_tree_cursor_reset(&w->cursor, syntax_root_at(w->syntax, w->chunk));
  bool more = ts_tree_cursor_goto_first_child_for_byte(&w->cursor, (uint32_t)at) >= 0;
  /* This runtime may stop on the child that ends exactly at `at`. */
  while (more && ts_node_end_byte(ts_tree_cursor_current_node(&w->cursor)) <= at)
    more = ts_tree_cursor_goto_next_sibling(&w->cursor);
  return more;
}

bool syntax_top_walk_from(SyntaxTopWalk *w, const Syntax *syntax, size_t at) {
  w->syntax = syntax;
  w->errors_only = false;
  w->chunk = syntax_chunk_at(syntax, at);
  w->cursor = ts_tree_cursor_new(syntax_root_at(syntax, w->chunk));
  w->on = top_walk_seek(w, at);
  while (!w->on && w->chunk + 1 < syntax_tree_count(syntax)) {
    w->chunk++;
    w->on = top_walk_seek(w, at);
  }
  return w->on;
}

/* Moves the walk to the first top-level node of chunk `chunk` or of the
 * first chunk after it that has one; false, ending the walk, when none
 * does. */
static bool top_walk_enter(SyntaxTopWalk *w, size_t chunk) {
  if (w->errors_only && !syntax_has_error(w->syntax)) return w->on = false;
  for (w->chunk = chunk; w->chunk < syntax_tree_count(w->syntax); w->chunk++) {
    if (w->errors_only && !syntax_tree_has_error(w->syntax, w->chunk)) continue;
    ts_tree_cursor_reset(&w->cursor, syntax_root_at(w->syntax, w->chunk));
    if (ts_tree_cursor_goto_first_child(&w->cursor)) return w->on = true;
  }
  return w->on = false;
}

bool syntax_top_walk_first(SyntaxTopWalk *w, const Syntax *syntax) {
  w->syntax = syntax;
  w->errors_only = false;
  w->cursor = ts_tree_cursor_new(syntax_root_at(syntax, 0));
  return top_walk_enter(w, 0);
}

/* Steps on from where the walk stands, in errors-only mode, to the first
 * node that holds an error. */
static bool top_walk_to_error(SyntaxTopWalk *w, bool on) {
  while (on && w->errors_only && !ts_node_has_error(ts_tree_cursor_current_node(&w->cursor)))
    on = ts_tree_cursor_goto_next_sibling(&w->cursor) || top_walk_enter(w, w->chunk + 1);
  return w->on = on;
}

bool syntax_top_walk_errors(SyntaxTopWalk *w, const Syntax *syntax) {
  w->syntax = syntax;
  w->errors_only = true;
  w->cursor = ts_tree_cursor_new(syntax_root_at(syntax, 0));
  return top_walk_to_error(w, top_walk_enter(w, 0));
}

TSNode syntax_top_walk_node(const SyntaxTopWalk *w) { return ts_tree_cursor_current_node(&w->cursor); }

bool syntax_top_walk_next(SyntaxTopWalk *w) {
  if (!w->on) return false;
  return top_walk_to_error(w, ts_tree_cursor_goto_next_sibling(&w->cursor) || top_walk_enter(w, w->chunk + 1));
}

void syntax_top_walk_end(SyntaxTopWalk *w) { ts_tree_cursor_delete(&w->cursor); }

TSNode syntax_top_node_at(const Syntax *self, size_t at) {
  TSNode none = {{0}, NULL, NULL};
  SyntaxTopWalk w;
  bool on = syntax_top_walk_from(&w, self, at);
  TSNode node = on ? syntax_top_walk_node(&w) : none;
  syntax_top_walk_end(&w);
  return on && ts_node_start_byte(node) == at ? node : none;
}

LangId syntax_lang(const Syntax *self) { return self->lang; }
