/* Unit tests for diaglist_sort_from: the order every adapter prints.
 *
 * The sort takes the runs the list already holds whole, and treats a run
 * longer than half the list (the findings a compose publish keeps from
 * the previous one) apart from the short ones around it.  Whatever path
 * it takes, the result must be the stable order: by file, start, end,
 * rule and message, equal items in the order they came.  Each item
 * carries its number in the order it came in `severity` (which the sort
 * does not read), so a tie resolved the wrong way shows. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/alloc.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static size_t rng(size_t bound) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (size_t)(rng_state % bound);
}

/* The order the sort must give, worked out the slow way: insertion of
 * each item after every item not greater than it. */
static int key_compare(const Diag *x, const Diag *y) {
  if (x->file != y->file) return x->file < y->file ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
  return strcmp(x->message, y->message);
}

/* Appends an item with a small range (so that ties are common); `order`
 * numbers it. */
static void add_item(DiagList *list, size_t at, size_t order) {
  static const RuleId rules[] = {RULE_COMPOSE_PORT_CONFLICT, RULE_COMPOSE_SCHEMA};
  Diag *d = diag_add(list, rules[rng(2)], 1, at, at + rng(2), "%s", rng(3) ? "same" : "other");
  d->severity = (Severity)order; /* only the order is read back */
}

/* diaglist_sort_known with items[known_from, known_to) in order, or
 * diaglist_sort_from when the range is empty. */
static void expect_stable_known(DiagList *list, size_t first, size_t known_from, size_t known_to) {
  size_t n = list->len - first;
  Diag *want = xmalloc(n * sizeof *want);
  for (size_t i = 0; i < n; i++) {
    size_t k = i;
    while (k > 0 && key_compare(&want[k - 1], &list->items[first + i]) > 0) {
      want[k] = want[k - 1];
      k--;
    }
    want[k] = list->items[first + i];
  }
  if (known_to > known_from) diaglist_sort_known(list, first, known_from, known_to);
  else diaglist_sort_from(list, first);
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(list->items[first + i].severity, want[i].severity,
                 "item %zu of %zu is the one that came %d-th, not %d-th", i, n,
                 (int)list->items[first + i].severity, (int)want[i].severity);
  xfree(want);
}

static void expect_stable(DiagList *list, size_t first) { expect_stable_known(list, first, 0, 0); }

/* An empty list with 0 to 2 items before `first`, which the sort leaves
 * alone; returns `first`. */
static size_t list_start(DiagList *list, size_t *order) {
  array_init(list);
  size_t first = rng(3);
  for (size_t i = 0; i < first; i++) add_item(list, 500, (*order)++);
  return first;
}

/* A long run in order: its starts rise, so it is one run whatever the
 * ends, rules and messages. */
static void add_run(DiagList *list, size_t run, size_t *order) {
  for (size_t i = 0, at = 0; i < run; i++) add_item(list, at += 1 + rng(2), (*order)++);
}

Test(diag_sort, long_run_among_short_runs_keeps_the_stable_order) {
  for (int round = 0; round < 300; round++) {
    DiagList list;
    size_t order = 1, first = list_start(&list, &order);
    /* Short runs before, a long run in order, short runs after; the
     * positions overlap, so items of every part tie with the run's. */
    size_t before = rng(4), after = rng(4), run = 20 + rng(40);
    for (size_t r = 0; r < before; r++)
      for (size_t i = 0, at = rng(30); i < 1 + rng(4); i++) add_item(&list, at += rng(3), order++);
    add_run(&list, run, &order);
    for (size_t r = 0; r < after; r++)
      for (size_t i = 0, at = rng(30); i < 1 + rng(4); i++) add_item(&list, at += rng(3), order++);
    expect_stable(&list, first);
    diaglist_destroy(&list);
  }
}

/* The run a cache gave out is known to be in order, and the sort does not
 * compare inside it: known wholly or in part, and with a known range that
 * reaches outside the list or before `first`, which is not used. */
Test(diag_sort, a_known_run_keeps_the_stable_order) {
  for (int round = 0; round < 600; round++) {
    DiagList list;
    size_t order = 1, first = list_start(&list, &order);
    size_t before = rng(8), after = rng(8), run = 1 + rng(200);
    for (size_t i = 0, at = rng(60); i < before; i++) add_item(&list, at += rng(3), order++);
    size_t run_from = list.len;
    add_run(&list, run, &order);
    size_t run_to = list.len;
    for (size_t i = 0, at = rng(60); i < after; i++) add_item(&list, at += rng(3), order++);
    size_t known_from = run_from + rng(run_to - run_from), known_to = known_from + 1 + rng(run_to - known_from);
    if (round % 10 == 0) known_to = list.len + 1 + rng(5);
    if (round % 10 == 1) known_from = rng(first + 1) - 1;
    expect_stable_known(&list, first, known_from, known_to);
    diaglist_destroy(&list);
  }
}

Test(diag_sort, short_runs_only_keep_the_stable_order) {
  for (int round = 0; round < 300; round++) {
    DiagList list;
    array_init(&list);
    size_t order = 1;
    for (size_t r = 0, runs = 1 + rng(12); r < runs; r++)
      for (size_t i = 0, at = rng(20); i < 1 + rng(5); i++) add_item(&list, at += rng(3), order++);
    expect_stable(&list, 0);
    diaglist_destroy(&list);
  }
}

/* A long run with only a few items around it, which the sort places by
 * bisection (fewer than an eighth of the list): ties with the run's items
 * on both sides. */
Test(diag_sort, a_few_items_around_a_long_run_keep_the_stable_order) {
  for (int round = 0; round < 300; round++) {
    DiagList list;
    array_init(&list);
    size_t order = 1, before = rng(6), after = rng(6), run = 100 + rng(200);
    for (size_t i = 0, at = rng(60); i < before; i++) add_item(&list, at += rng(3), order++);
    for (size_t i = 0, at = 0; i < run; i++) add_item(&list, at += 1 + rng(2), order++);
    for (size_t i = 0, at = rng(60); i < after; i++) add_item(&list, at += rng(3), order++);
    expect_stable(&list, 0);
    diaglist_destroy(&list);
  }
}
