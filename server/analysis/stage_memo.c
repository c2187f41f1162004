/* Per-stage checkers and the cache of their results.
 *
 * Some checkers judge a stage as a whole: who the final stage runs as,
 * which variables a stage uses before it sets them.  Their results are
 * kept per stage under a key of everything such a checker may read
 * (RULE_PER_STAGE in rules/internal.h): the digest of the instructions
 * of the stage and of the stages it is built from (memo_keys.c), the
 * stage's images and whether it is or ends in the final stage, the ARG
 * lines before the first FROM, and where each instruction of the stage
 * starts relative to the stage's first one.  The last part lets the
 * diagnostics be kept relative to the stage's start: a comment or blank
 * line added between two instructions moves what follows it, so it
 * changes the key.  An edit in one stage then runs these checkers for
 * that stage and the stages built on it only.
 *
 * The key is a 64-bit digest of content, not the content itself: two
 * different stages would have to collide on it to be confused. */
#include "stage_memo.h"

#include <string.h>

typedef struct {
  uint64_t key; /* 0: an empty slot */
  Diag *diags;  /* owned; offsets relative to the stage's start, no fixes */
  size_t count;
  uint64_t run; /* the last run that used it */
} StageEntry;

/* Open addressing, rebuilt (keeping the entries of this run and the one
 * before) when half full. */
struct StageMemo {
  StageEntry *slots;
  size_t cap; /* a power of two; 0 before the first entry */
  size_t used;
  uint64_t run;
  uint64_t checks; /* which checkers filled it; another set starts over */
};

StageMemo *stage_memo_new(void) { return xcalloc(1, sizeof(StageMemo)); }

static void entry_free(StageEntry *e) {
  for (size_t i = 0; i < e->count; i++) diag_destroy(&e->diags[i]);
  xfree(e->diags);
}

static void stage_memo_clear(StageMemo *memo) {
  for (size_t i = 0; i < memo->cap; i++)
    if (memo->slots[i].key) entry_free(&memo->slots[i]);
  xfree(memo->slots);
  memo->slots = NULL;
  memo->cap = memo->used = 0;
}

void stage_memo_free(StageMemo *memo) {
  if (!memo) return;
  stage_memo_clear(memo);
  xfree(memo);
}

static StageEntry *entry_find(const StageMemo *memo, uint64_t key) {
  if (!memo->cap) return NULL;
  for (size_t at = key & (memo->cap - 1);; at = (at + 1) & (memo->cap - 1)) {
    StageEntry *e = &memo->slots[at];
    if (!e->key) return NULL;
    if (e->key == key) return e;
  }
}

static void entry_place(StageEntry *slots, size_t cap, const StageEntry *e) {
  size_t at = e->key & (cap - 1);
  while (slots[at].key) at = (at + 1) & (cap - 1);
  slots[at] = *e;
}

/* Room for one more entry, with slots for at least `want` stages. */
static void stage_memo_reserve(StageMemo *memo, size_t want) {
  if (2 * (memo->used + 1) <= memo->cap) return;
  size_t cap = 8;
  while (cap < 4 * want + 4) cap *= 2;
  StageEntry *slots = xcalloc(cap, sizeof *slots);
  size_t used = 0;
  for (size_t i = 0; i < memo->cap; i++) {
    StageEntry *e = &memo->slots[i];
    if (!e->key) continue;
    if (e->run + 1 < memo->run || used + 1 >= cap / 2) {
      entry_free(e);
      continue;
    }
    entry_place(slots, cap, e);
    used++;
  }
  xfree(memo->slots);
  memo->slots = slots;
  memo->cap = cap;
  memo->used = used;
}

/* The key of stage `s`: see the comment at the top. */
static uint64_t stage_key(const MemoKeys *keys, size_t s) {
  const DockerfileModel *m = keys->model;
  const DfStage *st = &m->stages.items[s];
  uint64_t h = memo_mix(memo_mix(memo_mix(0, keys->chain[s]), keys->stages[s]), keys->globals);
  size_t origin = m->instrs.items[st->first].start;
  for (size_t i = st->first; i < st->last; i++) h = memo_mix(h, m->instrs.items[i].start - origin);
  return h ? h : 1;
}

static void run_stage(RuleCtx *ctx, const DockerfileModel *m, size_t s, const RuleCheck *const *checks,
                      size_t count) {
  ctx->model = m;
  ctx->stage = s;
  ctx->instr = m->stages.items[s].first;
  for (size_t c = 0; c < count; c++) checks[c]->check(ctx);
}

static uint64_t checks_signature(const RuleCheck *const *checks, size_t count) {
  uint64_t h = memo_mix(0, count);
  for (size_t c = 0; c < count; c++) h = memo_mix(h, (uint64_t)(uintptr_t)checks[c]);
  return h;
}

void stage_checks_run(RuleCtx *ctx, const DockerfileModel *m, const MemoKeys *keys, StageMemo *memo,
                      const RuleCheck *const *checks, size_t count) {
  if (count == 0) return;
  if (!memo) {
    for (size_t s = 0; s < m->stages.len; s++) run_stage(ctx, m, s, checks, count);
    return;
  }
  uint64_t signature = checks_signature(checks, count);
  if (memo->checks != signature) {
    stage_memo_clear(memo);
    memo->checks = signature;
  }
  memo->run++;
  DiagList *out = ctx->out;
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
    StageEntry *e = entry_find(memo, key);
    if (e) {
      e->run = memo->run;
      for (size_t k = 0; k < e->count; k++) array_push(out, memo_diag_moved(&e->diags[k], ctx->file, (ptrdiff_t)start));
      continue;
    }
    ctx->out = &found;
    ctx->looked_outside = false;
    run_stage(ctx, m, s, checks, count);
    ctx->out = out;
    if (!ctx->looked_outside && memo_diags_within(&found, ctx->file, start, end)) {
      StageEntry fresh = {key, xcalloc(found.len + 1, sizeof(Diag)), found.len, memo->run};
      for (size_t k = 0; k < found.len; k++) fresh.diags[k] = memo_diag_moved(&found.items[k], ctx->file, -(ptrdiff_t)start);
      stage_memo_reserve(memo, m->stages.len);
      entry_place(memo->slots, memo->cap, &fresh);
      memo->used++;
    }
    for (size_t k = 0; k < found.len; k++) array_push(out, found.items[k]);
    found.len = 0;
  }
  array_delete(&found);
}
