/*
 * The LR(1) automaton and its parse actions.
 *
 * Two constructions share this code.  LALR(1) identifies states by their
 * core (the kernel items without lookaheads): every new kernel is merged
 * into the state with the same core and that state is re-processed whenever
 * its lookaheads grow.  Canonical LR(1) identifies states by core and
 * lookaheads, so nothing is merged.
 *
 * The Dockerfile grammar is built canonically, because its scanner lexes by
 * the set of tokens valid in the current state: LALR merging unions the
 * lookaheads of unrelated contexts, and a flag after COPY was then followed
 * by an image name that only FROM allows.  For that grammar the canonical
 * automaton is only a few percent larger.
 *
 * Conflicts are resolved the way tree-sitter resolves them: precedence first,
 * then associativity, then the grammar's declared conflicts (kept as GLR
 * entries with several actions).  The shift/reduce conflict of a repeat
 * helper's R -> R R production is always kept, as one entry holding the
 * REDUCE and a SHIFT marked as a repetition.
 */
#include "tablegen.h"

#include <string.h>

typedef uint64_t Word;
#define ITEM(prod, dot) (((uint32_t)(prod) << 8) | (uint32_t)(dot))
#define ITEM_PROD(item) ((item) >> 8)
#define ITEM_DOT(item) ((item) & 0xff)

typedef struct {
  Array(uint32_t) kernel;  /* sorted items */
  Word *lookahead;         /* kernel.size rows of `words` words */
  int *next;               /* per symbol: target state id, 0 for none */
  bool queued;
} LrState;

typedef struct {
  const Grammar *g;
  LrMode mode;
  uint32_t words;          /* bitset words per terminal set */
  Word *first;             /* per non-terminal */
  bool *nullable;          /* per non-terminal */
  Array(LrState) states;   /* index 0 unused (the error state) */
  IntList queue;
  /* Scratch space for closures. */
  Array(uint32_t) items;
  Array(Word) item_la;
  int *closure_pos;        /* per production: position of its dot-0 item, -1 if absent */
} Lr;

static inline void bits_set(Word *set, uint32_t i) { set[i / 64] |= (Word)1 << (i % 64); }
static inline bool bits_has(const Word *set, uint32_t i) { return (set[i / 64] >> (i % 64)) & 1; }
static bool bits_union(Word *dst, const Word *src, uint32_t words) {
  bool changed = false;
  for (uint32_t i = 0; i < words; i++) {
    Word v = dst[i] | src[i];
    if (v != dst[i]) dst[i] = v, changed = true;
  }
  return changed;
}

static const Production *prod_at(const Lr *lr, uint32_t item) {
  return &lr->g->productions.contents[ITEM_PROD(item)];
}

/* --- FIRST sets --- */

static void first_sets_build(Lr *lr) {
  const Grammar *g = lr->g;
  uint32_t nt = g->symbol_count - g->token_count;
  lr->first = tg_xcalloc((size_t)nt * lr->words, sizeof(Word));
  lr->nullable = tg_xcalloc(nt, sizeof(bool));
  for (bool changed = true; changed;) {
    changed = false;
    for (uint32_t p = 1; p < g->productions.size; p++) {
      const Production *prod = &g->productions.contents[p];
      uint32_t lhs = (uint32_t)prod->lhs - g->token_count;
      bool all_nullable = true;
      for (uint32_t s = 0; s < prod->steps.size && all_nullable; s++) {
        int sym = prod->steps.contents[s].symbol;
        if (grammar_is_terminal(g, sym)) {
          if (!bits_has(lr->first + lhs * lr->words, (uint32_t)sym)) {
            bits_set(lr->first + lhs * lr->words, (uint32_t)sym);
            changed = true;
          }
          all_nullable = false;
        } else {
          uint32_t child = (uint32_t)sym - g->token_count;
          if (bits_union(lr->first + lhs * lr->words, lr->first + child * lr->words, lr->words)) changed = true;
          all_nullable = lr->nullable[child];
        }
      }
      if (all_nullable && !lr->nullable[lhs]) lr->nullable[lhs] = changed = true;
    }
  }
}

/* FIRST of the steps after position `from` of a production; returns whether
 * they can all derive the empty string. */
static bool first_of_rest(const Lr *lr, const Production *prod, uint32_t from, Word *out) {
  const Grammar *g = lr->g;
  for (uint32_t s = from; s < prod->steps.size; s++) {
    int sym = prod->steps.contents[s].symbol;
    if (grammar_is_terminal(g, sym)) {
      bits_set(out, (uint32_t)sym);
      return false;
    }
    uint32_t child = (uint32_t)sym - g->token_count;
    bits_union(out, lr->first + child * lr->words, lr->words);
    if (!lr->nullable[child]) return false;
  }
  return true;
}

/* --- Closures --- */

/* Fills lr->items / lr->item_la with the LR(1) closure of a state. */
static void closure_build(Lr *lr, const LrState *state) {
  const Grammar *g = lr->g;
  uint32_t W = lr->words;
  lr->items.size = 0;
  lr->item_la.size = 0;
  for (uint32_t i = 0; i < state->kernel.size; i++) {
    array_push(&lr->items, state->kernel.contents[i]);
    for (uint32_t w = 0; w < W; w++) array_push(&lr->item_la, state->lookahead[i * W + w]);
    if (ITEM_DOT(state->kernel.contents[i]) == 0) {
      lr->closure_pos[ITEM_PROD(state->kernel.contents[i])] = (int)i;
    }
  }
  Word *extra = tg_xcalloc(W, sizeof(Word));
  for (bool changed = true; changed;) {
    changed = false;
    for (uint32_t i = 0; i < lr->items.size; i++) {
      uint32_t item = lr->items.contents[i];
      const Production *prod = prod_at(lr, item);
      uint32_t dot = ITEM_DOT(item);
      if (dot >= prod->steps.size) continue;
      int sym = prod->steps.contents[dot].symbol;
      if (grammar_is_terminal(g, sym)) continue;
      memset(extra, 0, W * sizeof(Word));
      if (first_of_rest(lr, prod, dot + 1, extra)) bits_union(extra, lr->item_la.contents + i * W, W);
      const IntList *prods = &g->productions_of.contents[sym - (int)g->token_count];
      for (uint32_t k = 0; k < prods->size; k++) {
        int p = prods->contents[k];
        int pos = lr->closure_pos[p];
        if (pos < 0) {
          pos = (int)lr->items.size;
          lr->closure_pos[p] = pos;
          array_push(&lr->items, ITEM(p, 0));
          for (uint32_t w = 0; w < W; w++) array_push(&lr->item_la, (Word)0);
          changed = true;
        }
        if (bits_union(lr->item_la.contents + (uint32_t)pos * W, extra, W)) changed = true;
      }
    }
  }
  for (uint32_t i = 0; i < lr->items.size; i++) {
    if (ITEM_DOT(lr->items.contents[i]) == 0) lr->closure_pos[ITEM_PROD(lr->items.contents[i])] = -1;
  }
  free(extra);
}

/* --- States --- */

static int state_find(const Lr *lr, const uint32_t *kernel, const Word *la, uint32_t size) {
  for (uint32_t s = 1; s < lr->states.size; s++) {
    const LrState *st = &lr->states.contents[s];
    if (st->kernel.size == size && memcmp(st->kernel.contents, kernel, size * sizeof(uint32_t)) == 0 &&
        (lr->mode == LR_LALR || memcmp(st->lookahead, la, (size_t)size * lr->words * sizeof(Word)) == 0)) {
      return (int)s;
    }
  }
  return 0;
}

static void state_queue(Lr *lr, int id) {
  if (lr->states.contents[id].queued) return;
  lr->states.contents[id].queued = true;
  array_push(&lr->queue, id);
}

/* Finds or makes the state with this core and merges the lookaheads in. */
static int state_merge(Lr *lr, const uint32_t *kernel, const Word *la, uint32_t size) {
  uint32_t W = lr->words;
  int id = state_find(lr, kernel, la, size);
  if (id == 0) {
    LrState st = {{0}, NULL, NULL, false};
    for (uint32_t i = 0; i < size; i++) array_push(&st.kernel, kernel[i]);
    st.lookahead = tg_xcalloc((size_t)size * W, sizeof(Word));
    memcpy(st.lookahead, la, (size_t)size * W * sizeof(Word));
    st.next = tg_xcalloc(lr->g->symbol_count, sizeof(int));
    array_push(&lr->states, st);
    id = (int)lr->states.size - 1;
    state_queue(lr, id);
  } else if (bits_union(lr->states.contents[id].lookahead, la, size * W)) {
    state_queue(lr, id);
  }
  return id;
}

static int compare_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static void state_expand(Lr *lr, int id) {
  const Grammar *g = lr->g;
  uint32_t W = lr->words;
  closure_build(lr, &lr->states.contents[id]);
  Array(uint32_t) kernel = {0};
  Array(Word) la = {0};
  for (uint32_t sym = 0; sym < g->symbol_count; sym++) {
    kernel.size = 0;
    for (uint32_t i = 0; i < lr->items.size; i++) {
      uint32_t item = lr->items.contents[i];
      const Production *prod = prod_at(lr, item);
      uint32_t dot = ITEM_DOT(item);
      if (dot < prod->steps.size && prod->steps.contents[dot].symbol == (int)sym) {
        array_push(&kernel, ITEM(ITEM_PROD(item), dot + 1));
      }
    }
    if (kernel.size == 0) continue;
    qsort(kernel.contents, kernel.size, sizeof(uint32_t), compare_u32);
    la.size = 0;
    array_reserve(&la, kernel.size * W);
    la.size = kernel.size * W;
    memset(la.contents, 0, la.size * sizeof(Word));
    for (uint32_t i = 0; i < lr->items.size; i++) {
      uint32_t item = lr->items.contents[i];
      const Production *prod = prod_at(lr, item);
      uint32_t dot = ITEM_DOT(item);
      if (dot < prod->steps.size && prod->steps.contents[dot].symbol == (int)sym) {
        uint32_t target = ITEM(ITEM_PROD(item), dot + 1);
        uint32_t k = 0;
        while (kernel.contents[k] != target) k++;
        bits_union(la.contents + k * W, lr->item_la.contents + i * W, W);
      }
    }
    int to = state_merge(lr, kernel.contents, la.contents, kernel.size);
    lr->states.contents[id].next[sym] = to;
  }
  array_delete(&kernel);
  array_delete(&la);
}

/* --- Actions and conflicts --- */

static int conflict_owner(const Grammar *g, int lhs) {
  return g->symbols.contents[lhs].is_aux ? g->symbols.contents[lhs].origin : lhs;
}

static bool conflict_declared(const Grammar *g, const IntList *involved) {
  for (uint32_t c = 0; c < g->conflicts.size; c++) {
    const IntList *set = &g->conflicts.contents[c];
    bool all = true;
    for (uint32_t i = 0; i < involved->size && all; i++) {
      bool found = false;
      for (uint32_t j = 0; j < set->size; j++) found |= set->contents[j] == involved->contents[i];
      all = found;
    }
    if (all) return true;
  }
  return false;
}

static void involved_add(IntList *list, int sym) {
  for (uint32_t i = 0; i < list->size; i++) if (list->contents[i] == sym) return;
  array_push(list, sym);
}

static Action reduce_action(const Grammar *g, int p) {
  const Production *prod = &g->productions.contents[p];
  Action a = {0};
  a.type = ACTION_REDUCE;
  a.symbol = (uint16_t)prod->lhs;
  a.child_count = (uint8_t)prod->steps.size;
  a.dynamic_prec = (int16_t)prod->dynamic_prec;
  a.production_id = prod->info_id;
  return a;
}

static void conflict_report(ParseTable *t, const Grammar *g, FILE *log, int state,
                            uint32_t term, const IntList *involved) {
  t->conflict_count++;
  if (!log) return;
  fprintf(log, "unresolved conflict in state %d on %s between:", state, g->symbols.contents[term].name);
  for (uint32_t i = 0; i < involved->size; i++) fprintf(log, " %s", g->symbols.contents[involved->contents[i]].name);
  fprintf(log, " (add a precedence or declare the conflict)\n");
}

/* Decides the action list for one terminal of one state. */
static void actions_resolve(Lr *lr, ParseTable *t, FILE *log, int state, uint32_t term,
                            const IntList *reduces, ActionList *out) {
  const Grammar *g = lr->g;
  const LrState *st = &lr->states.contents[state];
  int shift_to = st->next[term];
  int smin = 0, smax = 0;
  bool have_shift = false;
  IntList involved = {0};
  if (shift_to) {
    for (uint32_t i = 0; i < lr->items.size; i++) {
      uint32_t item = lr->items.contents[i];
      const Production *prod = prod_at(lr, item);
      uint32_t dot = ITEM_DOT(item);
      if (dot < prod->steps.size && prod->steps.contents[dot].symbol == (int)term) {
        int prec = prod->steps.contents[dot].prec;
        if (!have_shift || prec < smin) smin = prec;
        if (!have_shift || prec > smax) smax = prec;
        have_shift = true;
        if (prod->lhs >= 0) involved_add(&involved, conflict_owner(g, prod->lhs));
      }
    }
  }

  /* Reduce/reduce: the highest production precedence wins. */
  IntList kept = {0};
  int best = 0;
  for (uint32_t i = 0; i < reduces->size; i++) {
    int prec = g->productions.contents[reduces->contents[i]].prec;
    if (i == 0 || prec > best) best = prec;
  }
  for (uint32_t i = 0; i < reduces->size; i++) {
    if (g->productions.contents[reduces->contents[i]].prec == best) array_push(&kept, reduces->contents[i]);
  }

  bool keep_shift = have_shift, repetition = false;
  IntList final = {0};
  for (uint32_t i = 0; i < kept.size; i++) {
    int p = kept.contents[i];
    const Production *prod = &g->productions.contents[p];
    if (!have_shift) {
      array_push(&final, p);
      continue;
    }
    if (prod->repeat_pair) {
      array_push(&final, p);
      repetition = true;
      continue;
    }
    if (prod->prec > smax) {
      array_push(&final, p);
      keep_shift = false;
    } else if (prod->prec < smin) {
      /* The shift wins; this reduction is dropped. */
    } else if (smin == smax && prod->assoc == ASSOC_LEFT) {
      array_push(&final, p);
      keep_shift = false;
    } else if (smin == smax && prod->assoc == ASSOC_RIGHT) {
      /* Right associativity: shift. */
    } else {
      IntList inv = {0};
      for (uint32_t k = 0; k < involved.size; k++) array_push(&inv, involved.contents[k]);
      involved_add(&inv, conflict_owner(g, prod->lhs));
      if (conflict_declared(g, &inv)) {
        array_push(&final, p);
      } else {
        conflict_report(t, g, log, state, term, &inv);
      }
      array_delete(&inv);
    }
  }
  if (final.size > 1 && !repetition) {
    IntList inv = {0};
    for (uint32_t i = 0; i < final.size; i++) involved_add(&inv, conflict_owner(g, g->productions.contents[final.contents[i]].lhs));
    if (!conflict_declared(g, &inv)) conflict_report(t, g, log, state, term, &inv);
    array_delete(&inv);
  }

  for (uint32_t i = 0; i < final.size; i++) array_push(out, reduce_action(g, final.contents[i]));
  if (keep_shift) {
    Action a = {0};
    a.type = ACTION_SHIFT;
    a.state = (uint16_t)shift_to;
    a.repetition = repetition;
    array_push(out, a);
  }
  if (out->size > 1) t->glr_entry_count++;
  array_delete(&kept);
  array_delete(&final);
  array_delete(&involved);
}

static void state_actions(Lr *lr, ParseTable *t, FILE *log, int id) {
  const Grammar *g = lr->g;
  uint32_t W = lr->words;
  ParseState *ps = &t->states.contents[id];
  closure_build(lr, &lr->states.contents[id]);
  Array(IntList) reduces = {0};
  for (uint32_t term = 0; term < g->token_count; term++) {
    IntList empty = {0};
    array_push(&reduces, empty);
  }
  bool accept = false;
  for (uint32_t i = 0; i < lr->items.size; i++) {
    uint32_t item = lr->items.contents[i];
    const Production *prod = prod_at(lr, item);
    if (ITEM_DOT(item) != prod->steps.size) continue;
    if (ITEM_PROD(item) == 0) {
      accept = true;
      continue;
    }
    for (uint32_t term = 0; term < g->token_count; term++) {
      if (bits_has(lr->item_la.contents + i * W, term)) array_push(&reduces.contents[term], (int)ITEM_PROD(item));
    }
  }
  for (uint32_t term = 0; term < g->token_count; term++) {
    ActionList *out = &ps->terminal[term];
    if (term == 0 && accept) {
      Action a = {0};
      a.type = ACTION_ACCEPT;
      array_push(out, a);
    } else if (lr->states.contents[id].next[term] || reduces.contents[term].size) {
      actions_resolve(lr, t, log, id, term, &reduces.contents[term], out);
    }
    array_delete(&reduces.contents[term]);
  }
  array_delete(&reduces);
  /* Extras may appear between any two tokens; a state without its own use
   * for an extra shifts it without changing state. */
  for (uint32_t e = 0; e < g->extras.size; e++) {
    ActionList *out = &ps->terminal[g->extras.contents[e]];
    if (out->size == 0) {
      Action a = {0};
      a.type = ACTION_SHIFT;
      a.extra = true;
      array_push(out, a);
    }
  }
  for (uint32_t sym = g->token_count; sym < g->symbol_count; sym++) {
    ps->gotos[sym - g->token_count] = lr->states.contents[id].next[sym];
  }
}

static ParseState parse_state_new(const Grammar *g) {
  ParseState ps;
  ps.terminal = tg_xcalloc(g->token_count, sizeof(ActionList));
  ps.gotos = tg_xcalloc(g->symbol_count - g->token_count + 1, sizeof(int));
  return ps;
}

/* --- Entry point --- */

ParseTable *lr_build(const Grammar *g, LrMode mode, FILE *log) {
  Lr lr = {0};
  lr.g = g;
  lr.mode = mode;
  lr.words = (g->token_count + 63) / 64;
  lr.closure_pos = tg_xcalloc(g->productions.size, sizeof(int));
  for (uint32_t p = 0; p < g->productions.size; p++) lr.closure_pos[p] = -1;
  first_sets_build(&lr);

  LrState error_state = {{0}, NULL, NULL, false};
  array_push(&lr.states, error_state);
  uint32_t start_item = ITEM(0, 0);
  Word *start_la = tg_xcalloc(lr.words, sizeof(Word));
  bits_set(start_la, 0);
  state_merge(&lr, &start_item, start_la, 1);
  free(start_la);
  for (uint32_t q = 0; q < lr.queue.size; q++) {
    int id = lr.queue.contents[q];
    lr.states.contents[id].queued = false;
    state_expand(&lr, id);
    if (lr.states.size > 65000) tg_fatal("too many parse states");
  }

  ParseTable *t = tg_xcalloc(1, sizeof(ParseTable));
  for (uint32_t s = 0; s < lr.states.size; s++) array_push(&t->states, parse_state_new(g));
  /* State 0 is the error state: every terminal recovers, extras are shifted. */
  for (uint32_t term = 0; term < g->token_count; term++) {
    Action a = {0};
    a.type = ACTION_RECOVER;
    array_push(&t->states.contents[0].terminal[term], a);
  }
  for (uint32_t e = 0; e < g->extras.size; e++) {
    ActionList *list = &t->states.contents[0].terminal[g->extras.contents[e]];
    list->contents[0].type = ACTION_SHIFT;
    list->contents[0].extra = true;
  }
  for (uint32_t s = 1; s < lr.states.size; s++) state_actions(&lr, t, log, (int)s);

  for (uint32_t s = 1; s < lr.states.size; s++) {
    array_delete(&lr.states.contents[s].kernel);
    free(lr.states.contents[s].lookahead);
    free(lr.states.contents[s].next);
  }
  array_delete(&lr.states);
  array_delete(&lr.queue);
  array_delete(&lr.items);
  array_delete(&lr.item_la);
  free(lr.closure_pos);
  free(lr.first);
  free(lr.nullable);
  return t;
}

void lr_free(ParseTable *self, const Grammar *g) {
  if (!self) return;
  for (uint32_t s = 0; s < self->states.size; s++) {
    for (uint32_t term = 0; term < g->token_count; term++) array_delete(&self->states.contents[s].terminal[term]);
    free(self->states.contents[s].terminal);
    free(self->states.contents[s].gotos);
  }
  array_delete(&self->states);
  free(self);
}
