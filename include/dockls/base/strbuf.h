/* A growable, always NUL-terminated byte buffer used to build messages,
 * JSON-free text output and document copies. */
#ifndef DOCKLS_BASE_STRBUF_H_
#define DOCKLS_BASE_STRBUF_H_

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *data; /* NUL-terminated once anything was appended; may be NULL before */
  size_t len;
  size_t cap;
  bool mapped; /* `data` is whole pages of its own mapping (strbuf_map), not the heap's */
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0, false}

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
/* Empties the buffer and gives it pages of its own mapping, at least
 * `cap` bytes, which grow and shrink as whole pages.  A frame written
 * from such pages can be handed to a pipe by reference (vmsplice): the
 * pages stay the buffer's, and unmapping them leaves the pipe its own
 * reference, where heap memory freed would be handed out again while the
 * pipe still reads it.  False when the system refuses the mapping; the
 * buffer is then empty and on the heap. */
bool strbuf_map(StrBuf *self, size_t cap);
/* Gives back the capacity beyond the text, for a buffer kept long. */
void strbuf_shrink(StrBuf *self);

#endif
