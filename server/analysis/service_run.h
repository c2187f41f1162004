/* This header is private to the analysis layer: the state that
 * service_memo.c (per-service checkers) and service_compare.c (checkers
 * that compare services) share for one analysis of a compose file, and
 * what they keep on the document from one publish to the next. */
#ifndef DOCKLS_ANALYSIS_SERVICE_RUN_H_
#define DOCKLS_ANALYSIS_SERVICE_RUN_H_

#include <stdint.h>

#include "dockls/model/compose.h"
#include "rules/internal.h"

/* At most this many checkers of the compose table have facts. */
#define SERVICE_COMPARE_MAX 8

typedef struct {
  const ComposeNode *value; /* the lookup key; never read, the model may be gone */
  char *text;               /* the pair's bytes; NULL: nothing kept */
  size_t len;
  size_t start;             /* where the pair started in the text of the last analysis */
  /* The findings, without fixes, at their offsets in the text where the
   * pair started at `base`: given out whole (diaglist_append_lent) while
   * the pair has not moved.  Kept marked lent (diaglist_mark_lent). */
  DiagList diags;
  size_t base;
  bool all_lent;            /* every one of `diags` is marked lent */
  StrArray paths;           /* the dependency edges its results recorded */
  /* Per checker with facts, in table order: what it read of this service
   * (rules__compose_facts); owned, NULL when not worked out. */
  char *facts[SERVICE_COMPARE_MAX];
} ServiceEntry;

/* The last publish's findings of one checker that compares services. */
typedef struct {
  RuleChecker check;  /* whose they are; NULL: nothing kept */
  char *file_facts;   /* its facts of the rest of the file; owned */
  DiagList diags;     /* each range relative to the pair of the service holding it */
  /* Per diagnostic: the index of the service holding its range, then one
   * for each of its related locations in this file. */
  Array(size_t) where;
  StrArray paths;     /* the dependency edges the run recorded */
} ComparedKept;

typedef struct {
  Array(ServiceEntry) entries; /* the last publish's, in file order */
  size_t *slots;               /* open addressing by value address: entry index + 1 */
  size_t cap;                  /* a power of two, or 0 */
  uint64_t outside;            /* ws_outside_changes when they were filled */
  /* ws_text_generation of the text they were filled from, which the
   * analysis marked (WS_MARK_SERVICES): how the text changed since says
   * which services lie in bytes no edit touched. */
  uint64_t text_gen;
  /* The entries are one per service of the publish that filled them:
   * every service was kept (the indices of the findings in `compared`
   * are those services'). */
  bool complete;
  ComparedKept compared[SERVICE_COMPARE_MAX];
  /* The last path ws_dependents asked about (memo_reads) and how many of
   * the entries' paths cover it, kept up to date while entries are
   * replaced in place: every keystroke asks about the document's own
   * path.  reads_abs NULL: not known. */
  char *reads_abs;
  size_t reads_count;
  /* The loan of the borrowed copies a publish takes of the entries'
   * findings (analysis_file_borrowing); NULL until one is given out.
   * The entries' findings are let go through it. */
  DiagLoan *loan;
  /* The entries' findings one after another, in entry order (entry i's
   * from block_at[i] to block_at[i + 1]): copies of their items, sharing
   * their texts and owning nothing, so that a run of services kept in
   * place goes out in one copy.  Only while `block_ok`: rebuilt at the
   * end of an analysis that changed the entries, or patched when the
   * only change is an entry replaced by as many findings. */
  DiagList block;
  size_t *block_at;
  bool block_ok;
  /* Every entry's findings in the block are in order with the next
   * entry's: a run of entries moved alike then needs no comparison
   * where they meet. */
  bool block_sorted;
} ServiceMemo;

typedef struct ServiceRun {
  const ComposeModel *model;
  ServiceMemo *memo; /* NULL: nothing is taken or kept (not a publish) */
  ServiceEntry **hit;  /* per service: the kept entry taken, or NULL */
  Array(size_t) todo;  /* the services whose checkers run, in file order */
  /* Per service: what this run keeps (NULL, or text NULL: nothing), made
   * for the services whose checkers run only, so that a keystroke does
   * not clear an entry for every service of the file. */
  ServiceEntry **fresh;
  bool *cacheable;     /* per service: service_cacheable's answer */
  size_t compared;     /* the checkers with facts run so far */
  /* How the services line up with the kept entries (service_compare.c):
   * 0 not yet known, 1 one to one, -1 not. */
  int aligned;
  size_t changed;       /* when aligned: the one service whose text changed, or SIZE_MAX */
  size_t prefix, suffix; /* its bytes left alone at either end */
} ServiceRun;

/* What run->fresh keeps for service i, or NULL. */
static inline ServiceEntry *service_run__fresh(const ServiceRun *run, size_t i) {
  return run->fresh && run->fresh[i] && run->fresh[i]->text ? run->fresh[i] : NULL;
}

/* The run of this analysis, begun when the first checker asks. */
ServiceRun *service_run__get(RuleCtx *ctx, bool use_memo);

/* Frees what a kept entry holds and empties it; its findings go through
 * `loan` (the memo's, or NULL for an entry never given out), since a list
 * may still borrow them. */
void service_entry__free(ServiceEntry *e, DiagLoan *loan);

/* Drops repeated paths, as service_memo.c keeps them; false when one of
 * them is `own` (the document's own path, NULL when it has none). */
bool service_paths__unique(StrArray *paths, const char *own);

/* Frees the kept findings of every checker with facts. */
void service_compare__clear(ServiceMemo *memo);

#endif
