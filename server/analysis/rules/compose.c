/* Compose rules (catalog section E) that read the compose model. */
#include "dockls/model/compose.h"
#include "internal.h"

/* compose-version-obsolete: Compose v2 ignores the top-level `version`
 * key and warns about it on every command.  The fix deletes the key's
 * whole line(s), value included, so no empty line is left behind. */
void rule_compose_version_obsolete(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model) return;
  const ComposeEntry *e = compose_top_entry(model, "version");
  if (!e) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_VERSION_OBSOLETE, ctx->file, e->key_start, e->key_end,
                     "`version` is obsolete: Compose ignores it and prints a warning");
  size_t from, to;
  rules__line_span(ctx->text, e->pair_start, e->pair_end, &from, &to);
  Fix *fix = diag_add_fix(d, "Remove the obsolete `version` line", true);
  fix_add_edit(fix, ctx->file, from, to, "");
}
