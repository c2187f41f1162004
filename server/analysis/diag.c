/* Builders and list management for Diag.  Messages are formatted once at
 * creation; everything is owned by the list, so clearing it frees it all. */
#include "dockls/analysis/diag.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/strbuf.h"

const char *severity_name(Severity sev) {
  switch (sev) {
    case SEV_ERROR:
      return "error";
    case SEV_WARNING:
      return "warning";
    case SEV_INFO:
      return "info";
    case SEV_HINT:
      return "hint";
  }
  return "error";
}

bool severity_from_name(const char *name, Severity *out) {
  for (int s = SEV_ERROR; s <= SEV_HINT; s++) {
    if (strcmp(name, severity_name((Severity)s)) == 0) {
      *out = (Severity)s;
      return true;
    }
  }
  return false;
}

Diag *diag_add(DiagList *list, RuleId rule, FileId file, size_t start, size_t end,
               const char *fmt, ...) {
  StrBuf msg = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  strbuf_vappendf(&msg, fmt, ap);
  va_end(ap);
  Diag d = {
      .rule = rule,
      .severity = (Severity)rule_info(rule)->default_severity,
      .file = file,
      .start = start,
      .end = end,
      .message = strbuf_take(&msg),
  };
  array_push(list, d);
  return array_last(list);
}

Fix *diag_add_fix(Diag *diag, const char *title, bool preferred) {
  Fix fix = {.title = xstrdup(title), .preferred = preferred};
  array_push(&diag->fixes, fix);
  return array_last(&diag->fixes);
}

void fix_add_edit(Fix *fix, FileId file, size_t start, size_t end, const char *text) {
  if (!fix) return;
  FixEdit e = {.file = file, .start = start, .end = end, .text = xstrdup(text)};
  array_push(&fix->edits, e);
}

void fix_add_create(Fix *fix, const char *path, const char *text) {
  if (!fix) return;
  FixCreate c = {xstrdup(path), xstrdup(text)};
  array_push(&fix->creates, c);
}

void fix_add_key(Fix *fix, size_t map_start, const char *name) {
  if (!fix) return;
  FixKey k = {.map_start = map_start, .name = xstrdup(name)};
  array_push(&fix->keys, k);
}

static void fix_free(Fix *f) {
  xfree(f->title);
  for (size_t j = 0; j < f->edits.len; j++) xfree(f->edits.items[j].text);
  array_delete(&f->edits);
  for (size_t j = 0; j < f->creates.len; j++) {
    xfree(f->creates.items[j].path);
    xfree(f->creates.items[j].text);
  }
  array_delete(&f->creates);
  for (size_t j = 0; j < f->keys.len; j++) xfree(f->keys.items[j].name);
  array_delete(&f->keys);
}

void fix_take(Fix *dst, Fix *src) {
  if (!dst) {
    /* No fix to move them to (fixes are not being built): the parts are
     * freed instead, and the title stays the caller's, as in a move. */
    char *title = src->title;
    src->title = NULL;
    fix_free(src);
    src->title = title;
    return;
  }
  for (size_t i = 0; i < src->edits.len; i++) array_push(&dst->edits, src->edits.items[i]);
  for (size_t i = 0; i < src->creates.len; i++) array_push(&dst->creates, src->creates.items[i]);
  for (size_t i = 0; i < src->keys.len; i++) array_push(&dst->keys, src->keys.items[i]);
  array_delete(&src->edits);
  array_delete(&src->creates);
  array_delete(&src->keys);
}

void fixarray_destroy(FixArray *fixes) {
  for (size_t i = 0; i < fixes->len; i++) fix_free(&fixes->items[i]);
  array_delete(fixes);
}

void diag_remove_fix(Diag *diag, size_t index) {
  if (index >= diag->fixes.len) return;
  fix_free(&diag->fixes.items[index]);
  memmove(&diag->fixes.items[index], &diag->fixes.items[index + 1],
          (diag->fixes.len - index - 1) * sizeof *diag->fixes.items);
  diag->fixes.len--;
}

void diag_add_related(Diag *diag, FileId file, size_t start, size_t end, const char *message) {
  Related r = {.file = file, .start = start, .end = end, .message = xstrdup(message)};
  array_push(&diag->related, r);
}

bool diag_touches(const Diag *d, FileId file, size_t start, size_t end) {
  return d->file == file && d->start <= end && start <= d->end;
}

/* A text shared by the copies of a kept diagnostic: a count of its
 * holders in front of the bytes, which is what a copy's `message` points
 * to.  The analysis is single-threaded, so a plain count is enough. */
typedef struct {
  size_t refs;
  char text[];
} SharedText;

static SharedText *shared_header(char *text) { return (SharedText *)(text - offsetof(SharedText, text)); }

/* The text for a copy: one more holder of `text` when it is shared
 * already, else a new shared copy of it. */
static char *shared_take(char *text, bool shared) {
  if (shared) {
    shared_header(text)->refs++;
    return text;
  }
  size_t len = strlen(text);
  SharedText *s = xmalloc(sizeof *s + len + 1);
  s->refs = 1;
  memcpy(s->text, text, len + 1);
  return s->text;
}

static void text_release(char *text, bool shared) {
  if (!shared) {
    xfree(text);
    return;
  }
  SharedText *s = shared_header(text);
  if (--s->refs == 0) xfree(s);
}

/* A kept finding (itself a copy) with neither related locations nor
 * fixes, which is nearly every finding a cache gives out: the copy is the
 * same fields with the range moved and one more reference.  Inline in the
 * loop that gives out thousands; false for any other finding. */
static inline bool copy_moved_plain(Diag *dst, const Diag *d, ptrdiff_t delta) {
  if (!d->shared || d->related.len || d->fixes.len) return false;
  /* Field by field: a compound literal was built aside and copied. */
  dst->rule = d->rule;
  dst->severity = d->severity;
  dst->file = d->file;
  dst->start = (size_t)((ptrdiff_t)d->start + delta);
  dst->end = (size_t)((ptrdiff_t)d->end + delta);
  dst->message = d->message;
  array_init(&dst->related);
  array_init(&dst->fixes);
  dst->shared = true;
  dst->borrowed = false;
  shared_header(d->message)->refs++;
  return true;
}

void diag_copy_moved_to(Diag *dst, const Diag *d, ptrdiff_t delta) {
  if (!copy_moved_plain(dst, d, delta)) *dst = diag_copy_moved(d, delta);
}

void diaglist__append_moved(DiagList *out, const Diag *diags, size_t count, ptrdiff_t delta) {
  array_reserve(out, out->len + count);
  Diag *dst = out->items + out->len;
  for (size_t k = 0; k < count; k++)
    if (!copy_moved_plain(&dst[k], &diags[k], delta)) dst[k] = diag_copy_moved(&diags[k], delta);
  out->len += count;
}

static bool lendable(const Diag *d) { return d->shared && !d->related.items && !d->fixes.items; }

/* Appends copies of diags[0, count): a shared copy without related
 * locations (rare; arrays of their own, copied whole) or fixes goes out as
 * it is, borrowed when `lend`, else with one reference more; the others
 * through diag_copy_moved. */
static void append_kept(DiagList *out, const Diag *diags, size_t count, bool lend) {
  if (count == 0) return;
  array_reserve(out, out->len + count);
  Diag *dst = out->items + out->len;
  memcpy(dst, diags, count * sizeof *dst);
  out->len += count;
  for (size_t k = 0; k < count; k++) {
    if (!lendable(&dst[k])) dst[k] = diag_copy_moved(&diags[k], 0);
    else if (lend) dst[k].borrowed = true;
    else shared_header(dst[k].message)->refs++;
  }
}

void diaglist_append_shared(DiagList *out, const Diag *diags, size_t count) { append_kept(out, diags, count, false); }

void diaglist_append_shared_lent(DiagList *out, const Diag *diags, size_t count) {
  append_kept(out, diags, count, true);
}

bool diaglist_mark_lent(DiagList *kept) {
  bool all = true;
  for (size_t i = 0; i < kept->len; i++) all &= kept->items[i].borrowed = lendable(&kept->items[i]);
  return all;
}

void diaglist_unmark_lent(DiagList *kept) {
  for (size_t i = 0; i < kept->len; i++) kept->items[i].borrowed = false;
}

void diaglist_append_lent(DiagList *out, const Diag *kept, size_t count, ptrdiff_t delta) {
  if (count == 0) return;
  array_reserve(out, out->len + count);
  Diag *dst = out->items + out->len;
  out->len += count;
  /* Item by item rather than one memcpy: a service keeps a handful of
   * findings, and the call cost more than the copies. */
  for (size_t k = 0; k < count; k++) {
    if (!kept[k].borrowed) {
      dst[k] = diag_copy_moved(&kept[k], delta);
      continue;
    }
    dst[k] = kept[k];
    if (delta) {
      dst[k].start = (size_t)((ptrdiff_t)kept[k].start + delta);
      dst[k].end = (size_t)((ptrdiff_t)kept[k].end + delta);
    }
  }
}

void diaglist_append_all_lent(DiagList *out, const Diag *kept, size_t count, ptrdiff_t delta) {
  if (count == 0) return;
  array_reserve(out, out->len + count);
  Diag *dst = out->items + out->len;
  out->len += count;
  memcpy(dst, kept, count * sizeof *dst);
  if (delta == 0) return;
  for (size_t k = 0; k < count; k++) {
    dst[k].start = (size_t)((ptrdiff_t)dst[k].start + delta);
    dst[k].end = (size_t)((ptrdiff_t)dst[k].end + delta);
  }
}

Diag diag_copy_moved(const Diag *d, ptrdiff_t delta) {
  Diag copy = {.rule = d->rule,
               .severity = d->severity,
               .file = d->file,
               .start = (size_t)((ptrdiff_t)d->start + delta),
               .end = (size_t)((ptrdiff_t)d->end + delta),
               .message = shared_take(d->message, d->shared),
               .shared = true};
  array_init(&copy.related);
  array_init(&copy.fixes);
  if (d->related.len) array_reserve(&copy.related, d->related.len);
  for (size_t i = 0; i < d->related.len; i++) {
    Related r = d->related.items[i];
    if (r.file == d->file) {
      r.start = (size_t)((ptrdiff_t)r.start + delta);
      r.end = (size_t)((ptrdiff_t)r.end + delta);
    }
    r.message = shared_take(r.message, d->shared);
    array_push(&copy.related, r);
  }
  return copy;
}

Diag diag_copy_moved_sharing(Diag *d, ptrdiff_t delta) {
  Diag copy = diag_copy_moved(d, delta);
  /* With related locations `shared` would speak for their messages too,
   * which stay the finding's own: such a finding keeps its message. */
  if (!d->shared && !d->related.items) {
    xfree(d->message);
    d->message = copy.message;
    shared_header(copy.message)->refs++;
    d->shared = true;
  }
  return copy;
}

const char *diag_message_hold(const Diag *d) {
  if (!d->shared) return NULL;
  shared_header(d->message)->refs++;
  return d->message;
}

void diag_message_drop(const char *held) {
  if (held) text_release((char *)held, true);
}

void diag_destroy(Diag *d) {
  /* A borrowed copy's message is its cache's (see DiagLoan). */
  if (!d->borrowed) text_release(d->message, d->shared);
  /* Most findings have neither related locations nor fixes, and a publish
   * frees thousands of them: the empty arrays cost no call. */
  if (d->related.items && !d->borrowed) {
    for (size_t i = 0; i < d->related.len; i++) text_release(d->related.items[i].message, d->shared);
    array_delete(&d->related);
  }
  if (d->fixes.items) {
    for (size_t i = 0; i < d->fixes.len; i++) fix_free(&d->fixes.items[i]);
    array_delete(&d->fixes);
  }
}

void diaglist_clear(DiagList *list) {
  /* The bounds in locals: the calls below could change the list as far
   * as the compiler knows, and reading them again cost a third of the
   * loop over borrowed copies. */
  Diag *items = list->items;
  size_t n = list->len;
  for (size_t i = 0; i < n; i++) {
    Diag *d = &items[i];
    /* Nearly every finding of a publish is a borrowed copy, which owns
     * nothing but fixes, or a shared copy without related locations or
     * fixes, which gives back its reference only. */
    if (d->borrowed && !d->fixes.items) continue;
    if (d->shared && !d->borrowed && !d->related.items && !d->fixes.items) text_release(d->message, true);
    else diag_destroy(d);
  }
  array_clear(list);
}

struct DiagLoan {
  size_t lists;     /* how many lists hold it */
  bool owned;       /* whether its cache still holds it */
  DiagList retired; /* kept copies the cache let go while lists held it */
};

DiagLoan *diag_loan_new(void) {
  DiagLoan *loan = xcalloc(1, sizeof *loan);
  loan->owned = true;
  array_init(&loan->retired);
  return loan;
}

DiagLoan *diag_loan_lend(DiagLoan *loan) {
  loan->lists++;
  return loan;
}

void diag_loan_retire(DiagLoan *loan, DiagList *kept) {
  if (!loan || !loan->lists) {
    diaglist_destroy(kept);
    return;
  }
  /* The copies move as they are, references and all: the texts a list
   * borrowed stay where they are until the loan's last list lets go. */
  if (kept->len) {
    array_reserve(&loan->retired, loan->retired.len + kept->len);
    memcpy(loan->retired.items + loan->retired.len, kept->items, kept->len * sizeof *kept->items);
    loan->retired.len += kept->len;
  }
  array_delete(kept);
}

void diag_loan_end(DiagLoan *loan) {
  if (!loan || --loan->lists) return;
  diaglist_destroy(&loan->retired);
  if (!loan->owned) xfree(loan);
}

void diag_loan_close(DiagLoan *loan) {
  if (!loan) return;
  loan->owned = false;
  if (loan->lists) return;
  diaglist_destroy(&loan->retired);
  xfree(loan);
}

void diaglist_destroy(DiagList *list) {
  diaglist_clear(list);
  array_delete(list);
}

static inline int diag_compare(const void *a, const void *b) {
  const Diag *x = a, *y = b;
  if (x->file != y->file) return x->file < y->file ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  return strcmp(x->message, y->message);
}

/* Merges x[0, nx) and y[0, ny) into dst, x's item first on a tie.  dst
 * may be y's own storage moved back by nx items (dst + nx == y): each
 * item is then written at or before the place it is read from. */
static void merge_into(const Diag *x, size_t nx, const Diag *y, size_t ny, Diag *dst) {
  size_t i = 0, j = 0, o = 0;
  while (i < nx && j < ny) dst[o++] = diag_compare(&y[j], &x[i]) < 0 ? y[j++] : x[i++];
  while (i < nx) dst[o++] = x[i++];
  while (j < ny) dst[o++] = y[j++];
}

/* A merge sort of runs: an analysis appends each checker's findings in
 * file order, so the list is a few dozen runs in order already.  Each is
 * taken whole and they are merged pairwise, a pass per halving of their
 * number, where qsort made a pass per halving of the items (a third
 * fewer instructions at 3,200 findings).  Equal items keep their order,
 * as with glibc's qsort (a merge sort too). */
static void sort_runs(Diag *a, size_t n) {
  if (n < 2) return;
  Array(size_t) runs; /* where each run starts, then n */
  array_init(&runs);
  for (size_t i = 0; i < n;) {
    array_push(&runs, i);
    for (i++; i < n && diag_compare(&a[i - 1], &a[i]) <= 0;) i++;
  }
  array_push(&runs, n);
  Diag *tmp = xmalloc(n * sizeof *tmp);
  Diag *src = a, *dst = tmp;
  while (runs.len > 2) {
    size_t k = runs.len - 1, kept = 0;
    for (size_t r = 0; r < k; r += 2) {
      size_t lo = runs.items[r], mid = runs.items[r + 1], hi = r + 2 <= k ? runs.items[r + 2] : mid;
      merge_into(src + lo, mid - lo, src + mid, hi - mid, dst + lo);
      runs.items[kept++] = lo;
    }
    runs.items[kept++] = n;
    runs.len = kept;
    Diag *t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, n * sizeof *a);
  xfree(tmp);
  array_delete(&runs);
}

bool diag_in_order(const Diag *a, const Diag *b) { return diag_compare(a, b) <= 0; }

/* The longest run in order of a[0, n): where it starts and ends.  The
 * pairs inside a[known_from, known_to), known to be in order, are passed
 * over without a comparison. */
static void longest_run(const Diag *a, size_t n, size_t known_from, size_t known_to, size_t *from, size_t *to) {
  *from = *to = 0;
  for (size_t i = 0; i < n;) {
    size_t start = i;
    if (known_to <= known_from + 1) {
      /* Nothing known (a Dockerfile's list): the plain scan. */
      for (i++; i < n && diag_compare(&a[i - 1], &a[i]) <= 0;) i++;
    } else {
      for (i++; i < n; i++) {
        /* a[i - 1] and a[i] both in the known run: on to its last item. */
        if (i > known_from && i < known_to) i = known_to - 1;
        else if (diag_compare(&a[i - 1], &a[i]) > 0) break;
      }
    }
    if (i - start > *to - *from) {
      *from = start;
      *to = i;
    }
  }
}

/* The first item of run[lo, hi) that x goes before: with `before` (x came
 * before the run) the first that is not less than x, else the first that
 * is greater, so that ties keep the order the items came in. */
static size_t run_place(const Diag *run, size_t lo, size_t hi, const Diag *x, bool before) {
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = diag_compare(&run[mid], x);
    if (c < 0 || (c == 0 && !before)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* a[from, to) is the long run, and the few items before and after it are
 * each in order: every few item finds its place in the run by bisection,
 * and the run goes over in stretches, one copy each, instead of item by
 * item through two merges.  The result goes to a new array of `cap`
 * items, which is returned. */
static Diag *merge_few(const Diag *a, size_t n, size_t from, size_t to, size_t cap) {
  const Diag *run = a + from;
  size_t run_len = to - from, at = 0, o = 0, i = 0, j = to;
  Diag *out = xmalloc(cap * sizeof *out);
  /* The items before the run and after it, in order, those before first
   * on a tie (they came first). */
  while (i < from || j < n) {
    bool take_before = j == n || (i < from && diag_compare(&a[i], &a[j]) <= 0);
    const Diag *x = take_before ? &a[i++] : &a[j++];
    size_t place = run_place(run, at, run_len, x, take_before);
    memcpy(out + o, run + at, (place - at) * sizeof *out);
    o += place - at;
    at = place;
    out[o++] = *x;
  }
  memcpy(out + o, run + at, (run_len - at) * sizeof *out);
  return out;
}

/* The long run is a[0, to) and the few items after it, in order, are
 * merged into it where they lie: from the back, each few item finds its
 * place in what is left of the run by bisection, after the run's items
 * equal to it (they came first), and the run's items after that place
 * move up in one stretch to where they end.  The run's items before the
 * first place stay put: a keystroke mid-file in a long compose file
 * moves the findings after the edit only, where copying the list to a
 * new array moved every one. */
static void merge_few_after(Diag *a, size_t n, size_t to) {
  size_t few = n - to;
  Diag *held = xmalloc(few * sizeof *held);
  memcpy(held, a + to, few * sizeof *held);
  size_t left = to; /* the run's items not moved yet: a[0, left) */
  for (size_t j = few; j-- > 0;) {
    size_t place = run_place(a, 0, left, &held[j], false);
    memmove(a + place + j + 1, a + place, (left - place) * sizeof *a);
    a[place + j] = held[j];
    left = place;
  }
  xfree(held);
}

/* A publish of a long compose file holds one long run (the findings kept
 * from the previous one, service after service) among the short runs of
 * what was worked out again: the items before and after it are sorted on
 * their own and merged with it in two passes, where merging run by run
 * moved every item once per halving of the runs. */
void diaglist_sort_from(DiagList *list, size_t first) { diaglist_sort_known(list, first, 0, 0); }

void diaglist_sort_known(DiagList *list, size_t first, size_t known_from, size_t known_to) {
  size_t n = list->len > first ? list->len - first : 0;
  if (n < 2) return;
  Diag *a = list->items + first;
  /* The known run as offsets into a[0, n), empty when it is not there. */
  if (known_from < first || known_to > list->len || known_to <= known_from) known_from = known_to = 0;
  else {
    known_from -= first;
    known_to -= first;
  }
  size_t from, to;
  longest_run(a, n, known_from, known_to, &from, &to);
  if (to - from == n) return;
  if (to - from < n / 2) {
    sort_runs(a, n);
    return;
  }
  sort_runs(a, from);
  sort_runs(a + to, n - to);
  if (8 * (n - (to - from)) < n) {
    if (from == 0) {
      merge_few_after(a, n, to);
      return;
    }
    /* A list that holds this file's items only (a publish's) takes the
     * merged array as its own, which saves copying every item back. */
    if (first == 0) {
      Diag *merged = merge_few(a, n, from, to, list->cap);
      xfree(list->items);
      list->items = merged;
      return;
    }
    Diag *merged = merge_few(a, n, from, to, n);
    memcpy(a, merged, n * sizeof *a);
    xfree(merged);
    return;
  }
  /* Before, then the run, then after: on a tie the earlier part's item
   * comes first, as the items were. */
  Diag *tmp = xmalloc(to * sizeof *tmp);
  merge_into(a, from, a + from, to - from, tmp);
  merge_into(tmp, to, a + to, n - to, a);
  xfree(tmp);
}
