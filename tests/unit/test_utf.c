/* Unit tests for server/base/utf.c: the strict UTF-8 decoder and the
 * validator that the protocol layer and the workspace use to reject text.
 * Every case pins both the decoded code point and the byte count, because
 * position arithmetic in text.c relies on an invalid byte advancing by
 * exactly one while a valid sequence advances by its full length. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "dockls/base/utf.h"

/* Decodes a string literal (without its terminating NUL) and checks the
 * length and the code point in one place, so that every case reads as a
 * single line of input and expectation. */
static void check_decode(const char *s, size_t len, size_t want_len, uint32_t want_cp) {
  uint32_t cp = 0;
  size_t n = utf8_decode(s, len, &cp);
  cr_assert_eq(n, want_len, "length of decoding %zu bytes: got %zu, want %zu", len, n, want_len);
  cr_assert_eq(cp, want_cp, "code point: got U+%04X, want U+%04X", (unsigned)cp,
               (unsigned)want_cp);
}

#define DECODE(lit, want_len, want_cp) check_decode((lit), sizeof(lit) - 1, (want_len), (want_cp))
/* An error is always reported as U+FFFD with a length of one byte, so that
 * callers make progress without skipping bytes that may start a valid
 * sequence. */
#define DECODE_BAD(lit) DECODE(lit, 1, 0xFFFD)

Test(utf8_decode, ascii) {
  DECODE("A", 1, 0x41);
  DECODE("\x7F", 1, 0x7F);
  /* Only the first code point is decoded, whatever follows it. */
  DECODE("FROM", 1, 'F');
}

Test(utf8_decode, nul_byte_is_a_code_point) {
  /* U+0000 is valid UTF-8; refusing it is the JSON layer's business. */
  check_decode("\0x", 2, 1, 0);
}

Test(utf8_decode, two_byte_sequences) {
  DECODE("\xC3\xA9", 2, 0xE9); /* é */
  DECODE("\xC2\x80", 2, 0x80); /* smallest two-byte value */
  DECODE("\xDF\xBF", 2, 0x7FF); /* largest two-byte value */
}

Test(utf8_decode, three_byte_sequences) {
  DECODE("\xE2\x82\xAC", 3, 0x20AC); /* € */
  DECODE("\xE0\xA0\x80", 3, 0x800);  /* smallest three-byte value */
  DECODE("\xEF\xBF\xBF", 3, 0xFFFF); /* largest BMP value */
  /* A real U+FFFD in the text is three bytes long, which is how callers
   * tell it apart from an error. */
  DECODE("\xEF\xBF\xBD", 3, 0xFFFD);
  /* The code points right next to the surrogate block are ordinary. */
  DECODE("\xED\x9F\xBF", 3, 0xD7FF);
  DECODE("\xEE\x80\x80", 3, 0xE000);
}

Test(utf8_decode, four_byte_sequences) {
  DECODE("\xF0\x9F\x98\x80", 4, 0x1F600); /* 😀 */
  DECODE("\xF0\x90\x80\x80", 4, 0x10000); /* smallest astral value */
  DECODE("\xF4\x8F\xBF\xBF", 4, 0x10FFFF); /* largest Unicode value */
}

Test(utf8_decode, overlong_forms_are_rejected) {
  /* Overlong encodings would let "/" or NUL hide behind another spelling,
   * which is why RFC 3629 forbids them. */
  DECODE_BAD("\xC0\x80");         /* U+0000 in two bytes */
  DECODE_BAD("\xC1\xBF");         /* U+007F in two bytes */
  DECODE_BAD("\xE0\x80\x80");     /* U+0000 in three bytes */
  DECODE_BAD("\xE0\x9F\xBF");     /* U+07FF in three bytes */
  DECODE_BAD("\xF0\x80\x80\x80"); /* U+0000 in four bytes */
  DECODE_BAD("\xF0\x8F\xBF\xBF"); /* U+FFFF in four bytes */
}

Test(utf8_decode, surrogates_are_rejected) {
  /* UTF-16 surrogates encoded directly (CESU-8 style) are not UTF-8. */
  DECODE_BAD("\xED\xA0\x80"); /* U+D800 */
  DECODE_BAD("\xED\xAF\xBF"); /* U+DBFF, last high surrogate */
  DECODE_BAD("\xED\xB0\x80"); /* U+DC00, first low surrogate */
  DECODE_BAD("\xED\xBF\xBF"); /* U+DFFF */
}

Test(utf8_decode, values_above_unicode_are_rejected) {
  DECODE_BAD("\xF4\x90\x80\x80"); /* U+110000 */
  DECODE_BAD("\xF5\x80\x80\x80"); /* lead byte that can only start > U+10FFFF */
  DECODE_BAD("\xF7\xBF\xBF\xBF");
  DECODE_BAD("\xF8\x88\x80\x80\x80"); /* old five-byte form */
  DECODE_BAD("\xFF");
  DECODE_BAD("\xFE");
}

Test(utf8_decode, stray_and_broken_sequences) {
  DECODE_BAD("\x80");     /* continuation byte without a lead */
  DECODE_BAD("\xBF");
  DECODE_BAD("\xC3\x41"); /* lead byte followed by ASCII */
  DECODE_BAD("\xE2\x82\x41");
  DECODE_BAD("\xF0\x9F\x98\x41");
}

Test(utf8_decode, truncated_sequences) {
  /* The length argument, not a NUL, bounds the read: each of these is a
   * valid sequence cut short by the caller's length. */
  check_decode("\xC3\xA9", 1, 1, 0xFFFD);
  check_decode("\xE2\x82\xAC", 2, 1, 0xFFFD);
  check_decode("\xF0\x9F\x98\x80", 3, 1, 0xFFFD);
  check_decode("\xF0\x9F\x98\x80", 1, 1, 0xFFFD);
}

Test(utf16_units, counts) {
  cr_assert_eq(utf16_units('A'), 1u);
  cr_assert_eq(utf16_units(0xE9), 1u);
  cr_assert_eq(utf16_units(0xFFFF), 1u);
  cr_assert_eq(utf16_units(0x10000), 2u);
  cr_assert_eq(utf16_units(0x1F600), 2u);
  cr_assert_eq(utf16_units(0x10FFFF), 2u);
}

Test(utf8_is_lead, classification) {
  cr_assert(utf8_is_lead('a'));
  cr_assert(utf8_is_lead(0xC3));
  cr_assert(utf8_is_lead(0xF0));
  cr_assert_not(utf8_is_lead(0x80));
  cr_assert_not(utf8_is_lead(0xBF));
}

/* Runs the validator and returns the reported offset, or (size_t)-1 when
 * the text is valid.  The offset variable starts at a sentinel so that a
 * validator that forgets to set it is caught. */
static size_t bad_offset_of(const char *s, size_t len) {
  size_t bad = 12345;
  bool ok = utf8_validate(s, len, &bad);
  if (ok) return (size_t)-1;
  return bad;
}

#define VALID(lit) cr_assert_eq(bad_offset_of((lit), sizeof(lit) - 1), (size_t)-1, "%s", #lit)
#define INVALID_AT(lit, off) \
  cr_assert_eq(bad_offset_of((lit), sizeof(lit) - 1), (size_t)(off), "%s", #lit)

Test(utf8_validate, valid_text) {
  VALID("");
  VALID("FROM alpine:3.19\n");
  VALID("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n");
  VALID("\xEF\xBF\xBD"); /* a genuine replacement character */
  VALID("\xF4\x8F\xBF\xBF");
  /* An embedded NUL is well-formed UTF-8. */
  cr_assert(utf8_validate("a\0b", 3, NULL));
}

Test(utf8_validate, reports_first_bad_byte) {
  INVALID_AT("\xFF", 0);
  INVALID_AT("ab\xC3\xA9\xFF", 4);
  INVALID_AT("abc\xED\xA0\x80", 3);       /* surrogate */
  INVALID_AT("x\xC0\x80", 1);             /* overlong */
  INVALID_AT("xy\xF4\x90\x80\x80", 2);    /* above U+10FFFF */
  INVALID_AT("\xEF\xBF\xBDz\x80", 4);     /* genuine U+FFFD, then a stray byte */
  INVALID_AT("ok \xE2\x82", 3);           /* truncated at the end */
  INVALID_AT("\xF0\x9F\x98\x80\xF0\x9F\x98", 4);
  /* The first error wins even when a later one follows. */
  INVALID_AT("a\x80\xFF", 1);
}

Test(utf8_validate, length_bounds_the_check) {
  /* Bytes past len are not examined: the invalid 0xFF is outside. */
  cr_assert(utf8_validate("abc\xFF", 3, NULL));
  /* Cutting a valid sequence makes it invalid at its lead byte. */
  cr_assert_eq(bad_offset_of("a\xE2\x82\xAC", 3), 1u);
}
