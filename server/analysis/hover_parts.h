/* This header is private to the analysis layer: the parts a hover is made
 * of (hover_symbols.c, hover_compose.c).  Each appends markdown about the
 * thing at `offset` and sets the range it is about; it returns false, and
 * appends nothing, when there is no such thing there. */
#ifndef DOCKLS_ANALYSIS_HOVER_PARTS_H_
#define DOCKLS_ANALYSIS_HOVER_PARTS_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/strbuf.h"
#include "dockls/workspace/workspace.h"

/* A stage name, an ARG/ENV variable, a compose service, network, volume,
 * secret or config (from the symbol index). */
bool hover__symbol(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

/* The base image of a FROM: what the official-image table knows of it. */
bool hover__image(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

/* A flag of a Dockerfile instruction (`--from`, `--mount`, …). */
bool hover__flag(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

/* A compose key: its object, its type from the key table. */
bool hover__compose_key(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

/* A host path in a compose file that lies outside the workspace root:
 * says so, since no finding and no link is given for it. */
bool hover__compose_path(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

#endif
