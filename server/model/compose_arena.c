/* The arena a compose model's nodes, pairs and strings live in: the model
 * is rebuilt on every keystroke of an open compose file, and one arena
 * freed in one go costs far less than thousands of small allocations.  A
 * model built by taking services over from the previous one adopts that
 * model's arena (compose_reuse.c), so the blocks are chained. */
#include <stddef.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "compose_internal.h"

struct ComposeArena {
  struct ComposeArena *next;
  size_t used, cap;
  _Alignas(max_align_t) unsigned char data[];
};

size_t compose_model__arena_bytes(const ComposeModel *model) {
  size_t n = 0;
  for (const struct ComposeArena *a = model->arena; a; a = a->next) n += a->used;
  return n;
}

void *compose_model__take(ComposeModel *model, size_t size) {
  size = (size + 15) & ~(size_t)15;
  struct ComposeArena *a = model->arena;
  if (!a || a->cap - a->used < size) {
    /* Blocks start small and double up to 16 KB: most compose files need
     * a few KB, and with dozens of them open a 16 KB first block was
     * mostly empty memory. */
    size_t cap = a ? 2 * a->cap : 2048;
    if (cap > 16384) cap = 16384;
    if (cap < size) cap = size;
    struct ComposeArena *fresh = xmalloc(sizeof *fresh + cap);
    fresh->next = a;
    fresh->used = 0;
    fresh->cap = cap;
    model->arena = a = fresh;
  }
  void *p = a->data + a->used;
  a->used += size;
  return p;
}

void *compose_model__alloc(ComposeModel *model, size_t size) { return memset(compose_model__take(model, size), 0, size); }

char *compose_model__strndup(ComposeModel *model, const char *s, size_t len) {
  char *p = compose_model__alloc(model, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

void compose_model__arena_free(ComposeModel *model) {
  for (struct ComposeArena *a = model->arena, *next; a; a = next) {
    next = a->next;
    xfree(a);
  }
  model->arena = NULL;
}
