/*
 * Packing the parse table into the runtime's layout.
 *
 * The runtime reads "large" states from a dense [state][symbol] array and
 * the rest from the compact small table ([group_count, {value, n, symbols}])
 * located through small_parse_table_map.  Large states must have the lowest
 * ids, and states 0 (error) and 1 (start) are always large, so states are
 * renumbered here before anything refers to their ids.
 *
 * Action lists are deduplicated into parse_actions, where each entry is a
 * header {count, reusable} followed by its actions and index 0 is the empty
 * entry.  Each state's lex mode points at a row of the external scanner's
 * valid-token table; states with the same valid set share a row, because the
 * runtime reuses a token only when the lex mode is identical.
 */
#include "tablegen.h"

#include <string.h>

/* A state with more entries than this is stored densely. */
#define LARGE_STATE_MIN_ENTRIES 64

static bool action_equal(const Action *a, const Action *b) {
  return a->type == b->type && a->state == b->state && a->extra == b->extra &&
         a->repetition == b->repetition && a->symbol == b->symbol &&
         a->child_count == b->child_count && a->dynamic_prec == b->dynamic_prec &&
         a->production_id == b->production_id;
}

static bool list_equal(const ActionList *a, const ActionList *b) {
  if (a->size != b->size) return false;
  for (uint32_t i = 0; i < a->size; i++) {
    if (!action_equal(&a->contents[i], &b->contents[i])) return false;
  }
  return true;
}

static uint32_t state_entry_count(const Grammar *g, const ParseState *ps) {
  uint32_t n = 0;
  for (uint32_t t = 0; t < g->token_count; t++) n += ps->terminal[t].size > 0;
  for (uint32_t s = g->token_count; s < g->symbol_count; s++) n += ps->gotos[s - g->token_count] != 0;
  return n;
}

/* Renumbers states so that the large ones come first; returns the count. */
static uint32_t states_renumber(const Grammar *g, ParseTable *t) {
  uint32_t count = t->states.size;
  int *new_id = tg_xcalloc(count, sizeof(int));
  bool *large = tg_xcalloc(count, sizeof(bool));
  uint32_t large_count = 0;
  for (uint32_t s = 0; s < count; s++) {
    large[s] = s < 2 || state_entry_count(g, &t->states.contents[s]) > LARGE_STATE_MIN_ENTRIES;
    if (large[s]) new_id[s] = (int)large_count++;
  }
  uint32_t next = large_count;
  for (uint32_t s = 0; s < count; s++) {
    if (!large[s]) new_id[s] = (int)next++;
  }
  ParseState *moved = tg_xcalloc(count, sizeof(ParseState));
  for (uint32_t s = 0; s < count; s++) {
    ParseState ps = t->states.contents[s];
    for (uint32_t term = 0; term < g->token_count; term++) {
      for (uint32_t a = 0; a < ps.terminal[term].size; a++) {
        Action *act = &ps.terminal[term].contents[a];
        if (act->type == ACTION_SHIFT && !act->extra) act->state = (uint16_t)new_id[act->state];
      }
    }
    for (uint32_t sym = g->token_count; sym < g->symbol_count; sym++) {
      int *go = &ps.gotos[sym - g->token_count];
      if (*go) *go = new_id[*go];
    }
    moved[new_id[s]] = ps;
  }
  memcpy(t->states.contents, moved, count * sizeof(ParseState));
  free(moved);
  free(new_id);
  free(large);
  return large_count;
}

static uint32_t entry_intern(PackedTable *p, const ActionList *list) {
  if (list->size == 0) return 0;
  for (uint32_t i = 0; i < p->entries.size; i++) {
    if (list_equal(&p->entries.contents[i], list)) return p->entry_index.contents[i];
  }
  ActionList copy = {0};
  for (uint32_t i = 0; i < list->size; i++) array_push(&copy, list->contents[i]);
  array_push(&p->entries, copy);
  array_push(&p->entry_index, p->parse_action_count);
  p->parse_action_count += 1 + list->size;
  if (p->parse_action_count > 65535) tg_fatal("too many parse actions for 16-bit indexes");
  return p->entry_index.contents[p->entries.size - 1];
}

static uint16_t external_row(PackedTable *p, const Grammar *g, const ParseState *ps) {
  uint32_t n = g->external_count;
  uint8_t *row = tg_xcalloc(n + 1, 1);
  for (uint32_t e = 0; e < n; e++) row[e] = ps->terminal[e + 1].size > 0;
  /* Row 1 (all valid) is reserved for error recovery, so it never matches. */
  int found = -1;
  for (uint32_t r = 0; r < p->external_row_count && found < 0; r++) {
    /* Without externals every row is empty, and the row array may still
     * be NULL, on which even an offset of 0 is undefined. */
    if (r != 1 && (n == 0 || memcmp(p->external_rows.contents + (size_t)r * n, row, n) == 0)) found = (int)r;
  }
  if (found < 0) {
    for (uint32_t e = 0; e < n; e++) array_push(&p->external_rows, row[e]);
    found = (int)p->external_row_count++;
  }
  free(row);
  return (uint16_t)found;
}

PackedTable *pack_build(const Grammar *g, ParseTable *t) {
  PackedTable *p = tg_xcalloc(1, sizeof(PackedTable));
  p->large_state_count = states_renumber(g, t);
  p->parse_action_count = 1; /* index 0: the empty entry */

  /* Rows 0 (scanner not called) and 1 (error recovery: all valid). */
  for (uint32_t e = 0; e < g->external_count; e++) array_push(&p->external_rows, 0);
  for (uint32_t e = 0; e < g->external_count; e++) array_push(&p->external_rows, 1);
  p->external_row_count = 2;
  array_push(&p->lex_modes, 1);
  for (uint32_t s = 1; s < t->states.size; s++) {
    array_push(&p->lex_modes, external_row(p, g, &t->states.contents[s]));
  }

  for (uint32_t s = 0; s < t->states.size; s++) {
    const ParseState *ps = &t->states.contents[s];
    if (s < p->large_state_count) {
      for (uint32_t sym = 0; sym < g->symbol_count; sym++) {
        uint32_t v = sym < g->token_count ? entry_intern(p, &ps->terminal[sym])
                                          : (uint32_t)ps->gotos[sym - g->token_count];
        array_push(&p->parse_table, (uint16_t)v);
      }
      continue;
    }
    /* Group the entries of a small state by value, in order of first use. */
    array_push(&p->small_parse_table_map, p->small_parse_table.size);
    Array(uint32_t) values = {0};
    Array(uint32_t) symbols = {0};
    for (uint32_t sym = 0; sym < g->symbol_count; sym++) {
      uint32_t v = sym < g->token_count ? entry_intern(p, &ps->terminal[sym])
                                        : (uint32_t)ps->gotos[sym - g->token_count];
      if (!v) continue;
      array_push(&values, v);
      array_push(&symbols, sym);
    }
    Array(uint32_t) distinct = {0};
    for (uint32_t i = 0; i < values.size; i++) {
      bool seen = false;
      for (uint32_t j = 0; j < distinct.size; j++) seen |= distinct.contents[j] == values.contents[i];
      if (!seen) array_push(&distinct, values.contents[i]);
    }
    array_push(&p->small_parse_table, (uint16_t)distinct.size);
    for (uint32_t d = 0; d < distinct.size; d++) {
      uint32_t n = 0;
      for (uint32_t i = 0; i < values.size; i++) n += values.contents[i] == distinct.contents[d];
      array_push(&p->small_parse_table, (uint16_t)distinct.contents[d]);
      array_push(&p->small_parse_table, (uint16_t)n);
      for (uint32_t i = 0; i < values.size; i++) {
        if (values.contents[i] == distinct.contents[d]) array_push(&p->small_parse_table, (uint16_t)symbols.contents[i]);
      }
    }
    array_delete(&values);
    array_delete(&symbols);
    array_delete(&distinct);
  }
  return p;
}

void pack_free(PackedTable *self) {
  if (!self) return;
  array_delete(&self->parse_table);
  array_delete(&self->small_parse_table);
  array_delete(&self->small_parse_table_map);
  for (uint32_t i = 0; i < self->entries.size; i++) array_delete(&self->entries.contents[i]);
  array_delete(&self->entries);
  array_delete(&self->entry_index);
  array_delete(&self->lex_modes);
  array_delete(&self->external_rows);
  free(self);
}
