/* UTF-8 decoding and UTF-16 unit counting: the only knowledge of Unicode
 * that dockls needs, for LSP positions and for rejecting invalid input. */
#ifndef DOCKLS_BASE_UTF_H_
#define DOCKLS_BASE_UTF_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len).  Returns the number of bytes it
 * takes (1 to 4).  An invalid or truncated sequence yields U+FFFD and a
 * length of 1, so callers always make progress. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF).  On failure *bad_offset is the first bad byte. */
bool utf8_validate(const char *s, size_t len, size_t *bad_offset);

/* UTF-16 code units that a code point needs: 2 above U+FFFF, else 1. */
static inline unsigned utf16_units(uint32_t cp) { return cp > 0xFFFF ? 2u : 1u; }

/* True when byte b starts a code point (is not a continuation byte). */
static inline bool utf8_is_lead(unsigned char b) { return (b & 0xC0) != 0x80; }

#endif
