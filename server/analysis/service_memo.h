/* This header is private to the analysis layer: running the per-service
 * checkers of the compose table over a compose file, with the results of
 * unchanged services kept from one analysis to the next. */
#ifndef DOCKLS_ANALYSIS_SERVICE_MEMO_H_
#define DOCKLS_ANALYSIS_SERVICE_MEMO_H_

#include "rules/internal.h"

/* Runs `check` (an entry with RULE_PER_SERVICE) for every service of the
 * compose file ctx is run for, appending to ctx->out.  With `memo`, a
 * service whose results the previous such run kept gets those, moved to
 * where the service is now, without running the checker, and this run's
 * results are kept for the next.  Only a publish may (an analysis without
 * fixes, of every rule): kept results carry no fixes, and an analysis
 * with fixes reads files for its fixes alone, whose edges a publish must
 * not take over.  The per-service checkers of one analysis must be run in
 * table order, all with the same `memo`, and service_checks_finish called
 * after the last. */
void service_checks_run(RuleCtx *ctx, const RuleCheck *check, bool memo);

/* Runs `check`, a checker that compares services (RULE_COMPARES_SERVICES), or
 * with `memo` gives out the findings the previous such run kept when
 * what it compares did not change (service_compare.c).  Called in table
 * order with the per-service checkers, with the same `memo`. */
void service_compare_run(RuleCtx *ctx, const RuleCheck *check, bool memo);

/* Keeps what the run filled on the document (ws_set_analysis_cache) and
 * frees ctx->service_run; nothing when no per-service checker ran. */
void service_checks_finish(RuleCtx *ctx);

/* For tests: whether the lookup by address of a compose document's kept
 * results (its analysis cache, `cache`) finds every entry they hold.  A
 * lookup that misses is no wrong result, only checkers run again, so no
 * comparison of diagnostics would notice. */
bool service_memo__all_found(const void *cache);

#endif
