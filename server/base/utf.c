/* A strict UTF-8 decoder (RFC 3629): overlong forms, surrogate code points
 * and values above U+10FFFF are errors.  Decoding never fails outright; it
 * reports U+FFFD for one byte so that position arithmetic on damaged text
 * still terminates, while utf8_validate lets the protocol layer reject such
 * text with the offset of the first bad byte. */
#include "dockls/base/utf.h"

size_t utf8_decode(const char *s, size_t len, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (len == 0) {
    *cp = 0xFFFD;
    return 1;
  }
  unsigned char b = u[0];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  size_t need;
  uint32_t value, min;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 2, value = b & 0x1F, min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 3, value = b & 0x0F, min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 4, value = b & 0x07, min = 0x10000;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (len < need) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t i = 1; i < need; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    value = (value << 6) | (u[i] & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = value;
  return need;
}

bool utf8_validate(const char *s, size_t len, size_t *bad_offset) {
  size_t i = 0;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    /* A genuine U+FFFD is three bytes long; a one-byte U+FFFD is an error. */
    if (cp == 0xFFFD && n == 1) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}
