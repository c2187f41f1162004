/* The table of kept diagnostics: see memo_table.h. */
#include "memo_table.h"

#include <string.h>

#include "memo_keys.h"

static void diags_free(Diag *diags, size_t count) {
  for (size_t i = 0; i < count; i++) diag_destroy(&diags[i]);
  xfree(diags);
}

static void entry_free(MemoEntry *e) {
  diags_free(e->diags, e->count);
  diags_free(e->more, e->more_count);
  xfree(e->source);
}

void memo_table_clear(MemoTable *table) {
  for (size_t i = 0; i < table->cap; i++)
    if (table->slots[i].key) entry_free(&table->slots[i]);
  xfree(table->slots);
  table->slots = NULL;
  table->cap = table->used = 0;
  table->rebuilds++; /* its entries are gone */
}

void memo_table_start(MemoTable *table, const RuleCheck *const *checks, size_t count) {
  uint64_t h = memo_mix(0, count);
  for (size_t c = 0; c < count; c++) h = memo_mix(h, (uint64_t)(uintptr_t)checks[c]);
  if (table->checks != h) {
    memo_table_clear(table);
    table->checks = h;
  }
  table->run++;
}

MemoEntry *memo_table_find(MemoTable *table, uint64_t key, const char *source, size_t len) {
  if (!table->cap) return NULL;
  for (size_t at = key & (table->cap - 1);; at = (at + 1) & (table->cap - 1)) {
    MemoEntry *e = &table->slots[at];
    if (!e->key) return NULL;
    if (e->key == key && (!source || (e->len == len && memcmp(e->source, source, len) == 0))) {
      e->run = table->run;
      return e;
    }
  }
}

static MemoEntry *place(MemoEntry *slots, size_t cap, const MemoEntry *e) {
  size_t at = e->key & (cap - 1);
  while (slots[at].key) at = (at + 1) & (cap - 1);
  slots[at] = *e;
  return &slots[at];
}

/* Makes room for one more entry: when the table would be more than half
 * full, it is rebuilt with the entries this run and the one before used
 * (the others belong to text that is gone), with at least three slots
 * for each of `want` entries, so that the rebuilds stay rare without a
 * large table for every small open document. */
static void rebuild(MemoTable *table, size_t want) {
  table->rebuilds++;
  size_t cap = 16;
  while (cap < 3 * want + 4) cap *= 2;
  MemoEntry *slots = xcalloc(cap, sizeof *slots);
  size_t used = 0;
  for (size_t i = 0; i < table->cap; i++) {
    MemoEntry *e = &table->slots[i];
    if (!e->key) continue;
    if (e->run + 1 < table->run || used + 1 >= cap / 2) {
      entry_free(e);
      continue;
    }
    place(slots, cap, e);
    used++;
  }
  xfree(table->slots);
  table->slots = slots;
  table->cap = cap;
  table->used = used;
}

static void reserve(MemoTable *table, size_t want) {
  if (2 * (table->used + 1) > table->cap) rebuild(table, want);
}

bool memo_table_needs_room(const MemoTable *table, size_t n) { return 2 * (table->used + n) > table->cap; }

void memo_table_reserve(MemoTable *table, size_t n) {
  if (memo_table_needs_room(table, n)) rebuild(table, table->used + n);
}

/* A copy of `found`, moved back by `origin`. */
static Diag *diags_kept(const DiagList *found, size_t origin) {
  Diag *diags = xcalloc(found->len + 1, sizeof(Diag));
  for (size_t k = 0; k < found->len; k++) diags[k] = diag_copy_moved(&found->items[k], -(ptrdiff_t)origin);
  return diags;
}

void memo_table_take(const MemoEntry *e, DiagList *out, size_t origin) {
  diaglist_append_moved(out, e->diags, e->count, (ptrdiff_t)origin);
}

void memo_table_take_more(const MemoEntry *e, DiagList *out, size_t origin) {
  diaglist_append_moved(out, e->more, e->more_count, (ptrdiff_t)origin);
}

void memo_table_keep_more(MemoEntry *e, const DiagList *found, size_t origin) {
  diags_free(e->more, e->more_count);
  e->more = diags_kept(found, origin);
  e->more_count = found->len;
  e->more_kept = true;
}

MemoEntry *memo_table_keep(MemoTable *table, uint64_t key, const char *source, size_t len, uint64_t digest,
                     const DiagList *found, size_t origin, size_t want) {
  MemoEntry fresh = {.key = key,
                     .source = source ? xstrndup(source, len) : NULL,
                     .len = len,
                     .digest = digest,
                     .diags = diags_kept(found, origin),
                     .count = found->len,
                     .run = table->run};
  reserve(table, want);
  table->used++;
  return place(table->slots, table->cap, &fresh);
}

bool memo_run_part(RuleCtx *ctx, DiagList *found, MemoRunFn run, const DockerfileModel *m, size_t index,
                   const RuleCheck *const *checks, size_t count, size_t start, size_t end) {
  DiagList *out = ctx->out;
  ctx->out = found;
  ctx->looked_outside = false;
  ctx->read_before = false;
  run(ctx, m, index, checks, count);
  ctx->out = out;
  return !ctx->looked_outside && memo_diags_within(found, ctx->file, start, end);
}

void memo_pass_on(DiagList *out, DiagList *found) {
  for (size_t k = 0; k < found->len; k++) array_push(out, found->items[k]);
  found->len = 0;
}
