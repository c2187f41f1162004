/* A compose file split into runs of services (server/syntax/parse_yaml.c,
 * yaml_cuts.c): read through the syntax layer's walk (SyntaxChildren), the
 * skeleton and its runs must give every node, with its range, that one tree
 * over the whole text gives, whenever the document is read split; an
 * edited document must hold the trees a fresh parse of its text gives; the
 * cut must keep out of what it cannot cut; and the readers of the whole
 * document (tokens, folding, outline, selection) must answer as on one
 * tree. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/structure.h"
#include "dockls/base/alloc.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/language.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"
#include "random_edits.h"
#include "syntax/syntax_internal.h"

/* Cuts as often as the rule allows: a cut at nearly every service. */
static const YamlCutRule fine = {64, 1};
static const YamlCutRule shipped = {YAML_CUT_MIN_BYTES, YAML_CUT_SPREAD};

/* Every node, named or not, with its field and byte range.  With a
 * syntax, the children of each are read through the syntax layer's walk
 * (field names come from a cursor over the node's own children; the
 * spliced mapping's children, pairs and comments, have none); without,
 * with a cursor over the one tree. */
static void dump(const Syntax *syntax, TSNode n, const char *field, StrBuf *out) {
  strbuf_appendf(out, "(%s%s%s %u-%u", field ? field : "", field ? ":" : "", ts_node_type(n), ts_node_start_byte(n),
                 ts_node_end_byte(n));
  TSTreeCursor own = ts_tree_cursor_new(n);
  bool in_own = ts_tree_cursor_goto_first_child(&own);
  if (!syntax) {
    for (; in_own; in_own = ts_tree_cursor_goto_next_sibling(&own))
      dump(NULL, ts_tree_cursor_current_node(&own), ts_tree_cursor_current_field_name(&own), out);
  } else {
    SyntaxChildren w;
    for (bool more = syntax_children_first(&w, syntax, n); more; more = syntax_children_next(&w)) {
      TSNode child = syntax_children_node(&w);
      const char *name = NULL;
      if (in_own && ts_node_eq(ts_tree_cursor_current_node(&own), child)) {
        name = ts_tree_cursor_current_field_name(&own);
        in_own = ts_tree_cursor_goto_next_sibling(&own);
      }
      dump(syntax, child, name, out);
    }
    syntax_children_end(&w);
  }
  ts_tree_cursor_delete(&own);
  strbuf_append(out, ")");
}

/* The document as read: split, through the skeleton and its runs. */
static char *split_dump(const Syntax *syntax) {
  StrBuf out = STRBUF_INIT;
  dump(syntax, syntax_root_at(syntax, 0), NULL, &out);
  return strbuf_take(&out);
}

/* One tree over the whole text, parsed apart from the syntax layer;
 * *error says whether it holds an error. */
static char *whole_dump(const char *text, size_t len, bool *error) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language_get(LANG_YAML));
  TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
  *error = ts_node_has_error(ts_tree_root_node(tree));
  StrBuf out = STRBUF_INIT;
  dump(NULL, ts_tree_root_node(tree), NULL, &out);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return strbuf_take(&out);
}

/* Parses `text`; when it is read split, fails the test unless it reads as
 * one tree does.  Returns the number of runs it was read in (0 when it
 * was not read split). */
static size_t expect_split_reads_whole(SyntaxParsers *parsers, const char *name, const char *text, size_t len) {
  Syntax *syntax = syntax_parse(parsers, LANG_YAML, text, len);
  size_t runs = 0;
  if (syntax->split && !syntax->read_whole) {
    bool error;
    char *whole = whole_dump(text, len, &error);
    char *split = split_dump(syntax);
    cr_expect(!error, "%s: the runs parse without an error, one tree does not", name);
    cr_assert_str_eq(split, whole, "%s: the split document reads differently from one tree", name);
    runs = syntax_tree_count(syntax) - 1;
    xfree(whole);
    xfree(split);
  }
  syntax_delete(syntax);
  return runs;
}

Test(yaml_split, corpus_files_read_split_as_one_tree) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names))
    cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t split = 0, runs = 0;
  for (int pass = 0; pass < 2; pass++) {
    yaml_cut_rule_set(pass ? shipped : fine);
    for (size_t i = 0; i < names.len; i++) {
      char *path = path_append(dir, names.items[i]);
      size_t len;
      char *src = test_read_file(path, &len);
      cr_assert_not_null(src, "%s", path);
      size_t n = expect_split_reads_whole(parsers, path, src, len);
      split += n > 0;
      runs += n;
      xfree(src);
      xfree(path);
    }
  }
  yaml_cut_rule_set(shipped);
  printf("%zu compose files, read split %zu times in %zu runs (fine and shipped cuts)\n", names.len, split, runs);
  cr_expect_gt(split, 100, "corpus files with several services are read split (%zu)", split);
  syntax_parsers_delete(parsers);
  strarray_delete(&names);
  xfree(dir);
}

/* --- Edits --- */

/* A compose file of `services` services of varied shapes (block scalars,
 * comments, anchors and aliases, flow values, nested lists), and keys
 * after the mapping. */
static char *generated_compose(int services, size_t *len) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "x-env: &env\n  MODE: production\nservices:\n");
  for (int i = 1; i <= services; i++) {
    strbuf_appendf(&b, "  svc%d:\n    image: example/svc%d:1.%d\n", i, i, i);
    switch (i % 5) {
      case 0: strbuf_append(&b, "    command: |\n      run --fast\n\n      again\n"); break;
      case 1: strbuf_append(&b, "    # the ports\n    ports: [\"80:80\", \"443:443\"]\n"); break;
      case 2: strbuf_append(&b, "    environment: *env\n"); break;
      case 3: strbuf_append(&b, "    volumes:\n      - ./data:/data\n      - type: bind\n        source: .\n"); break;
      default: strbuf_append(&b, "    healthcheck:\n      test: [\"CMD\", \"true\"]\n\n"); break;
    }
  }
  strbuf_append(&b, "volumes:\n  data: {}\n");
  *len = b.len;
  return strbuf_take(&b);
}

/* What is typed: what the cut looks at (indentation, keys at the services'
 * indentation, comments before them, document markers, tabs) and what makes
 * a run parse differently alone (quotes and flows left open, block
 * scalars). */
static const char *const pieces[] = {
    "x", "1", " ", "  ", "\n", "\n  ", ":", ": ", "- ", "#", "# note\n", "\"", "'", "[", "]", "{", "}", "|\n",
    ">-\n", "&a ", "*a", "\t", "---\n", "...\n", "  new:\n    image: n\n", "  svc1:\n", "services:\n",
    "other:\n", "\xc3\xa9", "\r\n",
};

/* Set by a test that types mostly in the last lines of the text. */
static bool edits_near_end;

/* An offset near a cut of the document, or anywhere. */
static size_t edit_place(const Syntax *syntax, size_t len) {
  if (edits_near_end && test_rng(4)) {
    size_t back = test_rng(120);
    return back > len ? 0 : len - back;
  }
  if (syntax->split && syntax->chunks.len > 1 && test_rng(2)) {
    const Chunk *c = &syntax->chunks.items[1 + test_rng(syntax->chunks.len - 1)];
    size_t at = test_rng(2) ? c->start : c->end;
    at = at + test_rng(3) - (at > 0 ? 1 : 0);
    return at > len ? len : at;
  }
  return test_rng(len + 1);
}

/* Makes one random edit of the document's text and reparses. */
static void random_edit(SyntaxParsers *parsers, Syntax *syntax, TextDoc *doc) {
  size_t at = edit_place(syntax, doc->len);
  size_t end = at;
  const char *text = "";
  switch (test_rng(4)) {
    case 0: /* a removal, up to a line */
      end = at + test_rng(40);
      break;
    case 1: { /* a whole line removed */
      while (at > 0 && doc->bytes[at - 1] != '\n') at--;
      end = at;
      while (end < doc->len && doc->bytes[end] != '\n') end++;
      end += end < doc->len;
      break;
    }
    default:
      text = pieces[test_rng(sizeof pieces / sizeof *pieces)];
      break;
  }
  if (end > doc->len) end = doc->len;
  /* Keep whole UTF-8 characters and CRLF pairs out of reach of the cut. */
  while (at > 0 && ((unsigned char)doc->bytes[at] & 0xC0) == 0x80) at--;
  while (end < doc->len && ((unsigned char)doc->bytes[end] & 0xC0) == 0x80) end++;
  ByteEdit e;
  text_replace(doc, at, end, text, strlen(text), &e);
  syntax_reparse(parsers, syntax, &e, 1, doc->bytes, doc->len);
}

/* Fails the test when the edited document differs from a fresh parse of
 * its text: split alike, with the same trees; and, read split, unless it
 * reads as one tree does.  Returns whether it was read split. */
static bool expect_same_as_fresh(SyntaxParsers *parsers, const Syntax *syntax, const TextDoc *doc, const char *what,
                                 size_t step) {
  Syntax *fresh = syntax_parse(parsers, LANG_YAML, doc->bytes, doc->len);
  cr_expect_eq(syntax->split, fresh->split, "%s, step %zu: split as a fresh parse is", what, step);
  bool split = syntax->split && !syntax->read_whole;
  /* Read as one tree, the document is the one incremental tree of
   * tree-sitter, whose error recovery may differ from a fresh parse's
   * (test_yaml_reuse); split, every tree must be the same. */
  if (split || !syntax_has_error(fresh)) {
    char *a = syntax_string(syntax), *b = syntax_string(fresh);
    test_expect_same_text(a, b, "a fresh parse", what, step, doc);
    xfree(a);
    xfree(b);
  }
  if (split) {
    bool error;
    char *whole = whole_dump(doc->bytes, doc->len, &error);
    char *read = split_dump(syntax);
    test_expect_same_text(read, whole, "one tree over the whole text", what, step, doc);
    xfree(whole);
    xfree(read);
  }
  syntax_delete(fresh);
  return split;
}

/* `rounds` times, `steps` random edits from `text`: a few only, since
 * most pieces break the YAML and a broken document is read as one tree. */
static void edit_rounds(SyntaxParsers *parsers, const char *name, const char *text, size_t len, size_t rounds,
                        size_t steps, size_t *split_steps) {
  for (size_t round = 0; round < rounds; round++) {
    TextDoc doc;
    text_init(&doc, text, len);
    Syntax *syntax = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
    for (size_t step = 1; step <= steps; step++) {
      random_edit(parsers, syntax, &doc);
      *split_steps += expect_same_as_fresh(parsers, syntax, &doc, name, round * steps + step);
    }
    syntax_delete(syntax);
    text_destroy(&doc);
  }
}

/* 1,500 random edits (300 rounds of 5) of the generated file with 60
 * services, cut at its `volumes:` line when `ending_in_services` (the
 * mapping then goes on to the end of the text), from `seed`; most steps
 * must be read split, or the test would test one tree. */
static void generated_edit_rounds(const char *name, uint64_t seed, bool ending_in_services) {
  yaml_cut_rule_set(fine);
  test_rng_state = seed;
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len, split_steps = 0;
  char *text = generated_compose(60, &len);
  if (ending_in_services) {
    char *volumes = strstr(text, "\nvolumes:\n");
    cr_assert_not_null(volumes);
    len = (size_t)(volumes - text) + 1;
    text[len] = '\0';
  }
  edit_rounds(parsers, name, text, len, 300, 5, &split_steps);
  printf("1,500 random edits of a %s file: %zu read split\n", name, split_steps);
  cr_expect_gt(split_steps, 250, "many steps are read split (%zu)", split_steps);
  xfree(text);
  syntax_parsers_delete(parsers);
  yaml_cut_rule_set(shipped);
}

Test(yaml_split, random_edits_leave_what_a_fresh_parse_gives) {
  generated_edit_rounds("generated", 0x5eed5eed, false);
}

/* A file whose services' mapping goes on to the end of the text, typed
 * in mostly near its end: the last run's cuts are found again from the
 * last cut, and a line that comes to start in the first column (`other:`,
 * `services:`, `---`) ends the mapping there. */
Test(yaml_split, edits_at_the_end_of_services_that_end_the_text_leave_what_a_fresh_parse_gives) {
  edits_near_end = true;
  generated_edit_rounds("services-ending", 0xe17de17d, true);
  edits_near_end = false;
}

Test(yaml_split, random_edits_of_corpus_files_leave_what_a_fresh_parse_gives) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names))
    cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  yaml_cut_rule_set(fine);
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t split_steps = 0;
  /* Three seeds: one of them found a comment ending a run that the first
   * alone never made. */
  static const uint64_t seeds[] = {0xc0ffee, 0x1112, 0xabcdf0};
  for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
    test_rng_state = seeds[s];
    for (size_t i = 0; i < names.len; i += 2) {
      char *path = path_append(dir, names.items[i]);
      size_t len;
      char *src = test_read_file(path, &len);
      cr_assert_not_null(src, "%s", path);
      edit_rounds(parsers, path, src, len, 4, 5, &split_steps);
      xfree(src);
      xfree(path);
    }
  }
  printf("3 seeds, 4 times 5 random edits of every other corpus compose file: %zu steps read split\n", split_steps);
  cr_expect_gt(split_steps, 900, "many steps are read split (%zu)", split_steps);
  syntax_parsers_delete(parsers);
  yaml_cut_rule_set(shipped);
  strarray_delete(&names);
  xfree(dir);
}

/* Every kind of edit at every cut of a generated file: the places where an
 * edited document is most likely to be cut otherwise than a fresh open. */
Test(yaml_split, edits_at_every_cut_leave_what_a_fresh_parse_gives) {
  static const char *const pasted[] = {
      "x",
      "\n",
      " ",
      "# a comment\n",
      "# a comment that ends with a blank \n",
      "\n    image: pasted/one:1\n    command: run the first\n  pasted:\n    image: pasted/two:2\n"
      "    command: run the second\n",
      "  pasted:\n    image: pasted/three:3\n    command: run the third one\n",
      "\t",
      "---\n",
  };
  yaml_cut_rule_set(fine);
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len, steps = 0, split_steps = 0;
  char *text = generated_compose(30, &len);
  Syntax *first = syntax_parse(parsers, LANG_YAML, text, len);
  cr_assert(first->split && !first->read_whole, "the generated file is read split");
  size_t runs = first->chunks.len - 1;
  for (size_t r = 1; r <= runs; r++) {
    for (size_t p = 0; p < sizeof pasted / sizeof *pasted; p++) {
      for (int where = 0; where < 4; where++) {
        const Chunk *c = &first->chunks.items[r];
        /* The cut line's start, its end, the byte before it, and the whole
         * line removed. */
        size_t line_end = c->start;
        while (line_end < len && text[line_end] != '\n') line_end++;
        size_t at = where == 0 ? c->start : where == 1 ? line_end : c->start - 1;
        size_t end = where == 3 ? line_end + 1 : at;
        if (where == 3 && p > 0) continue;
        TextDoc doc;
        text_init(&doc, text, len);
        Syntax *syntax = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
        ByteEdit e;
        const char *insert = where == 3 ? "" : pasted[p];
        text_replace(&doc, at, end, insert, strlen(insert), &e);
        syntax_reparse(parsers, syntax, &e, 1, doc.bytes, doc.len);
        split_steps += expect_same_as_fresh(parsers, syntax, &doc, "an edit at a cut", ++steps);
        syntax_delete(syntax);
        text_destroy(&doc);
      }
    }
  }
  printf("%zu edits at the %zu cuts of a generated file: %zu read split\n", steps, runs, split_steps);
  cr_expect_gt(split_steps, steps / 2, "most of them are read split (%zu of %zu)", split_steps, steps);
  syntax_delete(first);
  xfree(text);
  syntax_parsers_delete(parsers);
  yaml_cut_rule_set(shipped);
}

/* What is not split, and what is read as one tree. */
Test(yaml_split, files_it_cannot_cut_are_one_tree) {
  yaml_cut_rule_set(fine);
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t len;
  char *text = generated_compose(30, &len);
  Syntax *plain = syntax_parse(parsers, LANG_YAML, text, len);
  cr_assert(plain->split && !plain->read_whole && syntax_tree_count(plain) > 10, "the generated file is split");
  syntax_delete(plain);
  /* A second document, a tab in the services' indentation, and no
   * block mapping under `services:` keep the file one tree. */
  static const struct {
    const char *find, *replace;
  } spoilers[] = {{"volumes:\n  data", "---\nvolumes:\n  data"},
                  {"  svc9:\n", "\t svc9:\n"},
                  {"services:\n", "services: # a comment\nother:\n"}};
  for (size_t i = 0; i < sizeof spoilers / sizeof *spoilers; i++) {
    StrBuf b = STRBUF_INIT;
    const char *at = strstr(text, spoilers[i].find);
    cr_assert_not_null(at);
    strbuf_append_n(&b, text, (size_t)(at - text));
    strbuf_append(&b, spoilers[i].replace);
    strbuf_append(&b, at + strlen(spoilers[i].find));
    Syntax *one = syntax_parse(parsers, LANG_YAML, b.data, b.len);
    cr_expect(!one->split && syntax_tree_count(one) == 1, "spoiler %zu: one tree", i);
    syntax_delete(one);
    strbuf_destroy(&b);
  }
  /* A quote left open inside one run: split, but read as one tree, with
   * the error; closed again, read split. */
  TextDoc doc;
  text_init(&doc, text, len);
  Syntax *syntax = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
  size_t at = (size_t)(strstr(doc.bytes, "image: example/svc15:") - doc.bytes) + 7;
  ByteEdit e;
  text_replace(&doc, at, at, "\"", 1, &e);
  syntax_reparse(parsers, syntax, &e, 1, doc.bytes, doc.len);
  cr_expect(syntax->split && syntax->read_whole && syntax_tree_count(syntax) == 1 && syntax_has_error(syntax),
            "an open quote: read as one tree with an error");
  cr_expect_eq(ts_tree_root_node(syntax_tree(syntax)).id, syntax_root_at(syntax, 0).id,
               "the one tree read is the whole tree");
  text_replace(&doc, at, at + 1, "", 0, &e);
  syntax_reparse(parsers, syntax, &e, 1, doc.bytes, doc.len);
  cr_expect(syntax->split && !syntax->read_whole && syntax_tree_count(syntax) > 10 && !syntax_has_error(syntax),
            "closed again: read split");
  syntax_delete(syntax);
  text_destroy(&doc);
  xfree(text);
  syntax_parsers_delete(parsers);
  yaml_cut_rule_set(shipped);
}

/* --- The readers of the whole document --- */

/* Semantic tokens, folding ranges, the outline and selection ranges at
 * every 61st byte of `text` opened as a compose file, as text; *split says
 * whether the document was read split. */
static char *editing_summary(const char *text, size_t len, bool *split) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, text, len, &id, &err), "%s", err);
  *split = syntax_tree_count(ws_syntax(ws, id)) > 1;
  StrBuf out = STRBUF_INIT;
  SemanticTokenArray tokens;
  array_init(&tokens);
  analysis_semantic_tokens(ws, id, &tokens);
  for (size_t i = 0; i < tokens.len; i++)
    strbuf_appendf(&out, "t %zu-%zu %d %u\n", tokens.items[i].start, tokens.items[i].end, (int)tokens.items[i].type,
                   tokens.items[i].modifiers);
  array_delete(&tokens);
  FoldArray folds;
  array_init(&folds);
  analysis_folding(ws, id, &folds);
  for (size_t i = 0; i < folds.len; i++)
    strbuf_appendf(&out, "f %zu-%zu %d\n", folds.items[i].start, folds.items[i].end, (int)folds.items[i].kind);
  array_delete(&folds);
  OutlineArray outline;
  array_init(&outline);
  analysis_outline(ws, id, &outline);
  for (size_t i = 0; i < outline.len; i++)
    strbuf_appendf(&out, "o %s %d %zu-%zu %zu-%zu %td\n", outline.items[i].name, (int)outline.items[i].kind,
                   outline.items[i].start, outline.items[i].end, outline.items[i].name_start, outline.items[i].name_end,
                   outline.items[i].parent);
  analysis_outline_free(&outline);
  for (size_t at = 0; at <= len; at += 61) {
    ByteRangeArray ranges;
    array_init(&ranges);
    analysis_selection(ws, id, at, &ranges);
    strbuf_appendf(&out, "s %zu:", at);
    for (size_t i = 0; i < ranges.len; i++) strbuf_appendf(&out, " %zu-%zu", ranges.items[i].start, ranges.items[i].end);
    strbuf_append(&out, "\n");
    array_delete(&ranges);
  }
  ws_delete(ws);
  return strbuf_take(&out);
}

Test(yaml_split, tokens_folding_outline_and_selection_read_split_as_one_tree) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names))
    cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  size_t split = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src, "%s", path);
    bool was_split, one_split;
    yaml_cut_rule_set(fine);
    char *read = editing_summary(src, len, &was_split);
    yaml_cut_rule_set((YamlCutRule){SIZE_MAX, 1});
    char *one = editing_summary(src, len, &one_split);
    cr_assert(!one_split);
    if (was_split) {
      split++;
      cr_assert_str_eq(read, one, "%s: a split document's tokens, folds, outline or selections differ", path);
    }
    xfree(read);
    xfree(one);
    xfree(src);
    xfree(path);
  }
  yaml_cut_rule_set(shipped);
  printf("%zu corpus compose files read split: tokens, folds, outline and selections as one tree's\n", split);
  cr_expect_gt(split, 100, "corpus files are read split (%zu)", split);
  strarray_delete(&names);
  xfree(dir);
}
