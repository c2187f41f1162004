/* TextDoc: the bytes of one document with an index of line starts, and the
 * conversions between byte offsets and LSP positions.  This is the one
 * place that counts UTF-16 units; everything above works in bytes. */
#ifndef DOCKLS_TEXT_TEXT_H_
#define DOCKLS_TEXT_TEXT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dockls/base/array.h"

/* How LSP `character` values count: UTF-16 code units (the protocol's
 * default) or UTF-8 bytes (when the client offers "utf-8"). */
typedef enum { POS_ENC_UTF16, POS_ENC_UTF8 } PosEncoding;

/* An LSP position: zero-based line and character in the chosen encoding.
 * Lines end at "\n", "\r\n" or a lone "\r", as the protocol says. */
typedef struct {
  uint32_t line;
  uint32_t character;
} TextPos;

/* A tree-sitter point: rows end at "\n" only and columns count bytes. */
typedef struct {
  uint32_t row;
  uint32_t column;
} TextPoint;

typedef Array(size_t) OffsetArray;

typedef struct {
  char *bytes; /* owned, NUL-terminated (the NUL is not counted in len) */
  size_t len;
  OffsetArray line_starts; /* byte offset where each LSP line starts */
  bool has_lone_cr;        /* LSP lines and tree-sitter rows differ */
} TextDoc;

/* Copies bytes[0..len) into a new document; destroy with text_destroy. */
void text_init(TextDoc *self, const char *bytes, size_t len);
void text_destroy(TextDoc *self);
/* Deep copy of src into self (which must not be initialised). */
void text_copy(TextDoc *self, const TextDoc *src);

size_t text_line_count(const TextDoc *self);
/* Byte offset where a line's content ends (before its line break). */
size_t text_line_end(const TextDoc *self, size_t line);

/* Converts a position to a byte offset.  Fails, with *err (caller owns)
 * describing why, when the line is past the last line, the character is
 * past the end of the line, or it splits a UTF-16 surrogate pair or a UTF-8
 * sequence.  dockls rejects instead of clamping as LSP permits: a position
 * past the end means client and server disagree about the text, and
 * applying an edit there would corrupt the document. */
bool text_offset_of(const TextDoc *self, TextPos pos, PosEncoding enc, size_t *offset, char **err);

/* The line that holds a byte offset (clamped to the document): what
 * text_pos_of gives as its line, without counting the characters before
 * the offset on that line. */
size_t text_line_of(const TextDoc *self, size_t offset);

/* Converts a byte offset (clamped to the document) to a position.  An
 * offset inside a multi-byte character maps to that character's start. */
TextPos text_pos_of(const TextDoc *self, size_t offset, PosEncoding enc);

/* Positions of many offsets of one document, each exactly what
 * text_pos_of gives, at a cost that does not grow with the length of the
 * line.  text_pos_of counts from the line start, so asking for the column
 * of every finding on one long line (a RUN of thousands of commands
 * written on one line) is quadratic in the line; the cursor keeps, for
 * the line last asked about, the count at every TEXT_POS_STEP bytes, and
 * counts at most that far for each offset, or from the last answer on
 * the line when that is nearer.  Borrows the document, which must not
 * change while the cursor is in use. */
#define TEXT_POS_STEP 256
typedef struct {
  size_t at;      /* a character boundary of the line */
  uint32_t units; /* characters from the line start to `at` */
} TextPosMark;
typedef struct {
  const TextDoc *doc;
  PosEncoding enc;
  size_t line;               /* the line last asked about; SIZE_MAX: none */
  size_t line_start, next_start, line_end; /* its bounds: next_start is past its break */
  TextPosMark last;          /* where the last answer on the line was counted to */
  size_t marks_line;         /* the line the marks describe; SIZE_MAX: none */
  Array(TextPosMark) marks;  /* marks[i]: counted up to line start + i * TEXT_POS_STEP */
} TextPosCursor;
void text_pos_cursor_init(TextPosCursor *self, const TextDoc *doc, PosEncoding enc);
TextPos text_pos_cursor_at(TextPosCursor *self, size_t offset);
void text_pos_cursor_destroy(TextPosCursor *self);

/* The tree-sitter point of a byte offset (clamped to the document). */
TextPoint text_point_of(const TextDoc *self, size_t offset);

#endif
