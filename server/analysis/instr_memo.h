/* This header is private to the analysis layer: running the
 * per-instruction checkers of the rule tables over a Dockerfile, with the
 * results of unchanged instructions kept from one analysis to the next. */
#ifndef DOCKLS_ANALYSIS_INSTR_MEMO_H_
#define DOCKLS_ANALYSIS_INSTR_MEMO_H_

#include "rules/internal.h"

/* Runs `checks` (entries with RULE_PER_INSTRUCTION) for every instruction of the
 * Dockerfile ctx is run for, appending to ctx->out.  With `memo`, an
 * instruction whose text and keys (RULE_READS_*) are those of an
 * instruction of the previous memo run gets that run's diagnostics,
 * moved to where it is now, without running the checkers; the memo lives
 * on the document (ws_set_analysis_cache).  Only an analysis without
 * fixes may use it: cached diagnostics carry none. */
void instr_checks_run(RuleCtx *ctx, const RuleCheck *const *checks, size_t count, bool memo);

/* The build context the last analysis of a Dockerfile worked out
 * (rules__build_context), kept on the document's memo: it depends on the
 * Dockerfile's path and on the compose files around it, never on the
 * Dockerfile's text, so it holds while ws_outside_changes stays `outside`.
 * `reads` are the dependency edges working it out recorded, absolute, to
 * be recorded again when it is taken. */
typedef struct {
  bool known;
  uint64_t outside;
  char *dir;
  StrArray reads;
} KeptBuildContext;

/* The document's kept build context (borrowed; the memo is made when the
 * document has none), or NULL when the document is not a Dockerfile. */
KeptBuildContext *instr_memo_build_context(Workspace *ws, FileId id);

#endif
