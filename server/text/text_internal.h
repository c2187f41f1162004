/* This header is private to the text layer. */
#ifndef DOCKLS_TEXT_TEXT_INTERNAL_H_
#define DOCKLS_TEXT_TEXT_INTERNAL_H_

#include "dockls/text/text.h"

/* Rebuilds the line index after the bytes changed. */
void text__reindex(TextDoc *self);

#endif
