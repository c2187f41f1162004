/* Per-stage checkers and the cache of their results.
 *
 * Some checkers judge a stage as a whole: who the final stage runs as.  Their results are
 * kept per stage under a key of everything such a checker may read
 * (RULE_PER_STAGE in rules/internal.h): the digest of the instructions
 * of the stage and of the stages it is built from (memo_keys.c), the
 * stage's images and whether it is or ends in the final stage, the ARG
 * lines before the first FROM, and where each instruction of the stage
 * starts relative to the stage's first one (the gaps between them,
 * MemoKeys.stage_spacing, which with the digests of their texts says it:
 * kept from the last analysis up to the edit, so that the key is not a
 * walk over every instruction of the stage).  The last part lets the
 * diagnostics be kept relative to the stage's start: a comment or blank
 * line added between two instructions moves what follows it, so it
 * changes the key.  An edit in one stage then runs these checkers for
 * that stage and the stages built on it only.
 *
 * The key is a 64-bit digest of content, not the content itself: two
 * different stages would have to collide on it to be confused. */
#include "stage_memo.h"

/* The key of stage `s`: see the comment at the top. */
static uint64_t stage_key(const MemoKeys *keys, size_t s) {
  uint64_t h = memo_mix(memo_mix(memo_mix(0, keys->chain[s]), keys->stages[s]), keys->globals);
  h = memo_mix(h, keys->stage_spacing[s]);
  return h ? h : 1;
}

static void run_stage(RuleCtx *ctx, const DockerfileModel *m, size_t s, const RuleCheck *const *checks,
                      size_t count) {
  ctx->model = m;
  ctx->stage = s;
  ctx->instr = m->stages.items[s].first;
  for (size_t c = 0; c < count; c++) checks[c]->check(ctx);
}

void stage_checks_run(RuleCtx *ctx, const DockerfileModel *m, const MemoKeys *keys, MemoTable *memo,
                      const RuleCheck *const *checks, size_t count) {
  if (count == 0) return;
  if (!memo) {
    for (size_t s = 0; s < m->stages.len; s++) run_stage(ctx, m, s, checks, count);
    return;
  }
  ctx->instr_facts = keys->facts;
  memo_table_start(memo, checks, count);
  DiagList found;
  array_init(&found);
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    /* A stage without instructions of its own has nothing to key. */
    if (st->first >= st->last || st->last > m->instrs.len) {
      run_stage(ctx, m, s, checks, count);
      continue;
    }
    size_t start = m->instrs.items[st->first].start, end = m->instrs.items[st->last - 1].end;
    uint64_t key = stage_key(keys, s);
    const MemoEntry *e = memo_table_find(memo, key, NULL, 0);
    if (e) {
      memo_table_take(e, ctx->out, start);
      continue;
    }
    if (memo_run_part(ctx, &found, run_stage, m, s, checks, count, start, end))
      memo_table_keep(memo, key, NULL, 0, 0, &found, start, m->stages.len);
    memo_pass_on(ctx->out, &found);
  }
  ctx->instr_facts = NULL;
  array_delete(&found);
}
