/* Unit tests for server/text/text.c: the line index and the conversions
 * between byte offsets, LSP positions (UTF-16 or UTF-8 columns) and
 * tree-sitter points (rows end at '\n' only, columns in bytes).  These
 * conversions decide where every edit lands, so each case asserts exact
 * numbers, and every rejected position is checked for a message that names
 * the line, because that message is sent back to the editor as-is. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/text/text.h"

static TextDoc doc;

static void open_doc(const char *s) { text_init(&doc, s, strlen(s)); }

static void close_doc(void) { text_destroy(&doc); }

TestSuite(text, .fini = close_doc);

/* A position that must convert: returns its offset. */
static size_t offset_of(uint32_t line, uint32_t ch, PosEncoding enc) {
  size_t off = 999999;
  char *err = NULL;
  bool ok = text_offset_of(&doc, (TextPos){line, ch}, enc, &off, &err);
  /* The message is copied and freed before asserting, since a failed
   * assertion ends the test at once. */
  char msg[256];
  snprintf(msg, sizeof msg, "%s", err ? err : "(no message)");
  bool had_err = err != NULL;
  xfree(err);
  cr_assert(ok, "(%u,%u) enc=%d rejected: %s", line, ch, (int)enc, msg);
  cr_assert_not(had_err, "a successful conversion must not set an error");
  return off;
}

#define OFF(line, ch, enc, want) cr_assert_eq(offset_of((line), (ch), (enc)), (size_t)(want))

/* A position that must be rejected: the message must be non-empty, must
 * name the line ("line N"), and must contain the given fragment, which
 * tells which of the several reasons was detected. */
static void expect_reject(uint32_t line, uint32_t ch, PosEncoding enc, const char *fragment) {
  size_t off = 777;
  char *err = NULL;
  bool ok = text_offset_of(&doc, (TextPos){line, ch}, enc, &off, &err);
  char msg[256];
  snprintf(msg, sizeof msg, "%s", err ? err : "");
  xfree(err);
  cr_assert_not(ok, "(%u,%u) enc=%d accepted as offset %zu", line, ch, (int)enc, off);
  cr_assert_gt(strlen(msg), 0);
  char want_line[32];
  snprintf(want_line, sizeof want_line, "line %u", line);
  cr_assert_not_null(strstr(msg, want_line), "message `%s` does not mention `%s`", msg, want_line);
  cr_assert_not_null(strstr(msg, fragment), "message `%s` does not say `%s`", msg, fragment);
  cr_assert_eq(off, 777u, "a rejected conversion must not write the offset");
}

static void expect_pos(size_t offset, PosEncoding enc, uint32_t line, uint32_t ch) {
  TextPos p = text_pos_of(&doc, offset, enc);
  cr_assert(p.line == line && p.character == ch, "pos_of(%zu, enc=%d) = (%u,%u), want (%u,%u)",
            offset, (int)enc, p.line, p.character, line, ch);
}

static void expect_point(size_t offset, uint32_t row, uint32_t column) {
  TextPoint p = text_point_of(&doc, offset);
  cr_assert(p.row == row && p.column == column, "point_of(%zu) = (%u,%u), want (%u,%u)", offset,
            p.row, p.column, row, column);
}

#define U16 POS_ENC_UTF16
#define U8 POS_ENC_UTF8

Test(text, ascii_lines) {
  open_doc("FROM alpine\nRUN x\n");
  /* A final newline starts one more, empty, line: LSP counts it. */
  cr_assert_eq(text_line_count(&doc), 3u);
  cr_assert_eq(text_line_end(&doc, 0), 11u);
  cr_assert_eq(text_line_end(&doc, 1), 17u);
  cr_assert_eq(text_line_end(&doc, 2), 18u);
  for (int e = 0; e < 2; e++) {
    PosEncoding enc = e ? U8 : U16;
    OFF(0, 0, enc, 0);
    OFF(0, 11, enc, 11); /* the end of a line is a valid position */
    OFF(1, 0, enc, 12);
    OFF(1, 5, enc, 17);
    OFF(2, 0, enc, 18);
    expect_pos(12, enc, 1, 0);
    expect_pos(11, enc, 0, 11);
    expect_pos(16, enc, 1, 4);
  }
  expect_point(13, 1, 1);
  expect_point(18, 2, 0);
}

Test(text, ascii_rejections) {
  open_doc("FROM alpine\nRUN x\n");
  expect_reject(0, 12, U16, "past the end of line");
  expect_reject(1, 6, U8, "past the end of line");
  expect_reject(2, 1, U16, "past the end of line");
  expect_reject(3, 0, U16, "past the end of the document");
  expect_reject(1000, 0, U8, "past the end of the document");
}

Test(text, offsets_past_the_end_are_clamped) {
  open_doc("FROM alpine\nRUN x\n");
  expect_pos(1000, U16, 2, 0);
  expect_point(1000, 2, 0);
}

Test(text, two_and_three_byte_characters) {
  /* é is 2 bytes and 1 UTF-16 unit, € is 3 bytes and 1 unit. */
  open_doc("\xC3\xA9\xE2\x82\xACx\n");
  OFF(0, 0, U16, 0);
  OFF(0, 1, U16, 2);
  OFF(0, 2, U16, 5);
  OFF(0, 3, U16, 6);
  expect_reject(0, 4, U16, "past the end of line");
  OFF(0, 2, U8, 2);
  OFF(0, 5, U8, 5);
  OFF(0, 6, U8, 6);
  expect_reject(0, 1, U8, "inside a UTF-8 sequence");
  expect_reject(0, 3, U8, "inside a UTF-8 sequence");
  expect_reject(0, 4, U8, "inside a UTF-8 sequence");
  expect_reject(0, 7, U8, "past the end of line");

  expect_pos(5, U16, 0, 2);
  expect_pos(5, U8, 0, 5);
  expect_pos(6, U16, 0, 3);
  /* An offset inside € maps to the start of €. */
  expect_pos(3, U16, 0, 1);
  expect_pos(4, U8, 0, 2);
  /* Points count bytes whatever the encoding. */
  expect_point(5, 0, 5);
}

Test(text, astral_characters) {
  /* 😀 (U+1F600) is 4 bytes and 2 UTF-16 units (a surrogate pair). */
  open_doc("a\xF0\x9F\x98\x80" "b");
  OFF(0, 1, U16, 1);
  OFF(0, 3, U16, 5);
  OFF(0, 4, U16, 6);
  expect_reject(0, 2, U16, "surrogate pair");
  expect_reject(0, 5, U16, "past the end of line");
  OFF(0, 1, U8, 1);
  OFF(0, 5, U8, 5);
  OFF(0, 6, U8, 6);
  expect_reject(0, 2, U8, "inside a UTF-8 sequence");
  expect_reject(0, 3, U8, "inside a UTF-8 sequence");
  expect_reject(0, 4, U8, "inside a UTF-8 sequence");

  expect_pos(5, U16, 0, 3);
  expect_pos(5, U8, 0, 5);
  expect_pos(6, U16, 0, 4);
  expect_pos(3, U16, 0, 1);
  expect_point(5, 0, 5);
}

Test(text, astral_on_a_later_line) {
  /* The surrogate check must use the column within the line, not the
   * document: line 1 starts after a multi-byte first line. */
  open_doc("\xE2\x82\xAC\n\xF0\x9F\x98\x80z\n");
  OFF(1, 0, U16, 4);
  OFF(1, 2, U16, 8);
  OFF(1, 3, U16, 9);
  expect_reject(1, 1, U16, "surrogate pair");
  expect_pos(8, U16, 1, 2);
  expect_pos(9, U8, 1, 5);
}

Test(text, crlf_line_endings) {
  open_doc("ab\r\ncd\r\n");
  cr_assert_eq(text_line_count(&doc), 3u);
  cr_assert_not(doc.has_lone_cr);
  /* The line break is not part of the line's content. */
  cr_assert_eq(text_line_end(&doc, 0), 2u);
  cr_assert_eq(text_line_end(&doc, 1), 6u);
  cr_assert_eq(text_line_end(&doc, 2), 8u);
  OFF(0, 2, U16, 2);
  OFF(1, 0, U16, 4);
  OFF(1, 2, U8, 6);
  OFF(2, 0, U16, 8);
  /* The '\r' is not a character a position may point after. */
  expect_reject(0, 3, U16, "past the end of line");
  expect_reject(1, 3, U8, "past the end of line");
  /* Offsets on the '\r' or the '\n' belong to the end of their line. */
  expect_pos(2, U16, 0, 2);
  expect_pos(3, U16, 0, 2);
  expect_pos(4, U16, 1, 0);
  /* tree-sitter rows end at '\n', so the '\n' itself is still row 0. */
  expect_point(2, 0, 2);
  expect_point(3, 0, 3);
  expect_point(4, 1, 0);
  expect_point(8, 2, 0);
}

Test(text, lone_cr_separates_lsp_lines_but_not_rows) {
  /* LSP treats a lone '\r' as a line break; tree-sitter does not, so the
   * same byte has different line and row numbers. */
  open_doc("a\rb\nc");
  cr_assert(doc.has_lone_cr);
  cr_assert_eq(text_line_count(&doc), 3u);
  cr_assert_eq(text_line_end(&doc, 0), 1u);
  cr_assert_eq(text_line_end(&doc, 1), 3u);
  cr_assert_eq(text_line_end(&doc, 2), 5u);
  OFF(1, 0, U16, 2);
  OFF(1, 1, U16, 3);
  OFF(2, 0, U16, 4);
  OFF(2, 1, U8, 5);
  expect_reject(0, 2, U16, "past the end of line");
  expect_pos(2, U16, 1, 0);
  expect_pos(4, U16, 2, 0);
  expect_point(1, 0, 1);
  expect_point(2, 0, 2); /* LSP line 1, but still tree-sitter row 0 */
  expect_point(3, 0, 3);
  expect_point(4, 1, 0);
  expect_point(5, 1, 1);
}

Test(text, cr_before_crlf) {
  /* "\r\r\n" is a lone CR followed by a CRLF: two LSP line breaks, one
   * tree-sitter row break. */
  open_doc("a\r\r\nb");
  cr_assert(doc.has_lone_cr);
  cr_assert_eq(text_line_count(&doc), 3u);
  cr_assert_eq(text_line_end(&doc, 1), 2u);
  OFF(1, 0, U16, 2);
  expect_reject(1, 1, U16, "past the end of line");
  OFF(2, 0, U16, 4);
  expect_point(4, 1, 0);
  expect_point(2, 0, 2);
}

Test(text, empty_document) {
  open_doc("");
  cr_assert_eq(text_line_count(&doc), 1u);
  cr_assert_eq(text_line_end(&doc, 0), 0u);
  cr_assert_not_null(doc.bytes);
  cr_assert_eq(doc.bytes[0], '\0');
  OFF(0, 0, U16, 0);
  OFF(0, 0, U8, 0);
  expect_reject(0, 1, U16, "past the end of line");
  expect_reject(1, 0, U16, "past the end of the document");
  expect_pos(0, U16, 0, 0);
  expect_pos(5, U8, 0, 0);
  expect_point(0, 0, 0);
}

Test(text, no_final_newline) {
  open_doc("FROM a\nRUN b");
  cr_assert_eq(text_line_count(&doc), 2u);
  cr_assert_eq(text_line_end(&doc, 1), 12u);
  OFF(1, 5, U16, 12);
  expect_reject(1, 6, U16, "past the end of line");
  expect_reject(2, 0, U16, "past the end of the document");
  expect_pos(12, U16, 1, 5);
  expect_point(12, 1, 5);
}

Test(text, copy_is_deep) {
  open_doc("x\ny\n");
  TextDoc copy;
  text_copy(&copy, &doc);
  cr_assert_neq(copy.bytes, doc.bytes);
  cr_assert_neq(copy.line_starts.items, doc.line_starts.items);
  cr_assert_eq(copy.len, 4u);
  cr_assert_str_eq(copy.bytes, "x\ny\n");
  cr_assert_eq(text_line_count(&copy), 3u);
  cr_assert_eq(copy.line_starts.items[2], 4u);
  text_destroy(&copy);
}

/* The cursor's answer for one offset must be text_pos_of's. */
static void expect_cursor_at(TextPosCursor *c, const TextDoc *t, size_t off) {
  TextPos want = text_pos_of(t, off, c->enc), got = text_pos_cursor_at(c, off);
  cr_assert(want.line == got.line && want.character == got.character,
            "enc %d offset %zu: cursor (%u,%u), text_pos_of (%u,%u)", (int)c->enc, off, got.line, got.character,
            want.line, want.character);
}

/* Runs `walk` with a cursor over the text of `b` in each encoding. */
static void cursor_walks(const StrBuf *b, void (*walk)(TextPosCursor *c, const TextDoc *t)) {
  TextDoc t;
  text_init(&t, b->data, b->len);
  for (int e = 0; e < 2; e++) {
    TextPosCursor c;
    text_pos_cursor_init(&c, &t, e ? POS_ENC_UTF8 : POS_ENC_UTF16);
    walk(&c, &t);
    text_pos_cursor_destroy(&c);
  }
  text_destroy(&t);
}

/* Every offset forward, then a pseudo-random walk that jumps back and
 * forth (a report's ends, related ranges and fix edits). */
static void walk_forward_then_jumping(TextPosCursor *c, const TextDoc *t) {
  for (size_t off = 0; off <= t->len + 2; off++) expect_cursor_at(c, t, off);
  size_t off = 0;
  for (unsigned i = 0, r = 12345; i < 5000; i++) {
    r = r * 1103515245u + 12345u;
    size_t jump = (r >> 8) % 3001;
    off = i % 2 ? (off + jump) % (t->len + 3) : off > jump ? off - jump : 0;
    expect_cursor_at(c, t, off);
  }
}

/* The cursor that reports use for many offsets must give text_pos_of's
 * answer for every offset, in whatever order they are asked: forward and
 * back on one long line (past many TEXT_POS_STEP marks), across lines,
 * inside multi-byte characters, on bytes that are not UTF-8, past the line
 * end and past the document end, in both encodings. */
Test(text, pos_cursor_equals_pos_of) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "FROM x\r\nRUN ");
  for (int i = 0; i < 400; i++) {
    /* ASCII, 2-, 3- and 4-byte characters, and a stray continuation byte
     * and lead byte, so marks fall inside characters at varying places. */
    strbuf_appendf(&b, "a%d \xc3\xa9\xe2\x82\xac\xf0\x9f\x90\xb3%s && ", i, i % 7 ? "" : "\x80\xe2");
  }
  strbuf_append(&b, "true\nEXPOSE 80\r\n\xc3\xa9 end");
  cursor_walks(&b, walk_forward_then_jumping);
  strbuf_destroy(&b);
}

/* Mostly forward in small steps, now and then back or far away. */
static void walk_as_a_publish(TextPosCursor *c, const TextDoc *t) {
  size_t off = 0;
  for (unsigned i = 0, r = 777; i < 20000; i++) {
    r = r * 1103515245u + 12345u;
    unsigned pick = (r >> 16) % 16;
    size_t step = (r >> 4) % 40;
    if (pick == 0) off = (r >> 8) % (t->len + 3);
    else if (pick == 1) off = off > step ? off - step : 0;
    else off = off + step > t->len + 2 ? 0 : off + step;
    expect_cursor_at(c, t, off);
  }
}

/* The same over many short lines, asked about the way a publish asks
 * (forward, a start then an end a few bytes on, now and then the next
 * line or two, now and then far away): the cursor tries the line it is
 * on and the two after it before searching, and counts eight ASCII bytes
 * at a time up to a multi-byte character, wherever that falls. */
Test(text, pos_cursor_equals_pos_of_over_many_lines) {
  StrBuf b = STRBUF_INIT;
  for (int i = 0; i < 300; i++) {
    for (int k = 0; k < i % 23; k++) strbuf_append_char(&b, (char)('a' + k % 26));
    strbuf_append(&b, i % 3 ? "\xc3\xa9" : i % 5 ? "\xf0\x9f\x90\xb3" : "");
    for (int k = 0; k < i % 11; k++) strbuf_append_char(&b, 'z');
    strbuf_append(&b, i % 4 ? "\n" : i % 8 ? "\r\n" : "\n\n\n");
  }
  cursor_walks(&b, walk_as_a_publish);
  strbuf_destroy(&b);
}
