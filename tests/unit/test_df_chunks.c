/* A Dockerfile parsed in chunks (server/syntax/parse.c, df_chunks.c): its
 * top-level nodes must be those of one tree over the whole text whenever
 * that tree has no error; an edited document must hold the chunks and
 * trees a fresh parse of its text gives; and the cut must keep out of line
 * continuations, heredocs and files with an escape directive. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/language.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"
#include "random_edits.h"
#include "syntax/syntax_internal.h"

static void top_node_append(StrBuf *out, TSNode node) {
  char *sexp = ts_node_string(node);
  strbuf_appendf(out, "%u-%u %s\n", ts_node_start_byte(node), ts_node_end_byte(node), sexp);
  xfree(sexp);
}

/* The top-level nodes of the chunked parse, one per line. */
static char *chunked_tops(const Syntax *syntax) {
  StrBuf out = STRBUF_INIT;
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  for (size_t i = 0; i < count; i++) top_node_append(&out, top[i]);
  return strbuf_take(&out);
}

/* The same of one tree over the whole text; *error says whether it has
 * an error. */
static char *whole_tops(const char *text, size_t len, bool *error) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language_get(LANG_DOCKERFILE));
  TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
  TSNode root = ts_tree_root_node(tree);
  *error = ts_node_has_error(root);
  StrBuf out = STRBUF_INIT;
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c))
    top_node_append(&out, ts_tree_cursor_current_node(&c));
  ts_tree_cursor_delete(&c);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return strbuf_take(&out);
}

/* Parses `text` both ways; returns the number of chunks, and fails the
 * test when an error-free whole tree's top-level nodes differ. */
static size_t expect_same_tops(SyntaxParsers *parsers, const char *name, const char *text, size_t len) {
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, text, len);
  bool error;
  char *whole = whole_tops(text, len, &error);
  char *chunked = chunked_tops(syntax);
  if (!error) cr_assert_str_eq(chunked, whole, "%s: the chunks read differently from one tree", name);
  size_t chunks = syntax_tree_count(syntax);
  xfree(whole);
  xfree(chunked);
  syntax_delete(syntax);
  return error ? 0 : chunks;
}

/* Instructions enough for a first chunk: a line after them may be a cut. */
static void append_filler(StrBuf *t) {
  strbuf_append(t, "FROM alpine\n");
  while (t->len < DF_CHUNK_MIN_BYTES + 100) strbuf_append(t, "ENV A=b\n");
}

/* Fails the test when the edited `syntax` differs from a fresh parse of
 * the document's text; returns the fresh parse's chunk count. */
/* The start bytes of the top-level nodes that hold an error, one per
 * line: through the errors-only walk, or by filtering every node. */
static char *error_tops(const Syntax *syntax, bool walk) {
  StrBuf out = STRBUF_INIT;
  if (walk) {
    SyntaxTopWalk w;
    for (bool more = syntax_top_walk_errors(&w, syntax); more; more = syntax_top_walk_next(&w))
      strbuf_appendf(&out, "%u\n", ts_node_start_byte(syntax_top_walk_node(&w)));
    syntax_top_walk_end(&w);
  } else {
    size_t count;
    const TSNode *top = syntax_top_nodes(syntax, &count);
    for (size_t i = 0; i < count; i++)
      if (ts_node_has_error(top[i])) strbuf_appendf(&out, "%u\n", ts_node_start_byte(top[i]));
  }
  return strbuf_take(&out);
}

static size_t expect_same_as_fresh(SyntaxParsers *parsers, const Syntax *syntax, const TextDoc *doc, const char *what,
                                   size_t step) {
  Syntax *fresh = syntax_parse(parsers, LANG_DOCKERFILE, doc->bytes, doc->len);
  char *a = syntax_string(syntax), *b = syntax_string(fresh);
  test_expect_same_text(a, b, "a fresh parse", what, step, doc);
  size_t chunks = syntax_tree_count(fresh);
  xfree(a);
  xfree(b);
  /* The edited syntax counts its chunks with errors as it is reparsed,
   * and the errors walk and syntax_has_error answer from that count. */
  cr_assert_eq(syntax_has_error(syntax), syntax_has_error(fresh), "%s, step %zu: whether the file holds an error",
               what, step);
  a = error_tops(syntax, true);
  b = error_tops(fresh, false);
  cr_assert_str_eq(a, b, "%s, step %zu: the errors walk visited\n%s\nwhere the nodes with errors are\n%s", what,
                   step, a, b);
  xfree(a);
  xfree(b);
  syntax_delete(fresh);
  return chunks;
}

/* A valid Dockerfile of `n` instructions of every common kind. */
static char *generated(int n, size_t *len) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS build\n");
  for (int i = 0; i < n; i++) {
    switch (i % 6) {
      case 0: strbuf_appendf(&b, "RUN apk add --no-cache pkg%d \\\n    && echo step%d > /tmp/s%d\n", i, i, i); break;
      case 1: strbuf_appendf(&b, "COPY src%d/ /app/src%d/\n", i, i); break;
      case 2: strbuf_appendf(&b, "ENV VAR_%d=value%d\n", i, i); break;
      case 3: strbuf_appendf(&b, "# step %d\nLABEL org.example.step%d=\"%d\"\n", i, i, i); break;
      case 4: strbuf_appendf(&b, "RUN <<EOF\necho body %d\nEOF\n", i); break;
      default: strbuf_appendf(&b, "EXPOSE %d\n", 8000 + i % 1000); break;
    }
  }
  *len = b.len;
  return strbuf_take(&b);
}

Test(df_chunks, a_long_file_is_cut_and_reads_as_one_tree) {
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *text = generated(2000, &len);
  size_t chunks = expect_same_tops(parsers, "generated", text, len);
  /* About 2 KB a chunk: a cut that never happens would pass the
   * comparison and bound nothing. */
  cr_assert_gt(chunks, 20, "a %zu-byte file was cut into %zu chunks", len, chunks);
  xfree(text);
  syntax_parsers_delete(parsers);
}

Test(df_chunks, the_errors_walk_visits_every_node_with_an_error) {
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *text = generated(2000, &len);
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, text, len);
  char *none = error_tops(syntax, true);
  cr_assert_str_eq(none, "", "a file without errors walked to %s", none);
  xfree(none);
  syntax_delete(syntax);
  /* Unfinished lines in the first chunk, in the middle, and at the very
   * end (where the user types the next instruction). */
  size_t early = (size_t)(strstr(text + 200, "\nEXPOSE") - text) + 1;
  size_t middle = (size_t)(strstr(text + len / 2, "\nEXPOSE") - text) + 1;
  StrBuf b = STRBUF_INIT;
  strbuf_append_n(&b, text, early);
  strbuf_append(&b, "FROBNICATE now\n");
  strbuf_append_n(&b, text + early, middle - early);
  strbuf_append(&b, "FROBNICATE again\n");
  strbuf_append_n(&b, text + middle, len - middle);
  strbuf_append(&b, "abcdefghij");
  syntax = syntax_parse(parsers, LANG_DOCKERFILE, b.data, b.len);
  cr_assert_gt(syntax_tree_count(syntax), 20);
  char *walked = error_tops(syntax, true), *filtered = error_tops(syntax, false);
  cr_assert_str_eq(walked, filtered, "the errors walk visited\n%s\nwhere the nodes with errors are\n%s", walked,
                   filtered);
  size_t nodes = 0;
  for (const char *c = filtered; *c; c++) nodes += *c == '\n';
  cr_assert_eq(nodes, 3, "these nodes hold errors:\n%s", filtered);
  xfree(walked);
  xfree(filtered);
  syntax_delete(syntax);
  strbuf_destroy(&b);
  xfree(text);
  syntax_parsers_delete(parsers);
}

Test(df_chunks, corpus_files_read_as_one_tree) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("dockerfiles", &dir, &names))
    cr_skip_test("../shared/corpus/dockerfiles is not present; the real-file test is skipped");
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t multi = 0, compared = 0;
  /* Each file alone, and runs of eight files joined, which are long
   * enough to be cut in many places. */
  StrBuf joined = STRBUF_INIT;
  for (size_t i = 0; i < names.len; i++) {
    size_t len;
    char *text = test_read_in(dir, names.items[i], &len);
    multi += expect_same_tops(parsers, names.items[i], text, len) > 1;
    strbuf_append_n(&joined, text, len);
    if (len && text[len - 1] != '\n') strbuf_append_char(&joined, '\n');
    if (i % 8 == 7) {
      size_t chunks = expect_same_tops(parsers, names.items[i], joined.data, joined.len);
      compared += chunks > 0;
      multi += chunks > 1;
      strbuf_clear(&joined);
    }
    xfree(text);
  }
  cr_log_info("%zu texts were cut, %zu joined texts compared", multi, compared);
  cr_assert_gt(multi, 100);
  strbuf_destroy(&joined);
  for (size_t i = 0; i < names.len; i++) xfree(names.items[i]);
  array_delete(&names);
  xfree(dir);
  syntax_parsers_delete(parsers);
}

/* A line `RUN echo N` that df_chunk_next takes as a boundary after 600
 * bytes of other instructions, found by trying numbers from `from`. */
static char *qualifying_line_from(int from) {
  StrBuf filler = STRBUF_INIT;
  append_filler(&filler);
  for (int n = from; n < 100000; n++) {
    char line[32];
    snprintf(line, sizeof line, "RUN echo %d\n", n);
    StrBuf t = STRBUF_INIT;
    strbuf_append_n(&t, filler.data, filler.len);
    strbuf_append(&t, line);
    uint32_t rows;
    size_t cut = df_chunk_next(t.data, t.len, 0, &rows);
    strbuf_destroy(&t);
    if (cut == filler.len) {
      strbuf_destroy(&filler);
      return xstrdup(line);
    }
  }
  cr_assert_fail("no line qualified");
  return NULL;
}

static char *qualifying_line(void) { return qualifying_line_from(0); }

/* Where df_chunk_next cuts `before` + `line`, relative to `line`. */
static ptrdiff_t cut_at(const char *before, const char *line) {
  StrBuf t = STRBUF_INIT;
  append_filler(&t);
  strbuf_append(&t, before);
  size_t at = t.len;
  strbuf_append(&t, line);
  uint32_t rows;
  size_t cut = df_chunk_next(t.data, t.len, 0, &rows);
  strbuf_destroy(&t);
  return (ptrdiff_t)cut - (ptrdiff_t)at;
}

Test(df_chunks, no_cut_inside_a_continuation) {
  char *line = qualifying_line();
  cr_assert_eq(cut_at("", line), 0, "the control case is no longer cut");
  cr_assert_neq(cut_at("RUN a \\\n", line), 0);
  cr_assert_neq(cut_at("RUN a \\  \r\n", line), 0);
  cr_assert_neq(cut_at("RUN a \\\n# a comment\n\n", line), 0);
  cr_assert_neq(cut_at("RUN a\n# a comment \\\n", line), 0);
  cr_assert_eq(cut_at("RUN a\n# a comment\n\n", line), 0);
  /* Lower case and a tab after the keyword are an instruction too. */
  char *lower = xstrdup(line);
  for (char *p = lower; *p && *p != ' '; p++) *p = (char)(*p - 'A' + 'a');
  cr_assert_eq(cut_at("", lower), 0);
  xfree(lower);
  xfree(line);
}

Test(df_chunks, a_heredoc_across_a_cut_is_joined) {
  char *line = qualifying_line();
  SyntaxParsers *parsers = syntax_parsers_new();
  StrBuf t = STRBUF_INIT;
  append_filler(&t);
  strbuf_append(&t, "RUN <<EOF\n");
  strbuf_append(&t, line); /* a body line that would be a boundary */
  strbuf_append(&t, "EOF\n");
  for (int i = 0; i < 300; i++) strbuf_appendf(&t, "ENV B%d=c\n", i);
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, t.data, t.len);
  cr_assert_not(syntax_has_error(syntax), "the heredoc was cut:\n%s", t.data);
  syntax_delete(syntax);
  expect_same_tops(parsers, "heredoc", t.data, t.len);
  strbuf_destroy(&t);
  xfree(line);
  syntax_parsers_delete(parsers);
}

Test(df_chunks, an_escape_directive_keeps_the_file_whole) {
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *body = generated(400, &len);
  StrBuf t = STRBUF_INIT;
  strbuf_append(&t, "# escape=`\n");
  strbuf_append_n(&t, body, len);
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, t.data, t.len);
  cr_assert_eq(syntax_tree_count(syntax), 1);
  syntax_delete(syntax);
  syntax = syntax_parse(parsers, LANG_DOCKERFILE, body, len);
  cr_assert_gt(syntax_tree_count(syntax), 1, "the control case is no longer cut");
  syntax_delete(syntax);
  strbuf_destroy(&t);
  xfree(body);
  syntax_parsers_delete(parsers);
}

/* --- Edits ----------------------------------------------------------------- */

static const char *const snippets[] = {
    "\n", "\\\n", "RUN <<EOF\n", "EOF\n", "RUN echo x\n", "# c\n", "FROM scratch AS s\n", "x", " ", "\\",
    "<<", "COPY <<A /a\nbody\nA\n", "\r\n", "é", "RUN a \\\n  && b\n", "ENV K=v\n",
};

/* One random replacement near a line start (where cuts are) or anywhere:
 * whole lines removed or typed, or bytes. */
static void random_edit(TextDoc *doc, ByteEdit *edit) {
  size_t at = test_rng(doc->len + 1);
  if (test_rng(2)) {
    while (at > 0 && doc->bytes[at - 1] != '\n') at--;
  }
  size_t end = at + (test_rng(3) == 0 ? test_rng(40) : 0);
  if (test_rng(3) == 0) {
    /* From a line start through one to three whole lines. */
    for (size_t lines = 1 + test_rng(3); lines > 0 && end < doc->len; lines--) {
      while (end < doc->len && doc->bytes[end] != '\n') end++;
      if (end < doc->len) end++;
    }
  }
  if (end > doc->len) end = doc->len;
  const char *text = test_rng(4) == 0 ? "" : snippets[test_rng(sizeof snippets / sizeof *snippets)];
  text_replace(doc, at, end, text, strlen(text), edit);
}

Test(df_chunks, edited_chunks_equal_a_fresh_parse) {
  test_rng_state = 20261207;
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *start = generated(600, &len);
  TextDoc doc;
  text_init(&doc, start, len);
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, doc.bytes, doc.len);
  size_t cut = 0;
  for (size_t step = 0; step < 1500; step++) {
    ByteEdit edits[2];
    size_t count = 1 + (test_rng(6) == 0);
    /* A heredoc left open near the top keeps the rest in one chunk, so
     * the text starts over now and then, as one edit of everything. */
    if (step % 150 == 149) {
      text_replace(&doc, 0, doc.len, start, len, &edits[0]);
      count = 1;
    } else {
      for (size_t i = 0; i < count; i++) random_edit(&doc, &edits[i]);
    }
    syntax_reparse(parsers, syntax, edits, count, doc.bytes, doc.len);
    cut += expect_same_as_fresh(parsers, syntax, &doc, "chunks", step) > 1;
  }
  /* The edits must not have left one chunk early on (an open heredoc, a
   * trailing continuation): the comparison would then say little. */
  cr_log_info("%zu of 1500 edited texts were cut", cut);
  cr_assert_gt(cut, 750, "only %zu of the texts were cut", cut);
  syntax_delete(syntax);
  text_destroy(&doc);
  xfree(start);
  syntax_parsers_delete(parsers);
}

/* Edits right at each cut, where the old chunk after the edit could be
 * taken over by mistake: its first line removed, a line typed before it,
 * its first byte changed, and the line break before it removed. */
Test(df_chunks, edits_at_every_cut_equal_a_fresh_parse) {
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *start = generated(300, &len);
  Syntax *first = syntax_parse(parsers, LANG_DOCKERFILE, start, len);
  size_t cuts = syntax_tree_count(first);
  cr_assert_gt(cuts, 10);
  /* A line that is itself a cut, put in place of a chunk's first line. */
  char *cut_line = qualifying_line();
  for (size_t i = 1; i < cuts; i++) {
    size_t at = ts_node_start_byte(syntax_root_at(first, i));
    size_t eol = at;
    while (eol < len && start[eol] != '\n') eol++;
    struct {
      size_t from, to;
      const char *text;
    } edits[] = {{at, eol + 1, ""}, {at, at, "RUN echo typed\n"}, {at, at + 1, "X"}, {at - 1, at, ""},
                 {at, eol + 1, "ENV A=b\n"}, {at, eol + 1, cut_line}};
    for (size_t k = 0; k < sizeof edits / sizeof *edits; k++) {
      TextDoc doc;
      text_init(&doc, start, len);
      Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, doc.bytes, doc.len);
      ByteEdit edit;
      text_replace(&doc, edits[k].from, edits[k].to, edits[k].text, strlen(edits[k].text), &edit);
      syntax_reparse(parsers, syntax, &edit, 1, doc.bytes, doc.len);
      expect_same_as_fresh(parsers, syntax, &doc, "an edit at a cut", i * 10 + k);
      syntax_delete(syntax);
      text_destroy(&doc);
    }
  }
  xfree(cut_line);
  syntax_delete(first);
  xfree(start);
  syntax_parsers_delete(parsers);
}

/* A chunk's first line removed where the next line could start a chunk:
 * the cut then falls where the old chunk started, and that chunk, which
 * lost its first line, must not be taken over. */
Test(df_chunks, a_removed_first_line_is_not_taken_over) {
  char *one = qualifying_line(), *two = qualifying_line_from(atoi(one + strlen("RUN echo ")) + 1);
  SyntaxParsers *parsers = syntax_parsers_new();
  StrBuf t = STRBUF_INIT;
  append_filler(&t);
  size_t at = t.len;
  strbuf_append(&t, one);
  strbuf_append(&t, two);
  for (int i = 0; i < 100; i++) strbuf_appendf(&t, "ENV B%d=c\n", i);
  TextDoc doc;
  text_init(&doc, t.data, t.len);
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, doc.bytes, doc.len);
  cr_assert_eq(ts_node_start_byte(syntax_root_at(syntax, 1)), at, "the control case is no longer cut there");
  ByteEdit edit;
  text_replace(&doc, at, at + strlen(one), "", 0, &edit);
  syntax_reparse(parsers, syntax, &edit, 1, doc.bytes, doc.len);
  expect_same_as_fresh(parsers, syntax, &doc, "the first line removed", 0);
  syntax_delete(syntax);
  text_destroy(&doc);
  strbuf_destroy(&t);
  xfree(one);
  xfree(two);
  syntax_parsers_delete(parsers);
}
