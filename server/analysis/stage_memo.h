/* This header is private to the analysis layer: running the per-stage
 * checkers of the rule tables over a Dockerfile, with the results of
 * unchanged stages kept from one analysis to the next. */
#ifndef DOCKLS_ANALYSIS_STAGE_MEMO_H_
#define DOCKLS_ANALYSIS_STAGE_MEMO_H_

#include "memo_keys.h"
#include "memo_table.h"

/* Runs `checks` (entries with RULE_PER_STAGE) for every stage of `m`,
 * appending to ctx->out.  With `memo` (and `keys`, made with
 * RULE_PER_STAGE in its reads), a stage whose key is that of a stage of
 * the previous run gets that run's diagnostics, moved to where the stage
 * is now, without running the checkers.  Only an analysis without fixes
 * may pass a memo: kept diagnostics carry none. */
void stage_checks_run(RuleCtx *ctx, const DockerfileModel *m, const MemoKeys *keys, MemoTable *memo,
                      const RuleCheck *const *checks, size_t count);

#endif
