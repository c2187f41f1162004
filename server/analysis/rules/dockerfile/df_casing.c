/* Casing rules of rules-parity section G: stage-name-casing (a stage
 * name with upper-case letters). */
#include <ctype.h>
#include <string.h>

#include "../../index.h"
#include "../validation/validation_rules.h"
#include "dockerfile_rules.h"

/* --- stage-name-casing --- */

/* Every place the symbol index finds for the stage declared at
 * `alias_start` (its `AS` name, FROM lines built on it, `COPY --from`,
 * `RUN --mount=from=`), rewritten in lower case.  The builder compares
 * stage names without case, so the references that were written in
 * another case already named this stage and still do. */
static void sc_lower_everywhere(RuleCtx *ctx, Fix *fix, size_t alias_start) {
  if (!fix) return; /* the index is built only for a fix that is wanted */
  SymIndex ix;
  sym_index_build(ctx->ws, ctx->file, false, &ix);
  const SymOcc *decl = sym_index_at(&ix, ctx->file, alias_start);
  for (size_t i = 0; decl && i < ix.occs.len; i++) {
    const SymOcc *o = &ix.occs.items[i];
    if (o->file != ctx->file || !sym_same(o, decl)) continue;
    StrBuf lower = STRBUF_INIT;
    for (size_t k = o->start; k < o->end; k++)
      strbuf_append_char(&lower, (char)tolower((unsigned char)ctx->text->bytes[k]));
    fix_add_edit(fix, ctx->file, o->start, o->end, strbuf_cstr(&lower));
    strbuf_destroy(&lower);
  }
  sym_index_free(&ix);
}

void df__stage_name_casing(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    /* A name built from a variable (`AS ${STAGE}`) is a variable word:
     * its value is unknown offline, so it is not judged. */
    if (!st->alias || st->alias_end <= st->alias_start || val__variable_word(m, st->alias)) continue;
    bool upper = false;
    for (const char *p = st->alias; *p; p++) upper |= isupper((unsigned char)*p) != 0;
    if (!upper) continue;
    Diag *d = diag_add(ctx->out, RULE_STAGE_NAME_CASING, ctx->file, st->alias_start, st->alias_end,
                       "the builder reads the stage name `%s` in lower case: write it so, here and where it "
                       "is used",
                       st->alias);
    sc_lower_everywhere(ctx, rules__add_fix(ctx, d, "Write the stage name in lower case everywhere", true),
                        st->alias_start);
  }
}
