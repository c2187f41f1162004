/* StrBuf keeps a terminating NUL after every append so that its contents
 * can be handed to C string functions at any time. */
/* mremap is Linux's; the build otherwise asks only for POSIX. */
#define _GNU_SOURCE
#include "dockls/base/strbuf.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dockls/base/alloc.h"

static size_t strbuf_whole_pages(size_t n) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  return (n + page - 1) / page * page;
}

/* Moves a mapped buffer to `cap` bytes (whole pages).  mremap may move the
 * pages to another address, but they stay the same pages, so a pipe that
 * holds some of them still reads what was written there. */
static bool strbuf_remap(StrBuf *self, size_t cap) {
  void *data = mremap(self->data, self->cap, cap, MREMAP_MAYMOVE);
  if (data == MAP_FAILED) return false;
  self->data = data;
  self->cap = cap;
  return true;
}

static void strbuf_reserve(StrBuf *self, size_t extra) {
  size_t need = self->len + extra + 1;
  if (need <= self->cap) return;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < need) cap *= 2;
  if (self->mapped && strbuf_remap(self, strbuf_whole_pages(cap))) return;
  if (self->mapped) {
    /* Refused: the text goes on in the heap, and the pages are let go
     * (a pipe that holds some keeps them). */
    char *data = xmalloc(cap);
    memcpy(data, self->data, self->len + 1);
    munmap(self->data, self->cap);
    self->data = data;
    self->cap = cap;
    self->mapped = false;
    return;
  }
  self->data = xrealloc(self->data, cap);
  self->cap = cap;
}

void strbuf_append_n(StrBuf *self, const char *s, size_t len) {
  strbuf_reserve(self, len);
  if (len) memcpy(self->data + self->len, s, len);
  self->len += len;
  self->data[self->len] = '\0';
}

char *strbuf_room(StrBuf *self, size_t most) {
  strbuf_reserve(self, most);
  return self->data + self->len;
}

void strbuf_wrote(StrBuf *self, size_t n) {
  self->len += n;
  self->data[self->len] = '\0';
}

void strbuf_append(StrBuf *self, const char *s) { strbuf_append_n(self, s, strlen(s)); }

void strbuf_append_char(StrBuf *self, char c) { strbuf_append_n(self, &c, 1); }

void strbuf_vappendf(StrBuf *self, const char *fmt, va_list ap) {
  /* Most texts (a diagnostic's message, a path) fit a small buffer, so
   * they are formatted once; only a longer one is formatted again into
   * space reserved for its length. */
  char small[256];
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(small, sizeof small, fmt, copy);
  va_end(copy);
  if (n <= 0) return;
  if ((size_t)n < sizeof small) {
    strbuf_append_n(self, small, (size_t)n);
    return;
  }
  strbuf_reserve(self, (size_t)n);
  vsnprintf(self->data + self->len, (size_t)n + 1, fmt, ap);
  self->len += (size_t)n;
}

void strbuf_appendf(StrBuf *self, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  strbuf_vappendf(self, fmt, ap);
  va_end(ap);
}

char *strbuf_take(StrBuf *self) {
  if (self->mapped) {
    char *copy = xmemdup(self->data, self->len);
    strbuf_destroy(self);
    return copy;
  }
  char *out = self->data ? self->data : xstrdup("");
  self->data = NULL;
  self->len = self->cap = 0;
  return out;
}

const char *strbuf_cstr(StrBuf *self) { return self->data ? self->data : ""; }

void strbuf_clear(StrBuf *self) {
  self->len = 0;
  if (self->data) self->data[0] = '\0';
}

void strbuf_destroy(StrBuf *self) {
  if (self->mapped) munmap(self->data, self->cap);
  else xfree(self->data);
  self->data = NULL;
  self->len = self->cap = 0;
  self->mapped = false;
}

bool strbuf_map(StrBuf *self, size_t cap) {
  strbuf_destroy(self);
  size_t want = strbuf_whole_pages(cap + 1);
  void *data = mmap(NULL, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (data == MAP_FAILED) return false;
  self->data = data;
  self->cap = want;
  self->mapped = true;
  self->data[0] = '\0';
  return true;
}

void strbuf_shrink(StrBuf *self) {
  if (!self->data) return;
  if (self->mapped) {
    size_t want = strbuf_whole_pages(self->len + 1);
    if (want < self->cap) (void)strbuf_remap(self, want);
    return;
  }
  self->data = xrealloc(self->data, self->len + 1);
  self->cap = self->len + 1;
}
