/* Casing rules of rules-parity section G: stage-name-casing (a stage
 * name with upper-case letters) and instruction-casing (keywords written
 * in a case of their own). */
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

/* --- instruction-casing --- */

bool rules__keywords_mostly_lower(RuleCtx *ctx) {
  if (!ctx->keyword_case) {
    const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
    /* The case most keywords of the file are written in, counting only
     * those written wholly in one case (the model sums them); a tie counts
     * as upper case. */
    ctx->keyword_case = m && m->keywords_lower > m->keywords_upper ? 'l' : 'u';
  }
  return ctx->keyword_case == 'l';
}

static void ic_rewrite(RuleCtx *ctx, Diag *d, size_t start, size_t end, DfCase to) {
  StrBuf word = STRBUF_INIT;
  for (size_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)ctx->text->bytes[i];
    strbuf_append_char(&word, (char)(to == DF_CASE_LOWER ? tolower(c) : toupper(c)));
  }
  Fix *fix = rules__add_fix(ctx, d, to == DF_CASE_LOWER ? "Write the keyword in lower case"
                                                     : "Write the keyword in upper case", true);
  fix_add_edit(fix, ctx->file, start, end, strbuf_cstr(&word));
  strbuf_destroy(&word);
}

/* The `AS` before a stage name: the two letters before the blanks that
 * precede the name; false when the name does not follow them on the same
 * line. */
static bool ic_as_word(const TextDoc *t, const DfStage *st, size_t *start) {
  size_t p = st->alias_start;
  while (p > 0 && (t->bytes[p - 1] == ' ' || t->bytes[p - 1] == '\t')) p--;
  if (p == st->alias_start || p < 3 || (t->bytes[p - 3] != ' ' && t->bytes[p - 3] != '\t')) return false;
  if (tolower((unsigned char)t->bytes[p - 2]) != 'a' || tolower((unsigned char)t->bytes[p - 1]) != 's') return false;
  *start = p - 2;
  return true;
}

static const char *ic_case_name(DfCase c) { return c == DF_CASE_LOWER ? "lower" : "upper"; }

/* Per instruction, reading the case most keywords of the file are in
 * (RULE_READS_KEYWORD_CASE), which an analysis works out once. */
void df__instruction_casing(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const char *text = ctx->text->bytes;
  DfCase majority = rules__keywords_mostly_lower(ctx) ? DF_CASE_LOWER : DF_CASE_UPPER;
  size_t i = ctx->instr;
  const DfInstr *in = &m->instrs.items[i];
  DfRange kw[2];
  size_t n = dockerfile_instr_keywords(in, kw);
  for (size_t k = 0; k < n; k++) {
    DfCase c = dockerfile_word_case(text, kw[k].start, kw[k].end);
    if (c == majority) continue;
    int len = (int)(kw[k].end - kw[k].start);
    Diag *d = c == DF_CASE_MIXED
                  ? diag_add(ctx->out, RULE_INSTRUCTION_CASING, ctx->file, kw[k].start, kw[k].end,
                             "`%.*s` mixes upper and lower case: the builder reads it in any case, but "
                             "the keywords of this file are mostly %s case",
                             len, text + kw[k].start, ic_case_name(majority))
                  : diag_add(ctx->out, RULE_INSTRUCTION_CASING, ctx->file, kw[k].start, kw[k].end,
                             "`%.*s` is in %s case while the keywords of this file are mostly %s case "
                             "(the builder reads either)",
                             len, text + kw[k].start, ic_case_name(c), ic_case_name(majority));
    ic_rewrite(ctx, d, kw[k].start, kw[k].end, majority);
  }
  /* `AS` follows its FROM keyword, which is in the majority case or
   * is rewritten to it by this rule, so one round of fixes leaves the
   * line consistent. */
  size_t as_start;
  if (in->kind != DF_FROM || in->stage < 0 || n == 0) return;
  const DfStage *st = &m->stages.items[in->stage];
  if (!st->alias || st->from_instr != i || !ic_as_word(ctx->text, st, &as_start)) return;
  DfCase want = majority;
  if (dockerfile_word_case(text, as_start, as_start + 2) == want) return;
  Diag *d = diag_add(ctx->out, RULE_INSTRUCTION_CASING, ctx->file, as_start, as_start + 2,
                     "`%.2s` is not in the case of its FROM keyword: write it in %s case, like the keywords "
                     "of this file",
                     text + as_start, ic_case_name(want));
  ic_rewrite(ctx, d, as_start, as_start + 2, want);
}
