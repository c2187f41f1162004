/* The single place where dockls talks to the C allocator.  Nothing else
 * checks for NULL: an allocation failure prints one line and aborts, as
 * tree-sitter's default allocator does, because a language server that
 * half-applied an edit is worse than one the editor restarts.  A live-block
 * counter (not thread-safe; dockls is single-threaded) lets tests detect
 * leaks across our code, tree-sitter and cJSON alike. */
#include "dockls/base/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long live_blocks;

static void alloc_fail(size_t size) {
  fprintf(stderr, "dockls: out of memory allocating %zu bytes\n", size);
  abort();
}

void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) alloc_fail(size);
  live_blocks++;
  return p;
}

void *xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) alloc_fail(count * size);
  live_blocks++;
  return p;
}

void *xrealloc(void *ptr, size_t size) {
  void *p = realloc(ptr, size ? size : 1);
  if (!p) alloc_fail(size);
  if (!ptr) live_blocks++;
  return p;
}

char *xstrndup(const char *s, size_t len) {
  size_t n = strnlen(s, len);
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *xmemdup(const char *s, size_t len) {
  char *p = xmalloc(len + 1);
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void xfree(void *ptr) {
  if (!ptr) return;
  live_blocks--;
  free(ptr);
}

long alloc_live_blocks(void) { return live_blocks; }
