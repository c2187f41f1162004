/* This header is private to the analysis layer: the validation checkers
 * (registered in validation_table.c) and the helpers they share. */
#ifndef DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_
#define DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "../internal.h"

/* val_instructions.c: the instruction word and its arguments */
void val__unknown_instruction(RuleCtx *ctx);
void val__instruction_args_invalid(RuleCtx *ctx);
/* val_flags.c: the flags of an instruction */
void val__unknown_flag(RuleCtx *ctx);
void val__flag_duplicate(RuleCtx *ctx);
void val__flag_value_invalid(RuleCtx *ctx);
/* val_healthcheck.c: HEALTHCHECK's form and options */
void val__healthcheck_form(RuleCtx *ctx);
void val__healthcheck_option_invalid(RuleCtx *ctx);
/* val_ports.c: EXPOSE and STOPSIGNAL values */
void val__expose_invalid(RuleCtx *ctx);
void val__expose_host_mapping(RuleCtx *ctx);
void val__stopsignal_invalid(RuleCtx *ctx);
/* val_stages.c: stage names and the stages --from names */
void val__stage_name_invalid(RuleCtx *ctx);
void val__stage_name_duplicate(RuleCtx *ctx);
void val__stage_name_reserved(RuleCtx *ctx);
void val__copy_from_invalid(RuleCtx *ctx);
void val__copy_from_unknown_stage(RuleCtx *ctx);
/* val_order.c: which instructions may come where */
void val__multiple_instructions(RuleCtx *ctx);
void val__first_instruction_not_from(RuleCtx *ctx);
void val__onbuild_trigger_invalid(RuleCtx *ctx);

/* A variable word (rules-parity, shared definitions): text holding a `$`
 * that the escape character does not escape.  Its value is unknown
 * offline, so the validation rules do not judge it. */
bool val__variable_word(const DockerfileModel *m, const char *text);

/* Where the text of a DfText starts in the file: one byte after its
 * start when the model removed a pair of quotes around it. */
size_t val__text_start(const DfText *t);

/* The close name of `word` among `names` (rules-parity, shared
 * definitions): the only candidate at Damerau-Levenshtein distance <= 2
 * (<= 1 when `word` has at most 4 characters), compared without case, and
 * not equal to it; NULL when there is none or more than one. */
const char *val__close_name(const char *word, const char *const *names, size_t count);

/* A word of an instruction's arguments, as the builder's line parser
 * splits them: at blanks (a quote groups nothing there), an escaped line
 * break counting as a blank. */
typedef struct {
  size_t start, end;
} ValWord;

/* Splits ctx's text[from, to) into words, stores the first `max` in out
 * (which may be NULL when max is 0) and returns how many there are. */
size_t val__split_words(const RuleCtx *ctx, char escape, size_t from, size_t to, ValWord *out, size_t max);

#endif
