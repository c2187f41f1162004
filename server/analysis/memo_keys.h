/* This header is private to the analysis layer: the keys under which the
 * results of per-instruction and per-stage checkers are kept from one
 * analysis to the next (instr_memo.c, stage_memo.c), and the hashing they
 * are made of. */
#ifndef DOCKLS_ANALYSIS_MEMO_KEYS_H_
#define DOCKLS_ANALYSIS_MEMO_KEYS_H_

#include <stddef.h>
#include <stdint.h>

#include "dockls/analysis/diag.h"
#include "dockls/model/dockerfile.h"

/* Inline: a keystroke mixes a few words for each of thousands of keys. */
static inline uint64_t memo_mix(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15u;
  return h ^ (h >> 31);
}

/* A hash of n bytes, eight at a time, folded into h. */
uint64_t memo_hash(uint64_t h, const char *s, size_t n);
/* The same for a C string; NULL hashes apart from "". */
uint64_t memo_hash_str(uint64_t h, const char *s);

/* What one analysis keys its results by, worked out once per analysis
 * and only the parts some checker reads. */
typedef struct {
  const DockerfileModel *model;
  /* RULE_READS_STAGE, per stage: the images of its FROM chain as
   * resolved, whether the root one is known, its shell, whether it ends
   * in the final image and whether it is the final stage.  NULL when no
   * checker reads it. */
  uint64_t *stages;
  /* RULE_READS_GLOBAL_ARGS: the text of the instructions before the first
   * FROM; 0 when no checker reads it. */
  uint64_t globals;
  /* RULE_READS_KEYWORD_CASE: which case most keywords are in (1 upper,
   * 2 lower); 0 when no checker reads it.  Set by the caller, which has
   * the analysis (rules__keywords_mostly_lower). */
  uint64_t keyword_case;
  /* RULE_READS_BEFORE and the per-stage checkers: for each instruction
   * its own digest (its text and how the model read it: memo_instr_digest)
   * and a digest of every instruction before it in its stage and the
   * stages that stage is built from, and for each stage the digest of all
   * of its chain.  NULL when no checker reads them.  `own` is filled
   * first (instr_memo.c takes most of it from its entries, so that
   * unchanged texts are not hashed again), then memo_keys_chain_from fills the
   * other two. */
  uint64_t *own;
  uint64_t *before;
  uint64_t *chain;
  /* The per-stage checkers: for each instruction a digest of the gaps
   * between the instructions of its stage up to it (comments, blank
   * lines), and for each stage that of all of them, which with the
   * digests of the instructions' texts says where each instruction starts
   * relative to the stage's first.  Filled with `before` and `chain`;
   * NULL without per-stage checkers. */
  uint64_t *spacing;
  uint64_t *stage_spacing;
  /* The per-stage checkers: rules__instr_facts of each instruction, kept
   * with the first group's entries like `own`.  NULL without them. */
  uint32_t *facts;
  /* A value this document's analyses never used before: the digest of an
   * instruction the model gives no complete text for (see instr_digest). */
  uint64_t unique;
} MemoKeys;

/* `reads` is the union of the RULE_READS_* bits of the checkers to run,
 * plus RULE_PER_STAGE when per-stage checkers are among them (they read
 * everything above). */
void memo_keys_init(MemoKeys *keys, const DockerfileModel *m, unsigned reads, uint64_t unique);
void memo_keys_free(MemoKeys *keys);

/* Moves the arrays an analysis keeps for the next one (own, before,
 * chain, spacing and facts) from `from` to `to`, freeing those `to` held. */
void memo_keys_keep(MemoKeys *to, MemoKeys *from);

/* Copies into `keys` what the arrays `kept` kept from the last analysis,
 * of `old_n` instructions, hold for the instructions the model took over:
 * its first `head` and its last `tail`.  own and facts of both; before and
 * spacing of the head, and chain and stage_spacing of every stage, which
 * memo_keys_chain_from(keys, head) works out again for the stages the
 * edit is in or after. */
void memo_keys_carry(MemoKeys *keys, const MemoKeys *kept, size_t head, size_t tail, size_t old_n);

/* The digest of instruction i for `own`: its text, whole, and
 * memo_instr_bits. */
uint64_t memo_instr_digest(const MemoKeys *keys, size_t i);

/* Fills `before` and `chain` from `own`, for the instructions from
 * `from` on and the stages that do not end before it: those before hold
 * what this would give them already (0, or an analysis took them over with
 * those instructions). */
void memo_keys_chain_from(MemoKeys *keys, size_t from);

/* What the model read instruction `in` with besides its text: its kind,
 * shell, form, syntax error, whether it is before the first FROM, and the
 * escape character. */
uint64_t memo_instr_bits(const DockerfileModel *m, const DfInstr *in);

/* Whether results may be kept: every diagnostic and related location in
 * this file and inside [start, end], and no fix. */
bool memo_diags_within(const DiagList *found, FileId file, size_t start, size_t end);

#endif
