/* The checkers that compare services (port conflicts, container names,
 * unknown services, health checks waited for), run only when what they
 * compare changed.
 *
 * Such a checker reads a few keys of every service, so a keystroke in any
 * service used to run it over the whole file.  Its table entry says so
 * (RULE_COMPARES_SERVICES), and rules__compose_facts names its facts:
 * what it reads of one service, and of the rest of the file, as text
 * without positions.  A publish keeps its findings,
 * each range relative to the pair of the service that holds it, and the
 * facts of each service beside that service's kept per-service results
 * (service_memo.c).  The next publish gives the findings out again, each
 * moved to where its service is now, without running the checker, when
 *
 * - nothing outside the document changed (the memo is emptied then);
 * - the services line up one to one with the kept ones: all are
 *   self-contained and the same in number, and all but at most one were
 *   taken over unchanged at the same index (an unchanged, self-contained
 *   service holds the same value, so the same facts);
 * - the one service whose text changed has the same facts as before, and
 *   none of the findings lies in the bytes that changed in it (those before
 *   them stay, those after them move by the length change);
 * - the facts of the rest of the file are the same.
 *
 * The findings then follow: the checker's answer is a function of the
 * facts and of what is outside the document, and each finding is about a
 * node whose bytes did not change.  The dependency edges the run recorded
 * are kept and recorded again, like the per-service results' edges.
 * Otherwise the checker runs and its findings replace the kept ones; a
 * finding outside every service's pair keeps nothing. */
#include <assert.h>
#include <string.h>

#include "dockls/base/path.h"
#include "dockls/workspace/files.h"
#include "service_memo.h"
#include "service_run.h"

static void kept_clear(ComparedKept *kept) {
  xfree(kept->file_facts);
  diaglist_destroy(&kept->diags);
  array_delete(&kept->where);
  strarray_delete(&kept->paths);
  memset(kept, 0, sizeof *kept);
}

void service_compare__clear(ServiceMemo *memo) {
  for (size_t i = 0; i < SERVICE_COMPARE_MAX; i++) kept_clear(&memo->compared[i]);
}

/* Works out how this run's services line up with the kept entries (see
 * the top), and for the one whose text changed, how many of its bytes
 * were left alone at either end. */
static void run_align(ServiceRun *run) {
  if (run->aligned) return;
  run->aligned = -1;
  run->changed = SIZE_MAX;
  size_t n = run->model->services->npairs;
  if (!run->memo->complete || run->memo->entries.len != n) return;
  for (size_t i = 0; i < n; i++) {
    if (!run->cacheable[i]) return;
    if (run->hit[i] == &run->memo->entries.items[i]) continue;
    if (run->hit[i] || run->changed != SIZE_MAX || !service_run__fresh(run, i)) return;
    run->changed = i;
  }
  if (run->changed != SIZE_MAX) {
    const ServiceEntry *was = &run->memo->entries.items[run->changed], *is = run->fresh[run->changed];
    size_t most = was->len < is->len ? was->len : is->len, p = 0, q = 0;
    while (p < most && was->text[p] == is->text[p]) p++;
    while (q < most - p && was->text[was->len - 1 - q] == is->text[is->len - 1 - q]) q++;
    run->prefix = p;
    run->suffix = q;
  }
  run->aligned = 1;
}

/* Moves a range relative to service k's pair from the kept text to the
 * text now; false when it meets the bytes that changed.  An empty range
 * on the edge of the change could belong to either side and counts as
 * meeting it. */
static bool range_moved(const ServiceRun *run, size_t k, size_t *start, size_t *end) {
  if (k != run->changed) return true;
  const ServiceEntry *was = &run->memo->entries.items[k], *is = run->fresh[k];
  size_t tail = was->len - run->suffix;
  if (*end < run->prefix || (*start < *end && *end == run->prefix)) return true;
  if (*start > tail || (*start < *end && *start == tail)) {
    *start = *start - was->len + is->len;
    *end = *end - was->len + is->len;
    return true;
  }
  return false;
}

/* Gives the kept findings out, moved to where their services are now, and
 * keeps them relative to the text now; false, with nothing given out,
 * when one of them meets the changed bytes. */
static bool kept_give(RuleCtx *ctx, const ServiceRun *run, ComparedKept *kept) {
  for (int pass = 0; pass < 2; pass++) {
    size_t w = 0;
    for (size_t i = 0; i < kept->diags.len; i++) {
      Diag *d = &kept->diags.items[i];
      size_t start = d->start, end = d->end, k = kept->where.items[w++];
      if (!range_moved(run, k, &start, &end)) return false;
      if (pass) {
        d->start = start;
        d->end = end;
      }
      for (size_t r = 0; r < d->related.len; r++) {
        Related *rel = &d->related.items[r];
        if (rel->file != d->file) continue;
        size_t rs = rel->start, re = rel->end, rk = kept->where.items[w++];
        if (!range_moved(run, rk, &rs, &re)) return false;
        if (pass) {
          rel->start = rs;
          rel->end = re;
        }
      }
    }
  }
  const ComposePair *pairs = run->model->services->pairs;
  size_t w = 0;
  for (size_t i = 0; i < kept->diags.len; i++) {
    const Diag *d = &kept->diags.items[i];
    Diag copy = diag_copy_moved(d, (ptrdiff_t)pairs[kept->where.items[w++]].pair_start);
    for (size_t r = 0; r < d->related.len; r++) {
      if (d->related.items[r].file != d->file) continue;
      size_t at = pairs[kept->where.items[w++]].pair_start;
      copy.related.items[r].start = d->related.items[r].start + at;
      copy.related.items[r].end = d->related.items[r].end + at;
    }
    array_push(ctx->out, copy);
  }
  ws_deps_record_all(ctx->ws, ctx->file, &kept->paths);
  return true;
}

/* The index of the service whose pair holds [start, end), or SIZE_MAX.
 * A self-contained services mapping lists its pairs in file order. */
static size_t service_at(const ComposeNode *services, size_t start, size_t end) {
  size_t lo = 0, hi = services->npairs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (services->pairs[mid].pair_start <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return SIZE_MAX;
  const ComposePair *p = &services->pairs[lo - 1];
  return end <= p->pair_end ? lo - 1 : SIZE_MAX;
}

/* Keeps the findings out[from..] relative to their services' pairs;
 * false when one of them (or a related location in this file) lies
 * outside every pair. */
static bool kept_fill(const RuleCtx *ctx, const ServiceRun *run, ComparedKept *kept, size_t from) {
  const ComposeNode *services = run->model->services;
  for (size_t i = from; i < ctx->out->len; i++) {
    const Diag *d = &ctx->out->items[i];
    size_t k = d->file == ctx->file ? service_at(services, d->start, d->end) : SIZE_MAX;
    if (k == SIZE_MAX) return false;
    size_t at = services->pairs[k].pair_start;
    Diag copy = diag_copy_moved(d, -(ptrdiff_t)at);
    array_push(&kept->where, k);
    for (size_t r = 0; r < d->related.len; r++) {
      const Related *rel = &d->related.items[r];
      if (rel->file != d->file) continue;
      size_t rk = service_at(services, rel->start, rel->end);
      if (rk == SIZE_MAX) {
        diag_destroy(&copy);
        return false;
      }
      array_push(&kept->where, rk);
      copy.related.items[r].start = rel->start - services->pairs[rk].pair_start;
      copy.related.items[r].end = rel->end - services->pairs[rk].pair_start;
    }
    array_push(&kept->diags, copy);
  }
  return true;
}

void service_compare_run(RuleCtx *ctx, const RuleCheck *check, bool memo) {
  ServiceRun *run = service_run__get(ctx, memo);
  size_t slot = run->compared++;
  assert(slot < SERVICE_COMPARE_MAX);
  if (!run->memo || !run->model || !run->model->services) {
    check->check(ctx);
    return;
  }
  RuleFacts facts_of = NULL;
  for (const RuleFactsEntry *e = rules__compose_facts; e->check && !facts_of; e++)
    if (e->check == check->check) facts_of = e->facts;
  assert(facts_of);
  const ComposePair *pairs = run->model->services->pairs;
  StrBuf facts = STRBUF_INIT;
  for (size_t t = 0; t < run->todo.len; t++) {
    ServiceEntry *f = service_run__fresh(run, run->todo.items[t]);
    if (!f) continue;
    facts_of(ctx, &pairs[run->todo.items[t]], &facts);
    f->facts[slot] = strbuf_take(&facts);
  }
  facts_of(ctx, NULL, &facts);
  char *file_facts = strbuf_take(&facts);
  ComparedKept *kept = &run->memo->compared[slot];
  run_align(run);
  bool take = kept->check == check->check && run->aligned == 1 && strcmp(kept->file_facts, file_facts) == 0;
  if (take && run->changed != SIZE_MAX) {
    const char *was = run->memo->entries.items[run->changed].facts[slot];
    const char *is = run->fresh[run->changed]->facts[slot];
    take = was && is && strcmp(was, is) == 0;
  }
  if (take && kept_give(ctx, run, kept)) {
    xfree(file_facts);
    return;
  }
  kept_clear(kept);
  kept->check = check->check;
  kept->file_facts = file_facts;
  size_t before = ctx->out->len;
  StrArray *outer = ws_deps_capture(ctx->ws, &kept->paths);
  check->check(ctx);
  ws_deps_capture_end(ctx->ws, outer, &kept->paths);
  const char *path = ws_path(ctx->ws, ctx->file);
  char *own = path ? path_absolute(path) : NULL;
  if (!kept_fill(ctx, run, kept, before) || !service_paths__unique(&kept->paths, own)) kept_clear(kept);
  xfree(own);
}
