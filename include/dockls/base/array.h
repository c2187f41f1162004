/* Typed growable arrays, in the style of tree-sitter's array.h: a struct of
 * {items, len, cap} per element type, manipulated by macros so that every
 * instantiation is type-checked.  Name instantiations with a typedef
 * (`typedef Array(Diag) DiagArray;`).  Storage comes from base/alloc. */
#ifndef DOCKLS_BASE_ARRAY_H_
#define DOCKLS_BASE_ARRAY_H_

#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "dockls/base/alloc.h"

#define Array(T)  \
  struct {        \
    T *items;     \
    size_t len;   \
    size_t cap;   \
  }

/* Grows the storage behind an array so that it can hold `need` items. */
void array__reserve(void **items, size_t *cap, size_t item_size, size_t need);

#define array_init(a) ((a)->items = NULL, (a)->len = 0, (a)->cap = 0)
#define array_reserve(a, n) \
  array__reserve((void **)&(a)->items, &(a)->cap, sizeof(*(a)->items), (n))
/* The room is checked in place: a call per push cost as much as the push
 * in the loops that give out thousands of kept results per keystroke. */
#define array_push(a, ...)                                            \
  ((a)->len < (a)->cap ? (void)0 : array_reserve((a), (a)->len + 1), \
   (a)->items[(a)->len++] = (__VA_ARGS__))
/* Bounds-checked access; the assert stays on in every build of ours. */
#define array_get(a, i) (assert((size_t)(i) < (a)->len), &(a)->items[(i)])
#define array_last(a) array_get((a), (a)->len - 1)
#define array_pop(a) (assert((a)->len > 0), (a)->items[--(a)->len])
#define array_clear(a) ((a)->len = 0)
#define array_delete(a) (xfree((a)->items), array_init(a))

typedef Array(char *) StrArray;

/* Frees every string of the array and the array storage. */
void strarray_delete(StrArray *a);

#endif
