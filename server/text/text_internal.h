/* This header is private to the text layer. */
#ifndef DOCKLS_TEXT_TEXT_INTERNAL_H_
#define DOCKLS_TEXT_TEXT_INTERNAL_H_

#include "dockls/text/text.h"

/* Rebuilds the line index after the bytes changed. */
void text__reindex(TextDoc *self);

/* Counts the characters (UTF-16 units, or bytes for POS_ENC_UTF8) from *at,
 * a character boundary of a line, to `offset` on the same line, stopping
 * before a character that `offset` cuts; *at is left on the boundary
 * reached.  Bytes that are not UTF-8 count one each. */
uint32_t text__count_units(const TextDoc *self, size_t *at, size_t offset, PosEncoding enc);

#endif
