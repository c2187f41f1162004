/* The model's index of instructions by kind (DockerfileModel.of_kind) and
 * the walk over it.  Rules that judge COPY lines, or the FROM lines, used
 * to walk every instruction of the file for them on every keystroke; the
 * index lets them visit only their kinds.  A model read from nothing
 * indexes every record; a splice keeps the previous model's lists and
 * changes only the part the edit replaced, so a keystroke inside a line
 * costs a search per kind rather than a pass over the file. */
#include <string.h>

#include "model_internal.h"

/* Whether a record belongs in one of the index's slots beyond the kinds
 * (counts only, which a record's pending move does not change). */
static bool kinds_extra(const DfInstr *in, size_t slot) {
  if (slot == DF_INDEX_FLAGGED) return in->parts.flags.len > 0;
  return in->kind == DF_ENV && in->parts.pairs.len > 1;
}

void model__index_kinds(DockerfileModel *m) {
  for (size_t k = 0; k < DF_INDEX_SLOTS; k++) array_clear(&m->of_kind[k]);
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    array_push(&m->of_kind[in->kind], i);
    for (size_t k = DF_OTHER + 1; k < DF_INDEX_SLOTS; k++)
      if (kinds_extra(in, k)) array_push(&m->of_kind[k], i);
  }
}

/* The first position of a sorted list whose index is at or after `at`. */
static size_t kinds_lower(const DfIndexArray *list, size_t at) {
  size_t lo = 0, hi = list->len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (list->items[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

void model__index_splice(DockerfileModel *m, DfIndexArray *prev, size_t head, size_t old_tail, size_t new_tail) {
  size_t count[DF_INDEX_SLOTS] = {0}, at[DF_INDEX_SLOTS];
  for (size_t i = head; i < new_tail; i++) {
    count[m->instrs.items[i].kind]++;
    for (size_t k = DF_OTHER + 1; k < DF_INDEX_SLOTS; k++) count[k] += kinds_extra(&m->instrs.items[i], k);
  }
  size_t delta = new_tail - old_tail; /* modulo 2^N: adding it moves an index back when the edit removed some */
  for (size_t k = 0; k < DF_INDEX_SLOTS; k++) {
    DfIndexArray *list = &m->of_kind[k];
    array_delete(list);
    *list = prev[k];
    array_init(&prev[k]);
    size_t lo = kinds_lower(list, head), hi = kinds_lower(list, old_tail), after = list->len - hi;
    array_reserve(list, lo + count[k] + after);
    /* The tail's entries move to just after the replaced part's new ones,
     * renumbered only when the number of instructions changed. */
    if (lo + count[k] != hi) memmove(list->items + lo + count[k], list->items + hi, after * sizeof *list->items);
    list->len = lo + count[k] + after;
    if (delta != 0)
      for (size_t j = lo + count[k]; j < list->len; j++) list->items[j] += delta;
    at[k] = lo;
  }
  for (size_t i = head; i < new_tail; i++) {
    DfKind kind = m->instrs.items[i].kind;
    m->of_kind[kind].items[at[kind]++] = i;
    for (size_t k = DF_OTHER + 1; k < DF_INDEX_SLOTS; k++)
      if (kinds_extra(&m->instrs.items[i], k)) m->of_kind[k].items[at[k]++] = i;
  }
}

/* Where a list's walk over [from, ...) starts and ends; an empty list
 * gives an empty range of no storage. */
static void kinds_range(const DfIndexArray *list, size_t from, const size_t **begin, const size_t **end) {
  static const size_t none = 0;
  if (list->len == 0) {
    *begin = *end = &none;
    return;
  }
  *begin = list->items + kinds_lower(list, from);
  *end = list->items + list->len;
}

void dockerfile_kind_walk(DfKindWalk *walk, const DockerfileModel *m, unsigned a, unsigned b, size_t from, size_t to) {
  kinds_range(&m->of_kind[a], from, &walk->a, &walk->a_end);
  if (b == a) walk->b = walk->b_end = walk->a_end;
  else kinds_range(&m->of_kind[b], from, &walk->b, &walk->b_end);
  walk->to = to;
}
