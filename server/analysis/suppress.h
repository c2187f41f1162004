/* This header is private to the analysis layer: inline suppressions. */
#ifndef DOCKLS_ANALYSIS_SUPPRESS_H_
#define DOCKLS_ANALYSIS_SUPPRESS_H_

#include "dockls/analysis/diag.h"
#include "dockls/workspace/workspace.h"

/* Removes from `list` (from index `first` on) the diagnostics of `file`
 * that its inline comments suppress:
 *   # dockls-ignore rule-id[,rule-id]    before an instruction or YAML key
 *   # dockls-ignore-file [rule-id,...]   anywhere: the whole file
 * and those that the pragmas of other tools suppress (suppress_peers.c):
 * hadolint's ignore comments, BuildKit's `check` directive (whose
 * `error=true` also raises what remains of its checks to errors) and
 * dclint's disable comments in compose files. */
void suppress_apply(Workspace *ws, FileId file, DiagList *list, size_t first);

/* Reads a hadolint pragma from the comment text [c, end) after `#` and
 * its blanks; true when it is one and names a rule dockls replaces (then
 * rules[] holds them, and *global says whether it covers the file). */
bool suppress__hadolint(const char *c, const char *end, bool *global, bool rules[RULE__COUNT]);

typedef enum { DCLINT_NONE, DCLINT_DISABLE, DCLINT_FILE, DCLINT_LINE } SuppressDclint;

/* Reads a dclint comment from [c, end) as suppress__hadolint does; marks
 * the rules it turns off (all dclint's without ids) and says which kind
 * of comment it is (DCLINT_NONE: not one). */
SuppressDclint suppress__dclint(const char *c, const char *end, bool rules[RULE__COUNT]);

/* Reads the value of a `# check=` parser directive; false when BuildKit
 * would refuse it.  Marks the rules of the skipped checks and sets *error
 * for `error=true`. */
bool suppress__check_directive(const char *value, size_t len, bool rules[RULE__COUNT], bool *error);

#endif
