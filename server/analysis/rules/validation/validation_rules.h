/* This header is private to the analysis layer: the validation checkers
 * (registered in validation_table.c) and the helpers they share. */
#ifndef DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_
#define DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "../internal.h"

/* validation_instructions.c: the instruction word and its arguments. */
void validation__unknown_instruction(RuleCtx *ctx);
void validation__instruction_args_invalid(RuleCtx *ctx);

/* validation_flags.c: the flags of an instruction. */
void validation__unknown_flag(RuleCtx *ctx);
void validation__flag_duplicate(RuleCtx *ctx);
void validation__flag_value_invalid(RuleCtx *ctx);

/* validation_healthcheck.c: HEALTHCHECK's form and options. */
void validation__healthcheck_form(RuleCtx *ctx);
void validation__healthcheck_option_invalid(RuleCtx *ctx);

/* A word of an instruction's arguments, as the builder's line parser
 * splits them: at blanks (a quote groups nothing there), an escaped line
 * break counting as a blank. */
typedef struct {
  size_t start, end;
} ValidationWord;

/* Splits ctx's text[from, to) into words, stores the first `max` in out
 * (which may be NULL when max is 0) and returns how many there are
 * (validation_words.c). */
size_t validation__split_words(const RuleCtx *ctx, char escape, size_t from, size_t to, ValidationWord *out,
                               size_t max);

/* close_name.c: the one candidate (NULL-ended list) that text[0, len)
 * is a likely typo of: Damerau-Levenshtein distance at most 2 (1 for
 * words of up to 4 characters), case-insensitive.  NULL when none is that
 * close or when two are, since a guess between two would be a coin toss. */
const char *validation__close_name(const char *text, size_t len, const char *const *candidates);

#endif
