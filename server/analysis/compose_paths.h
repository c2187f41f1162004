/* This header is private to the analysis layer: every place of a compose
 * file that names a path on the host (the build context and its Dockerfile,
 * env_file, extends.file, include, the `file:` of configs and secrets,
 * bind-mount sources), for the features that show something about those
 * paths (document links, hover). */
#ifndef DOCKLS_ANALYSIS_COMPOSE_PATHS_H_
#define DOCKLS_ANALYSIS_COMPOSE_PATHS_H_

#include <stddef.h>

#include "dockls/workspace/workspace.h"

/* One path written verbatim at [start, end) of the document; `path` is
 * where it resolves to (absolute), borrowed for the call. */
typedef void (*ComposePathVisit)(void *ctx, size_t start, size_t end, const char *path);

/* Calls `visit` for each such path of compose document `id`, in document
 * order within each section.  Paths that cannot be resolved without the
 * shell or the environment (`~`, `$VAR`) and scalars whose text is not
 * verbatim in the source (escapes, folded lines) are left out.  Nothing
 * is read from the disk. */
void analysis__compose_paths(Workspace *ws, FileId id, ComposePathVisit visit, void *ctx);

#endif
