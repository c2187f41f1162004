/* Catalog section F, where instructions may stand: one CMD, ENTRYPOINT
 * and HEALTHCHECK per stage (multiple-instructions), FROM before anything
 * but global ARGs (first-instruction-not-from), and what ONBUILD may
 * trigger (onbuild-trigger-invalid). */
#include <string.h>

#include "validation_rules.h"

/* --- multiple-instructions --- */

/* The end of an instruction without the line break that ends it, so a
 * range or a line span stays on the instruction's own lines. */
static size_t instr_end(const TextDoc *text, const DfInstr *in) {
  size_t end = in->end;
  while (end > in->start && (text->bytes[end - 1] == '\n' || text->bytes[end - 1] == '\r')) end--;
  return end;
}

void val__multiple_instructions(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  static const DfKind kinds[] = {DF_CMD, DF_ENTRYPOINT, DF_HEALTHCHECK};
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
      /* ONBUILD-wrapped ones are DF_ONBUILD and the CMD of a HEALTHCHECK
       * is part of it, so neither is counted here. */
      const DfInstr *last = dockerfile_last(m, st, kinds[k], false);
      for (size_t i = st->first; last && i < st->last; i++) {
        const DfInstr *in = &m->instrs.items[i];
        if (in->kind != kinds[k] || in == last) continue;
        const char *name = dockerfile_kind_name(in->kind);
        Diag *d = diag_add(ctx->out, RULE_MULTIPLE_INSTRUCTIONS, ctx->file, in->keyword_start, in->keyword_end,
                           "the builder ignores this %s: a later %s in the same stage (line %zu) replaces it; "
                           "only the last one takes effect",
                           name, name, (size_t)text_pos_of(ctx->text, last->start, POS_ENC_UTF8).line + 1);
        diag_add_related(d, ctx->file, last->keyword_start, last->keyword_end, "the one that takes effect");
        /* Not preferred: the image does not change, but the author may have
         * meant this one and the later one is the mistake. */
        size_t from, to;
        rules__line_span(ctx->text, in->start, instr_end(ctx->text, in), &from, &to);
        Fix *fix = rules__add_fix(ctx, d, "Delete the ignored instruction", false);
        fix_add_edit(fix, ctx->file, from, to, "");
      }
    }
  }
}

/* --- first-instruction-not-from --- */

void val__first_instruction_not_from(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind == DF_ARG) continue;
    if (in->kind == DF_FROM) return;
    diag_add(ctx->out, RULE_FIRST_INSTRUCTION_NOT_FROM, ctx->file, in->start, instr_end(ctx->text, in),
             "Docker stops the build: %s comes before any FROM; only ARG may precede the first FROM",
             dockerfile_kind_name(in->kind));
    return;
  }
  /* Nothing but global ARGs, comments and directives: no stage at all. */
  size_t end = 0;
  while (end < ctx->text->len && ctx->text->bytes[end] != '\n' && ctx->text->bytes[end] != '\r') end++;
  diag_add(ctx->out, RULE_FIRST_INSTRUCTION_NOT_FROM, ctx->file, 0, end,
           "Docker stops the build: the file has no FROM, so there is no stage to build");
}

/* --- onbuild-trigger-invalid --- */

void val__onbuild_trigger_invalid(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_ONBUILD) return;
  if (in->trigger == DF_ONBUILD)
    diag_add(ctx->out, RULE_ONBUILD_TRIGGER_INVALID, ctx->file, in->trigger_start, in->trigger_end,
             "Docker stops the build: ONBUILD cannot be chained (`ONBUILD ONBUILD`)");
  else if (in->trigger == DF_FROM || in->trigger == DF_MAINTAINER)
    diag_add(ctx->out, RULE_ONBUILD_TRIGGER_INVALID, ctx->file, in->trigger_start, in->trigger_end,
             "Docker stops the build: ONBUILD cannot trigger %s; it may trigger any instruction but FROM, "
             "MAINTAINER and ONBUILD",
             dockerfile_kind_name(in->trigger));
}
