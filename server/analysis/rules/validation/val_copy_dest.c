/* copy-dest-not-dir: COPY or ADD with several sources into a destination
 * that does not end in `/`.  The builder refuses it ("the destination
 * must be a directory and end with a /"): with several sources it cannot
 * tell a file to create from a folder to fill. */
#include <string.h>

#include "validation_rules.h"

/* Whether the destination names a folder as the builder reads it: ends
 * in `/` or `\` (Windows stages write `C:\\app\\`, or `C:\app\` under a
 * backtick escape, and docker-library's Windows images copy into such
 * folders), or is `.`/`..`, which the builder completes with `/`. */
static bool cd_is_dir(const char *dest) {
  size_t n = strlen(dest);
  if (n == 0) return true; /* nothing to judge */
  char last = dest[n - 1];
  if (last == '/' || last == '\\') return true;
  return strcmp(dest, ".") == 0 || strcmp(dest, "..") == 0;
}

/* A destination whose last part is a variable may well end in `/` once
 * expanded (`$APP_HOME`, `/srv/${DIR}`): not judged. */
static bool cd_ends_with_variable(const char *dest) {
  const char *slash = strrchr(dest, '/');
  return strchr(slash ? slash : dest, '$') != NULL;
}

void val__copy_dest_not_dir(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if ((in->kind != DF_COPY && in->kind != DF_ADD) || in->heredoc || df_paths(in)->len < 3) return;
  const DfText *dest = array_last(df_paths(in));
  if (cd_is_dir(dest->text) || cd_ends_with_variable(dest->text)) return;
  const char *name = in->kind == DF_COPY ? "COPY" : "ADD";
  Diag *d = diag_add(ctx->out, RULE_COPY_DEST_NOT_DIR, ctx->file, dest->start, dest->end,
                     "%s has %zu sources, so its destination `%s` must be a folder ending in `/`: Docker stops "
                     "the build", name, df_paths(in)->len - 1, dest->text);
  /* A quoted destination (exec form, or a quoted word) gets the `/`
   * inside its quotes. */
  size_t at = dest->end;
  const char *t = ctx->text->bytes;
  if (at - dest->start >= 2 && (t[at - 1] == '"' || t[at - 1] == '\'') && t[dest->start] == t[at - 1]) at--;
  Fix *fix = rules__add_fix(ctx, d, "End the destination with `/`", true);
  fix_add_edit(fix, ctx->file, at, at, "/");
}
