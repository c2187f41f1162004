/* This header is private to the analysis layer: applying .dockls.yaml and
 * editor overrides to a file's diagnostics. */
#ifndef DOCKLS_ANALYSIS_SETTINGS_H_
#define DOCKLS_ANALYSIS_SETTINGS_H_

#include "dockls/analysis/diag.h"
#include "dockls/workspace/workspace.h"

/* Drops the diagnostics of `file` (from index `first`) that the
 * configuration turns off or whose path it ignores, and applies severity
 * changes; editor overrides win over the file. */
void settings_apply(Workspace *ws, FileId file, DiagList *list, size_t first);

#endif
