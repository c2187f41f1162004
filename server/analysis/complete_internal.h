/* This header is private to the analysis layer: the helpers the two
 * halves of completion (complete.c for Dockerfiles, complete_compose.c
 * for compose files) share. */
#ifndef DOCKLS_ANALYSIS_COMPLETE_INTERNAL_H_
#define DOCKLS_ANALYSIS_COMPLETE_INTERNAL_H_

#include "dockls/analysis/complete.h"

/* Adds an item and returns it, or returns NULL when an item with the same
 * label is there already.  `text` is written in snippet syntax
 * (`${1:default}`); when the client takes no snippets the defaults are
 * written out.  A NULL `text` inserts the label. */
CompletionItem *complete__add(CompletionList *list, bool snippets, CompletionKind kind, const char *label,
                   const char *detail, const char *text);

/* Frees what one item owns (not the item itself). */
void complete__item_free(CompletionItem *item);

/* True when text[from…] holds nothing but blanks up to the end of its
 * line: an item inserted there cannot run into text that follows it. */
bool complete__rest_blank(const char *text, size_t len, size_t from);

void complete__compose(Workspace *ws, FileId id, size_t offset, CompletionList *out);

/* Completes the path written in text[start, offset): the folders (and,
 * unless `dirs_only`, the files) of the folder it names so far, resolved
 * against the absolute folder `base`, whose names start with the segment
 * being typed; names starting with a dot only when that segment does.
 * The items replace the last segment, up to `end` (complete_paths.c). */
void complete__path(Workspace *ws, FileId id, const char *base, const char *text, size_t start, size_t offset,
                    size_t end, bool dirs_only, CompletionList *out);

#endif
