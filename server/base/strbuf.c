/* StrBuf keeps a terminating NUL after every append so that its contents
 * can be handed to C string functions at any time. */
#include "dockls/base/strbuf.h"

#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"

static void strbuf_reserve(StrBuf *self, size_t extra) {
  size_t need = self->len + extra + 1;
  if (need <= self->cap) return;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < need) cap *= 2;
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
  xfree(self->data);
  self->data = NULL;
  self->len = self->cap = 0;
}
