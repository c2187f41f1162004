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
 * Even that visited every instruction, and copied every finding out of
 * its entry, on every keystroke.  So an analysis also keeps what it gave
 * (memo_kept.c: the findings of both groups in instruction order, the
 * digests and facts of each instruction), and the next one, when its
 * model was spliced from the model this one ran on with the same stages
 * in the same contexts, takes all that over for the instructions the
 * splice took over (DockerfileModel.splice: the records before the edit
 * where they were, those after it moved by the change in length).  It
 * visits only the instructions between, and those whose findings may
 * change although they did not (memo->may_change: not kept because their
 * checkers looked outside, or kept under the chain before them, which an
 * edit above changes); everything else goes out as one list.  Otherwise
 * (a FROM naming another image, the keyword majority turned, another
 * model in between) every instruction is visited as before.
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
#include "memo_kept.h"
#include "memo_keys.h"
#include "memo_table.h"
#include "stage_memo.h"

/* What became of an instruction's second group (RULE_READS_BEFORE) in the
 * last analysis: kept whatever comes before the instruction (the group
 * read nothing before it, or has no checkers), kept under a key of what
 * came before it, or not kept (worked out on every analysis). */
typedef enum { AFTER_KEPT_OWN, AFTER_KEPT_CHAINED, AFTER_RERUN } AfterState;

/* An instruction of the last analysis: its record's id, its context
 * (text_contexts), its entry in the first group's table (NULL: none),
 * whether that group's findings were kept, and what became of the second
 * group's. */
typedef struct {
  uint64_t id, context;
  MemoEntry *entry;
  bool alone_kept;
  unsigned char after; /* AfterState */
} LastInstr;
typedef Array(LastInstr) LastInstrArray;
typedef Array(size_t) IndexArray;

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
  /* What the last analysis ran on and gave, for the next one to take
   * over where its model took the records over (DockerfileModel.splice):
   * the model's serial (0: none), a digest of the checkers, the context
   * of each stage (text_contexts), the arrays of its keys it keeps
   * (memo_keys_keep: digests and facts, NULL when no checker wanted
   * them), and the findings of the two per-instruction groups. */
  uint64_t serial, checks;
  uint64_t *contexts;
  size_t stage_count;
  MemoKeys keys;
  KeptFindings kept;
  /* What a publish borrowing `kept` holds (see DiagLoan); NULL until one
   * does. */
  DiagLoan *loan;
  /* The indices, in order, of the last analysis's instructions whose
   * findings may change although the instruction did not (may_change):
   * the next analysis looks at these and at the edited ones only. */
  IndexArray may_change;
  KeptBuildContext build_context;
} DocMemo;

static void doc_memo_free(void *p) {
  DocMemo *memo = p;
  array_delete(&memo->last);
  memo_table_clear(&memo->alone);
  memo_table_clear(&memo->after);
  memo_table_clear(&memo->stages);
  xfree(memo->contexts);
  memo_keys_free(&memo->keys);
  kept_findings_free(&memo->kept, memo->loan);
  diag_loan_close(memo->loan);
  array_delete(&memo->may_change);
  xfree(memo->build_context.dir);
  strarray_delete(&memo->build_context.reads);
  xfree(memo);
}

/* The document's memo, made on first use. */
static DocMemo *doc_memo(Workspace *ws, FileId id) {
  DocMemo *memo = ws_analysis_cache(ws, id);
  if (!memo) {
    memo = xcalloc(1, sizeof *memo);
    ws_set_analysis_cache(ws, id, memo, doc_memo_free);
  }
  return memo;
}

KeptBuildContext *instr_memo_build_context(Workspace *ws, FileId id) {
  /* Another kind of document keeps another cache (service_memo.c). */
  return ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? &doc_memo(ws, id)->build_context : NULL;
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

/* The first group for instruction i (in `context`), its findings
 * appended to ctx->out: taken from its entry when the last analysis had
 * the same record in the same context (carried_entry) or the table holds
 * its key, else worked out and kept when they may be.  Fills keys->own[i]
 * and keys->facts[i] when they are wanted (an entry keeps the digest of
 * its text and its facts).  Sets *entry to the instruction's entry (NULL:
 * none) and returns whether its findings are kept: they are unless the
 * checkers looked outside what its key covers, or nothing tells this
 * instruction from another. */
static bool alone_one(RuleCtx *ctx, DocMemo *doc, MemoKeys *keys, const RuleCheck *const *checks, size_t count,
                      size_t i, uint64_t context, DiagList *found, MemoEntry **entry) {
  MemoTable *memo = &doc->alone;
  const DockerfileModel *m = keys->model;
  const DfInstr *in = &m->instrs.items[i];
  uint64_t *own = keys->own;
  *entry = NULL;
  if (count == 0) {
    if (own) own[i] = memo_instr_digest(keys, i);
    facts_from(keys, NULL, i);
    return true;
  }
  MemoEntry *e = carried_entry(doc, memo, in, i, m->instrs.len, context);
  if (e) {
    e->run = memo->run; /* used, as a lookup would have marked it */
    if (own) own[i] = e->digest ? e->digest : (e->digest = memo_instr_digest(keys, i));
    memo_table_take(e, ctx->out, in->start);
    facts_from(keys, e, i);
    *entry = e;
    return true;
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
    return false;
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
    if (memo_run_part(ctx, found, run_checks, m, i, checks, count, in->start, in->end))
      e = memo_table_keep(memo, key, in->source, len, own ? own[i] : 0, found, in->start, m->instrs.len);
    memo_pass_on(ctx->out, found);
  }
  facts_from(keys, e, i);
  *entry = e;
  return e != NULL;
}

/* The second group (RULE_READS_BEFORE) for instruction i, its findings
 * appended to ctx->out.  A run that read nothing before its instruction
 * is kept as the second set of the instruction's entry in the first
 * group's table (`first`, NULL when it has none or the table moved its
 * entries meanwhile): that entry's key covers all such a run reads, and
 * one lookup then serves both groups.  Without such an entry it is kept
 * in this group's table under the instruction's own digest, and a run
 * that read before under the digest of its chain.  Returns what became
 * of the findings. */
static AfterState after_one(RuleCtx *ctx, MemoTable *memo, MemoKeys *keys, const RuleCheck *const *checks,
                            size_t count, size_t i, MemoEntry *first, DiagList *found) {
  const DockerfileModel *m = keys->model;
  const DfInstr *in = &m->instrs.items[i];
  if (count == 0) return AFTER_KEPT_OWN;
  if (first && first->more_kept) {
    memo_table_take_more(first, ctx->out, in->start);
    return AFTER_KEPT_OWN;
  }
  /* Here with an entry of the first group, the run read before. */
  MemoEntry *e = memo_table_find(memo, memo_key(keys, i, first ? KEY_CHAIN : KEY_OWN), NULL, 0);
  if (!e) e = memo_table_find(memo, memo_key(keys, i, first ? KEY_OWN : KEY_CHAIN), NULL, 0);
  if (e) {
    memo_table_take(e, ctx->out, in->start);
    return AFTER_KEPT_CHAINED;
  }
  AfterState state = AFTER_RERUN;
  if (memo_run_part(ctx, found, run_checks, m, i, checks, count, in->start, in->end)) {
    if (first && !ctx->read_before) {
      memo_table_keep_more(first, found, in->start);
      state = AFTER_KEPT_OWN;
    } else {
      memo_table_keep(memo, memo_key(keys, i, ctx->read_before ? KEY_CHAIN : KEY_OWN), NULL, 0, 0, found, in->start,
                      m->instrs.len);
      state = AFTER_KEPT_CHAINED;
    }
  }
  memo_pass_on(ctx->out, found);
  return state;
}

/* The instructions the last analysis saw that this one's model took over
 * as they were: its first `head` and its last `tail`, whose text moved by
 * `delta` bytes. */
typedef struct {
  size_t head, tail;
  ptrdiff_t delta;
} Window;

/* Whether the last analysis's findings can be taken over where the model
 * took its records over, and which (*w).  They can when this model is the
 * one it analysed or was spliced from it (DockerfileModel.splice), with
 * the same checkers, the same stages and every stage in the same context
 * (a FROM that names another image changes what each instruction of its
 * stage is judged in, and keyword case and global ARGs every stage's). */
static bool window_of(const DocMemo *memo, const MemoKeys *keys, const uint64_t *contexts, uint64_t checks,
                      Window *w) {
  const DockerfileModel *m = keys->model;
  size_t n = m->instrs.len, old_n = memo->last.len;
  if (!memo->serial || memo->checks != checks || memo->stage_count != m->stages.len || memo->kept.n != old_n ||
      !memo->keys.own != !keys->own || !memo->keys.facts != !keys->facts ||
      memcmp(memo->contexts, contexts, (m->stages.len + 1) * sizeof *contexts) != 0)
    return false;
  if (m->serial == memo->serial) *w = (Window){n, 0, 0};
  else if (m->splice.prev_serial == memo->serial) *w = (Window){m->splice.head, m->splice.tail, m->splice.delta};
  else return false;
  return w->head + w->tail <= n && w->head + w->tail <= old_n;
}

/* Whether an instruction's findings of either group may change although
 * the instruction did not: those not kept, and a second group kept under
 * the digest of what came before it. */
static bool may_change(const LastInstr *last) { return !last->alone_kept || last->after != AFTER_KEPT_OWN; }

/* Adds instruction i, which the last analysis had (`last`), to `fresh`
 * when one of its groups must be worked out again: one whose findings
 * were not kept, and after the edit (`after_edit`) a second group kept
 * under the digest of what came before it, which the edit may have
 * changed. */
static void fresh_if_needed(KeptFreshArray *fresh, const LastInstr *last, size_t i, bool after_edit) {
  bool alone = !last->alone_kept;
  bool after = last->after == AFTER_RERUN || (after_edit && last->after == AFTER_KEPT_CHAINED);
  if (alone || after) array_push(fresh, (KeptFresh){.instr = i, .alone = alone, .after = after});
}

/* Both groups over the instructions, with the results kept from the last
 * analysis: see the comment at the top.  Appends every finding of both
 * groups to ctx->out. */
static void memo_run(RuleCtx *ctx, DocMemo *memo, MemoKeys *keys, const RuleCheck *const *alone, size_t alone_n,
                     const RuleCheck *const *after, size_t after_n, uint64_t checks) {
  const DockerfileModel *m = keys->model;
  size_t n = m->instrs.len, old_n = memo->last.len;
  uint64_t *contexts = text_contexts(keys);
  Window w = {0, 0, 0};
  if (!window_of(memo, keys, contexts, checks, &w)) w = (Window){0, 0, 0};
  size_t hi = n - w.tail, old_hi = old_n - w.tail;
  /* A rebuild keeps the entries this analysis and the last one used: the
   * last one used those of every instruction, whether it looked them up
   * or took them over, so they are marked before the table makes room. */
  LastInstr *last = memo->last.items;
  if (memo->last_rebuilds == memo->alone.rebuilds && memo_table_needs_room(&memo->alone, n))
    for (size_t k = 0; k < old_n; k++)
      if (last[k].entry) last[k].entry->run = memo->alone.run;
  /* Room for an entry per instruction, so that the first group's table
   * does not move the entries `now` points to while it fills. */
  memo_table_reserve(&memo->alone, n);
  bool old_valid = memo->last_rebuilds == memo->alone.rebuilds;
  uint64_t rebuilds = memo->alone.rebuilds;
  /* The records of the instructions taken over, and their digests and
   * facts, go where the instructions now are. */
  LastInstrArray now;
  array_init(&now);
  array_reserve(&now, n + 1);
  now.len = n;
  if (w.head) memcpy(now.items, last, w.head * sizeof *last);
  if (w.tail) memcpy(now.items + hi, last + old_hi, w.tail * sizeof *last);
  memo_keys_carry(keys, &memo->keys, w.head, w.tail, old_n);
  /* The instructions that may change are those the last analysis listed
   * (memo->may_change), where they now are, and those between head and
   * tail, so that finding them costs what the edit touched. */
  KeptFreshArray fresh;
  IndexArray candidates;
  array_init(&fresh);
  array_init(&candidates);
  /* An empty list may have no storage, and a null pointer takes no
   * offset, not even 0. */
  const size_t *listed = memo->may_change.items, *listed_end = listed ? listed + memo->may_change.len : listed;
  if (w.head + w.tail == 0) listed = listed_end;
  for (; listed < listed_end && *listed < w.head; listed++) {
    fresh_if_needed(&fresh, &now.items[*listed], *listed, false);
    array_push(&candidates, *listed);
  }
  for (size_t i = w.head; i < hi; i++) {
    array_push(&fresh, (KeptFresh){.instr = i, .alone = true, .after = true});
    array_push(&candidates, i);
  }
  while (listed < listed_end && *listed < old_hi) listed++;
  for (; listed < listed_end; listed++) {
    size_t i = *listed - old_hi + hi;
    fresh_if_needed(&fresh, &now.items[i], i, true);
    array_push(&candidates, i);
  }
  DiagList fresh_alone, fresh_after, found, *out = ctx->out;
  array_init(&fresh_alone);
  array_init(&fresh_after);
  array_init(&found);
  ctx->out = &fresh_alone;
  for (size_t f = 0; f < fresh.len; f++) {
    KeptFresh *x = &fresh.items[f];
    if (!x->alone) continue;
    const DfInstr *in = &m->instrs.items[x->instr];
    uint64_t context = contexts[in->stage + 1];
    MemoEntry *e;
    x->a_from = fresh_alone.len;
    bool kept = alone_one(ctx, memo, keys, alone, alone_n, x->instr, context, &found, &e);
    x->a_to = fresh_alone.len;
    /* An instruction between head and tail has no record yet: its second
     * group is worked out below, which sets `after`. */
    unsigned char after_state = x->after ? AFTER_RERUN : now.items[x->instr].after;
    now.items[x->instr] = (LastInstr){in->id, context, e, kept, after_state};
  }
  /* The chain digests before the edit are the last analysis's
   * (memo_keys_carry). */
  if (keys->own) memo_keys_chain_from(keys, w.head);
  ctx->out = &fresh_after;
  for (size_t f = 0; f < fresh.len; f++) {
    KeptFresh *x = &fresh.items[f];
    if (!x->after) continue;
    LastInstr *rec = &now.items[x->instr];
    /* The entry of an instruction taken over is the last analysis's,
     * which a rebuild since has moved. */
    bool entry_valid = memo->alone.rebuilds == rebuilds && (x->alone || old_valid);
    x->b_from = fresh_after.len;
    rec->after = (unsigned char)after_one(ctx, &memo->after, keys, after, after_n, x->instr,
                                          entry_valid ? rec->entry : NULL, &found);
    x->b_to = fresh_after.len;
  }
  ctx->out = out;
  kept_findings_splice(&memo->kept, n, w.head, w.tail, w.delta, &fresh, &fresh_alone, &fresh_after, memo->loan);
  /* A publish that may borrow holds the memo's loan: the kept findings it
   * takes are then copies without references, which a keystroke in a long
   * file neither counts up nor down again. */
  const DiagList *kept = &memo->kept.diags;
  if (rules__hold_loan(ctx, &memo->loan)) diaglist_append_shared_lent(ctx->out, kept->items, kept->len);
  else diaglist_append_shared(ctx->out, kept->items, kept->len);
  array_delete(&fresh_alone);
  array_delete(&fresh_after);
  array_delete(&found);
  array_delete(&fresh);
  memo->may_change.len = 0;
  for (size_t k = 0; k < candidates.len; k++)
    if (may_change(&now.items[candidates.items[k]])) array_push(&memo->may_change, candidates.items[k]);
  array_delete(&candidates);
  /* The entries `now` points to are kept for the next analysis unless the
   * table moved them meanwhile, when those pointers are stale. */
  array_delete(&memo->last);
  memo->last = now;
  bool entries_valid = memo->alone.rebuilds == rebuilds && (old_valid || w.head + w.tail == 0);
  memo->last_rebuilds = entries_valid ? rebuilds : UINT64_MAX;
  memo->serial = m->serial;
  memo->checks = checks;
  xfree(memo->contexts);
  memo->contexts = contexts;
  memo->stage_count = m->stages.len;
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
    DocMemo *memo = doc_memo(ctx->ws, ctx->file);
    MemoKeys keys;
    memo_keys_init(&keys, m, reads, ++memo->analyses);
    if (reads & RULE_READS_KEYWORD_CASE) keys.keyword_case = rules__keywords_mostly_lower(ctx) ? 2 : 1;
    /* The first table holds the second group's results too, so its
     * entries belong to both groups' checkers. */
    Array(const RuleCheck *) both;
    array_init(&both);
    uint64_t checks_digest = memo_mix(0, alone.len);
    for (size_t c = 0; c < alone.len + after.len; c++) {
      array_push(&both, c < alone.len ? alone.items[c] : after.items[c - alone.len]);
      checks_digest = memo_mix(checks_digest, (uint64_t)(uintptr_t)both.items[c]);
    }
    memo_table_start(&memo->alone, both.items, both.len);
    memo_table_start(&memo->after, after.items, after.len);
    array_delete(&both);
    memo_run(ctx, memo, &keys, alone.items, alone.len, after.items, after.len, checks_digest);
    stage_checks_run(ctx, m, &keys, &memo->stages, stages.items, stages.len);
    /* The digests and facts of this analysis's instructions stay for the
     * next, which takes those of the instructions it takes over. */
    memo_keys_keep(&memo->keys, &keys);
    memo_keys_free(&keys);
  }
  array_delete(&alone);
  array_delete(&after);
  array_delete(&stages);
}
