/* This header is private to the text layer. */
#ifndef DOCKLS_TEXT_TEXT_INTERNAL_H_
#define DOCKLS_TEXT_TEXT_INTERNAL_H_

#include "dockls/text/text.h"

/* Rebuilds the line index after the bytes changed. */
void text__reindex(TextDoc *self);

/* Updates the line index after bytes [start, old_end) of the old text
 * were replaced by `len` bytes (self already holds the new text): the
 * edited lines are scanned again, the starts after them moved. */
void text__reindex_edit(TextDoc *self, size_t start, size_t old_end, size_t len);

/* Counts the characters (UTF-16 units, or bytes for POS_ENC_UTF8) from *at,
 * a character boundary of a line, to `offset` on the same line, stopping
 * before a character that `offset` cuts; *at is left on the boundary
 * reached.  Bytes that are not UTF-8 count one each. */
uint32_t text__count_units(const TextDoc *self, size_t *at, size_t offset, PosEncoding enc);

#endif
