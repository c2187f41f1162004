/* Line index and position conversions.  The index holds the byte offset of
 * every LSP line start.  A keystroke updates it for the edited lines only
 * and moves the starts after them (text__reindex_edit): scanning every
 * byte again cost 1.4 M instructions a keystroke in a 5,000-line file;
 * edits of many places at once (fix-all) rebuild it.  Column conversion walks one line's bytes, decoding UTF-8 so
 * that UTF-16 units are counted exactly; bytes that are not valid UTF-8
 * (possible in files read from disk) count as one unit each, like U+FFFD. */
#include "dockls/text/text.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/base/utf.h"
#include "text_internal.h"

static void text_index(TextDoc *self) {
  array_clear(&self->line_starts);
  array_push(&self->line_starts, 0);
  self->has_lone_cr = false;
  const char *b = self->bytes;
  for (size_t i = 0; i < self->len; i++) {
    if (b[i] == '\n') {
      array_push(&self->line_starts, i + 1);
    } else if (b[i] == '\r') {
      if (i + 1 < self->len && b[i + 1] == '\n') {
        array_push(&self->line_starts, i + 2);
        i++;
      } else {
        self->has_lone_cr = true;
        array_push(&self->line_starts, i + 1);
      }
    }
  }
}

void text_init(TextDoc *self, const char *bytes, size_t len) {
  self->bytes = xmalloc(len + 1);
  if (len) memcpy(self->bytes, bytes, len);
  self->bytes[len] = '\0';
  self->len = len;
  array_init(&self->line_starts);
  text_index(self);
}

void text_copy(TextDoc *self, const TextDoc *src) {
  self->bytes = xmalloc(src->len + 1);
  memcpy(self->bytes, src->bytes, src->len + 1);
  self->len = src->len;
  array_init(&self->line_starts);
  array_reserve(&self->line_starts, src->line_starts.len);
  memcpy(self->line_starts.items, src->line_starts.items, src->line_starts.len * sizeof(size_t));
  self->line_starts.len = src->line_starts.len;
  self->has_lone_cr = src->has_lone_cr;
}

void text_destroy(TextDoc *self) {
  xfree(self->bytes);
  self->bytes = NULL;
  self->len = 0;
  array_delete(&self->line_starts);
}

size_t text_line_count(const TextDoc *self) { return self->line_starts.len; }

size_t text_line_end(const TextDoc *self, size_t line) {
  size_t end = line + 1 < self->line_starts.len ? self->line_starts.items[line + 1] : self->len;
  size_t start = self->line_starts.items[line];
  if (end > start && self->bytes[end - 1] == '\n') end--;
  if (end > start && self->bytes[end - 1] == '\r') end--;
  return end;
}

/* Exposed to edit.c through the text layer's private header. */
void text__reindex(TextDoc *self) { text_index(self); }

void text__reindex_edit(TextDoc *self, size_t start, size_t old_end, size_t len) {
  /* Whether a lone CR is left elsewhere is not known without a scan. */
  if (self->has_lone_cr) {
    text_index(self);
    return;
  }
  OffsetArray *ls = &self->line_starts;
  size_t new_end = start + len;
  /* Kept: the line starts up to the last one at or before the byte
   * before the edit (each depends on that byte and the one after it,
   * both before the edit).  Moved: those at least two bytes after the
   * old end, which depend on bytes after the edit only.  Between them
   * the new bytes are scanned: at most the edited lines. */
  size_t before = start ? start - 1 : 0, lo = 0, hi = ls->len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (ls->items[mid] <= before) lo = mid + 1;
    else hi = mid;
  }
  size_t keep = lo; /* entries [0, keep) stay; ls->items[0] == 0 is always kept */
  size_t from = keep, tail_at = old_end + 2;
  while (from < ls->len && ls->items[from] < tail_at) from++;
  OffsetArray scanned;
  array_init(&scanned);
  const char *b = self->bytes;
  for (size_t i = ls->items[keep - 1]; i <= new_end && i < self->len; i++) {
    if (b[i] == '\n') {
      array_push(&scanned, i + 1);
    } else if (b[i] == '\r') {
      if (i + 1 < self->len && b[i + 1] == '\n') {
        if (i + 2 < new_end + 2) array_push(&scanned, i + 2);
        i++;
      } else {
        self->has_lone_cr = true;
        array_push(&scanned, i + 1);
      }
    }
  }
  size_t tail = ls->len - from, total = keep + scanned.len + tail;
  array_reserve(ls, total);
  memmove(ls->items + keep + scanned.len, ls->items + from, tail * sizeof *ls->items);
  for (size_t i = keep + scanned.len; i < total; i++) ls->items[i] = ls->items[i] - old_end + new_end;
  if (scanned.len) memcpy(ls->items + keep, scanned.items, scanned.len * sizeof *ls->items);
  ls->len = total;
  array_delete(&scanned);
}

static char *text_error(const char *fmt, unsigned long a, unsigned long b) {
  StrBuf msg = STRBUF_INIT;
  strbuf_appendf(&msg, fmt, a, b);
  return strbuf_take(&msg);
}

bool text_offset_of(const TextDoc *self, TextPos pos, PosEncoding enc, size_t *offset, char **err) {
  size_t lines = self->line_starts.len;
  if (pos.line >= lines) {
    *err = text_error("line %lu is past the end of the document, which has %lu lines",
                      (unsigned long)pos.line, (unsigned long)lines);
    return false;
  }
  size_t at = self->line_starts.items[pos.line];
  size_t end = text_line_end(self, pos.line);
  uint32_t units = 0;
  while (units < pos.character && at < end) {
    uint32_t cp;
    size_t n = utf8_decode(self->bytes + at, end - at, &cp);
    uint32_t width = enc == POS_ENC_UTF8 ? (uint32_t)n : utf16_units(cp);
    if (units + width > pos.character) {
      *err = text_error(enc == POS_ENC_UTF8
                            ? "character %lu of line %lu falls inside a UTF-8 sequence"
                            : "character %lu of line %lu falls inside a UTF-16 surrogate pair",
                        (unsigned long)pos.character, (unsigned long)pos.line);
      return false;
    }
    units += width;
    at += n;
  }
  if (units < pos.character) {
    *err = text_error("character %lu is past the end of line %lu", (unsigned long)pos.character,
                      (unsigned long)pos.line);
    return false;
  }
  *offset = at;
  return true;
}

/* The last line start <= offset. */
size_t text_line_of(const TextDoc *self, size_t offset) {
  size_t lo = 0, hi = self->line_starts.len;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (self->line_starts.items[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

uint32_t text__count_units(const TextDoc *self, size_t *at, size_t offset, PosEncoding enc) {
  uint32_t units = 0;
  while (*at < offset) {
    /* An ASCII byte is one unit in every encoding; most of a Dockerfile is
     * ASCII, and a publish converts thousands of positions, so eight bytes
     * at a time are counted without decoding while none has its top bit
     * set. */
    uint64_t word;
    if (offset - *at >= sizeof word) {
      memcpy(&word, self->bytes + *at, sizeof word);
      if (!(word & 0x8080808080808080ull)) {
        units += sizeof word;
        *at += sizeof word;
        continue;
      }
    }
    if ((unsigned char)self->bytes[*at] < 0x80) {
      units++;
      (*at)++;
      continue;
    }
    uint32_t cp;
    size_t n = utf8_decode(self->bytes + *at, self->len - *at, &cp);
    if (*at + n > offset) break;
    units += enc == POS_ENC_UTF8 ? (uint32_t)n : utf16_units(cp);
    *at += n;
  }
  return units;
}

TextPos text_pos_of(const TextDoc *self, size_t offset, PosEncoding enc) {
  if (offset > self->len) offset = self->len;
  size_t line = text_line_of(self, offset);
  size_t at = self->line_starts.items[line];
  size_t end = text_line_end(self, line);
  if (offset > end) offset = end;
  return (TextPos){(uint32_t)line, text__count_units(self, &at, offset, enc)};
}

TextPoint text_point_of(const TextDoc *self, size_t offset) {
  if (offset > self->len) offset = self->len;
  if (!self->has_lone_cr) {
    /* Without lone CRs every LSP line break ends in '\n', so LSP lines are
     * tree-sitter rows; a position right after a '\r' of "\r\n" is still
     * on the row of that '\r'. */
    size_t line = text_line_of(self, offset);
    size_t start = self->line_starts.items[line];
    return (TextPoint){(uint32_t)line, (uint32_t)(offset - start)};
  }
  uint32_t row = 0;
  size_t row_start = 0;
  for (size_t i = 0; i < offset; i++) {
    if (self->bytes[i] == '\n') {
      row++;
      row_start = i + 1;
    }
  }
  return (TextPoint){row, (uint32_t)(offset - row_start)};
}
