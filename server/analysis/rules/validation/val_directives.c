/* escape-directive-invalid: the parser directives BuildKit refuses.  An
 * `escape` other than `\` or a backtick ("invalid ESCAPE … Must be ` or
 * \"), and a second `escape`, `syntax` or `check` in the directive block
 * ("only one … parser directive can be used"), stop the build before its
 * first step.  The model's directive list holds exactly the block: the
 * grammar ends it at the first line that is no known directive, as the
 * builder does, so directive-looking comments after it are not seen. */
#include <strings.h>

#include "validation_rules.h"

static bool ed_checked_name(const char *name) {
  return strcasecmp(name, "escape") == 0 || strcasecmp(name, "syntax") == 0 || strcasecmp(name, "check") == 0;
}

static void ed_invalid_value(RuleCtx *ctx, const DfDirective *d) {
  const char *v = d->value.text;
  if ((v[0] == '\\' || v[0] == '`') && v[1] == '\0') return;
  Diag *diag = diag_add(ctx->out, RULE_ESCAPE_DIRECTIVE_INVALID, ctx->file, d->value.start, d->value.end,
                        "`%s` is not an escape character the builder accepts: Docker stops the build "
                        "(the escape directive takes `\\` or `` ` ``)", v);
  /* Neither fix is preferred: which of the two the file was written for
   * decides how every continuation line and path in it reads. */
  Fix *fix = rules__add_fix(ctx, diag, "Set the escape character to `\\`", false);
  fix_add_edit(fix, ctx->file, d->value.start, d->value.end, "\\");
  fix = rules__add_fix(ctx, diag, "Set the escape character to `` ` ``", false);
  fix_add_edit(fix, ctx->file, d->value.start, d->value.end, "`");
}

void val__escape_directive_invalid(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t i = 0; i < m->directives.len; i++) {
    const DfDirective *d = &m->directives.items[i];
    if (strcasecmp(d->name.text, "escape") == 0) ed_invalid_value(ctx, d);
    if (!ed_checked_name(d->name.text)) continue;
    for (size_t k = 0; k < i; k++) {
      const DfDirective *first = &m->directives.items[k];
      if (strcasecmp(first->name.text, d->name.text) != 0) continue;
      Diag *diag = diag_add(ctx->out, RULE_ESCAPE_DIRECTIVE_INVALID, ctx->file, d->start, d->end,
                            "a second `%s` directive: Docker stops the build (each parser directive may be "
                            "given once)", d->name.text);
      diag_add_related(diag, ctx->file, first->start, first->end, "the first one");
      /* Not preferred: the later line may be the one that was meant. */
      Fix *fix = rules__add_fix(ctx, diag, "Delete this directive", false);
      size_t from, to;
      rules__line_span(ctx->text, d->start, d->end, &from, &to);
      fix_add_edit(fix, ctx->file, from, to, "");
      break;
    }
  }
}
