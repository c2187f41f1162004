/* Compose rules that look at the file as a whole: the obsolete top-level
 * `version` key (catalog section E), and the problems Compose's YAML
 * loader refuses although the text parses (duplicate keys, unknown
 * anchors, bad merges), which the model collects and which are reported
 * as syntax-error: the file does not load, exactly as with a parse
 * error. */
#include "dockls/model/compose.h"
#include "compose_rules.h"


/* compose-version-obsolete: Compose v2 ignores the top-level `version`
 * key and warns about it on every command.  The fix deletes the key's
 * whole line(s), value included, so no empty line is left behind; in a
 * flow mapping (`{version: "3", services: …}`) the line holds other keys
 * and no fix is offered. */
void compose__version_obsolete(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model) return;
  const ComposeEntry *e = compose_top_entry(model, "version");
  if (!e) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_VERSION_OBSOLETE, ctx->file, e->key_start, e->key_end,
                     "`version` is obsolete: Compose ignores it and prints a warning");
  if (!compose__owns_lines(ctx->text, e->pair_start, e->pair_end)) return;
  size_t from, to;
  rules__line_span(ctx->text, e->pair_start, e->pair_end, &from, &to);
  Fix *fix = rules__add_fix(ctx, d, "Remove the obsolete `version` line", true);
  fix_add_edit(fix, ctx->file, from, to, "");
}

void compose__loader_problems(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  if (!model) return;
  for (size_t i = 0; i < model->problems.len; i++) {
    const ComposeProblem *p = &model->problems.items[i];
    diag_add(ctx->out, RULE_SYNTAX_ERROR, ctx->file, p->start, p->end, "YAML: %s", p->message);
  }
}
