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

/* close_name.c: the one candidate (NULL-ended list) that text[0, len)
 * is a likely typo of: Damerau-Levenshtein distance at most 2 (1 for
 * words of up to 4 characters), case-insensitive.  NULL when none is that
 * close or when two are, since a guess between two would be a coin toss. */
const char *validation__close_name(const char *text, size_t len, const char *const *candidates);

#endif
