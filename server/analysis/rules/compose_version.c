/* Compose rules (catalog section E) that read the compose model. */
#include "dockls/model/compose.h"
#include "compose_rules.h"

/* True when nothing but blanks precede [start, end) on its first line and
 * nothing but blanks or a comment follow it on its last line: deleting
 * the whole lines then removes exactly this entry. */
static bool compose_owns_lines(const TextDoc *text, size_t start, size_t end) {
  for (size_t i = start; i > 0 && text->bytes[i - 1] != '\n'; i--)
    if (text->bytes[i - 1] != ' ' && text->bytes[i - 1] != '\t') return false;
  for (size_t i = end; i < text->len && text->bytes[i] != '\n' && text->bytes[i] != '\r'; i++) {
    if (text->bytes[i] == '#') return true;
    if (text->bytes[i] != ' ' && text->bytes[i] != '\t') return false;
  }
  return true;
}

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
  if (!compose_owns_lines(ctx->text, e->pair_start, e->pair_end)) return;
  size_t from, to;
  rules__line_span(ctx->text, e->pair_start, e->pair_end, &from, &to);
  Fix *fix = diag_add_fix(d, "Remove the obsolete `version` line", true);
  fix_add_edit(fix, ctx->file, from, to, "");
}
