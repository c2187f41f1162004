/* Many offsets to positions, linear in the line (see TextPosCursor in
 * text.h).  Why the marks give the same answer as text_pos_of: counting
 * from the line start to an offset stops on the last character boundary
 * at or before it, and those boundaries are the same whichever of them
 * the count starts from.  A mark is such a boundary at or before its
 * step's byte, so counting from the mark at or before the offset reaches
 * the same boundary with the same total. */
#include <stdint.h>

#include "dockls/text/text.h"
#include "text_internal.h"

void text_pos_cursor_init(TextPosCursor *self, const TextDoc *doc, PosEncoding enc) {
  self->doc = doc;
  self->enc = enc;
  self->line = SIZE_MAX;
  array_init(&self->marks);
}

void text_pos_cursor_destroy(TextPosCursor *self) { array_delete(&self->marks); }

TextPos text_pos_cursor_at(TextPosCursor *self, size_t offset) {
  const TextDoc *doc = self->doc;
  if (offset > doc->len) offset = doc->len;
  size_t line = text_line_of(doc, offset);
  size_t start = doc->line_starts.items[line];
  size_t end = text_line_end(doc, line);
  if (offset > end) offset = end;
  if (line != self->line) {
    array_clear(&self->marks);
    TextPosMark first = {start, 0};
    array_push(&self->marks, first);
    self->line = line;
  }
  /* Each new mark is counted from the one before it, so the marks of a
   * line cost one pass over it however many offsets are asked for. */
  size_t step = (offset - start) / TEXT_POS_STEP;
  while (self->marks.len <= step) {
    TextPosMark next = *array_last(&self->marks);
    next.units += text__count_units(doc, &next.at, start + self->marks.len * TEXT_POS_STEP, self->enc);
    array_push(&self->marks, next);
  }
  size_t at = self->marks.items[step].at;
  uint32_t units = self->marks.items[step].units + text__count_units(doc, &at, offset, self->enc);
  return (TextPos){(uint32_t)line, units};
}
