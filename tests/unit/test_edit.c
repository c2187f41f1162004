/* Unit tests for server/text/edit.c: the ordered changes of an LSP
 * didChange and the replacement sets of quick-fixes.  Besides the
 * resulting text, each test checks the ByteEdits, because tree-sitter
 * reuses the old tree on their word alone: a wrong point there corrupts
 * the incremental parse silently.  Failure cases check atomicity byte for
 * byte, since a half-applied didChange would desynchronise editor and
 * server for the rest of the session. */
#include <criterion/criterion.h>

#include "expect.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/text/edit.h"

static TextDoc doc;
static ByteEditArray edits;

static void setup(void) { array_init(&edits); }

static void teardown(void) {
  text_destroy(&doc);
  array_delete(&edits);
}

TestSuite(changes, .init = setup, .fini = teardown);
TestSuite(replacements, .init = setup, .fini = teardown);

static void open_doc(const char *s) { text_init(&doc, s, strlen(s)); }


static TextChange ranged(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2, const char *text) {
  return (TextChange){.full = false, .start = {l1, c1}, .end = {l2, c2}, .text = text,
                      .len = strlen(text)};
}

static TextChange full(const char *text) {
  return (TextChange){.full = true, .text = text, .len = strlen(text)};
}

static void expect_text(const char *want) {
  cr_assert_eq(doc.len, strlen(want), "length %zu, want %zu (`%s`)", doc.len, strlen(want),
               doc.bytes);
  cr_assert_str_eq(doc.bytes, want);
}

/* Checks one ByteEdit completely: three byte offsets and three points. */
static void expect_edit(size_t i, size_t start, size_t old_end, size_t new_end, uint32_t sr,
                        uint32_t sc, uint32_t orow, uint32_t ocol, uint32_t nrow, uint32_t ncol) {
  cr_assert_lt(i, edits.len);
  const ByteEdit *e = &edits.items[i];
  cr_assert_eq(e->start_byte, start, "edit %zu start_byte %zu", i, e->start_byte);
  cr_assert_eq(e->old_end_byte, old_end, "edit %zu old_end_byte %zu", i, e->old_end_byte);
  cr_assert_eq(e->new_end_byte, new_end, "edit %zu new_end_byte %zu", i, e->new_end_byte);
  cr_assert(e->start_point.row == sr && e->start_point.column == sc,
            "edit %zu start_point (%u,%u), want (%u,%u)", i, e->start_point.row,
            e->start_point.column, sr, sc);
  cr_assert(e->old_end_point.row == orow && e->old_end_point.column == ocol,
            "edit %zu old_end_point (%u,%u), want (%u,%u)", i, e->old_end_point.row,
            e->old_end_point.column, orow, ocol);
  cr_assert(e->new_end_point.row == nrow && e->new_end_point.column == ncol,
            "edit %zu new_end_point (%u,%u), want (%u,%u)", i, e->new_end_point.row,
            e->new_end_point.column, nrow, ncol);
}

static void apply_ok(const TextChange *c, size_t n, PosEncoding enc) {
  char *err = NULL;
  bool ok = text_apply_changes(&doc, c, n, enc, &edits, &err);
  expect_ok(ok, &err, "text_apply_changes");
}

Test(changes, single_insert) {
  open_doc("FROM alpine\n");
  TextChange c = ranged(0, 11, 0, 11, ":3.19");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("FROM alpine:3.19\n");
  cr_assert_eq(edits.len, 1u);
  expect_edit(0, 11, 11, 16, 0, 11, 0, 11, 0, 16);
  /* The line index follows the new text. */
  cr_assert_eq(text_line_end(&doc, 0), 16u);
}

Test(changes, delete_across_lines) {
  open_doc("FROM alpine\nRUN x\n");
  TextChange c = ranged(0, 4, 1, 3, "");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("FROM x\n");
  expect_edit(0, 4, 15, 4, 0, 4, 1, 3, 0, 4);
  cr_assert_eq(text_line_count(&doc), 2u);
}

Test(changes, replace_with_newline) {
  open_doc("image: a\nports: []\n");
  TextChange c = ranged(0, 7, 0, 8, "b\nc");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("image: b\nc\nports: []\n");
  /* The new end is one row down, one byte into that row. */
  expect_edit(0, 7, 8, 10, 0, 7, 0, 8, 1, 1);
  cr_assert_eq(text_line_count(&doc), 4u);
}

Test(changes, points_count_bytes_not_units) {
  /* In UTF-16, character 2 of "é=1" is byte 3; the inserted € adds three
   * bytes to the column of the new end, because tree-sitter points are in
   * bytes. */
  open_doc("\xC3\xA9=1\n");
  TextChange c = ranged(0, 2, 0, 3, "\xE2\x82\xAC");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("\xC3\xA9=\xE2\x82\xAC\n");
  expect_edit(0, 3, 4, 6, 0, 3, 0, 4, 0, 6);
}

Test(changes, utf8_encoding_positions) {
  open_doc("\xC3\xA9=1\n");
  TextChange c = ranged(0, 3, 0, 4, "2");
  apply_ok(&c, 1, POS_ENC_UTF8);
  expect_text("\xC3\xA9=2\n");
  expect_edit(0, 3, 4, 4, 0, 3, 0, 4, 0, 4);
}

Test(changes, edit_after_lone_cr_uses_tree_sitter_rows) {
  /* LSP line 1 ("b") is on tree-sitter row 0, after "a\r". */
  open_doc("a\rb\n");
  TextChange c = ranged(1, 1, 1, 1, "X");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("a\rbX\n");
  expect_edit(0, 3, 3, 4, 0, 3, 0, 3, 0, 4);
}

Test(changes, several_changes_apply_in_order) {
  /* Each change is in the coordinates left by the previous one: the
   * second deletes the 'a' that the first shifted to column 1. */
  open_doc("abc\n");
  TextChange c[] = {ranged(0, 0, 0, 0, "X"), ranged(0, 1, 0, 2, ""), ranged(0, 3, 0, 3, "\n")};
  apply_ok(c, 3, POS_ENC_UTF16);
  expect_text("Xbc\n\n");
  cr_assert_eq(edits.len, 3u);
  expect_edit(0, 0, 0, 1, 0, 0, 0, 0, 0, 1);
  expect_edit(1, 1, 2, 1, 0, 1, 0, 2, 0, 1);
  expect_edit(2, 3, 3, 4, 0, 3, 0, 3, 1, 0);
  cr_assert_eq(text_line_count(&doc), 3u);
}

Test(changes, full_replacement) {
  open_doc("old\n");
  TextChange c = full("new text");
  apply_ok(&c, 1, POS_ENC_UTF16);
  expect_text("new text");
  expect_edit(0, 0, 4, 8, 0, 0, 1, 0, 0, 8);
  cr_assert_eq(text_line_count(&doc), 1u);
}

Test(changes, full_replacement_between_ranged_changes) {
  open_doc("one\ntwo\n");
  TextChange c[] = {ranged(1, 0, 1, 3, "TWO"), full("zz\n"), ranged(0, 2, 0, 2, "!")};
  apply_ok(c, 3, POS_ENC_UTF16);
  expect_text("zz!\n");
  cr_assert_eq(edits.len, 3u);
  expect_edit(1, 0, 8, 3, 0, 0, 2, 0, 1, 0);
  expect_edit(2, 2, 2, 3, 0, 2, 0, 2, 0, 3);
}

/* Appends a sentinel ByteEdit so that the failure tests can prove that
 * nothing was appended after it and that it was left alone. */
static void push_sentinel(void) {
  array_push(&edits, ((ByteEdit){.start_byte = 4242, .old_end_byte = 4243, .new_end_byte = 4244}));
}

static void expect_rejected(const TextChange *c, size_t n, const char *original,
                            const char *fragment) {
  size_t lines = text_line_count(&doc);
  char *err = NULL, msg[512];
  bool ok = text_apply_changes(&doc, c, n, POS_ENC_UTF16, &edits, &err);
  expect_failed(ok, &err, "a bad change set", msg, sizeof msg);
  cr_assert_not_null(strstr(msg, fragment), "message `%s` lacks `%s`", msg, fragment);
  expect_text(original);
  cr_assert_eq(text_line_count(&doc), lines);
  cr_assert_eq(edits.len, 1u, "%zu ByteEdits after a failed change set", edits.len);
  cr_assert_eq(edits.items[0].start_byte, 4242u);
}

Test(changes, bad_third_change_leaves_text_unchanged) {
  const char *original = "line one\nline two\n";
  open_doc(original);
  push_sentinel();
  TextChange c[] = {ranged(0, 0, 0, 4, "LINE"), ranged(1, 0, 1, 0, "> "),
                    ranged(9, 0, 9, 1, "x")};
  expect_rejected(c, 3, original, "change 3 of 3");
  /* The document still converts positions like before: the index was not
   * rebuilt for a text that was never committed. */
  size_t off = 0;
  char *err = NULL;
  expect_ok(text_offset_of(&doc, (TextPos){1, 8}, POS_ENC_UTF16, &off, &err), &err,
            "text_offset_of");
  cr_assert_eq(off, 17u);
}

Test(changes, range_valid_only_in_the_original_text_is_rejected) {
  /* The first change removes line 1, so the second change's line 1 no
   * longer exists, although it did in the original text.  Accepting it
   * would mean the changes were not applied in order. */
  const char *original = "a\nb\n";
  open_doc(original);
  push_sentinel();
  TextChange c[] = {ranged(0, 1, 2, 0, ""), ranged(1, 0, 1, 0, "x")};
  expect_rejected(c, 2, original, "change 2 of 2");
}

Test(changes, single_bad_change) {
  const char *original = "abc";
  open_doc(original);
  push_sentinel();
  TextChange past_line = ranged(0, 4, 0, 4, "x");
  expect_rejected(&past_line, 1, original, "line 0");
  TextChange past_doc = ranged(1, 0, 1, 0, "x");
  expect_rejected(&past_doc, 1, original, "line 1");
}

Test(changes, reversed_range_is_rejected) {
  const char *original = "abcdef";
  open_doc(original);
  push_sentinel();
  TextChange c = ranged(0, 4, 0, 2, "x");
  expect_rejected(&c, 1, original, "after");
}

Test(changes, position_inside_surrogate_pair_is_rejected) {
  const char *original = "\xF0\x9F\x98\x80!";
  open_doc(original);
  push_sentinel();
  TextChange c[] = {ranged(0, 3, 0, 3, "?"), ranged(0, 1, 0, 1, "x")};
  expect_rejected(c, 2, original, "surrogate");
}

/* --- text_apply_replacements --- */

static void replace_ok(TextReplacement *r, size_t n) {
  char *err = NULL;
  bool ok = text_apply_replacements(&doc, r, n, &edits, &err);
  expect_ok(ok, &err, "text_apply_replacements");
}

static void replace_rejected(TextReplacement *r, size_t n, const char *original) {
  char *err = NULL, msg[512];
  bool ok = text_apply_replacements(&doc, r, n, &edits, &err);
  expect_failed(ok, &err, "a bad replacement set", msg, sizeof msg);
  expect_text(original);
  cr_assert_eq(edits.len, 1u);
  cr_assert_eq(edits.items[0].start_byte, 4242u);
}

Test(replacements, unsorted_input_is_sorted) {
  open_doc("0123456789");
  TextReplacement r[] = {{7, 8, "B"}, {1, 2, "A"}, {4, 4, "++"}};
  replace_ok(r, 3);
  expect_text("0A23++456B89");
  /* Applied last to first, so each ByteEdit is in the coordinates of the
   * text at the moment it is applied. */
  cr_assert_eq(edits.len, 3u);
  expect_edit(0, 7, 8, 8, 0, 7, 0, 8, 0, 8);
  expect_edit(1, 4, 4, 6, 0, 4, 0, 4, 0, 6);
  expect_edit(2, 1, 2, 2, 0, 1, 0, 2, 0, 2);
}

Test(replacements, at_both_ends_and_adjacent) {
  open_doc("0123456789");
  TextReplacement r[] = {{10, 10, ">"}, {0, 0, "<"}, {2, 4, "x"}, {4, 6, "y"}};
  replace_ok(r, 4);
  expect_text("<01xy6789>");
}

Test(replacements, across_newlines) {
  open_doc("a\nb\nc");
  TextReplacement r[] = {{1, 4, " "}};
  replace_ok(r, 1);
  expect_text("a c");
  expect_edit(0, 1, 4, 2, 0, 1, 2, 0, 0, 2);
  cr_assert_eq(text_line_count(&doc), 1u);
}

Test(replacements, overlap_is_rejected) {
  const char *original = "0123456789";
  open_doc(original);
  push_sentinel();
  TextReplacement r[] = {{4, 6, "y"}, {2, 5, "x"}};
  replace_rejected(r, 2, original);
}

Test(replacements, nested_range_is_rejected) {
  const char *original = "0123456789";
  open_doc(original);
  push_sentinel();
  TextReplacement r[] = {{1, 9, "outer"}, {3, 4, "inner"}};
  replace_rejected(r, 2, original);
}

Test(replacements, two_insertions_at_one_offset_are_rejected) {
  /* Their order would be ambiguous, so the set is refused. */
  const char *original = "0123456789";
  open_doc(original);
  push_sentinel();
  TextReplacement r[] = {{5, 5, "a"}, {5, 5, "b"}};
  replace_rejected(r, 2, original);
}

Test(replacements, insertion_at_end_of_replaced_range) {
  /* Touching ranges do not overlap: "R" replaces [2,4) and "I" goes in
   * right after it. */
  open_doc("0123456789");
  TextReplacement r[] = {{4, 4, "I"}, {2, 4, "R"}};
  replace_ok(r, 2);
  expect_text("01RI456789");
}

Test(replacements, insertion_at_start_of_replaced_range) {
  /* The mirror image of the test above.  The header rejects only
   * overlapping ranges and two insertions at one offset; an insertion at
   * the start of a replaced range is neither, and sorting puts it first,
   * so the result is "I" then "R".  FIXME: text_apply_replacements rejects
   * this set as an overlap today (its two-insertions check does not test
   * that the second replacement is an insertion too). */
  open_doc("0123456789");
  TextReplacement r[] = {{4, 6, "R"}, {4, 4, "I"}};
  replace_ok(r, 2);
  expect_text("0123IR6789");
  cr_assert_eq(edits.len, 2u);
  expect_edit(0, 4, 6, 5, 0, 4, 0, 6, 0, 5);
  expect_edit(1, 4, 4, 5, 0, 4, 0, 4, 0, 5);
}

Test(replacements, out_of_range_is_rejected) {
  const char *original = "0123456789";
  open_doc(original);
  push_sentinel();
  TextReplacement past_end[] = {{1, 2, "ok"}, {8, 11, "x"}};
  replace_rejected(past_end, 2, original);
  TextReplacement start_past_end[] = {{11, 11, "x"}};
  replace_rejected(start_past_end, 1, original);
  TextReplacement reversed[] = {{6, 3, "x"}};
  replace_rejected(reversed, 1, original);
}

Test(replacements, empty_set_changes_nothing) {
  open_doc("abc");
  replace_ok(NULL, 0);
  expect_text("abc");
  cr_assert_eq(edits.len, 0u);
}

/* A set is applied in one pass; it must leave the same text and report the
 * same ByteEdits as the replacements applied one at a time from the last,
 * on lines of LF, CRLF and a lone CR, with insertions, deletions and line
 * breaks added and removed. */
Test(replacements, one_pass_equals_one_at_a_time) {
  const char *original = "FROM a\nRUN b \\\r\n  c\rENV d=1\nCOPY e f\n\nUSER g\n";
  TextReplacement r[] = {{0, 4, "from"}, {7, 7, "# x\n"}, {11, 14, ""},  {16, 18, "\n    "},
                         {19, 22, "E"},  {27, 32, "\r\n"}, {33, 33, "h"}, {41, 42, ""}};
  size_t n = sizeof r / sizeof *r;
  open_doc(original);
  replace_ok(r, n);
  TextDoc one;
  text_init(&one, original, strlen(original));
  for (size_t i = n; i-- > 0;) {
    ByteEdit e;
    text_replace(&one, r[i].start, r[i].end, r[i].text, strlen(r[i].text), &e);
    size_t k = n - 1 - i;
    expect_edit(k, e.start_byte, e.old_end_byte, e.new_end_byte, e.start_point.row, e.start_point.column,
                e.old_end_point.row, e.old_end_point.column, e.new_end_point.row, e.new_end_point.column);
  }
  expect_text(one.bytes);
  cr_assert_eq(text_line_count(&doc), text_line_count(&one));
  for (size_t line = 0; line < text_line_count(&one); line++)
    cr_assert_eq(doc.line_starts.items[line], one.line_starts.items[line], "line %zu", line);
  cr_assert_eq(doc.has_lone_cr, one.has_lone_cr);
  text_destroy(&one);
}

/* A keystroke updates the line index around the edit only
 * (text__reindex_edit).  After each of thousands of random replacements
 * of bytes that make and break line ends (`\r\n` split and joined, lone
 * `\r`), the index must equal one built from the whole text. */
Test(changes, line_index_after_random_replacements_equals_a_rebuilt_one) {
  static const char *const pieces[] = {"\n", "\r", "\r\n", "x", "ab\ncd", "\n\n", "", "\r\r\n", "é"};
  uint64_t state = 0x2545F4914F6CDD1Du;
  text_init(&doc, "FROM a\r\nRUN b\nx\r\n\n", 19);
  for (int step = 0; step < 20000; step++) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    size_t start = (size_t)(state % (doc.len + 1)), end = start + (size_t)((state >> 20) % 4);
    if (end > doc.len) end = doc.len;
    const char *piece = pieces[(state >> 40) % (sizeof pieces / sizeof *pieces)];
    /* A document with a lone CR is rebuilt whole; most steps must not
     * have one, or the update itself would go untested. */
    if (doc.has_lone_cr && (state >> 50) % 2) piece = "\n";
    ByteEdit e;
    text_replace(&doc, start, end, piece, strlen(piece), &e);
    TextDoc whole;
    text_init(&whole, doc.bytes, doc.len);
    cr_assert_eq(doc.line_starts.len, whole.line_starts.len, "step %d: %zu lines, rebuilt %zu", step,
                 doc.line_starts.len, whole.line_starts.len);
    for (size_t i = 0; i < whole.line_starts.len; i++)
      cr_assert_eq(doc.line_starts.items[i], whole.line_starts.items[i], "step %d: line %zu starts at %zu, rebuilt %zu",
                   step, i, doc.line_starts.items[i], whole.line_starts.items[i]);
    cr_assert_eq(doc.has_lone_cr, whole.has_lone_cr, "step %d: lone CR %d, rebuilt %d", step, doc.has_lone_cr,
                 whole.has_lone_cr);
    text_destroy(&whole);
    /* Keep the text short, so that edits land near line ends often. */
    if (doc.len > 400) {
      text_destroy(&doc);
      text_init(&doc, "a\r\nb\n", 5);
    }
  }
}
