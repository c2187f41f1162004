/* The position-free tree-sitter-yaml variant (server/syntax/yaml_scanner.c):
 * it must build exactly the trees of the grammar as shipped, incremental
 * reparses must equal fresh parses, and an edit in the middle of a long
 * compose file must let the parser reuse what follows it.
 *
 * Reuse is measured by the runtime's own account (reduce actions counted
 * from its logger), which is exact, unlike a time. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"
#include "syntax/syntax_internal.h"

const TSLanguage *tree_sitter_yaml(void);

/* Every node, named or not, with its field and byte range. */
static void dump(TSTreeCursor *c, StrBuf *out) {
  TSNode n = ts_tree_cursor_current_node(c);
  const char *field = ts_tree_cursor_current_field_name(c);
  strbuf_appendf(out, "(%s%s%s %u-%u", field ? field : "", field ? ":" : "", ts_node_type(n), ts_node_start_byte(n),
                ts_node_end_byte(n));
  if (ts_tree_cursor_goto_first_child(c)) {
    do dump(c, out);
    while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
  }
  strbuf_append(out, ")");
}

static char *tree_dump(const TSTree *tree) {
  StrBuf out = STRBUF_INIT;
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  dump(&c, &out);
  ts_tree_cursor_delete(&c);
  return strbuf_take(&out);
}

/* A valid compose file of `services` services, 9 lines each. */
static char *generated_compose(int services, size_t *len) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "services:\n");
  for (int i = 1; i <= services; i++)
    strbuf_appendf(&b,
                  "  svc%d:\n    image: example/svc%d:1.%d\n    ports:\n      - \"%d:80\"\n    environment:\n"
                  "      MODE: production\n    volumes:\n      - ./data/svc%d:/data\n",
                  i, i, i, 8000 + i, i);
  *len = b.len;
  return strbuf_take(&b);
}

static unsigned reductions;
static void count_reductions(void *payload, TSLogType type, const char *message) {
  (void)payload;
  (void)type;
  if (strncmp(message, "reduce", 6) == 0) reductions++;
}

/* Parses `text`, inserts `insert` at `at`, reparses with the old tree and
 * returns the reduce actions of that reparse; checks the result against a
 * fresh parse of the edited text. */
static unsigned reparse_reductions(const TSLanguage *language, const char *text, size_t len, size_t at,
                                   const char *insert) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, language);
  TSTree *old = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
  size_t n = strlen(insert);
  char *edited = malloc(len + n + 1);
  memcpy(edited, text, at);
  memcpy(edited + at, insert, n);
  memcpy(edited + at + n, text + at, len - at + 1);
  TextDoc doc;
  text_init(&doc, text, len);
  ByteEdit e;
  text_replace(&doc, at, at, insert, n, &e);
  ts_tree_edit(old, &(TSInputEdit){(uint32_t)e.start_byte, (uint32_t)e.old_end_byte, (uint32_t)e.new_end_byte,
                                   {e.start_point.row, e.start_point.column},
                                   {e.old_end_point.row, e.old_end_point.column},
                                   {e.new_end_point.row, e.new_end_point.column}});
  text_destroy(&doc);
  reductions = 0;
  ts_parser_set_logger(parser, (TSLogger){NULL, count_reductions});
  TSTree *incremental = ts_parser_parse_string(parser, old, edited, (uint32_t)(len + n));
  ts_parser_set_logger(parser, (TSLogger){NULL, NULL});
  unsigned counted = reductions;
  TSTree *fresh = ts_parser_parse_string(parser, NULL, edited, (uint32_t)(len + n));
  char *a = tree_dump(incremental), *b = tree_dump(fresh);
  cr_expect_str_eq(a, b, "the incremental tree equals a fresh parse after inserting \"%s\" at %zu", insert, at);
  cr_expect(!ts_node_has_error(ts_tree_root_node(fresh)), "the edited file is valid YAML");
  xfree(a);
  xfree(b);
  ts_tree_delete(fresh);
  ts_tree_delete(incremental);
  ts_tree_delete(old);
  ts_parser_delete(parser);
  free(edited);
  return counted;
}

Test(yaml_reuse, an_edit_in_the_middle_reuses_what_follows) {
  size_t len;
  char *text = generated_compose(222, &len);  // 1,999 lines
  /* The end of the `image:` value of the middle service, and the start of
   * its `ports:` line (a whole new line goes there). */
  const char *mid = strstr(text, "image: example/svc111:");
  cr_assert_not_null(mid);
  size_t value_end = (size_t)(strchr(mid, '\n') - text);
  size_t next_line = value_end + 1;
  cr_assert(language_get(LANG_YAML) == yaml_language_position_free(), "the server parses YAML with the variant");

  unsigned shipped = reparse_reductions(tree_sitter_yaml(), text, len, value_end, "x");
  unsigned typed = reparse_reductions(yaml_language_position_free(), text, len, value_end, "x");
  unsigned line = reparse_reductions(yaml_language_position_free(), text, len, next_line, "    restart: always\n");
  printf("mid-file reparse of 1,999 lines: shipped grammar %u reductions; position-free %u (a letter), %u (a line)\n",
         shipped, typed, line);
  /* The shipped grammar reparses everything after the edit (about 3 reduce
   * actions per line); the variant only the service around it and the
   * chain of mappings above. */
  cr_expect_gt(shipped, 2000, "the shipped grammar's count shows what is being avoided (%u)", shipped);
  cr_expect_lt(typed, 400, "a letter typed mid-file reparses a bounded part (%u reductions)", typed);
  cr_expect_lt(line, 400, "a line inserted mid-file reparses a bounded part (%u reductions)", line);
  xfree(text);
}

Test(yaml_reuse, corpus_trees_equal_the_shipped_grammar) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names))
    cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  TSParser *shipped = ts_parser_new();
  ts_parser_set_language(shipped, tree_sitter_yaml());
  SyntaxParsers *parsers = syntax_parsers_new();
  size_t differ = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src, "%s", path);
    Syntax *ours = syntax_parse(parsers, LANG_YAML, src, len);
    TSTree *theirs = ts_parser_parse_string(shipped, NULL, src, (uint32_t)len);
    char *a = tree_dump(syntax_tree(ours)), *b = tree_dump(theirs);
    if (strcmp(a, b) != 0 && differ++ < 5) cr_log_error("%s: the tree differs from the shipped grammar's", path);
    xfree(a);
    xfree(b);
    ts_tree_delete(theirs);
    syntax_delete(ours);
    xfree(src);
    xfree(path);
  }
  printf("%zu compose files: %zu trees differ from the shipped grammar's\n", names.len, differ);
  cr_expect_eq(differ, 0);
  syntax_parsers_delete(parsers);
  ts_parser_delete(shipped);
  strarray_delete(&names);
  xfree(dir);
}

/* --- Random edits --- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rng_below(uint32_t n) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return n ? (uint32_t)((rng * 2685821657736338717ULL) >> 33) % n : 0;
}

/* With YAML_REUSE_KEEP=DIR, a failing text is written there to debug. */
static void keep_text(const char *what, size_t n, const char *bytes, size_t len) {
  const char *dir = getenv("YAML_REUSE_KEEP");
  if (!dir) return;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s-%zu.yaml", dir, what, n);
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fwrite(bytes, 1, len, f);
  fclose(f);
}

/* What a user types into YAML, weighted towards what the scanner cares
 * about: indentation, line breaks, indicators, quotes, comments. */
static const char *const PIECES[] = {"x", "a", "1", " ", "  ", "\n", "\n  ", ":", ": ", "- ", "#", "\"", "'",
                                     "[", "]", "{", "}", ",", "|", ">", "&a", "*a", "\t", "\xc3\xa9", "\r\n",
                                     "---\n", "key: value\n", "  - item\n", "${VAR}", "? "};

Test(yaml_reuse, incremental_equals_fresh_after_random_edits) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names))
    cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  SyntaxParsers *parsers = syntax_parsers_new();
  TSParser *shipped = ts_parser_new();
  ts_parser_set_language(shipped, tree_sitter_yaml());
  /* More edits or another seed by hand: YAML_REUSE_EDITS, YAML_REUSE_SEED. */
  const char *more = getenv("YAML_REUSE_EDITS"), *seed = getenv("YAML_REUSE_SEED");
  int per_file = more ? atoi(more) : 20;
  if (seed) rng = strtoull(seed, NULL, 10) * 2 + 1;
  size_t edits = 0, mismatches = 0, unlike_shipped = 0, recovery_differs = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *src = test_read_file(path, &len);
    TextDoc doc;
    text_init(&doc, src, len);
    Syntax *tree = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
    for (int k = 0; k < per_file; k++, edits++) {
      size_t at = rng_below((uint32_t)doc.len + 1);
      size_t end = at;
      const char *piece = "";
      if (rng_below(3) == 0) {
        end = at + rng_below(4);
        if (end > doc.len) end = doc.len;
      } else
        piece = PIECES[rng_below(sizeof PIECES / sizeof *PIECES)];
      ByteEdit e;
      text_replace(&doc, at, end, piece, strlen(piece), &e);
      syntax_reparse(parsers, tree, &e, 1, doc.bytes, doc.len);
      Syntax *fresh = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
      char *a = tree_dump(syntax_tree(tree)), *b = tree_dump(syntax_tree(fresh));
      if (strcmp(a, b) != 0 && mismatches++ < 5) {
        cr_log_error("%s: edit %d (bytes %zu-%zu replaced by \"%s\"): incremental tree differs from a fresh parse",
                     path, k, at, end, piece);
        keep_text("incremental", mismatches, doc.bytes, doc.len);
      }
      /* Where the shipped grammar finds no error, the trees must be the
       * same.  Where it recovers from one, the runtime may start a scan
       * after characters it skipped, away from where the previous token
       * ended; the variant then starts from column 0 where the shipped
       * scanner starts from a stale column, and the recovery can differ
       * (counted and printed, not an error: neither tree is the "right"
       * one for text that is not YAML). */
      TSTree *theirs = ts_parser_parse_string(shipped, NULL, doc.bytes, (uint32_t)doc.len);
      char *c = tree_dump(theirs);
      if (strcmp(b, c) != 0) {
        if (ts_node_has_error(ts_tree_root_node(theirs))) {
          recovery_differs++;
        } else if (unlike_shipped++ < 5) {
          cr_log_error("%s: edit %d: valid YAML parses differently from the shipped grammar", path, k);
          keep_text("shipped", unlike_shipped, doc.bytes, doc.len);
        }
      }
      xfree(c);
      ts_tree_delete(theirs);
      xfree(a);
      xfree(b);
      syntax_delete(fresh);
    }
    syntax_delete(tree);
    text_destroy(&doc);
    xfree(src);
    xfree(path);
  }
  printf("%zu random edits over %zu compose files: %zu incremental trees differ from fresh parses; against the "
         "shipped grammar, %zu valid texts differ and %zu error recoveries differ\n",
         edits, names.len, mismatches, unlike_shipped, recovery_differs);
  cr_expect_eq(mismatches, 0);
  cr_expect_eq(unlike_shipped, 0);
  ts_parser_delete(shipped);
  syntax_parsers_delete(parsers);
  strarray_delete(&names);
  xfree(dir);
}
