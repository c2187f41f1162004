/* The keys of the results kept from one analysis to the next.  A checker
 * that caches its results declares what it reads (RULE_READS_* in its
 * table entry); each declaration has a key here, and a result is taken
 * again only when its key is the same, so a key must cover everything its
 * declaration lets a checker read. */
#include "memo_keys.h"

#include <string.h>

#include "dockls/base/alloc.h"
#include "rules/internal.h"

uint64_t memo_hash(uint64_t h, const char *s, size_t n) {
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = memo_mix(h, w);
  }
  uint64_t tail = 0;
  memcpy(&tail, s, n);
  return memo_mix(h, tail ^ ((uint64_t)n << 56));
}

uint64_t memo_hash_str(uint64_t h, const char *s) { return s ? memo_hash(h, s, strlen(s)) : memo_mix(h, 1); }

uint64_t memo_instr_bits(const DockerfileModel *m, const DfInstr *in) {
  return (uint64_t)in->kind | (uint64_t)in->posix << 8 | (uint64_t)in->exec_form << 9 |
         (uint64_t)in->syntax_error << 10 | (uint64_t)(in->stage < 0) << 11 |
         (uint64_t)(unsigned char)m->escape << 16;
}

/* Which stages end in the final image: the final one and those it is
 * built from. */
static bool *final_stages(const DockerfileModel *m) {
  bool *in_final = xcalloc(m->stages.len + 1, sizeof *in_final);
  const DfStage *chain[DF_MAX_CHAIN];
  const DfStage *final = dockerfile_final_stage(m);
  size_t n = final ? dockerfile_stage_chain(m, final, chain) : 0;
  for (size_t i = 0; i < n; i++) in_final[chain[i]->index] = true;
  return in_final;
}

static uint64_t stage_key(const DockerfileModel *m, const DfStage *st, const bool *in_final, const DfStage *final) {
  const DfStage *chain[DF_MAX_CHAIN];
  size_t n = dockerfile_stage_chain(m, st, chain);
  uint64_t h = memo_mix(0, n);
  for (size_t i = 0; i < n; i++) h = memo_hash_str(h, chain[i]->image);
  return memo_mix(h, (uint64_t)st->base_known | (uint64_t)st->posix_shell << 1 |
                         (uint64_t)in_final[st->index] << 2 | (uint64_t)(st == final) << 3);
}

static uint64_t globals_key(const DockerfileModel *m) {
  uint64_t h = 0;
  for (size_t i = 0; i < m->instrs.len && m->instrs.items[i].stage < 0; i++)
    h = memo_hash_str(h, m->instrs.items[i].source);
  return h;
}

/* One without a source, or whose source a NUL byte cut short (it is a
 * C string), gets a digest this document never had before, so nothing
 * that reads it is taken from a cache. */
uint64_t memo_instr_digest(const MemoKeys *keys, size_t i) {
  const DockerfileModel *m = keys->model;
  const DfInstr *in = &m->instrs.items[i];
  uint64_t h = memo_mix(0, memo_instr_bits(m, in));
  size_t len = in->end - in->start;
  if (!in->source || strnlen(in->source, len) != len) return memo_mix(memo_mix(h, keys->unique), i);
  return memo_hash(h, in->source, len);
}

/* Stage by stage: a stage starts from the digest of its parent's whole
 * chain (a parent has a smaller index, so it is done already), and each
 * instruction adds its own.  The instructions before the first FROM form
 * a chain of their own.  What lies before `from` is done already: each
 * instruction's `before` there, and the `chain` of every stage that ends
 * before it; a stage that `from` cuts or ends goes on from the digest
 * before it. */
void memo_keys_chain_from(MemoKeys *keys, size_t from) {
  const DockerfileModel *m = keys->model;
  size_t n = m->instrs.len;
  uint64_t d = memo_mix(0, 0x676C6F62616C73u);
  if (from > 0) d = memo_mix(keys->before[from - 1], keys->own[from - 1]);
  for (size_t i = from; i < n && m->instrs.items[i].stage < 0; i++) {
    keys->before[i] = d;
    d = memo_mix(d, keys->own[i]);
  }
  uint64_t *spacing = keys->spacing;
  const DfInstr *instrs = m->instrs.items;
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    size_t last = st->last < n ? st->last : n;
    /* A stage that ends before `from` ends where it did: the record it
     * ends at, the next stage's FROM, is one taken over.  One that ends at
     * `from` may have ended later (its last instructions removed, or
     * unreadable now and no records), so its chain is finished again from
     * the digest before `from`. */
    if (last < from && st->first < last) continue;
    size_t i = st->first;
    uint64_t sp = memo_mix(0, 0x73706163u);
    if (from > i && from <= last) {
      i = from;
      d = memo_mix(keys->before[i - 1], keys->own[i - 1]);
      if (spacing) sp = spacing[i - 1];
    } else {
      d = st->parent >= 0 && (size_t)st->parent < s ? keys->chain[st->parent] : memo_mix(0, 0x726F6F74u);
    }
    for (; i < last; i++) {
      keys->before[i] = d;
      d = memo_mix(d, keys->own[i]);
      /* The gap before each instruction but the stage's first: they move
       * with the instructions, so an edit changes only its own. */
      if (spacing) spacing[i] = sp = i > st->first ? memo_mix(sp, instrs[i].start - instrs[i - 1].end) : sp;
    }
    keys->chain[s] = d;
    if (spacing) keys->stage_spacing[s] = sp;
  }
}

void memo_keys_init(MemoKeys *keys, const DockerfileModel *m, unsigned reads, uint64_t unique) {
  memset(keys, 0, sizeof *keys);
  keys->model = m;
  keys->unique = unique;
  bool per_stage = reads & RULE_PER_STAGE;
  if ((reads & RULE_READS_STAGE) || per_stage) {
    bool *in_final = final_stages(m);
    const DfStage *final = dockerfile_final_stage(m);
    keys->stages = xmalloc((m->stages.len + 1) * sizeof *keys->stages);
    for (size_t s = 0; s < m->stages.len; s++) keys->stages[s] = stage_key(m, &m->stages.items[s], in_final, final);
    xfree(in_final);
  }
  if ((reads & RULE_READS_GLOBAL_ARGS) || per_stage) keys->globals = globals_key(m);
  /* Not zeroed: every slot is written before it is read (`own` and
   * `facts` by instr_memo.c's first group, which visits every
   * instruction, `before` and `chain` by memo_keys_chain_from, whose stages
   * cover every instruction after the first FROM), and zeroing the
   * per-instruction arrays of a long file on every keystroke cost more
   * than filling them. */
  if ((reads & RULE_READS_BEFORE) || per_stage) {
    keys->own = xmalloc((m->instrs.len + 1) * sizeof *keys->own);
    keys->before = xmalloc((m->instrs.len + 1) * sizeof *keys->before);
    keys->chain = xmalloc((m->stages.len + 1) * sizeof *keys->chain);
  }
  if (per_stage) {
    keys->facts = xmalloc((m->instrs.len + 1) * sizeof *keys->facts);
    keys->spacing = xmalloc((m->instrs.len + 1) * sizeof *keys->spacing);
    keys->stage_spacing = xmalloc((m->stages.len + 1) * sizeof *keys->stage_spacing);
  }
}

void memo_keys_free(MemoKeys *keys) {
  xfree(keys->stages);
  xfree(keys->own);
  xfree(keys->before);
  xfree(keys->chain);
  xfree(keys->spacing);
  xfree(keys->stage_spacing);
  xfree(keys->facts);
  memset(keys, 0, sizeof *keys);
}

void memo_keys_keep(MemoKeys *to, MemoKeys *from) {
  memo_keys_free(to);
  to->own = from->own;
  to->before = from->before;
  to->chain = from->chain;
  to->spacing = from->spacing;
  to->stage_spacing = from->stage_spacing;
  to->facts = from->facts;
  from->own = from->before = from->chain = from->spacing = from->stage_spacing = NULL;
  from->facts = NULL;
}

/* Copies dst[0, head) and the last `tail` of src's old_n items to the
 * last `tail` of dst's n. */
static void carry(void *dst, const void *src, size_t size, size_t head, size_t tail, size_t n, size_t old_n) {
  if (!dst || !src) return;
  memcpy(dst, src, head * size);
  memcpy((char *)dst + (n - tail) * size, (const char *)src + (old_n - tail) * size, tail * size);
}

void memo_keys_carry(MemoKeys *keys, const MemoKeys *kept, size_t head, size_t tail, size_t old_n) {
  size_t n = keys->model->instrs.len, stages = keys->model->stages.len;
  if (head + tail == 0) return;
  carry(keys->own, kept->own, sizeof *keys->own, head, tail, n, old_n);
  carry(keys->facts, kept->facts, sizeof *keys->facts, head, tail, n, old_n);
  carry(keys->before, kept->before, sizeof *keys->before, head, 0, n, old_n);
  carry(keys->spacing, kept->spacing, sizeof *keys->spacing, head, 0, n, old_n);
  carry(keys->chain, kept->chain, sizeof *keys->chain, stages, 0, stages, stages);
  carry(keys->stage_spacing, kept->stage_spacing, sizeof *keys->stage_spacing, stages, 0, stages, stages);
}

bool memo_diags_within(const DiagList *found, FileId file, size_t start, size_t end) {
  for (size_t i = 0; i < found->len; i++) {
    const Diag *d = &found->items[i];
    if (d->file != file || d->start < start || d->end > end || d->fixes.len) return false;
    for (size_t k = 0; k < d->related.len; k++) {
      const Related *r = &d->related.items[k];
      if (r->file != file || r->start < start || r->end > end) return false;
    }
  }
  return true;
}
