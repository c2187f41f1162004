/* rules-parity section G, best practices the peers report:
 * expose-proto-casing, maintainer-deprecated, redundant-target-platform. */
#include <ctype.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "../validation/validation_rules.h"
#include "dockerfile_rules.h"

/* --- expose-proto-casing --- */

static void proto_casing_visit(RuleCtx *ctx, const DfText *word, size_t at, const ExposeParts *parts) {
  const char *proto = word->text + parts->proto_start;
  size_t len = parts->proto_end - parts->proto_start;
  bool upper = false;
  for (size_t i = 0; i < len; i++) upper |= isupper((unsigned char)proto[i]) != 0;
  if (!upper) return;
  size_t start = at + parts->proto_start, end = at + parts->proto_end;
  Diag *d = diag_add(ctx->out, RULE_EXPOSE_PROTO_CASING, ctx->file, start, end,
                     "the builder reads the protocol `%.*s` in lower case: write it so", (int)len, proto);
  StrBuf lower = STRBUF_INIT;
  for (size_t i = 0; i < len; i++) strbuf_append_char(&lower, (char)tolower((unsigned char)proto[i]));
  Fix *fix = rules__add_fix(ctx, d, "Write the protocol in lower case", true);
  fix_add_edit(fix, ctx->file, start, end, lower.data);
  strbuf_destroy(&lower);
}

void df__expose_proto_casing(RuleCtx *ctx) { val__expose_each(ctx, proto_casing_visit); }

/* --- maintainer-deprecated --- */

/* Per instruction. */
void df__maintainer_deprecated(RuleCtx *ctx) {
  const char *src = ctx->text->bytes;
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_MAINTAINER) return;
  Diag *d = diag_add(ctx->out, RULE_MAINTAINER_DEPRECATED, ctx->file, in->keyword_start, in->keyword_end,
                     "MAINTAINER is deprecated: the builder still records it, but the author belongs in the "
                     "`org.opencontainers.image.authors` label");
  /* The text after the keyword, on one line: a continued MAINTAINER
   * keeps the leading blanks of its next line in the value, which a
   * rewrite could not reproduce, so it gets no fix. */
  size_t start = in->keyword_end, end = in->end;
  while (start < end && (src[start] == ' ' || src[start] == '\t')) start++;
  while (end > start && (src[end - 1] == ' ' || src[end - 1] == '\t' || src[end - 1] == '\r' ||
                         src[end - 1] == '\n'))
    end--;
  if (start == end || memchr(src + start, '\n', end - start) || memchr(src + start, '$', end - start)) return;
  bool lower = islower((unsigned char)src[in->keyword_start]) != 0;
  StrBuf label = STRBUF_INIT;
  strbuf_append(&label, lower ? "label" : "LABEL");
  strbuf_append(&label, " org.opencontainers.image.authors=\"");
  for (size_t p = start; p < end; p++) {
    if (src[p] == '"' || src[p] == '\\') strbuf_append_char(&label, '\\');
    strbuf_append_char(&label, src[p]);
  }
  strbuf_append_char(&label, '"');
  Fix *fix = rules__add_fix(ctx, d, "Replace with the org.opencontainers.image.authors label", true);
  fix_add_edit(fix, ctx->file, in->keyword_start, end, label.data);
  strbuf_destroy(&label);
}

/* --- redundant-target-platform --- */

/* Per instruction. */
void df__redundant_target_platform(RuleCtx *ctx) {
  const char *src = ctx->text->bytes;
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_FROM) return;
  for (size_t k = 0; k < df_flags(in)->len; k++) {
    const DfFlag *f = &df_flags(in)->items[k];
    if (strcmp(f->name.text, "platform") != 0 || !f->value.text) continue;
    if (strcmp(f->value.text, "$TARGETPLATFORM") != 0 && strcmp(f->value.text, "${TARGETPLATFORM}") != 0) continue;
    Diag *d = diag_add(ctx->out, RULE_REDUNDANT_TARGET_PLATFORM, ctx->file, f->start, f->end,
                       "`--platform=%s` is what FROM uses anyway: the flag can go", f->value.text);
    size_t end = f->end;
    if (end < ctx->text->len && src[end] == ' ') end++;
    Fix *fix = rules__add_fix(ctx, d, "Remove the flag", true);
    fix_add_edit(fix, ctx->file, f->start, end, "");
  }
}
