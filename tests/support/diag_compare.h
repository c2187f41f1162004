/* Test-only: compares the diagnostics of an analysis with fixes and of
 * one without (analysis_file_without_fixes), which must be the same
 * findings: a publish shows the second, a code action offers the fixes of
 * the first, matched to what the editor was shown. */
#ifndef DOCKLS_TESTS_DIAG_COMPARE_H_
#define DOCKLS_TESTS_DIAG_COMPARE_H_

#include <stdbool.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/strbuf.h"

/* True when `lazy` holds exactly the diagnostics of `eager` in the same
 * order (rule, severity, file, range, message, related locations) and no
 * fix at all.  Otherwise appends to *why what differs first, prefixed by
 * `where`. */
bool test_same_diagnostics(const DiagList *eager, const DiagList *lazy, const char *where, StrBuf *why);

#endif
