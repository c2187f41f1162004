/* This header is private to the analysis layer: the table in which
 * instr_memo.c and stage_memo.c keep diagnostics from one analysis to the
 * next, and the steps of an analysis that uses it. */
#ifndef DOCKLS_ANALYSIS_MEMO_TABLE_H_
#define DOCKLS_ANALYSIS_MEMO_TABLE_H_

#include <stddef.h>
#include <stdint.h>

#include "dockls/model/dockerfile.h"
#include "rules/internal.h"

typedef struct {
  uint64_t key;    /* 0: an empty slot */
  char *source;    /* a text the key stands for, compared on a lookup; NULL when the key is all */
  size_t len;
  uint64_t digest; /* what the owner wants to remember with it (instr_memo.c: the text's digest) */
  uint32_t facts;  /* the same (instr_memo.c: rules__instr_facts of the instruction, or 0) */
  Diag *diags;     /* owned; offsets relative to an origin, no fixes */
  size_t count;
  /* A second set of results kept for the same key, once `more_kept`
   * (instr_memo.c: the second group's, when they read nothing before the
   * instruction); owned, like `diags`. */
  Diag *more;
  size_t more_count;
  bool more_kept;
  uint64_t run;    /* the last run that used it */
} MemoEntry;

/* Open addressing; entries are dropped only when the table is rebuilt,
 * which happens when it is half full, so that a keystroke neither
 * allocates nor clears a table. */
typedef struct {
  MemoEntry *slots;
  size_t cap; /* a power of two; 0 before the first entry */
  size_t used;
  uint64_t run;
  uint64_t checks; /* which checkers filled it: another set (a `# syntax=`
                      frontend turning the validation rules off) starts over */
  uint64_t rebuilds; /* counts the rebuilds and clears, which move or free every entry */
} MemoTable;

void memo_table_clear(MemoTable *table);

/* Starts a run of `checks` over the table: a table filled by another set
 * of checkers is emptied first. */
void memo_table_start(MemoTable *table, const RuleCheck *const *checks, size_t count);

/* Makes room for `n` more entries, so that keeping them moves no entry
 * (see MemoTable.rebuilds). */
void memo_table_reserve(MemoTable *table, size_t n);
/* Whether memo_table_reserve(table, n) would rebuild the table. */
bool memo_table_needs_room(const MemoTable *table, size_t n);

/* The entry of `key` (and, when `source` is not NULL, of that text), or
 * NULL.  An entry found counts as used by this run. */
MemoEntry *memo_table_find(MemoTable *table, uint64_t key, const char *source, size_t len);

/* Appends the entry's diagnostics to `out`, moved to `origin`. */
void memo_table_take(const MemoEntry *e, DiagList *out, size_t origin);

/* The same for the entry's second set, and keeping `found` as that set
 * (as memo_table_keep does for the first). */
void memo_table_take_more(const MemoEntry *e, DiagList *out, size_t origin);
void memo_table_keep_more(MemoEntry *e, const DiagList *found, size_t origin);

/* Keeps `found` (the diagnostics of one run of the checkers, all inside
 * the part they were run for, which starts at `origin`) under `key`,
 * with a copy of source[0, len) when source is not NULL; `want` is how
 * many entries one run may need.  Returns the entry, valid until the next
 * entry is kept. */
MemoEntry *memo_table_keep(MemoTable *table, uint64_t key, const char *source, size_t len, uint64_t digest,
                     const DiagList *found, size_t origin, size_t want);

/* Runs the checkers of one part (an instruction or a stage: `index`)
 * into `found` instead of ctx->out; returns whether their diagnostics may
 * be kept: the checkers did not look outside (rules__looked_outside) and
 * every diagnostic lies inside [start, end] of this file.  ctx->read_before
 * then says whether they read the instructions before this one. */
typedef void (*MemoRunFn)(RuleCtx *ctx, const DockerfileModel *m, size_t index, const RuleCheck *const *checks,
                          size_t count);
bool memo_run_part(RuleCtx *ctx, DiagList *found, MemoRunFn run, const DockerfileModel *m, size_t index,
                   const RuleCheck *const *checks, size_t count, size_t start, size_t end);

/* Moves the diagnostics of `found` to the end of `out`, as the checkers
 * made them, and empties `found`. */
void memo_pass_on(DiagList *out, DiagList *found);

#endif
