/* This header is private to the analysis layer: inline suppressions. */
#ifndef DOCKLS_ANALYSIS_SUPPRESS_H_
#define DOCKLS_ANALYSIS_SUPPRESS_H_

#include "dockls/analysis/diag.h"
#include "dockls/workspace/workspace.h"

/* Removes from `list` (from index `first` on) the diagnostics of `file`
 * that its inline comments suppress:
 *   # dockls-ignore rule-id[,rule-id]    before an instruction or YAML key
 *   # dockls-ignore-file [rule-id,...]   anywhere: the whole file
 *   # hadolint ignore=DL3006,DL3009      before an instruction, for the
 *                                        rules that map to a hadolint rule */
void suppress_apply(Workspace *ws, FileId file, DiagList *list, size_t first);

/* Whether hadolint code[0, len) maps to `rule`.  A code may map to
 * several rules (DL3064 to secret-arg-env-name and secret-in-image). */
bool suppress_hadolint_maps(const char *code, size_t len, RuleId rule);

#endif
