/* Fix safety for analysis.c, which drops the fixes a parser could not see
 * before anyone is offered them; selection and fix-all are public
 * (analysis.h). */
#ifndef DOCKLS_ANALYSIS_FIX_H_
#define DOCKLS_ANALYSIS_FIX_H_

#include "dockls/analysis/analysis.h"

/* Removes, from the diagnostics out[first..] of file `id`, every fix with
 * an insertion the parser would not see: inside or touching a syntax
 * error, after an error that runs to the end of the file, at the end of a
 * RUN whose shell text does not parse, or anywhere in a compose file with
 * a syntax error. */
void fix__drop_unseen(Workspace *ws, FileId id, DiagList *out, size_t first);

#endif
