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

/* --- the checkers, in catalog order --- */

void val__exec_form_invalid_json(RuleCtx *ctx);
void val__kv_syntax(RuleCtx *ctx);
void val__var_modifier_unsupported(RuleCtx *ctx);
void val__escape_directive_invalid(RuleCtx *ctx);

#endif
