/* Leak tests over base/alloc's live-block counter.  syntax_install_allocator
 * routes tree-sitter's allocations through xmalloc/xfree, so the counter
 * covers parse trees, parsers and the YAML scanner's state as well as our
 * own blocks.  Each scenario records the count, does its work, frees
 * everything (including the parsers) and expects the count to come
 * back to where it started.  Criterion runs each test in its own process,
 * so the allocator is installed before tree-sitter allocates anything. */
#include <criterion/criterion.h>

#include "expect.h"
#include <stdio.h>
#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"
#include "dockls/workspace/workspace.h"

static const char COMPOSE[] =
    "x-common: &common\n"
    "  restart: unless-stopped\n"
    "services:\n"
    "  web:\n"
    "    <<: *common\n"
    "    image: \"nginx:1.25\"\n"
    "    ports: [\"8080:80\"]\n"
    "  db:\n"
    "    image: postgres\n";


static long start_count;

static void setup(void) {
  syntax_install_allocator();
  start_count = alloc_live_blocks();
}

TestSuite(leaks, .init = setup);

static void expect_back_to_start(void) {
  long now = alloc_live_blocks();
  cr_assert_eq(now, start_count, "%ld block(s) still live", now - start_count);
}

Test(leaks, counter_sees_tree_sitter_blocks) {
  /* Without this the other tests could pass with a counter that never
   * moves (for instance if the allocator hook were not installed). */
  SyntaxParsers *parsers = syntax_parsers_new();
  Syntax *s = syntax_parse(parsers, LANG_YAML, COMPOSE, strlen(COMPOSE));
  cr_assert_not_null(s);
  cr_assert_gt(alloc_live_blocks(), start_count + 2);
  syntax_delete(s);
  cr_assert_gt(alloc_live_blocks(), start_count, "the parser should still be live");
  syntax_parsers_delete(parsers);
  expect_back_to_start();
}

Test(leaks, parse_reparse_delete) {
  TextDoc doc;
  text_init(&doc, COMPOSE, strlen(COMPOSE));
  SyntaxParsers *parsers = syntax_parsers_new();
  Syntax *s = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
  cr_assert_not_null(s);
  ByteEditArray edits;
  array_init(&edits);
  /* Two changes in one didChange: a new key and a broken line, so that the
   * reparse goes through error recovery as well. */
  TextChange c[] = {
      {.start = {9, 0}, .end = {9, 0}, .text = "volumes:\n  data: {}\n", .len = 20},
      {.start = {5, 4}, .end = {5, 9}, .text = "[{", .len = 2},
  };
  char *err = NULL;
  expect_ok(text_apply_changes(&doc, c, 2, POS_ENC_UTF16, &edits, &err), &err, "changes");
  syntax_reparse(parsers, s, edits.items, edits.len, doc.bytes, doc.len);
  cr_assert(ts_node_has_error(syntax_root(s)));
  char *sexp = ts_node_string(syntax_root(s));
  xfree(sexp);
  syntax_delete(s);
  text_destroy(&doc);
  array_delete(&edits);
  syntax_parsers_delete(parsers);
  expect_back_to_start();
}

Test(leaks, workspace_lifecycle) {
  Workspace *ws = ws_new("/w");
  FileId id;
  char *err = NULL;
  expect_ok(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, COMPOSE, strlen(COMPOSE),
                    &id, &err),
            &err, "ws_open");
  /* Build the model, change the text (which drops it), build it again. */
  cr_assert_not_null(ws_compose(ws, id));
  TextChange c = {.start = {8, 11}, .end = {8, 19}, .text = "postgres:16", .len = 11};
  expect_ok(ws_change(ws, id, 2, &c, 1, POS_ENC_UTF16, &err), &err, "ws_change");
  cr_assert_not_null(ws_compose(ws, id));
  TextReplacement r[] = {{0, 1, "y"}};
  expect_ok(ws_apply_replacements(ws, id, r, 1, &err), &err, "ws_apply_replacements");
  /* Failures allocate their messages; freeing them must balance. */
  TextChange bad = {.start = {99, 0}, .end = {99, 0}, .text = "x", .len = 1};
  cr_assert_not(ws_change(ws, id, 3, &bad, 1, POS_ENC_UTF16, &err));
  xfree(err);
  err = NULL;
  cr_assert_not(ws_open(ws, "file:///w/b.yaml", DOC_KIND_COMPOSE, 1, "\xFF", 1, &id, &err));
  xfree(err);
  err = NULL;
  /* A re-open replaces a document, a close forgets one. */
  FileId second;
  expect_ok(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 5, "a: 1\n", 5, &second, &err),
            &err, "ws_open");
  expect_ok(ws_open(ws, "file:///w/other.yml", DOC_KIND_COMPOSE, 1, "b: 2\n", 5, &second, &err),
            &err, "ws_open");
  ws_close(ws, second);
  ws_delete(ws); /* frees the workspace's parsers as well */
  expect_back_to_start();
}

Test(leaks, multi_change_failure_frees_its_copy) {
  /* A failing change set works on a copy of the document; the copy and
   * any ByteEdits must be freed on the failure path. */
  TextDoc doc;
  text_init(&doc, COMPOSE, strlen(COMPOSE));
  ByteEditArray edits;
  array_init(&edits);
  TextChange c[] = {
      {.start = {0, 0}, .end = {0, 0}, .text = "# a\n", .len = 4},
      {.start = {0, 0}, .end = {0, 0}, .text = "# b\n", .len = 4},
      {.start = {50, 0}, .end = {50, 0}, .text = "x", .len = 1},
  };
  char *err = NULL;
  cr_assert_not(text_apply_changes(&doc, c, 3, POS_ENC_UTF16, &edits, &err));
  xfree(err);
  text_destroy(&doc);
  array_delete(&edits);
  expect_back_to_start();
}

Test(leaks, kept_diagnostics_share_their_texts) {
  /* A cache of results keeps a copy of each finding and gives out a copy
   * of that copy on every keystroke: the second copy must reuse the
   * texts (a counted reference) rather than allocate them again, and the
   * texts must live until the last copy holding them is destroyed,
   * whichever goes first. */
  DiagList list;
  array_init(&list);
  Diag *d = diag_add(&list, RULE_COMPOSE_PORT_CONFLICT, 1, 40, 50, "host port %u is taken", 8080u);
  diag_add_related(d, 1, 10, 20, "first published here");
  Diag kept = diag_copy_moved(d, -30);
  cr_assert(kept.message != d->message, "a first copy has texts of its own");
  long before = alloc_live_blocks();
  Diag given = diag_copy_moved(&kept, 30);
  cr_assert_eq(alloc_live_blocks() - before, 1, "only the related array is new, not its %ld texts",
               alloc_live_blocks() - before - 1);
  cr_assert_eq(given.message, kept.message);
  cr_assert_eq(given.related.items[0].message, kept.related.items[0].message);
  cr_assert_eq(given.start, 40);
  cr_assert_eq(given.related.items[0].start, 10);
  diag_destroy(&kept);
  cr_assert_str_eq(given.message, "host port 8080 is taken");
  cr_assert_str_eq(given.related.items[0].message, "first published here");
  diag_destroy(&given);
  diaglist_destroy(&list);
  expect_back_to_start();
}

/* A compose file long enough to be split into runs of services, edited
 * so that cuts come and go (a service key typed and removed, lines joined),
 * which replaces runs whose old trees are neither taken over nor reparsed
 * from: every tree must still be freed. */
Test(leaks, split_compose_edits_free_every_tree) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "services:\n");
  for (int i = 0; i < 160; i++) strbuf_appendf(&b, "  svc%d:\n    image: example/svc%d:1.%d\n", i, i, i);
  strbuf_append(&b, "volumes:\n  data: {}\n");
  SyntaxParsers *parsers = syntax_parsers_new();
  TextDoc doc;
  text_init(&doc, b.data, b.len);
  strbuf_destroy(&b);
  Syntax *s = syntax_parse(parsers, LANG_YAML, doc.bytes, doc.len);
  cr_assert_gt(syntax_tree_count(s), 2, "the file should be split");
  unsigned r = 99;
  for (int step = 0; step < 300; step++) {
    r = r * 1103515245u + 12345u;
    uint32_t line = 1 + (r >> 8) % (uint32_t)(text_line_count(&doc) - 3);
    TextChange c = {.start = {line, 0}, .end = {line, 0}, .text = "  new:\n    image: x\n", .len = 20};
    if ((r >> 20) % 3 == 0) c = (TextChange){.start = {line, 0}, .end = {line + 1, 0}, .text = "", .len = 0};
    if ((r >> 20) % 3 == 1) c = (TextChange){.start = {line, 2}, .end = {line, 2}, .text = "x", .len = 1};
    ByteEditArray edits;
    array_init(&edits);
    char *err = NULL;
    if (text_apply_changes(&doc, &c, 1, POS_ENC_UTF16, &edits, &err))
      syntax_reparse(parsers, s, edits.items, edits.len, doc.bytes, doc.len);
    xfree(err);
    array_delete(&edits);
  }
  syntax_delete(s);
  text_destroy(&doc);
  syntax_parsers_delete(parsers);
  expect_back_to_start();
}
