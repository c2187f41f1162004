/* Many offsets to positions, linear in the line (see TextPosCursor in
 * text.h).  Why the marks give the same answer as text_pos_of: counting
 * from the line start to an offset stops on the last character boundary
 * at or before it, and those boundaries are the same whichever of them
 * the count starts from.  A mark is such a boundary at or before its
 * step's byte, so counting from the mark at or before the offset reaches
 * the same boundary with the same total.  The last answer on a line is
 * such a boundary too. */
#include <stdbool.h>
#include <stdint.h>

#include "dockls/text/text.h"
#include "text_internal.h"

void text_pos_cursor_init(TextPosCursor *self, const TextDoc *doc, PosEncoding enc) {
  self->doc = doc;
  self->enc = enc;
  self->line = SIZE_MAX;
  self->marks_line = SIZE_MAX;
  array_init(&self->marks);
}

void text_pos_cursor_destroy(TextPosCursor *self) { array_delete(&self->marks); }

static size_t line_start(const TextDoc *doc, size_t line) {
  return line < doc->line_starts.len ? doc->line_starts.items[line] : doc->len + 1;
}

/* Moves the cursor to the line of `offset`, trying the two lines after
 * the current one before searching all lines: callers ask in the order of
 * the text (a publish goes through its findings by position, each with
 * its end on the line of its start, and the next finding is seldom more
 * than a line or two further). */
static void cursor_move(TextPosCursor *self, size_t offset) {
  const TextDoc *doc = self->doc;
  size_t line = SIZE_MAX;
  if (self->line != SIZE_MAX && offset >= self->next_start)
    for (size_t next = self->line + 1; next <= self->line + 2 && next < doc->line_starts.len; next++)
      if (offset < line_start(doc, next + 1)) {
        line = next;
        break;
      }
  if (line == SIZE_MAX) line = text_line_of(doc, offset);
  self->line = line;
  self->line_start = doc->line_starts.items[line];
  self->next_start = line_start(doc, line + 1);
  self->line_end = text_line_end(doc, line);
  self->last = (TextPosMark){self->line_start, 0};
}

/* The mark at or before `offset` on a long line, counting the marks of
 * the line up to it; each is counted from the one before, so the marks of
 * a line cost one pass over it however many offsets are asked for. */
static TextPosMark cursor_mark(TextPosCursor *self, size_t offset) {
  if (self->marks_line != self->line) {
    array_clear(&self->marks);
    TextPosMark first = {self->line_start, 0};
    array_push(&self->marks, first);
    self->marks_line = self->line;
  }
  size_t step = (offset - self->line_start) / TEXT_POS_STEP;
  while (self->marks.len <= step) {
    TextPosMark next = *array_last(&self->marks);
    size_t to = self->line_start + self->marks.len * TEXT_POS_STEP;
    next.units += text__count_units(self->doc, &next.at, to, self->enc);
    array_push(&self->marks, next);
  }
  return self->marks.items[step];
}

TextPos text_pos_cursor_at(TextPosCursor *self, size_t offset) {
  if (offset > self->doc->len) offset = self->doc->len;
  if (self->line == SIZE_MAX || offset < self->line_start || offset >= self->next_start) cursor_move(self, offset);
  if (offset > self->line_end) offset = self->line_end;
  TextPosMark from = {self->line_start, 0};
  if (offset - self->line_start >= TEXT_POS_STEP) from = cursor_mark(self, offset);
  /* The last answer is nearer when it lies between the mark and the
   * offset: a finding's end is usually a few bytes after its start. */
  if (self->last.at > from.at && self->last.at <= offset) from = self->last;
  from.units += text__count_units(self->doc, &from.at, offset, self->enc);
  self->last = from;
  return (TextPos){(uint32_t)self->line, from.units};
}
