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
 * used again for other text costs a run, never a wrong result.  A
 * checker that read beyond its instruction and keys on this instruction
 * says so (rules__looked_outside), and then nothing of the instruction
 * is kept.
 *
 * Even a lookup per instruction grew with the file: the key made, the
 * text's length taken and the text compared, for thousands of
 * instructions a keystroke did not touch.  So each analysis remembers,
 * per instruction, the record's id (DfInstr.id, which the model keeps
 * when it takes a record over and never gives to other text) and the
 * entry it got; the next analysis finds an unchanged instruction at the
 * same index or at the same distance from the end, and takes that entry
 * when the rest of its key (its stage's keys, the global ARGs, the
 * keyword case) is the same.  Only the instructions an edit changed, and
 * those whose stage changed, are looked up.
 *
 * The checkers that also read the instructions before theirs
 * (RULE_READS_BEFORE) form a second group, whose results are filed under
 * digests of the instruction and of its chain before it (memo_keys.c);
 * the first group's entries remember the digest of their text, so an
 * unchanged instruction is not hashed again.  Most of their runs never
 * look before their instruction (a RUN without `pip install` has no ENV
 * to look up): such a run says nothing through rules__reads_before and is
 * filed under the instruction's digest alone, so that an edit above it,
 * which changes the chain of every later instruction, runs this group
 * again only where a checker reads that chain.  The per-stage checkers
 * (RULE_PER_STAGE) are run from here too, after both groups
 * (stage_memo.c). */
#include "instr_memo.h"

#include <string.h>

#include "dockls/model/dockerfile.h"
#include "memo_keys.h"
#include "memo_table.h"
#include "stage_memo.h"

/* An instruction of the last analysis: its record's id, its context
 * (text_contexts) and its entry in the first group's table (NULL: none). */
typedef struct {
  uint64_t id, context;
  MemoEntry *entry;
} LastInstr;
typedef Array(LastInstr) LastInstrArray;

/* What a Dockerfile keeps between analyses: the results of the checkers
 * that read their instruction (with its stage and the global ARGs), of
 * those that also read the instructions before it, and of the per-stage
 * checkers.  The two per-instruction groups are kept apart so that an
 * edit, which changes what comes before every later instruction, runs
 * only the second group again for them. */
typedef struct {
  MemoTable alone, after, stages;
  uint64_t analyses; /* counts analyses, for MemoKeys.unique */
  /* The last analysis's instructions, in order, with the first group's
   * entry each took or kept, and the table's rebuild count after it (an
   * entry stays where it is until the table is rebuilt): an instruction
   * the model took over (the same DfInstr.id) in the same context gets
   * that entry again without its key being made and looked up, so a
   * keystroke looks up only the instructions it changed. */
  LastInstrArray last;
  uint64_t last_rebuilds;
} DocMemo;

static void doc_memo_free(void *p) {
  DocMemo *memo = p;
  array_delete(&memo->last);
  memo_table_clear(&memo->alone);
  memo_table_clear(&memo->after);
  memo_table_clear(&memo->stages);
  xfree(memo);
}

/* What the first group's key of an instruction holds besides its text
 * (memo_key with KEY_TEXT), per stage: the stage's keys, the global ARGs,
 * the keyword case and the escape character, with the stage -1 of the
 * instructions before the first FROM first (the stage's index is left
 * out, so that a stage added above does not change its context).  A record the model took over
 * keeps its text, kind, form, syntax error and, being taken only then,
 * its shell; whether it lies before the first FROM is its stage. */
static uint64_t *text_contexts(const MemoKeys *keys) {
  const DockerfileModel *m = keys->model;
  uint64_t *out = xmalloc((m->stages.len + 1) * sizeof *out);
  for (size_t s = 0; s <= m->stages.len; s++) {
    uint64_t h = memo_mix(memo_mix(0, s == 0), (uint64_t)(unsigned char)m->escape);
    if (s > 0 && keys->stages) h = memo_mix(h, keys->stages[s - 1]);
    out[s] = memo_mix(memo_mix(h, keys->globals), keys->keyword_case);
  }
  return out;
}

/* The first group's entry of instruction i when the last analysis had
 * the same record in the same context, found where the model keeps it:
 * at the same index (before the edit) or at the same distance from the
 * end (after it); NULL otherwise. */
static MemoEntry *carried_entry(const DocMemo *memo, const MemoTable *table, const DfInstr *in, size_t i,
                                size_t count, uint64_t context) {
  if (memo->last_rebuilds != table->rebuilds || !in->id) return NULL;
  const LastInstr *last = memo->last.items;
  size_t n = memo->last.len, j = i;
  if (j >= n || last[j].id != in->id) {
    j = n + i - count; /* wraps past n when count > n + i */
    if (j >= n || last[j].id != in->id) return NULL;
  }
  return last[j].context == context ? last[j].entry : NULL;
}

/* Which part of instruction i's key stands for the instruction itself. */
typedef enum {
  KEY_TEXT,  /* where its text is and what the model read it with (the text is compared on a lookup) */
  KEY_OWN,   /* its digest (memo_instr_digest), for a run that read nothing before it */
  KEY_CHAIN, /* its digest and that of every instruction before it in its chain */
} KeyPart;

/* The key of instruction i: the part `part` says, then the keys of what
 * the group's checkers read (each 0 or NULL when none of them reads it).
 * The second group's two kinds of key start apart, so that a digest
 * cannot stand for both. */
static uint64_t memo_key(const MemoKeys *keys, size_t i, KeyPart part) {
  const DfInstr *in = &keys->model->instrs.items[i];
  uint64_t h;
  if (part == KEY_CHAIN) {
    h = memo_mix(memo_mix(0, keys->before[i]), keys->own[i]);
  } else if (part == KEY_OWN) {
    h = memo_mix(memo_mix(0, 0x6F776E), keys->own[i]);
  } else {
    h = memo_mix(0, (uint64_t)(uintptr_t)in->source);
    h = memo_mix(h, memo_instr_bits(keys->model, in));
  }
  if (keys->stages && in->stage >= 0) h = memo_mix(h, keys->stages[in->stage]);
  h = memo_mix(memo_mix(h, keys->globals), keys->keyword_case);
  return h ? h : 1;
}

static void run_checks(RuleCtx *ctx, const DockerfileModel *m, size_t i, const RuleCheck *const *checks,
                       size_t count) {
  ctx->model = m;
  ctx->instr = i;
  for (size_t c = 0; c < count; c++) checks[c]->check(ctx);
}

/* keys->facts[i] from entry `e` of instruction i, which works them out
 * once (an entry filed when no facts were wanted has none yet); without
 * an entry, worked out each time.  Inline: it is asked for every
 * instruction of every analysis, and a call cost more than its work. */
static inline void facts_from(MemoKeys *keys, MemoEntry *e, size_t i) {
  if (!keys->facts) return;
  if (e && !e->facts) e->facts = rules__instr_facts(keys->model, i);
  keys->facts[i] = e ? e->facts : rules__instr_facts(keys->model, i);
}

/* The first group over every instruction, taking the results of
 * instructions whose key its table holds.  Fills keys->own and
 * keys->facts when they are wanted (an entry found keeps the digest of
 * its text and its facts), and entries[i] with instruction i's entry
 * (NULL when it has none). */
static void alone_run(RuleCtx *ctx, DocMemo *doc, MemoKeys *keys, const RuleCheck *const *checks, size_t count,
                      MemoEntry **entries) {
  MemoTable *memo = &doc->alone;
  const DockerfileModel *m = keys->model;
  uint64_t *own = keys->own;
  if (count == 0) {
    for (size_t i = 0; own && i < m->instrs.len; i++) own[i] = memo_instr_digest(keys, i);
    for (size_t i = 0; i < m->instrs.len; i++) facts_from(keys, NULL, i);
    return;
  }
  DiagList found;
  array_init(&found);
  uint64_t *contexts = text_contexts(keys);
  /* One record per instruction, stored without array_push's check. */
  LastInstrArray now;
  array_init(&now);
  array_reserve(&now, m->instrs.len + 1);
  uint64_t rebuilds = memo->rebuilds;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    uint64_t context = contexts[in->stage + 1];
    MemoEntry *e = carried_entry(doc, memo, in, i, m->instrs.len, context);
    if (e) {
      e->run = memo->run; /* used, as a lookup would have marked it */
      if (own) own[i] = e->digest ? e->digest : (e->digest = memo_instr_digest(keys, i));
      memo_table_take(e, ctx->out, in->start);
      facts_from(keys, e, i);
      entries[i] = e;
      now.items[now.len++] = (LastInstr){in->id, context, e};
      continue;
    }
    /* With no source, or one cut short by a NUL byte in the text (the
     * source is a C string), there is nothing that tells this instruction
     * from another: it runs every time.  The digests the other group's
     * keys are made of say so already (memo_instr_digest). */
    size_t len = in->source ? strlen(in->source) : 0;
    if (!in->source || len != in->end - in->start) {
      if (own) own[i] = memo_instr_digest(keys, i);
      facts_from(keys, NULL, i);
      run_checks(ctx, m, i, checks, count);
      now.items[now.len++] = (LastInstr){in->id, context, NULL};
      continue;
    }
    uint64_t key = memo_key(keys, i, KEY_TEXT);
    e = memo_table_find(memo, key, in->source, len);
    if (own) {
      /* An entry filed when no digest was wanted has none yet. */
      if (e && !e->digest) e->digest = memo_instr_digest(keys, i);
      own[i] = e ? e->digest : memo_instr_digest(keys, i);
    }
    if (e) {
      memo_table_take(e, ctx->out, in->start);
    } else {
      if (memo_run_part(ctx, &found, run_checks, m, i, checks, count, in->start, in->end))
        e = memo_table_keep(memo, key, in->source, len, own ? own[i] : 0, &found, in->start, m->instrs.len);
      memo_pass_on(ctx->out, &found);
    }
    facts_from(keys, e, i);
    entries[i] = e;
    now.items[now.len++] = (LastInstr){in->id, context, e};
  }
  array_delete(&found);
  xfree(contexts);
  /* Kept for the next analysis unless the table moved its entries
   * meanwhile, when the pointers taken before that are stale. */
  array_delete(&doc->last);
  if (memo->rebuilds == rebuilds) doc->last = now;
  else array_delete(&now);
  doc->last_rebuilds = memo->rebuilds;
}

/* The second group (RULE_READS_BEFORE) over every instruction.  A run
 * that read nothing before its instruction is kept as the second set of
 * the instruction's entry in the first group's table (`entries`, NULL
 * when that table moved its entries meanwhile): that entry's key covers
 * all such a run reads, and one lookup then serves both groups.  Without
 * such an entry it is kept in this group's table under the instruction's
 * own digest, and a run that read before under the digest of its chain. */
static void after_run(RuleCtx *ctx, MemoTable *memo, MemoKeys *keys, const RuleCheck *const *checks,
                      size_t count, MemoEntry *const *entries) {
  const DockerfileModel *m = keys->model;
  if (count == 0) return;
  DiagList found;
  array_init(&found);
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    MemoEntry *first = entries ? entries[i] : NULL;
    if (first && first->more_kept) {
      memo_table_take_more(first, ctx->out, in->start);
      continue;
    }
    /* Here with an entry of the first group, the run read before. */
    MemoEntry *e = memo_table_find(memo, memo_key(keys, i, first ? KEY_CHAIN : KEY_OWN), NULL, 0);
    if (!e) e = memo_table_find(memo, memo_key(keys, i, first ? KEY_OWN : KEY_CHAIN), NULL, 0);
    if (e) {
      memo_table_take(e, ctx->out, in->start);
      continue;
    }
    if (memo_run_part(ctx, &found, run_checks, m, i, checks, count, in->start, in->end)) {
      if (first && !ctx->read_before)
        memo_table_keep_more(first, &found, in->start);
      else
        memo_table_keep(memo, memo_key(keys, i, ctx->read_before ? KEY_CHAIN : KEY_OWN), NULL, 0, 0, &found,
                        in->start, m->instrs.len);
    }
    memo_pass_on(ctx->out, &found);
  }
  array_delete(&found);
}

void instr_checks_run(RuleCtx *ctx, const RuleCheck *const *checks, size_t count, bool use_memo) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m || count == 0) return;
  /* The groups, in table order within each. */
  Array(const RuleCheck *) alone, after, stages;
  array_init(&alone);
  array_init(&after);
  array_init(&stages);
  unsigned reads = 0;
  for (size_t c = 0; c < count; c++) {
    reads |= checks[c]->kinds;
    if (checks[c]->kinds & RULE_PER_STAGE) array_push(&stages, checks[c]);
    else if (checks[c]->kinds & RULE_READS_BEFORE) array_push(&after, checks[c]);
    else array_push(&alone, checks[c]);
  }
  if (!use_memo) {
    for (size_t i = 0; i < m->instrs.len; i++) {
      run_checks(ctx, m, i, alone.items, alone.len);
      run_checks(ctx, m, i, after.items, after.len);
    }
    stage_checks_run(ctx, m, NULL, NULL, stages.items, stages.len);
  } else {
    DocMemo *memo = ws_analysis_cache(ctx->ws, ctx->file);
    if (!memo) {
      memo = xcalloc(1, sizeof *memo);
      ws_set_analysis_cache(ctx->ws, ctx->file, memo, doc_memo_free);
    }
    MemoKeys keys;
    memo_keys_init(&keys, m, reads, ++memo->analyses);
    if (reads & RULE_READS_KEYWORD_CASE) keys.keyword_case = rules__keywords_mostly_lower(ctx) ? 2 : 1;
    /* The first table holds the second group's results too, so its
     * entries belong to both groups' checkers. */
    Array(const RuleCheck *) both;
    array_init(&both);
    for (size_t c = 0; c < alone.len + after.len; c++)
      array_push(&both, c < alone.len ? alone.items[c] : after.items[c - alone.len]);
    memo_table_start(&memo->alone, both.items, both.len);
    memo_table_start(&memo->after, after.items, after.len);
    array_delete(&both);
    /* Room for an entry per instruction, so that the first group's table
     * does not move the entries `entries` points to while it fills. */
    memo_table_reserve(&memo->alone, m->instrs.len);
    MemoEntry **entries = xcalloc(m->instrs.len + 1, sizeof *entries);
    uint64_t rebuilds = memo->alone.rebuilds;
    alone_run(ctx, memo, &keys, alone.items, alone.len, entries);
    if (keys.own) memo_keys_chain(&keys);
    after_run(ctx, &memo->after, &keys, after.items, after.len, memo->alone.rebuilds == rebuilds ? entries : NULL);
    xfree(entries);
    stage_checks_run(ctx, m, &keys, &memo->stages, stages.items, stages.len);
    memo_keys_free(&keys);
  }
  array_delete(&alone);
  array_delete(&after);
  array_delete(&stages);
}
