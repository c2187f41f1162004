/* Per-instruction checkers and the cache of their results.
 *
 * A keystroke changes one instruction, yet every checker used to look at
 * every instruction again.  A checker declared per instruction
 * (RULE_PER_INSTRUCTION in its table entry) reports on one instruction from what that instruction
 * holds and from the keys its entry declares (RULE_READS_*).  Its diagnostics
 * are filed under a hash of the instruction's text and those keys, with
 * offsets relative to the instruction's start; the next analysis looks
 * every instruction up and runs the checkers only for those it does not
 * find: the edited ones, and those whose keys changed (a FROM above them
 * named another image).  Everything else is moved, which costs a lookup
 * and a copy of the few diagnostics.
 *
 * Results are found by the address of the instruction's text, not by
 * its position: the model moves an unchanged instruction over with its
 * text (dockerfile_model_build), so an instruction moved by lines
 * inserted above it finds its entry without its text being hashed again.
 * An entry stores a copy of the text and is taken only when that copy
 * equals the instruction's text and the keys are equal, so an address
 * used again for other text costs a run, never a wrong result. */
#include "instr_memo.h"

#include <stdint.h>
#include <string.h>

#include "dockls/model/dockerfile.h"

typedef struct {
  uint64_t key; /* 0: an empty slot */
  char *source; /* the instruction's text */
  size_t len;
  Diag *diags; /* owned; offsets relative to the instruction's start, no fixes */
  size_t count;
  uint64_t run; /* the last run that used it */
} MemoEntry;

/* Open addressing; entries are dropped only when the table is rebuilt,
 * which happens when it is half full, so that a keystroke neither
 * allocates nor clears a table. */
typedef struct {
  MemoEntry *slots;
  size_t cap; /* a power of two; 0 before the first run */
  size_t used;
  uint64_t run;
  uint64_t checks; /* which checkers filled it: another set (a `# syntax=`
                      frontend turning the validation rules off) starts over */
} InstrMemo;

static uint64_t memo_mix(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15u;
  return h ^ (h >> 31);
}

/* A hash of bytes, eight at a time. */
static uint64_t memo_hash(uint64_t h, const char *s, size_t n) {
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = memo_mix(h, w);
  }
  uint64_t tail = 0;
  memcpy(&tail, s, n);
  return memo_mix(h, tail ^ ((uint64_t)n << 56));
}

static uint64_t memo_hash_str(uint64_t h, const char *s) { return s ? memo_hash(h, s, strlen(s)) : memo_mix(h, 1); }

static void memo_entry_free(MemoEntry *e) {
  for (size_t i = 0; i < e->count; i++) diag_destroy(&e->diags[i]);
  xfree(e->diags);
  xfree(e->source);
}

static void memo_clear(InstrMemo *memo) {
  for (size_t i = 0; i < memo->cap; i++)
    if (memo->slots[i].key) memo_entry_free(&memo->slots[i]);
  xfree(memo->slots);
  memo->slots = NULL;
  memo->cap = memo->used = 0;
}

static void memo_free(void *p) {
  memo_clear(p);
  xfree(p);
}

static MemoEntry *memo_find(const InstrMemo *memo, uint64_t key, const char *source, size_t len) {
  if (!memo->cap) return NULL;
  for (size_t at = key & (memo->cap - 1);; at = (at + 1) & (memo->cap - 1)) {
    MemoEntry *e = &memo->slots[at];
    if (!e->key) return NULL;
    if (e->key == key && e->len == len && memcmp(e->source, source, len) == 0) return e;
  }
}

static void memo_place(MemoEntry *slots, size_t cap, const MemoEntry *e) {
  size_t at = e->key & (cap - 1);
  while (slots[at].key) at = (at + 1) & (cap - 1);
  slots[at] = *e;
}

/* Makes room for `more` entries: when the table would be more than half
 * full, it is rebuilt with the entries this run and the one before used
 * (the others belong to text that is gone), with at least three slots
 * for each of `want` instructions, so that the rebuilds stay rare
 * without a large table for every small open document. */
static void memo_reserve(InstrMemo *memo, size_t more, size_t want) {
  if (2 * (memo->used + more) <= memo->cap) return;
  size_t cap = 16;
  while (cap < 3 * want + 4) cap *= 2;
  MemoEntry *slots = xcalloc(cap, sizeof *slots);
  size_t used = 0;
  for (size_t i = 0; i < memo->cap; i++) {
    MemoEntry *e = &memo->slots[i];
    if (!e->key) continue;
    if (e->run + 1 < memo->run || used + more >= cap / 2) {
      memo_entry_free(e);
      continue;
    }
    memo_place(slots, cap, e);
    used++;
  }
  xfree(memo->slots);
  memo->slots = slots;
  memo->cap = cap;
  memo->used = used;
}

/* A result may be kept only when it describes the instruction alone:
 * every range inside it, in this file, and no fix. */
static bool memo_cacheable(const DiagList *found, FileId file, const DfInstr *in) {
  for (size_t i = 0; i < found->len; i++) {
    const Diag *d = &found->items[i];
    if (d->file != file || d->start < in->start || d->end > in->end || d->fixes.len) return false;
    for (size_t k = 0; k < d->related.len; k++) {
      const Related *r = &d->related.items[k];
      if (r->file != file || r->start < in->start || r->end > in->end) return false;
    }
  }
  return true;
}

/* The key of a stage for RULE_READS_STAGE: the images of its FROM chain
 * as resolved (the base-image facts follow from the root one), whether
 * the root image is known, the stage's shell and whether it ends in the
 * final image. */
static uint64_t memo_stage_key(const DockerfileModel *m, const DfStage *st, const bool *in_final) {
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, st, chain);
  uint64_t h = memo_mix(0, n);
  for (size_t i = 0; i < n; i++) h = memo_hash_str(h, chain[i]->image);
  return memo_mix(h, (uint64_t)st->base_known | (uint64_t)st->posix_shell << 1 |
                         (uint64_t)in_final[st->index] << 2);
}

/* Which stages end in the final image: the final one and those it is
 * built from. */
static bool *memo_final_stages(const DockerfileModel *m) {
  bool *in_final = xcalloc(m->stages.len + 1, sizeof *in_final);
  const DfStage *chain[DF_MAX_CHAIN];
  const DfStage *final = dockerfile_final_stage(m);
  size_t n = final ? dockerfile_stage_chain(m, final, chain) : 0;
  for (size_t i = 0; i < n; i++) in_final[chain[i]->index] = true;
  return in_final;
}

/* The key of RULE_READS_GLOBAL_ARGS: the text of every instruction
 * before the first FROM. */
static uint64_t memo_globals_key(const DockerfileModel *m) {
  uint64_t h = 0;
  for (size_t i = 0; i < m->instrs.len && m->instrs.items[i].stage < 0; i++)
    h = memo_hash_str(h, m->instrs.items[i].source);
  return h;
}

/* The key of instruction `in`: where its text is and what the model read
 * it with, plus the stage's key when a checker reads the stage and the
 * global ARGs' key (`globals`, 0 when no checker reads them). */
static uint64_t memo_key(const DockerfileModel *m, const DfInstr *in, const uint64_t *stage_keys, uint64_t globals) {
  uint64_t h = memo_mix(0, (uint64_t)(uintptr_t)in->source);
  h = memo_mix(h, (uint64_t)in->kind | (uint64_t)in->posix << 8 | (uint64_t)in->exec_form << 9 |
                      (uint64_t)in->syntax_error << 10 | (uint64_t)(in->stage < 0) << 11 |
                      (uint64_t)(unsigned char)m->escape << 16);
  if (stage_keys && in->stage >= 0) h = memo_mix(h, stage_keys[in->stage]);
  h = memo_mix(h, globals);
  return h ? h : 1;
}

static void run_checks(RuleCtx *ctx, const DockerfileModel *m, size_t i, const RuleCheck *const *checks,
                       size_t count) {
  ctx->model = m;
  ctx->instr = i;
  for (size_t c = 0; c < count; c++) checks[c]->check(ctx);
}

static uint64_t checks_signature(const RuleCheck *const *checks, size_t count) {
  uint64_t h = memo_mix(0, count);
  for (size_t c = 0; c < count; c++) h = memo_mix(h, (uint64_t)(uintptr_t)checks[c]);
  return h;
}

void instr_checks_run(RuleCtx *ctx, const RuleCheck *const *checks, size_t count, bool use_memo) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m || count == 0) return;
  if (!use_memo) {
    for (size_t i = 0; i < m->instrs.len; i++) run_checks(ctx, m, i, checks, count);
    return;
  }
  InstrMemo *memo = ws_analysis_cache(ctx->ws, ctx->file);
  uint64_t signature = checks_signature(checks, count);
  if (!memo || memo->checks != signature) {
    memo = xcalloc(1, sizeof *memo);
    memo->checks = signature;
    ws_set_analysis_cache(ctx->ws, ctx->file, memo, memo_free);
  }
  memo->run++;
  unsigned reads = 0;
  for (size_t c = 0; c < count; c++) reads |= checks[c]->kinds;
  uint64_t *stage_keys = NULL;
  if (reads & RULE_READS_STAGE) {
    bool *in_final = memo_final_stages(m);
    stage_keys = xmalloc((m->stages.len + 1) * sizeof *stage_keys);
    for (size_t s = 0; s < m->stages.len; s++) stage_keys[s] = memo_stage_key(m, &m->stages.items[s], in_final);
    xfree(in_final);
  }
  uint64_t globals = reads & RULE_READS_GLOBAL_ARGS ? memo_globals_key(m) : 0;
  DiagList *out = ctx->out;
  DiagList found;
  array_init(&found);
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    /* With no source, or one cut short by a NUL byte in the text (the
     * source is a C string), there is nothing that tells this instruction
     * from another: it runs every time. */
    size_t len = in->source ? strlen(in->source) : 0;
    if (!in->source || len != in->end - in->start) {
      run_checks(ctx, m, i, checks, count);
      continue;
    }
    uint64_t key = memo_key(m, in, stage_keys, globals);
    MemoEntry *e = memo_find(memo, key, in->source, len);
    if (e) {
      e->run = memo->run;
      for (size_t k = 0; k < e->count; k++) array_push(out, diag_copy_moved(&e->diags[k], (ptrdiff_t)in->start));
      continue;
    }
    ctx->out = &found;
    run_checks(ctx, m, i, checks, count);
    ctx->out = out;
    if (memo_cacheable(&found, ctx->file, in)) {
      MemoEntry fresh = {key, xstrndup(in->source, len), len, xcalloc(found.len + 1, sizeof(Diag)), found.len,
                         memo->run};
      for (size_t k = 0; k < found.len; k++) fresh.diags[k] = diag_copy_moved(&found.items[k], -(ptrdiff_t)in->start);
      memo_reserve(memo, 1, m->instrs.len);
      memo_place(memo->slots, memo->cap, &fresh);
      memo->used++;
    }
    /* The diagnostics themselves go out as the checkers made them. */
    for (size_t k = 0; k < found.len; k++) array_push(out, found.items[k]);
    found.len = 0;
  }
  array_delete(&found);
  xfree(stage_keys);
}
