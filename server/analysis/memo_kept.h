/* This header is private to the analysis layer: the findings the
 * per-instruction checkers gave in the last analysis of a Dockerfile, as
 * one list in instruction order, which the next analysis changes where
 * the edit did (instr_memo.c). */
#ifndef DOCKLS_ANALYSIS_MEMO_KEPT_H_
#define DOCKLS_ANALYSIS_MEMO_KEPT_H_

#include <stddef.h>
#include <stdint.h>

#include "dockls/analysis/diag.h"

/* The findings of `n` instructions: instruction i's are
 * diags[at[i], at[i + 1]), the first `alone[i]` of them from the checkers
 * that read their instruction only (instr_memo.c's first group), the rest
 * from those that also read the instructions before it.  Every finding is
 * a shared copy (Diag.shared) at its place in the analysed text, so that
 * giving them all out costs a reference each. */
typedef struct {
  DiagList diags;
  size_t *at;      /* n + 1 entries; NULL while n is 0 */
  uint32_t *alone; /* n entries */
  size_t n;
} KeptFindings;

/* Frees the findings through `loan` (diag_loan_retire: while a list
 * borrows some, their texts stay until it lets go); NULL frees at once. */
void kept_findings_free(KeptFindings *kept, DiagLoan *loan);

/* An instruction of the new analysis whose findings of one group or both
 * were worked out again (`alone`, `after`): they are fresh_alone[a_from,
 * a_to) and fresh_after[b_from, b_to). */
typedef struct {
  size_t instr;
  bool alone, after;
  size_t a_from, a_to, b_from, b_to;
} KeptFresh;
typedef Array(KeptFresh) KeptFreshArray;

/* Makes `kept` the findings of the `n` instructions of the new analysis:
 * its first `head` instructions are the old first `head`, its last
 * `tail` the old last `tail`, their text moved by `delta` bytes, and every
 * instruction in between has an entry in `fresh` (which lists, in order of
 * instruction, every instruction with a group worked out again).  The
 * findings of the other instructions are taken over, moved by `delta`
 * after the edit; those that were replaced are freed through `loan` (see
 * kept_findings_free).  The fresh lists'
 * findings move into `kept` (made shared copies when they are not), and
 * the lists are left empty. */
void kept_findings_splice(KeptFindings *kept, size_t n, size_t head, size_t tail, ptrdiff_t delta,
                          const KeptFreshArray *fresh, DiagList *fresh_alone, DiagList *fresh_after,
                          DiagLoan *loan);

#endif
