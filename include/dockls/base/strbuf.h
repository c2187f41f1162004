/* A growable, always NUL-terminated byte buffer used to build messages,
 * JSON-free text output and document copies. */
#ifndef DOCKLS_BASE_STRBUF_H_
#define DOCKLS_BASE_STRBUF_H_

#include <stdarg.h>
#include <stddef.h>

typedef struct {
  char *data; /* NUL-terminated once anything was appended; may be NULL before */
  size_t len;
  size_t cap;
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_append(StrBuf *self, const char *s);
void strbuf_append_n(StrBuf *self, const char *s, size_t len);
void strbuf_append_char(StrBuf *self, char c);
void strbuf_appendf(StrBuf *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vappendf(StrBuf *self, const char *fmt, va_list ap);
/* Writing in place, for a writer that appends many small pieces: room
 * for at most `most` more bytes, and where they go; strbuf_wrote then
 * counts the `n` (at most `most`) actually written there. */
char *strbuf_room(StrBuf *self, size_t most);
void strbuf_wrote(StrBuf *self, size_t n);
/* Returns the bytes (never NULL, "" when empty); the caller owns them and
 * frees with xfree.  The buffer is left empty and reusable. */
char *strbuf_take(StrBuf *self);
/* Returns the current text (never NULL) without giving up ownership. */
const char *strbuf_cstr(StrBuf *self);
void strbuf_clear(StrBuf *self);
void strbuf_destroy(StrBuf *self);

#endif
