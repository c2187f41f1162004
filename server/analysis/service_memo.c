/* Per-service checkers and the cache of their results.
 *
 * A keystroke in a long compose file changes one service, yet every
 * checker used to look at every service again.  A checker declared per
 * service (RULE_PER_SERVICE in its table entry) reports on one service
 * from what that service holds, the disk and other documents.  Its
 * results are what the key below determines:
 *
 * - the service's value follows from the bytes of its pair alone when the
 *   model says the service is self-contained (no alias, no anchor, no
 *   loader problem, not a repaired text: compose_services_self_contained),
 *   and the service does not `extends` another (which the checkers then
 *   read too);
 * - everything outside the document (the disk, `.env`, Dockerfiles, other
 *   compose files, the configuration) is keyed as a whole by
 *   ws_outside_changes: when it moves, nothing kept is used.
 *
 * So a service whose pair holds the same bytes as at the previous analysis
 * gets that analysis's diagnostics, moved by the length change of the
 * edits before it.  `ws_dependents` must still name this document when a
 * file the kept results read changes, although analysis_run cleared the
 * recorded edges: the memo declares what its entries read
 * (ws_set_analysis_cache_reads) instead of recording those edges again on
 * every analysis, which cost an allocation and a free per edge.
 *
 * Services are found by the address of their value: the model takes an
 * unchanged service over from the previous one in place
 * (compose_reuse.c), so a lookup costs a hash of an address.  An entry
 * also keeps where the pair started and a copy of its text, and is used
 * only when the service's text now is that text, so an address used again
 * for another value (after the model's storage started afresh) costs a
 * run, never a wrong result.  Most services are known to hold it without
 * reading their bytes: the analysis marks the text it kept entries for
 * (WS_MARK_SERVICES), and a pair that lies in the bytes no edit touched
 * since, at the place its entry was kept for, holds the same bytes; the
 * others (the edited service, and any service after an edit whose length
 * the account cannot place) are compared with the copy.  Only the last
 * analysis's entries are kept: one per service, which bounds memory by
 * the file. */
#include "service_memo.h"

#include "service_run.h"

#include <stdint.h>
#include <string.h>

#include "dockls/base/path.h"
#include "dockls/model/compose.h"
#include "dockls/workspace/files.h"

void service_entry__free(ServiceEntry *e, DiagLoan *loan) {
  xfree(e->text);
  diaglist_unmark_lent(&e->diags);
  diag_loan_retire(loan, &e->diags);
  strarray_delete(&e->paths);
  for (size_t i = 0; i < SERVICE_COMPARE_MAX; i++) xfree(e->facts[i]);
  memset(e, 0, sizeof *e);
}

static void memo_reads_forget(ServiceMemo *memo);

static void memo_clear(ServiceMemo *memo) {
  memo_reads_forget(memo);
  for (size_t i = 0; i < memo->entries.len; i++) service_entry__free(&memo->entries.items[i], memo->loan);
  array_clear(&memo->entries);
  service_compare__clear(memo);
  memo->complete = false;
  memo->block_ok = false;
  xfree(memo->slots);
  memo->slots = NULL;
  memo->cap = 0;
}

static void memo_free(void *p) {
  ServiceMemo *memo = p;
  memo_clear(memo);
  array_delete(&memo->entries);
  array_delete(&memo->block);
  xfree(memo->block_at);
  diag_loan_close(memo->loan);
  xfree(memo);
}

/* How many of an entry's paths are `abs` or a folder above it. */
static size_t entry_reads(const ServiceEntry *e, const char *abs) {
  size_t n = 0;
  for (size_t k = 0; k < e->paths.len; k++) n += path_is_under(abs, e->paths.items[k]);
  return n;
}

static void memo_reads_forget(ServiceMemo *memo) {
  xfree(memo->reads_abs);
  memo->reads_abs = NULL;
}

/* What the kept entries read (ws_set_analysis_cache_reads): they stand
 * for the dependency edges of the results they give out, which are not
 * recorded again on each analysis. */
static bool memo_reads(void *p, const char *abs) {
  ServiceMemo *memo = p;
  if (!memo->reads_abs || strcmp(memo->reads_abs, abs) != 0) {
    memo_reads_forget(memo);
    memo->reads_count = 0;
    for (size_t i = 0; i < memo->entries.len; i++) memo->reads_count += entry_reads(&memo->entries.items[i], abs);
    memo->reads_abs = xstrdup(abs);
  }
  return memo->reads_count > 0;
}

static size_t address_hash(const void *p) {
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;
  return (size_t)(h ^ (h >> 29));
}

static ServiceEntry *memo_find(ServiceMemo *memo, const ComposeNode *value) {
  if (!memo->cap) return NULL;
  for (size_t at = address_hash(value) & (memo->cap - 1);; at = (at + 1) & (memo->cap - 1)) {
    if (!memo->slots[at]) return NULL;
    ServiceEntry *e = &memo->entries.items[memo->slots[at] - 1];
    if (e->value == value) return e;
  }
}

/* Puts entry i into the index by address. */
static void memo_index_one(ServiceMemo *memo, size_t i) {
  size_t mask = memo->cap - 1, at = address_hash(memo->entries.items[i].value) & mask;
  while (memo->slots[at]) at = (at + 1) & mask;
  memo->slots[at] = i + 1;
}

static void memo_index(ServiceMemo *memo) {
  xfree(memo->slots);
  memo->cap = 16;
  while (memo->cap < 2 * memo->entries.len + 2) memo->cap *= 2;
  memo->slots = xcalloc(memo->cap, sizeof *memo->slots);
  for (size_t i = 0; i < memo->entries.len; i++) memo_index_one(memo, i);
}

bool service_memo__all_found(const void *cache) {
  const ServiceMemo *memo = cache;
  for (size_t i = 0; i < memo->entries.len; i++)
    if (memo_find((ServiceMemo *)memo, memo->entries.items[i].value) != &memo->entries.items[i]) return false;
  return true;
}

/* Whether a kept entry holds the text of `svc` now, known from how the
 * document changed since the entries were kept (`since`, NULL when not
 * known): the pair lies in bytes no edit touched, at the place the entry
 * was kept for.  Otherwise the kept copy is compared. */
static bool entry_same_text(const ServiceEntry *e, const ComposePair *svc, const char *bytes, size_t len_now,
                            const TextDelta *since) {
  size_t len = svc->pair_end - svc->pair_start;
  if (!e->text || e->len != len) return false;
  if (since && svc->pair_end <= since->prefix && e->start == svc->pair_start) return true;
  if (since && svc->pair_start >= len_now - since->suffix && e->start + len_now == svc->pair_start + since->old_len)
    return true;
  return memcmp(e->text, bytes + svc->pair_start, len) == 0;
}

/* Whether `next` may follow `last` where one entry's findings meet the
 * next's: nearly always a later start in the same file, told without the
 * call. */
static bool entries_meet_in_order(const Diag *last, const Diag *next) {
  return (last->file == next->file && last->start < next->start) || diag_in_order(last, next);
}

/* Whether block[at - 1] and block[at] are in order, where one entry's
 * findings meet the next's (block_sorted). */
static void memo_block_check(ServiceMemo *memo, size_t at) {
  if (!memo->block_sorted || at == 0 || at >= memo->block.len) return;
  memo->block_sorted = entries_meet_in_order(&memo->block.items[at - 1], &memo->block.items[at]);
}

/* Lays the entries' findings out one after another (ServiceMemo.block). */
static void memo_block_build(ServiceMemo *memo) {
  size_t n = memo->entries.len, total = 0;
  for (size_t i = 0; i < n; i++) total += memo->entries.items[i].diags.len;
  array_clear(&memo->block);
  array_reserve(&memo->block, total + 1);
  xfree(memo->block_at);
  memo->block_at = xmalloc((n + 1) * sizeof *memo->block_at);
  for (size_t i = 0; i < n; i++) {
    const DiagList *diags = &memo->entries.items[i].diags;
    memo->block_at[i] = memo->block.len;
    if (diags->len) memcpy(memo->block.items + memo->block.len, diags->items, diags->len * sizeof *diags->items);
    memo->block.len += diags->len;
  }
  memo->block_at[n] = memo->block.len;
  memo->block_ok = true;
  memo->block_sorted = true;
  for (size_t i = 1; i < n; i++) memo_block_check(memo, memo->block_at[i]);
}

/* Whether the kept findings given out so far are still in order once
 * out[at] follows out[at - 1], where one kept entry's findings meet the
 * next's (see run_begin); nothing to compare at the block's first item
 * or when nothing came at `at`. */
static void kept_check(RuleCtx *ctx, bool *in_order, size_t at) {
  if (!*in_order || at == ctx->kept_from || at >= ctx->out->len) return;
  *in_order = entries_meet_in_order(&ctx->out->items[at - 1], &ctx->out->items[at]);
}

/* Gives out the findings of entries [first, end), all marked lent and
 * moved alike, from the memo's block in one copy. */
static void kept_run_out(RuleCtx *ctx, const ServiceMemo *memo, bool *in_order, size_t first, size_t end,
                         ptrdiff_t moved) {
  if (end == first) return;
  size_t at = ctx->out->len, from = memo->block_at[first];
  diaglist_append_all_lent(ctx->out, memo->block.items + from, memo->block_at[end] - from, moved);
  /* Moved alike, the entries keep the order they have in the block. */
  if (memo->block_sorted) kept_check(ctx, in_order, at);
  else
    for (size_t k = first; k < end; k++) kept_check(ctx, in_order, at + memo->block_at[k] - from);
  if (*in_order) ctx->kept_to = ctx->out->len;
}

static ServiceRun *run_begin(RuleCtx *ctx, bool use_memo) {
  ServiceRun *run = xcalloc(1, sizeof *run);
  ctx->service_run = run;
  array_init(&run->todo);
  run->model = ws_compose(ctx->ws, ctx->file);
  const ComposeNode *services = run->model ? run->model->services : NULL;
  if (!services) return run;
  if (!use_memo) {
    for (size_t i = 0; i < services->npairs; i++) array_push(&run->todo, i);
    return run;
  }
  ServiceMemo *memo = ws_analysis_cache(ctx->ws, ctx->file);
  if (!memo) {
    memo = xcalloc(1, sizeof *memo);
    array_init(&memo->entries);
    ws_set_analysis_cache(ctx->ws, ctx->file, memo, memo_free);
  }
  run->memo = memo;
  uint64_t outside = ws_outside_changes(ctx->ws, ctx->file);
  if (memo->outside != outside) memo_clear(memo);
  memo->outside = outside;
  /* A publish that may borrow holds the memo's loan (see DiagLoan): the
   * kept findings it takes are then copies without references.  Taken
   * after the clear above, which then frees at once what it lets go. */
  bool lend = rules__hold_loan(ctx, &memo->loan);
  TextDelta delta;
  const TextDelta *since =
      ws_text_since_for(ctx->ws, ctx->file, WS_MARK_SERVICES, memo->text_gen, &delta) ? &delta : NULL;
  size_t n = services->npairs;
  run->hit = xcalloc(n + 1, sizeof *run->hit);
  run->fresh = xcalloc(n + 1, sizeof *run->fresh);
  /* Whether a service's results may be kept and taken (see the top): the
   * model answers the first half for every service in one pass; the
   * second, no `extends`, is asked only of a service not found kept,
   * since an entry is kept only for a service without one, and the same
   * text has the same value. */
  run->cacheable = xcalloc(n + 1, sizeof *run->cacheable);
  compose_services_self_contained(run->model, run->cacheable);
  const char *bytes = ctx->text->bytes;
  /* The kept findings go out in one block, in order: each entry's are
   * sorted, and the services come in file order, each finding inside its
   * own service.  Where one entry's meet the next's is compared all the
   * same (empty ranges at a shared end could tie), and the block ends at
   * the first pair out of order. */
  bool in_order = true;
  ctx->kept_from = ctx->kept_to = ctx->out->len;
  /* Services kept in place one after another, at consecutive entries,
   * make one run of the memo's block, copied out at once: the entries
   * [run_first, run_end), moved by run_moved, not given out yet. */
  bool lend_block = lend && memo->block_ok;
  size_t run_first = 0, run_end = 0;
  ptrdiff_t run_moved = 0;
  for (size_t i = 0; i < n; i++) {
    const ComposePair *svc = &services->pairs[i];
    if (!run->cacheable[i]) {
      array_push(&run->todo, i);
      continue;
    }
    /* The entries are in file order, so a service the model took over
     * at the same index has its entry there: looked at before the index. */
    ServiceEntry *e = i < memo->entries.len && memo->entries.items[i].value == svc->value
                          ? &memo->entries.items[i]
                          : memo_find(memo, svc->value);
    if (e && entry_same_text(e, svc, bytes, ctx->text->len, since)) {
      /* All its findings go out at once: a self-contained service shares
       * no range with another, so no checker's compose__reported can
       * tell when they came, and the list is sorted at the end. */
      run->hit[i] = e;
      e->start = svc->pair_start;
      ptrdiff_t moved = (ptrdiff_t)svc->pair_start - (ptrdiff_t)e->base;
      size_t k = (size_t)(e - memo->entries.items);
      if (lend_block && e->all_lent) {
        if (run_end > run_first && k == run_end && moved == run_moved) {
          run_end++;
          continue;
        }
        kept_run_out(ctx, memo, &in_order, run_first, run_end, run_moved);
        run_first = k;
        run_end = k + 1;
        run_moved = moved;
        continue;
      }
      kept_run_out(ctx, memo, &in_order, run_first, run_end, run_moved);
      run_first = run_end = 0;
      size_t at = ctx->out->len;
      if (lend) diaglist_append_lent(ctx->out, e->diags.items, e->diags.len, moved);
      else diaglist_append_moved(ctx->out, e->diags.items, e->diags.len, moved);
      kept_check(ctx, &in_order, at);
      if (in_order) ctx->kept_to = ctx->out->len;
      continue;
    }
    array_push(&run->todo, i);
    if (compose_get(svc->value, "extends")) {
      run->cacheable[i] = false;
      continue;
    }
    ServiceEntry *f = run->fresh[i] = xcalloc(1, sizeof *f);
    f->value = svc->value;
    f->len = svc->pair_end - svc->pair_start;
    /* Its length is f->len whatever bytes it holds: a NUL in the text
     * must not cut the copy short of what is compared with it. */
    f->text = xmemdup(bytes + svc->pair_start, f->len);
    f->start = f->base = svc->pair_start;
    array_init(&f->diags);
    array_init(&f->paths);
  }
  kept_run_out(ctx, memo, &in_order, run_first, run_end, run_moved);
  return run;
}

/* Keeps the diagnostics out[from..] a checker made for `svc` in `f`, at
 * the offsets they have (f->base is where the pair starts).  A
 * diagnostic, or a related location in this file, that reaches outside
 * the pair makes the service's results unfit to keep; a related location
 * in another file (the Dockerfile's HEALTHCHECK) is kept as it is, since
 * that file is in the key as part of everything outside the document. */
static void fresh_take(ServiceEntry *f, DiagList *out, size_t from, FileId file, const ComposePair *svc) {
  for (size_t i = from; i < out->len && f->text; i++) {
    Diag *d = &out->items[i];
    bool inside = d->file == file && d->start >= svc->pair_start && d->end <= svc->pair_end;
    for (size_t r = 0; r < d->related.len && inside; r++) {
      const Related *rel = &d->related.items[r];
      inside = rel->file != file || (rel->start >= svc->pair_start && rel->end <= svc->pair_end);
    }
    if (!inside) {
      service_entry__free(f, NULL);
      return;
    }
    /* The finding shares the kept copy's text: the publish that sends it
     * holds that text, and the next one, which takes the kept copy,
     * finds the same pointer there and need not compare the texts. */
    array_push(&f->diags, diag_copy_moved_sharing(d, 0));
  }
}

ServiceRun *service_run__get(RuleCtx *ctx, bool use_memo) {
  return ctx->service_run ? ctx->service_run : run_begin(ctx, use_memo);
}

void service_checks_run(RuleCtx *ctx, const RuleCheck *check, bool memo) {
  ServiceRun *run = service_run__get(ctx, memo);
  const ComposeNode *services = run->model ? run->model->services : NULL;
  for (size_t t = 0; t < run->todo.len; t++) {
    size_t i = run->todo.items[t];
    const ComposePair *svc = &services->pairs[i];
    ServiceEntry *f = service_run__fresh(run, i);
    size_t before = ctx->out->len;
    /* A self-contained service shares no node with the rest of the file,
     * so none of the findings before its own can be one it is about to
     * report again: compose__reported looks at its own only, instead of
     * indexing every finding taken from the cache before it. */
    struct ReportedIndex *shared = ctx->reported;
    bool alone = run->cacheable && run->cacheable[i];
    if (alone) ctx->reported = rules__reported_from(before);
    StrArray *outer = f ? ws_deps_capture(ctx->ws, &f->paths) : NULL;
    ctx->service = svc;
    check->check(ctx);
    ctx->service = NULL;
    if (alone) {
      rules__reported_free(ctx->reported);
      ctx->reported = shared;
    }
    if (!f) continue;
    ws_deps_capture_end(ctx->ws, outer, &f->paths);
    fresh_take(f, ctx->out, before, ctx->file, svc);
  }
}

/* Drops repeated paths of a fresh entry (a checker asks about the same
 * path several times), so that taking it records each edge once.  False
 * when one of them is the document's own path (`own`, NULL when it has
 * none): a checker that read the document itself (a `build.dockerfile`
 * naming the compose file) read more than its service, and what it
 * found is not kept. */
bool service_paths__unique(StrArray *paths, const char *own) {
  size_t kept = 0;
  bool self = false;
  for (size_t i = 0; i < paths->len; i++) {
    bool seen = false;
    for (size_t k = 0; k < kept && !seen; k++) seen = strcmp(paths->items[k], paths->items[i]) == 0;
    self |= own && strcmp(paths->items[i], own) == 0;
    if (seen) xfree(paths->items[i]);
    else paths->items[kept++] = paths->items[i];
  }
  paths->len = kept;
  return !self;
}

/* Whether a fresh entry may be kept, made ready to be: its findings
 * sorted, so that the findings of the services taken next time, which go
 * out service after service, make one run in order for
 * diaglist_sort_from, and marked lent (a publish copies them out in one
 * block), and its paths without repeats (false when one is the document's
 * own, `own`). */
static bool fresh_keepable(ServiceEntry *f, const char *own) {
  diaglist_sort_from(&f->diags, 0);
  f->all_lent = diaglist_mark_lent(&f->diags);
  return service_paths__unique(&f->paths, own);
}

/* Takes entry i out of the index by address (linear probing: the entries
 * after it in its cluster move up to stay reachable). */
static void memo_unindex(ServiceMemo *memo, size_t i) {
  size_t mask = memo->cap - 1, at = address_hash(memo->entries.items[i].value) & mask;
  while (memo->slots[at] != i + 1) at = (at + 1) & mask;
  for (size_t next = (at + 1) & mask; memo->slots[next]; next = (next + 1) & mask) {
    size_t home = address_hash(memo->entries.items[memo->slots[next] - 1].value) & mask;
    /* The entry at `next` may fill the hole unless its home lies
     * cyclically in (at, next]. */
    bool stays = at <= next ? at < home && home <= next : at < home || home <= next;
    if (stays) continue;
    memo->slots[at] = memo->slots[next];
    at = next;
  }
  memo->slots[at] = 0;
}

/* The common keystroke: every service took the kept entry at its own
 * index but the edited ones, each with a fresh entry to keep, which
 * replaces the kept one there.  Nothing else moves, and only those
 * entries change in the index.  False, with nothing changed, otherwise. */
static bool memo_keep_in_place(ServiceRun *run, ServiceMemo *memo, size_t n, const char *own) {
  if (memo->entries.len != n || !memo->cap) return false;
  for (size_t i = 0; i < n; i++) {
    if (run->hit[i] == &memo->entries.items[i]) continue;
    ServiceEntry *f = service_run__fresh(run, i);
    if (run->hit[i] || !f || !fresh_keepable(f, own)) return false;
  }
  for (size_t i = 0; i < n; i++) {
    if (run->hit[i]) continue;
    memo_unindex(memo, i);
    if (memo->reads_abs) memo->reads_count -= entry_reads(&memo->entries.items[i], memo->reads_abs);
    /* The block stays laid out when the new findings take the old ones'
     * room exactly; they are copied over them. */
    const DiagList *now = &run->fresh[i]->diags;
    if (memo->block_ok && now->len == memo->block_at[i + 1] - memo->block_at[i]) {
      if (now->len) memcpy(memo->block.items + memo->block_at[i], now->items, now->len * sizeof *now->items);
      memo_block_check(memo, memo->block_at[i]);
      memo_block_check(memo, memo->block_at[i + 1]);
    } else {
      memo->block_ok = false;
    }
    service_entry__free(&memo->entries.items[i], memo->loan);
    memo->entries.items[i] = *run->fresh[i];
    if (memo->reads_abs) memo->reads_count += entry_reads(&memo->entries.items[i], memo->reads_abs);
    xfree(run->fresh[i]);
    run->fresh[i] = NULL;
    memo_index_one(memo, i);
  }
  memo->complete = true;
  return true;
}

/* The new entries otherwise: the kept ones taken this time and the fresh
 * ones, in file order; the rest belong to text that is gone. */
static void memo_keep_rebuilt(ServiceRun *run, ServiceMemo *memo, size_t n, const char *own) {
  Array(ServiceEntry) next;
  array_init(&next);
  array_reserve(&next, n);
  for (size_t i = 0; i < n; i++) {
    if (run->hit[i]) {
      array_push(&next, *run->hit[i]);
      memset(run->hit[i], 0, sizeof *run->hit[i]);
    } else if (service_run__fresh(run, i)) {
      ServiceEntry *f = run->fresh[i];
      if (fresh_keepable(f, own)) array_push(&next, *f);
      else service_entry__free(f, NULL);
      xfree(f);
      run->fresh[i] = NULL;
    }
  }
  for (size_t i = 0; i < memo->entries.len; i++)
    if (memo->entries.items[i].text) service_entry__free(&memo->entries.items[i], memo->loan);
  array_delete(&memo->entries);
  memo->entries.items = next.items;
  memo->entries.len = next.len;
  memo->entries.cap = next.cap;
  memo->complete = next.len == n;
  memo->block_ok = false;
  memo_index(memo);
  memo_reads_forget(memo);
}

void service_checks_finish(RuleCtx *ctx) {
  ServiceRun *run = ctx->service_run;
  if (!run) return;
  ctx->service_run = NULL;
  const ComposeNode *services = run->model ? run->model->services : NULL;
  if (run->memo && services) {
    ServiceMemo *memo = run->memo;
    const char *path = ws_path(ctx->ws, ctx->file);
    char *own = path ? path_absolute(path) : NULL;
    if (!memo_keep_in_place(run, memo, services->npairs, own)) memo_keep_rebuilt(run, memo, services->npairs, own);
    if (!memo->block_ok) memo_block_build(memo);
    xfree(own);
    ws_set_analysis_cache_reads(ctx->ws, ctx->file, memo_reads);
    ws_text_mark_for(ctx->ws, ctx->file, WS_MARK_SERVICES);
    memo->text_gen = ws_text_generation(ctx->ws, ctx->file);
  }
  /* Fresh entries not kept: a service whose results reached outside it. */
  for (size_t i = 0; run->fresh && i < services->npairs; i++) {
    if (!run->fresh[i]) continue;
    service_entry__free(run->fresh[i], NULL);
    xfree(run->fresh[i]);
  }
  xfree(run->hit);
  array_delete(&run->todo);
  xfree(run->fresh);
  xfree(run->cacheable);
  xfree(run);
}
