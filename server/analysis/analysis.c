/* Runs the rules over one file: every checker registered for the file's
 * kind in the areas' check tables, then sorts the result so that every
 * adapter prints the same order. */
#include "dockls/analysis/analysis.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"
#include "rules/internal.h"
#include "fix.h"
#include "settings.h"
#include "suppress.h"

static const RuleCheck *const check_tables[] = {rules__syntax_checks, rules__dockerfile_checks,
                                                rules__context_checks, rules__compose_checks};

void analysis_file(Workspace *ws, FileId id, DiagList *out) {
  DocKind kind = ws_kind(ws, id);
  if (kind == DOC_KIND_OTHER) return;
  /* The rules record what they read; start from a clean slate so the
   * edges describe this analysis only. */
  ws_deps_clear(ws, id);
  RuleCtx ctx = {.ws = ws, .file = id, .text = ws_text(ws, id), .out = out};
  size_t first = out->len;
  for (size_t t = 0; t < sizeof check_tables / sizeof *check_tables; t++)
    for (const RuleCheck *c = check_tables[t]; c->check; c++)
      if (c->kinds & (1u << kind)) c->check(&ctx);
  xfree(ctx.build_context);
  fix__drop_unseen(ws, id, out, first);
  suppress_apply(ws, id, out, first);
  if (kind != DOC_KIND_CONFIG) settings_apply(ws, id, out, first);
  diaglist_sort_from(out, first);
}

void rules__line_span(const TextDoc *text, size_t start, size_t end, size_t *from, size_t *to) {
  while (start > 0 && text->bytes[start - 1] != '\n' && text->bytes[start - 1] != '\r') start--;
  while (end < text->len && text->bytes[end] != '\n' && text->bytes[end] != '\r') end++;
  if (end < text->len && text->bytes[end] == '\r') end++;
  if (end < text->len && text->bytes[end] == '\n') end++;
  *from = start;
  *to = end;
}

const char *rules__eol(const TextDoc *text) {
  const char *nl = memchr(text->bytes, '\n', text->len);
  return nl && nl > text->bytes && nl[-1] == '\r' ? "\r\n" : "\n";
}

size_t rules__line_start(const TextDoc *text, size_t offset) {
  while (offset > 0 && text->bytes[offset - 1] != '\n' && text->bytes[offset - 1] != '\r') offset--;
  return offset;
}

void rules__insert_line_before(Fix *fix, FileId file, const TextDoc *text, size_t offset,
                               const char *line) {
  size_t start = rules__line_start(text, offset), indent = start;
  while (indent < text->len && (text->bytes[indent] == ' ' || text->bytes[indent] == '\t')) indent++;
  StrBuf ins = STRBUF_INIT;
  strbuf_append_n(&ins, text->bytes + start, indent - start);
  strbuf_append(&ins, line);
  strbuf_append(&ins, rules__eol(text));
  fix_add_edit(fix, file, start, start, strbuf_cstr(&ins));
  strbuf_destroy(&ins);
}

bool analysis_rule_has_checker(RuleId rule) {
  for (size_t t = 0; t < sizeof check_tables / sizeof *check_tables; t++)
    for (const RuleCheck *c = check_tables[t]; c->check; c++)
      if (c->rule == rule) return true;
  return false;
}
