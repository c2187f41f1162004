/* from-platform-constant (rules-parity section G): a FROM pinned to one
 * literal platform.  A multi-platform build (`--platform a,b`) then pulls
 * and runs that one platform's image for every target, so the result is
 * not what the target asked for. */
#include <string.h>
#include <strings.h>

#include "../validation/validation_rules.h"
#include "dockerfile_rules.h"

/* Whether the stage name holds a part of the platform (`linux/arm64` has
 * the parts `linux` and `arm64`), compared without case: a stage named
 * `build_arm64` is meant to be that platform's stage, as BuildKit
 * assumes too. */
static bool fp_named_for(const char *alias, const char *platform) {
  if (!alias) return false;
  size_t alias_len = strlen(alias);
  for (const char *p = platform; *p;) {
    size_t n = strcspn(p, "/");
    for (size_t i = 0; n && i + n <= alias_len; i++)
      if (strncasecmp(alias + i, p, n) == 0) return true;
    p += n;
    if (*p == '/') p++;
  }
  return false;
}

/* Per instruction: a FROM that opens a stage, and its stage name, which
 * is part of its own text. */
void df__from_platform_constant(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *from = &m->instrs.items[ctx->instr];
  if (from->kind != DF_FROM || from->stage < 0) return;
  const DfStage *st = &m->stages.items[from->stage];
  if (st->from_instr != ctx->instr) return;
  for (size_t k = 0; k < df_flags(from)->len; k++) {
    const DfFlag *f = &df_flags(from)->items[k];
    if (strcmp(f->name.text, "platform") != 0 || !f->value.text || !*f->value.text) continue;
    if (val__variable_word(m, f->value.text) || fp_named_for(st->alias, f->value.text)) continue;
    diag_add(ctx->out, RULE_FROM_PLATFORM_CONSTANT, ctx->file, f->start, f->end,
             "`--platform=%s` pins this stage to one platform: a multi-platform build pulls and runs "
             "the %s image for every target platform",
             f->value.text, f->value.text);
  }
}
