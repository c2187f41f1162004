/* The findings kept from one analysis to the next: see memo_kept.h.
 *
 * Giving out each instruction's findings from its memo entry cost a walk
 * over every instruction and a copy per finding on every keystroke, most
 * of it for instructions the edit never came near.  The last analysis's
 * findings are therefore kept as they were given out, in instruction
 * order: the next analysis replaces the part of the instructions it
 * worked out again and moves the part after the edit by the change in
 * length, and the whole list goes out in one pass. */
#include "memo_kept.h"

#include <string.h>

void kept_findings_free(KeptFindings *kept, DiagLoan *loan) {
  diag_loan_retire(loan, &kept->diags);
  xfree(kept->at);
  xfree(kept->alone);
  memset(kept, 0, sizeof *kept);
}

/* Moves items[from, from + count) to the end of `out`, each range (and
 * each related location in the finding's own file) moved by `delta`
 * bytes.  `items` may be NULL when count is 0. */
static void move_shifted(DiagList *out, const Diag *items, size_t from, size_t count, ptrdiff_t delta) {
  if (count == 0) return;
  const Diag *src = items + from;
  Diag *dst = out->items + out->len;
  memcpy(dst, src, count * sizeof *dst);
  out->len += count;
  if (delta == 0) return;
  for (size_t k = 0; k < count; k++) {
    Diag *d = &dst[k];
    d->start = (size_t)((ptrdiff_t)d->start + delta);
    d->end = (size_t)((ptrdiff_t)d->end + delta);
    for (size_t r = 0; r < d->related.len; r++) {
      Related *rel = &d->related.items[r];
      if (rel->file != d->file) continue;
      rel->start = (size_t)((ptrdiff_t)rel->start + delta);
      rel->end = (size_t)((ptrdiff_t)rel->end + delta);
    }
  }
}

/* Moves fresh findings to the end of `out`: those a checker has just made
 * own their texts, and become shared copies, so that later analyses give
 * them out by reference. */
static void move_fresh(DiagList *out, const DiagList *fresh, size_t from, size_t to) {
  Diag *src = fresh->items;
  for (size_t k = from; k < to; k++) {
    if (src[k].shared) {
      out->items[out->len++] = src[k];
      continue;
    }
    out->items[out->len++] = diag_copy_moved(&src[k], 0);
    diag_destroy(&src[k]);
  }
}

/* Sets old findings [from, to) aside, for kept_findings_splice to free
 * through the loan once the new list is made. */
static void replaced_range(DiagList *gone, const Diag *diags, size_t from, size_t to) {
  if (to == from) return;
  array_reserve(gone, gone->len + (to - from));
  memcpy(gone->items + gone->len, diags + from, (to - from) * sizeof *diags);
  gone->len += to - from;
}

/* The old index of new instruction i, which lies in the head or the tail. */
static size_t old_index(size_t i, size_t head, size_t hi, size_t old_hi) { return i < head ? i : i - hi + old_hi; }

/* The part of the old list the splice takes from: instructions [p, old
 * n), whose findings start at index `base` of the old list, in arrays of
 * their own (`owned`) or the old list's own. */
typedef struct {
  size_t p, base;
  const Diag *diags;
  const size_t *at;
  const uint32_t *alone;
  bool owned;
} OldPart;

/* Where old instruction o's findings start, in the old list's indices. */
static size_t old_at(const OldPart *old, size_t o) { return old->at[o - old->p]; }

void kept_findings_splice(KeptFindings *kept, size_t n, size_t head, size_t tail, ptrdiff_t delta,
                          const KeptFreshArray *fresh, DiagList *fresh_alone, DiagList *fresh_after,
                          DiagLoan *loan) {
  size_t old_n = kept->n, old_len = kept->diags.len;
  DiagList gone;
  array_init(&gone);
  size_t hi = n - tail, old_hi = old_n - tail;
  /* The instructions before the first one worked out again, all before
   * the edit, keep their findings where they are.  When they are most of
   * the list (an edit near the end of a long file), the new list is the
   * old one cut there, and only the rest of the old list is copied aside
   * to be taken from, instead of the whole list being copied into a new
   * one on every keystroke. */
  size_t p = fresh->len ? fresh->items[0].instr : n;
  if (p > head) p = head;
  if (old_n == 0 || 2 * kept->at[p] < old_len) p = 0;
  OldPart old = {.p = p, .base = p ? kept->at[p] : 0};
  KeptFindings now = {.n = n};
  if (p) {
    size_t rest = old_len - old.base, rest_n = old_n - p;
    Diag *diags = xmalloc((rest ? rest : 1) * sizeof *diags);
    size_t *at = xmalloc((rest_n + 1) * sizeof *at);
    uint32_t *alone = xmalloc((rest_n ? rest_n : 1) * sizeof *alone);
    memcpy(diags, kept->diags.items + old.base, rest * sizeof *diags);
    memcpy(at, kept->at + p, (rest_n + 1) * sizeof *at);
    memcpy(alone, kept->alone + p, rest_n * sizeof *alone);
    old.diags = diags, old.at = at, old.alone = alone, old.owned = true;
    now.diags = kept->diags;
    now.diags.len = old.base;
    now.at = xrealloc(kept->at, (n + 1) * sizeof *now.at);
    now.alone = xrealloc(kept->alone, (n + 1) * sizeof *now.alone);
  } else {
    old.diags = kept->diags.items, old.at = kept->at, old.alone = kept->alone;
    array_init(&now.diags);
    now.at = xmalloc((n + 1) * sizeof *now.at);
    now.alone = xmalloc((n + 1) * sizeof *now.alone);
  }
  array_reserve(&now.diags, old_len + fresh_alone->len + fresh_after->len + 1);
  size_t i = p;
  for (size_t f = 0; f <= fresh->len; f++) {
    size_t s = f < fresh->len ? fresh->items[f].instr : n;
    /* The instructions before s that kept both groups, cut where the
     * tail starts (every instruction between head and tail is in
     * `fresh`, so the edit may have left none there): each part is one
     * stretch of the old list. */
    while (i < s) {
      size_t to_i = i < hi && hi < s ? hi : s;
      size_t o = old_index(i, head, hi, old_hi), from = old_at(&old, o), to = old_at(&old, o + to_i - i);
      size_t moved = now.diags.len - from; /* how far their indices move (mod 2^64) */
      const size_t *from_at = old.at + (o - p);
      size_t *at = now.at + i;
      if (moved == 0) memcpy(at, from_at, (to_i - i) * sizeof *at);
      else
        for (size_t k = 0; k < to_i - i; k++) at[k] = from_at[k] + moved;
      memcpy(now.alone + i, old.alone + (o - p), (to_i - i) * sizeof *now.alone);
      move_shifted(&now.diags, old.diags, from - old.base, to - from, i >= hi ? delta : 0);
      i = to_i;
    }
    if (f == fresh->len) break;
    const KeptFresh *x = &fresh->items[f];
    bool was = s < head || s >= hi; /* it had findings in the old list */
    size_t o = was ? old_index(s, head, hi, old_hi) : 0;
    size_t start = was ? old_at(&old, o) - old.base : 0, split = was ? start + old.alone[o - p] : 0;
    size_t end = was ? old_at(&old, o + 1) - old.base : 0;
    ptrdiff_t d = s >= hi ? delta : 0;
    now.at[s] = now.diags.len;
    if (x->alone) {
      move_fresh(&now.diags, fresh_alone, x->a_from, x->a_to);
      now.alone[s] = (uint32_t)(x->a_to - x->a_from);
      if (was) replaced_range(&gone, old.diags, start, split);
    } else {
      move_shifted(&now.diags, old.diags, start, split - start, d);
      now.alone[s] = old.alone[o - p];
    }
    if (x->after) {
      move_fresh(&now.diags, fresh_after, x->b_from, x->b_to);
      if (was) replaced_range(&gone, old.diags, split, end);
    } else {
      move_shifted(&now.diags, old.diags, split, end - split, d);
    }
    i = s + 1;
  }
  now.at[n] = now.diags.len;
  /* The old instructions the edit replaced have no new place. */
  if (old_n) replaced_range(&gone, old.diags, old_at(&old, head) - old.base, old_at(&old, old_hi) - old.base);
  diag_loan_retire(loan, &gone);
  if (old.owned) {
    xfree((void *)old.diags);
    xfree((void *)old.at);
    xfree((void *)old.alone);
  } else {
    array_delete(&kept->diags);
    xfree(kept->at);
    xfree(kept->alone);
  }
  fresh_alone->len = fresh_after->len = 0;
  *kept = now;
}
