/* This header is private to the analysis layer: the validation checkers
 * (registered in validation_table.c) and the helpers they share. */
#ifndef DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_
#define DOCKLS_ANALYSIS_RULES_VALIDATION_RULES_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "../internal.h"

/* --- val_walk.c: reading the tree where the model is not enough --- */

/* Called for each instruction node, an ONBUILD trigger as the instruction
 * it wraps, and each ERROR node that starts with an instruction keyword
 * (`error` true; `kind` is then the keyword's). */
typedef void (*ValVisit)(RuleCtx *ctx, TSNode node, DfKind kind, bool error, void *data);
void val__each_instruction(RuleCtx *ctx, ValVisit visit, void *data);

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

/* --- val_close_name.c --- */

/* The catalog's close name of word[0, len) among `candidates`: the one
 * within Damerau-Levenshtein distance 2 (1 for words of up to 4
 * characters), case-insensitively; NULL when none or several are. */
const char *val__close_name(const char *word, size_t len, const char *const *candidates, size_t count);

/* --- the checkers, in catalog order --- */

void val__exec_form_invalid_json(RuleCtx *ctx);
void val__kv_syntax(RuleCtx *ctx);
void val__var_modifier_unsupported(RuleCtx *ctx);
void val__escape_directive_invalid(RuleCtx *ctx);
void val__from_image_invalid(RuleCtx *ctx);
void val__from_arg_undeclared(RuleCtx *ctx);
void val__copy_dest_not_dir(RuleCtx *ctx);
void val__no_empty_continuation(RuleCtx *ctx);
void val__legacy_key_value(RuleCtx *ctx);
void val__env_same_statement_ref(RuleCtx *ctx);
void val__copy_ignored_file(RuleCtx *ctx);

#endif
