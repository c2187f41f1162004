/* Out-of-line growth for the Array macros.  Growth doubles so that pushes
 * are amortised O(1).  The first allocation holds 2 items: most arrays of
 * a model stay that short (a command's arguments, an instruction's flags),
 * and they live as long as their document, so a larger first size was
 * mostly empty memory (1 MB of 9.9 with 50 documents open), while the
 * instruction count of a keystroke did not change. */
#include "dockls/base/array.h"

void array__reserve(void **items, size_t *cap, size_t item_size, size_t need) {
  if (need <= *cap) return;
  size_t new_cap = *cap ? *cap * 2 : 2;
  while (new_cap < need) new_cap *= 2;
  *items = xrealloc(*items, new_cap * item_size);
  *cap = new_cap;
}

void strarray_delete(StrArray *a) {
  for (size_t i = 0; i < a->len; i++) xfree(a->items[i]);
  array_delete(a);
}
