#include "dockls/base/bytes.h"

#include <stdint.h>
#include <string.h>

/* Both compare eight bytes at a time while they can: the texts compared
 * are whole documents of thousands of lines that differ in a few bytes,
 * once per keystroke. */

size_t bytes_common_prefix(const char *a, const char *b, size_t most) {
  size_t n = 0;
  for (uint64_t x, y; n + 8 <= most; n += 8) {
    memcpy(&x, a + n, 8);
    memcpy(&y, b + n, 8);
    if (x != y) break;
  }
  while (n < most && a[n] == b[n]) n++;
  return n;
}

size_t bytes_common_suffix(const char *a_end, const char *b_end, size_t most) {
  size_t n = 0;
  for (uint64_t x, y; n + 8 <= most; n += 8) {
    memcpy(&x, a_end - n - 8, 8);
    memcpy(&y, b_end - n - 8, 8);
    if (x != y) break;
  }
  while (n < most && a_end[-1 - (ptrdiff_t)n] == b_end[-1 - (ptrdiff_t)n]) n++;
  return n;
}
