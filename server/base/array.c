/* Out-of-line growth for the Array macros.  Growth doubles so that pushes
 * are amortised O(1); the minimum of 8 avoids a string of tiny reallocs
 * for the many short arrays a parse produces. */
#include "dockls/base/array.h"

void array__reserve(void **items, size_t *cap, size_t item_size, size_t need) {
  if (need <= *cap) return;
  size_t new_cap = *cap ? *cap * 2 : 8;
  while (new_cap < need) new_cap *= 2;
  *items = xrealloc(*items, new_cap * item_size);
  *cap = new_cap;
}

void strarray_delete(StrArray *a) {
  for (size_t i = 0; i < a->len; i++) xfree(a->items[i]);
  array_delete(a);
}
