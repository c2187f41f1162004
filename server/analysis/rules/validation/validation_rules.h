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
void val__instruction_shape(RuleCtx *ctx); /* per instruction */
/* val_flags.c: the flags of an instruction */
void val__unknown_flag(RuleCtx *ctx); /* per instruction */
void val__flag_duplicate(RuleCtx *ctx); /* per instruction */
void val__flag_value_invalid(RuleCtx *ctx); /* per instruction */
/* flag-value-invalid's part for the ERROR nodes at the top of the tree,
 * which no model instruction covers: whole-file, walking only a tree
 * with an error. */
void val__flag_value_invalid_errors(RuleCtx *ctx);
/* val_healthcheck.c: HEALTHCHECK's form and options */
void val__healthcheck_form(RuleCtx *ctx); /* per instruction */
void val__healthcheck_option_invalid(RuleCtx *ctx); /* per instruction */
/* val_ports.c: EXPOSE and STOPSIGNAL values */
void val__expose_invalid(RuleCtx *ctx);      /* per instruction */
void val__expose_host_mapping(RuleCtx *ctx); /* per instruction */
void val__stopsignal_invalid(RuleCtx *ctx); /* per instruction */
/* val_stages.c: stage names and the stages --from names */
void val__stage_name_invalid(RuleCtx *ctx);
void val__stage_name_duplicate(RuleCtx *ctx);
void val__stage_name_reserved(RuleCtx *ctx);
void val__copy_from_invalid(RuleCtx *ctx);
void val__copy_from_unknown_stage(RuleCtx *ctx);
/* val_order.c: which instructions may come where */
void val__multiple_instructions(RuleCtx *ctx);
void val__first_instruction_not_from(RuleCtx *ctx);
void val__onbuild_trigger_invalid(RuleCtx *ctx); /* per instruction */

/* A variable word (rules-parity, shared definitions): text holding a `$`
 * that the escape character does not escape.  Its value is unknown
 * offline, so the validation rules do not judge it. */
bool val__variable_word(const DockerfileModel *m, const char *text);

/* Where the text of a DfText starts in the file: one byte after its
 * start when the model removed a pair of quotes around it. */
size_t val__text_start(const DfText *t);

/* An EXPOSE word split as BuildKit splits it (offsets into the word's
 * text). */
typedef struct {
  size_t host_end;
  size_t ip_end;           /* end of the IP part (before the second-last `:`); 0: none */
  size_t port_start, port_end;
  size_t proto_start, proto_end; /* proto_start == proto_end: no protocol (tcp) */
} ExposeParts;

/* Calls `visit` for every EXPOSE word that is not a variable word of the
 * instruction a per-instruction checker is run for (ctx->instr), with its
 * parts and the file offset of its text (val_ports.c; expose-invalid,
 * expose-host-mapping and expose-proto-casing read the words alike, and
 * are all RULE_PER_INSTRUCTION). */
typedef void (*ExposeVisit)(RuleCtx *ctx, const DfText *word, size_t at, const ExposeParts *parts);
void val__expose_each(RuleCtx *ctx, ExposeVisit visit);

/* The close name of `word` among `names` (rules-parity, shared
 * definitions): the only candidate at Damerau-Levenshtein distance <= 2
 * (<= 1 when `word` has at most 4 characters), compared without case, and
 * not equal to it; NULL when there is none or more than one. */
const char *val__close_name(const char *word, const char *const *names, size_t count);

/* The distance val__close_name measures (optimal string alignment,
 * without case); (size_t)-1 for words longer than 64 characters. */
size_t val__name_distance(const char *a, const char *b);

/* A word of an instruction's arguments, as the builder's line parser
 * splits them: at blanks (a quote groups nothing there), an escaped line
 * break counting as a blank. */
typedef struct {
  size_t start, end;
} ValWord;

/* Splits ctx's text[from, to) into words, stores the first `max` in out
 * (which may be NULL when max is 0) and returns how many there are. */
size_t val__split_words(const RuleCtx *ctx, char escape, size_t from, size_t to, ValWord *out, size_t max);

/* --- val_walk.c: reading the tree where the model is not enough --- */

/* Called for each instruction node, an ONBUILD trigger as the instruction
 * it wraps, and each ERROR node that starts with an instruction keyword
 * (`error` true; `kind` is then the keyword's). */
typedef void (*ValVisit)(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data);
void val__each_instruction(RuleCtx *ctx, ValVisit visit, void *data);

/* The same split for a rule whose visitor reads the node alone (and the
 * escape character): val__visit_instruction visits the node of the
 * instruction a per-instruction checker is run for (ctx->instr), and
 * val__each_error the ERROR nodes at the top, which belong to no
 * instruction of the model (a whole-file checker; nothing to visit, and no
 * list gathered, when the tree holds no error). */
void val__visit_instruction(RuleCtx *ctx, ValVisit visit, void *data);
void val__each_error(RuleCtx *ctx, ValVisit visit, void *data);

/* What val__each_instruction visits for the instructions of `m` of one
 * kind (ONBUILD triggers of that kind included) whose text holds
 * `needle` (NULL: all of them), found without a walk over every node
 * when they are few. */
void val__each_of_kind(RuleCtx *ctx, const DockerfileModel *m, DfKind kind, const char *needle, ValVisit visit,
                       void *data);

/* The node at the top of the tree of instruction `index` of `m`, or a
 * null node: a descent for the few a keystroke asks for, a search of the
 * gathered list when a run asks for many. */
TSNode val__top_node_at(RuleCtx *ctx, const DockerfileModel *m, size_t index);

/* A line_continuation or comment node: what the builder removes when it
 * joins a continued instruction into one line. */
bool val__is_gap_node(TSNode node);

/* Text of [start, end) as the builder reads it, with the continuation and
 * comment children of `parent` left out; offset[i] is where text[i] is in
 * the document (offset[len] is `end`).  Free with val__text_destroy. */
typedef struct {
  char *text;
  size_t *offset;
  size_t len;
} ValText;
void val__joined_text(const TextDoc *text, TSNode parent, size_t start, size_t end, ValText *out);
void val__text_destroy(ValText *t);

/* --- val_args.c: the global ARGs, as FROM lines see them --- */

/* The last global ARG (before the first FROM) declaring name[0, len), or
 * NULL. */
const DfPair *val__global_arg(const DockerfileModel *m, const char *name, size_t len);

/* Whether name[0, len) is one of the ARGs BuildKit predefines. */
bool val__predefined_arg(const char *name, size_t len);

/* `text` with $NAME, ${NAME}, ${NAME:-word} and ${NAME-word} replaced
 * by the global ARG defaults (an ARG without default, or none, is unset
 * and gives nothing).  NULL when the result would be a guess: a
 * predefined ARG, a name no global ARG declares (without a default
 * word), another operator, a default that is not a literal, or quotes and
 * escapes in the text.  Caller owns. */
char *val__expand_global(const DockerfileModel *m, const char *text);

/* val_exec_json.c … val_copy_ignored.c: exec-form-invalid-json … copy-ignored-file */
/* Per instruction (RULE_PER_INSTRUCTION in validation_table.c), with a
 * whole-file part for the ERROR nodes at the top where the rule reads
 * them too (`_errors`): */
void val__exec_form_invalid_json(RuleCtx *ctx);
void val__exec_form_invalid_json_errors(RuleCtx *ctx);
void val__kv_syntax(RuleCtx *ctx);
void val__kv_syntax_errors(RuleCtx *ctx);
void val__var_modifier_unsupported(RuleCtx *ctx);
void val__escape_directive_invalid(RuleCtx *ctx);
void val__from_image_invalid(RuleCtx *ctx); /* per instruction */
void val__from_arg_undeclared(RuleCtx *ctx);
void val__copy_dest_not_dir(RuleCtx *ctx); /* per instruction */
void val__no_empty_continuation(RuleCtx *ctx); /* per instruction */
void val__legacy_key_value(RuleCtx *ctx);      /* per instruction */
void val__env_same_statement_ref(RuleCtx *ctx);
void val__copy_ignored_file(RuleCtx *ctx);

#endif
