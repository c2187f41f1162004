/* Unit tests for server/workspace/workspace.c: opening, changing, finding
 * and closing documents, and keeping each document's tree in step with its
 * text.  Only compose files are parsed here, because the YAML grammar is
 * always built while the Dockerfile grammar may be absent.  The last test
 * is a small version of the fuzz_edits target: random single-character
 * edits through ws_change, after each of which the incrementally reparsed
 * tree must equal a fresh parse of the same text, node ranges included. */
#include <criterion/criterion.h>

#include "expect.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/parse.h"
#include "dockls/workspace/files.h"
#include "dockls/workspace/workspace.h"

static Workspace *ws;

static void setup(void) {
  /* The allocator goes in first so that ts_node_string's buffers come
   * from xmalloc and are freed with xfree below. */
  syntax_install_allocator();
  ws = ws_new(NULL);
}

static void teardown(void) {
  ws_delete(ws);
}

TestSuite(workspace, .init = setup, .fini = teardown);

static const char COMPOSE[] =
    "services:\n"
    "  web:\n"
    "    image: \"nginx:1.25\"\n"
    "    ports:\n"
    "      - \"8080:80\"\n"
    "  db:\n"
    "    image: postgres\n";

#define URI "file:///w/compose.yaml"


static FileId open_compose(const char *text, int64_t version) {
  FileId id = 12345;
  char *err = NULL;
  bool ok = ws_open(ws, URI, DOC_KIND_COMPOSE, version, text, strlen(text), &id, &err);
  expect_ok(ok, &err, "ws_open");
  return id;
}

/* The S-expression of a tree, owned by the caller (xfree). */
static char *tree_string(const Syntax *syntax) { return ts_node_string(syntax_root(syntax)); }

/* Walks two trees in lockstep and reports the first node whose type or
 * range differs.  ts_node_string shows the shape only; wrong points in a
 * ByteEdit can leave the shape intact while shifting every range. */
static void expect_same_ranges(TSNode a, TSNode b, const char *text) {
  cr_assert_str_eq(ts_node_type(a), ts_node_type(b), "node types differ for `%s`", text);
  TSPoint as = ts_node_start_point(a), bs = ts_node_start_point(b);
  TSPoint ae = ts_node_end_point(a), be = ts_node_end_point(b);
  cr_assert(ts_node_start_byte(a) == ts_node_start_byte(b) &&
                ts_node_end_byte(a) == ts_node_end_byte(b) && as.row == bs.row &&
                as.column == bs.column && ae.row == be.row && ae.column == be.column,
            "%s: incremental [%u (%u,%u), %u (%u,%u)] vs fresh [%u (%u,%u), %u (%u,%u)] in `%s`",
            ts_node_type(a), ts_node_start_byte(a), as.row, as.column, ts_node_end_byte(a),
            ae.row, ae.column, ts_node_start_byte(b), bs.row, bs.column, ts_node_end_byte(b),
            be.row, be.column, text);
  uint32_t n = ts_node_child_count(a);
  cr_assert_eq(n, ts_node_child_count(b), "child counts differ under %s", ts_node_type(a));
  for (uint32_t i = 0; i < n; i++)
    expect_same_ranges(ts_node_child(a, i), ts_node_child(b, i), text);
}

/* The document's tree must be the tree a fresh parse of its text gives. */
static void expect_tree_matches_text(FileId id) {
  const TextDoc *text = ws_text(ws, id);
  const Syntax *have = ws_syntax(ws, id);
  cr_assert_not_null(have);
  SyntaxParsers *parsers = syntax_parsers_new();
  Syntax *fresh = syntax_parse(parsers, LANG_YAML, text->bytes, text->len);
  syntax_parsers_delete(parsers);
  cr_assert_not_null(fresh);
  char *a = tree_string(have), *b = tree_string(fresh);
  cr_assert_str_eq(a, b, "incremental and fresh trees differ for text:\n%s", text->bytes);
  expect_same_ranges(syntax_root(have), syntax_root(fresh), text->bytes);
  xfree(a);
  xfree(b);
  syntax_delete(fresh);
}

Test(workspace, open_and_accessors) {
  FileId id = open_compose(COMPOSE, 3);
  FileId found = 999;
  cr_assert(ws_find(ws, URI, &found));
  cr_assert_eq(found, id);
  cr_assert_str_eq(ws_uri(ws, id), URI);
  cr_assert_str_eq(ws_path(ws, id), "/w/compose.yaml");
  cr_assert_eq(ws_kind(ws, id), DOC_KIND_COMPOSE);
  cr_assert_eq(ws_version(ws, id), 3);
  cr_assert(ws_is_live(ws, id));
  cr_assert_eq(ws_id_limit(ws), id + 1);
  const TextDoc *t = ws_text(ws, id);
  cr_assert_eq(t->len, strlen(COMPOSE));
  cr_assert_str_eq(t->bytes, COMPOSE);
  const Syntax *syn = ws_syntax(ws, id);
  cr_assert_not_null(syn);
  cr_assert_eq(syntax_lang(syn), LANG_YAML);
  cr_assert_str_eq(ts_node_type(syntax_root(syn)), "stream");
  cr_assert_not(ts_node_has_error(syntax_root(syn)));
  cr_assert_not(ws_find(ws, "file:///w/other.yaml", &found));
}

Test(workspace, compose_model_follows_changes) {
  FileId id = open_compose(COMPOSE, 1);
  const ComposeModel *m = ws_compose(ws, id);
  cr_assert_not_null(m);
  cr_assert_eq(m->top.len, 1u);
  cr_assert_str_eq(m->top.items[0].key, "services");
  TextChange add = {.start = {7, 0}, .end = {7, 0}, .text = "volumes: {}\n", .len = 12};
  char *err = NULL;
  expect_ok(ws_change(ws, id, 2, &add, 1, POS_ENC_UTF16, &err), &err, "ws_change");
  m = ws_compose(ws, id);
  cr_assert_eq(m->top.len, 2u);
  cr_assert_str_eq(m->top.items[1].key, "volumes");
  cr_assert_eq(m->top.items[1].key_start, strlen(COMPOSE));
}

Test(workspace, path_is_null_for_non_file_uris) {
  FileId id;
  char *err = NULL;
  expect_ok(ws_open(ws, "untitled:Untitled-1", DOC_KIND_COMPOSE, 1, "a: 1\n", 5, &id, &err), &err,
            "ws_open");
  cr_assert_null(ws_path(ws, id));
  cr_assert_str_eq(ws_uri(ws, id), "untitled:Untitled-1");
}

Test(workspace, change_updates_text_version_and_tree) {
  FileId id = open_compose(COMPOSE, 1);
  /* Replace postgres (line 6, characters 11..19) with a pinned tag. */
  TextChange c = {.start = {6, 11}, .end = {6, 19}, .text = "postgres:16", .len = 11};
  char *err = NULL;
  expect_ok(ws_change(ws, id, 2, &c, 1, POS_ENC_UTF16, &err), &err, "ws_change");
  cr_assert_eq(ws_version(ws, id), 2);
  cr_assert_not_null(strstr(ws_text(ws, id)->bytes, "image: postgres:16\n"));
  expect_tree_matches_text(id);
}

/* Asserts that a change set is refused and that text, version and tree are
 * exactly what they were before. */
static void expect_change_refused(FileId id, const TextChange *c, size_t n) {
  char *before_tree = tree_string(ws_syntax(ws, id));
  int64_t before_version = ws_version(ws, id);
  char *err = NULL, msg[512];
  bool ok = ws_change(ws, id, before_version + 1, c, n, POS_ENC_UTF16, &err);
  /* Everything is measured and freed first, so that a failed assertion
   * (which ends the test) leaves no leak behind to confuse the report. */
  char *after_tree = tree_string(ws_syntax(ws, id));
  bool same_tree = strcmp(after_tree, before_tree) == 0;
  xfree(after_tree);
  xfree(before_tree);
  expect_failed(ok, &err, "a bad change set", msg, sizeof msg);
  cr_assert_eq(ws_version(ws, id), before_version, "version moved to %lld",
               (long long)ws_version(ws, id));
  cr_assert_eq(ws_text(ws, id)->len, strlen(COMPOSE));
  cr_assert_str_eq(ws_text(ws, id)->bytes, COMPOSE);
  cr_assert(same_tree, "the tree changed although the change was refused");
}

Test(workspace, rejected_change_keeps_text_and_version) {
  FileId id = open_compose(COMPOSE, 5);
  TextChange past_end = {.start = {40, 0}, .end = {40, 0}, .text = "x", .len = 1};
  expect_change_refused(id, &past_end, 1);
  /* The first change is fine, the second is not: neither may stick. */
  TextChange pair[] = {{.start = {0, 0}, .end = {0, 0}, .text = "# hi\n", .len = 5},
                       {.start = {1, 99}, .end = {1, 99}, .text = "x", .len = 1}};
  expect_change_refused(id, pair, 2);
  /* Text that is not UTF-8 is refused before anything is applied. */
  TextChange bad_utf8[] = {{.start = {0, 0}, .end = {0, 0}, .text = "ok", .len = 2},
                           {.start = {0, 0}, .end = {0, 0}, .text = "\xC3", .len = 1}};
  expect_change_refused(id, bad_utf8, 2);
}

Test(workspace, invalid_utf8_is_rejected_on_open) {
  FileId id = 777;
  char *err = NULL, msg[512];
  const char text[] = "services:\n  web:\n    image: caf\xC3\n";
  bool ok = ws_open(ws, URI, DOC_KIND_COMPOSE, 1, text, sizeof text - 1, &id, &err);
  expect_failed(ok, &err, "ws_open", msg, sizeof msg);
  cr_assert_not_null(strstr(msg, "UTF-8"), "message: %s", msg);
  /* The offset of the bad byte helps the user find it. */
  cr_assert_not_null(strstr(msg, "byte 31"), "message: %s", msg);
  cr_assert_eq(id, 777u, "the id must not be written on failure");
  cr_assert_not(ws_find(ws, URI, &id));
  cr_assert_eq(ws_id_limit(ws), 0u);
}

Test(workspace, size_limit) {
  /* One byte over the limit is refused on open, and a change that would
   * grow a document past it is refused with text and version intact. */
  size_t big = DOCKLS_MAX_FILE_BYTES + 1;
  char *filler = xmalloc(big);
  memset(filler, '#', big);
  FileId id = 4242;
  char *err = NULL, msg[512];
  bool ok = ws_open(ws, URI, DOC_KIND_COMPOSE, 1, filler, big, &id, &err);
  if (ok) xfree(filler);
  expect_failed(ok, &err, "ws_open", msg, sizeof msg);
  cr_assert_not_null(strstr(msg, "limit"), "message: %s", msg);
  cr_assert_eq(ws_id_limit(ws), 0u);
  id = open_compose(COMPOSE, 1);
  /* Appending limit - len + 1 bytes makes it exactly one byte too big. */
  TextChange c = {.start = {7, 0}, .end = {7, 0}, .text = filler,
                  .len = DOCKLS_MAX_FILE_BYTES - strlen(COMPOSE) + 1};
  expect_change_refused(id, &c, 1);
  /* One byte less fits. */
  c.len--;
  err = NULL;
  ok = ws_change(ws, id, 2, &c, 1, POS_ENC_UTF16, &err);
  xfree(filler);
  expect_ok(ok, &err, "ws_change");
  cr_assert_eq(ws_text(ws, id)->len, DOCKLS_MAX_FILE_BYTES);
  cr_assert_eq(ws_version(ws, id), 2);
}

Test(workspace, invalid_reopen_keeps_the_open_document) {
  FileId id = open_compose(COMPOSE, 1);
  FileId other;
  char *err = NULL, msg[512];
  expect_failed(ws_open(ws, URI, DOC_KIND_COMPOSE, 2, "\xFF", 1, &other, &err), &err, "ws_open",
                msg, sizeof msg);
  cr_assert_str_eq(ws_text(ws, id)->bytes, COMPOSE);
  cr_assert_eq(ws_version(ws, id), 1);
}

Test(workspace, reopen_replaces_text_and_keeps_id) {
  FileId id = open_compose(COMPOSE, 1);
  FileId again = open_compose("services: {}\n", 9);
  cr_assert_eq(again, id);
  cr_assert_eq(ws_version(ws, id), 9);
  cr_assert_str_eq(ws_text(ws, id)->bytes, "services: {}\n");
  cr_assert_eq(ws_id_limit(ws), 1u);
  expect_tree_matches_text(id);
}

Test(workspace, close_forgets_and_ids_are_not_reused) {
  FileId id = open_compose(COMPOSE, 1);
  ws_close(ws, id);
  cr_assert_not(ws_is_live(ws, id));
  FileId found;
  cr_assert_not(ws_find(ws, URI, &found));
  /* Closing twice is harmless. */
  ws_close(ws, id);
  FileId next = open_compose(COMPOSE, 1);
  cr_assert_neq(next, id, "a closed document's id was handed out again");
  cr_assert_eq(ws_id_limit(ws), 2u);
}

static FileId open_as(const char *uri, DocKind kind) {
  FileId id = 12345;
  char *err = NULL;
  bool ok = ws_open(ws, uri, kind, 1, COMPOSE, strlen(COMPOSE), &id, &err);
  expect_ok(ok, &err, "ws_open");
  return id;
}

/* The open compose documents in a folder above a Dockerfile's, which may
 * name its build context: those in the folder or above it, whatever their
 * names, never those beside or below it, nor other kinds; and the answer
 * follows opens and closes (it comes from an index). */
Test(workspace, open_composes_above_a_folder) {
  FileId top = open_as("file:///p/compose.dev.yaml", DOC_KIND_COMPOSE);
  FileId root = open_as("file:///root.yml", DOC_KIND_COMPOSE);
  open_as("file:///p/sub/deeper/x.yaml", DOC_KIND_COMPOSE);
  open_as("file:///p-other/compose.yaml", DOC_KIND_COMPOSE);
  open_as("file:///p/sub/compose.txt", DOC_KIND_OTHER);
  FileId beside = open_as("file:///p/sub/stack.yaml", DOC_KIND_COMPOSE);
  FileIdArray got;
  array_init(&got);
  ws_open_composes_above(ws, "/p/sub", &got);
  cr_assert_eq(got.len, 3u, "want the compose files of /p/sub, /p and /, got %zu", got.len);
  cr_assert(got.items[0] == top && got.items[1] == root && got.items[2] == beside,
            "in FileId order");
  FileId later = open_as("file:///p/sub/later.yml", DOC_KIND_COMPOSE);
  array_clear(&got);
  ws_open_composes_above(ws, "/p/sub", &got);
  cr_assert(got.len == 4 && got.items[3] == later, "after an open, got %zu", got.len);
  ws_close(ws, top);
  array_clear(&got);
  ws_open_composes_above(ws, "/p/sub", &got);
  cr_assert(got.len == 3 && got.items[0] == root && got.items[1] == beside && got.items[2] == later,
            "after a close, got %zu", got.len);
  array_delete(&got);
}

Test(workspace, apply_replacements) {
  FileId id = open_compose(COMPOSE, 4);
  /* The replacements are given out of order, in original offsets. */
  const char *t = ws_text(ws, id)->bytes;
  size_t nginx = (size_t)(strstr(t, "nginx:1.25") - t);
  size_t pg = (size_t)(strstr(t, "postgres") - t);
  TextReplacement r[] = {{pg, pg + 8, "postgres:16"}, {nginx, nginx + 10, "nginx:1.27"}};
  char *err = NULL;
  expect_ok(ws_apply_replacements(ws, id, r, 2, &err), &err, "ws_apply_replacements");
  cr_assert_eq(ws_version(ws, id), 4, "replacements must leave the version alone");
  cr_assert_not_null(strstr(ws_text(ws, id)->bytes, "image: \"nginx:1.27\"\n"));
  cr_assert_not_null(strstr(ws_text(ws, id)->bytes, "image: postgres:16\n"));
  expect_tree_matches_text(id);
}

Test(workspace, rejected_replacements_change_nothing) {
  FileId id = open_compose(COMPOSE, 4);
  char *before = tree_string(ws_syntax(ws, id));
  TextReplacement r[] = {{10, 20, "a"}, {15, 25, "b"}};
  char *err = NULL, msg[512];
  expect_failed(ws_apply_replacements(ws, id, r, 2, &err), &err, "overlapping replacements", msg,
                sizeof msg);
  cr_assert_str_eq(ws_text(ws, id)->bytes, COMPOSE);
  char *after = tree_string(ws_syntax(ws, id));
  bool same = strcmp(after, before) == 0;
  xfree(after);
  xfree(before);
  cr_assert(same, "the tree changed although the replacements were refused");
}

/* xorshift32: a fixed, libc-independent sequence, so a failure reproduces
 * everywhere with the same edits. */
static uint32_t rng_state;
static uint32_t rng(void) {
  uint32_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}

Test(workspace, incremental_reparse_equals_fresh_parse) {
  /* Characters that matter to YAML's structure: indentation, newlines,
   * indicators, quotes and flow brackets, plus a lone CR so that LSP lines
   * and tree-sitter rows drift apart. */
  static const char alphabet[] = " \n:-#\"'{}[],abc\r";
  /* tree-sitter promises equal trees only where no error recovery is
   * involved; with enough garbage an incremental parse may recover
   * differently from a fresh one even when every ByteEdit is exact (seen
   * with other seeds after about 80 edits, with ByteEdits checked against a
   * brute-force count).  With this seed and 50 edits the trees agree, so a
   * difference here means the edits told tree-sitter something wrong. */
  FileId id = open_compose(COMPOSE, 1);
  rng_state = 0x5EED1234u;
  for (int step = 0; step < 50; step++) {
    const TextDoc *t = ws_text(ws, id);
    uint32_t r = rng();
    int op = (int)(r % 3);
    if (t->len == 0) op = 0;
    size_t at = (size_t)(rng() % (t->len + (op == 0 ? 1 : 0)));
    /* Each edit is expressed as LSP positions, as didChange sends it; the
     * text is ASCII, so UTF-16 and byte columns agree. */
    char ch[2] = {alphabet[rng() % (sizeof alphabet - 1)], '\0'};
    size_t end = op == 0 ? at : at + 1;
    TextChange c = {.start = text_pos_of(t, at, POS_ENC_UTF16),
                    .end = text_pos_of(t, end, POS_ENC_UTF16),
                    .text = ch,
                    .len = op == 1 ? 0 : 1};
    /* A CRLF split by the edit has no LSP position between '\r' and '\n';
     * text_pos_of maps it to the line end, so the expected text is
     * computed from the positions actually sent. */
    size_t s_off, e_off;
    char *err = NULL;
    expect_ok(text_offset_of(t, c.start, POS_ENC_UTF16, &s_off, &err), &err, "text_offset_of");
    expect_ok(text_offset_of(t, c.end, POS_ENC_UTF16, &e_off, &err), &err, "text_offset_of");
    char expected[1024];
    cr_assert_lt(t->len + 2, sizeof expected);
    memcpy(expected, t->bytes, s_off);
    memcpy(expected + s_off, ch, c.len);
    memcpy(expected + s_off + c.len, t->bytes + e_off, t->len - e_off + 1);
    expect_ok(ws_change(ws, id, step + 2, &c, 1, POS_ENC_UTF16, &err), &err, "ws_change");
    cr_assert_str_eq(ws_text(ws, id)->bytes, expected, "step %d", step);
    expect_tree_matches_text(id);
  }
  cr_assert_eq(ws_version(ws, id), 51);
}

/* ws_text_since tells how the text changed since it was marked, narrowed
 * over several edits; nothing for a generation other than the marked
 * one, before any mark, or after the document was opened again. */
Test(workspace, text_since_a_mark) {
  const char *text = "FROM a\nRUN b\nRUN c\n";
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), &id, &err));
  TextDelta d;
  cr_assert_not(ws_text_since(ws, id, ws_text_generation(ws, id), &d), "nothing before a mark");
  ws_text_mark(ws, id);
  uint64_t marked = ws_text_generation(ws, id);
  cr_assert(ws_text_since(ws, id, marked, &d));
  cr_assert(d.prefix == 19 && d.suffix == 19 && d.old_len == 19);
  TextChange one = {false, {1, 4}, {1, 5}, "bb", 2}, two = {false, {2, 0}, {2, 0}, "#", 1};
  cr_assert(ws_change(ws, id, 2, &one, 1, POS_ENC_UTF16, &err));
  cr_assert(ws_change(ws, id, 3, &two, 1, POS_ENC_UTF16, &err));
  cr_assert_neq(ws_text_generation(ws, id), marked);
  cr_assert(ws_text_since(ws, id, marked, &d));
  /* "FROM a\nRUN bb\n#RUN c\n": bytes before 11 and the last 6 are as marked. */
  cr_assert(d.prefix == 11 && d.suffix == 6 && d.old_len == 19, "%zu %zu %zu", d.prefix, d.suffix, d.old_len);
  cr_assert_not(ws_text_since(ws, id, marked + 1, &d), "another generation");
  ws_text_mark(ws, id);
  cr_assert_not(ws_text_since(ws, id, marked, &d), "marked again since");
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 4, text, strlen(text), &id, &err));
  cr_assert_not(ws_text_since(ws, id, ws_text_generation(ws, id), &d), "opened again");
}

/* Each consumer keeps its own mark: one marking the text (the publish)
 * does not take away what another (libyaml's pieces, the per-service
 * results) knows of the change since its own mark, and each is narrowed
 * by the edits after its own mark only. */
Test(workspace, text_marks_per_consumer) {
  const char *text = "a: 1\nb: 2\nc: 3\n";
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, text, strlen(text), &id, &err));
  ws_text_mark_for(ws, id, WS_MARK_YAML_CHUNKS);
  uint64_t first = ws_text_generation(ws, id);
  TextChange one = {false, {1, 3}, {1, 4}, "22", 2};
  cr_assert(ws_change(ws, id, 2, &one, 1, POS_ENC_UTF16, &err));
  ws_text_mark_for(ws, id, WS_MARK_PUBLISH);
  ws_text_mark_for(ws, id, WS_MARK_SERVICES);
  uint64_t second = ws_text_generation(ws, id);
  TextChange two = {false, {2, 3}, {2, 4}, "4", 1};
  cr_assert(ws_change(ws, id, 3, &two, 1, POS_ENC_UTF16, &err));
  TextDelta d;
  /* "a: 1\nb: 22\nc: 4\n" against "a: 1\nb: 2\nc: 3\n": both edits. */
  cr_assert(ws_text_since_for(ws, id, WS_MARK_YAML_CHUNKS, first, &d), "the first mark survives the others");
  cr_assert(d.prefix == 8 && d.suffix == 1 && d.old_len == 15, "%zu %zu %zu", d.prefix, d.suffix, d.old_len);
  /* Against "a: 1\nb: 22\nc: 3\n": the second edit only. */
  cr_assert(ws_text_since(ws, id, second, &d));
  cr_assert(d.prefix == 14 && d.suffix == 1 && d.old_len == 16, "%zu %zu %zu", d.prefix, d.suffix, d.old_len);
  cr_assert(ws_text_since_for(ws, id, WS_MARK_SERVICES, second, &d));
  cr_assert(d.prefix == 14 && d.suffix == 1 && d.old_len == 16);
  cr_assert_not(ws_text_since_for(ws, id, WS_MARK_YAML_CHUNKS, second, &d), "not the generation it marked");
}
