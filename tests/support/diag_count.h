/* Test-only: how many diagnostics of one rule the analysis of a document
 * gives, for tests that check that an edit removes or adds none, and at
 * which severity, for tests of configuration; and whether a document's
 * last analysis read a path, for tests of what re-publishes it. */
#ifndef DOCKLS_TESTS_DIAG_COUNT_H_
#define DOCKLS_TESTS_DIAG_COUNT_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/analysis/rules.h"
#include "dockls/workspace/workspace.h"

/* Diagnostics of `rule` on document `id` itself (not on linked files). */
size_t test_count_rule(Workspace *ws, FileId id, RuleId rule);
/* The same from an analysis without fixes, the kind the server publishes,
 * which takes kept results from the analysis before. */
size_t test_count_rule_published(Workspace *ws, FileId id, RuleId rule);

/* Whether `id` is among the documents ws_dependents gives for `path`. */
bool test_depends_on(const Workspace *ws, FileId id, const char *path);

/* The severity of the last finding of `rule` on document `id` (a
 * Severity), or 0 when the rule reports nothing there: what a level set
 * in configuration or by the editor made of it. */
int test_rule_severity(Workspace *ws, FileId id, RuleId rule);

/* The same for `text` opened as `uri` in a workspace of its own. */
size_t test_count_rule_in(const char *uri, DocKind kind, const char *text, RuleId rule);

#endif
