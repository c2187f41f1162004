/* Runs the rules over one file: every checker registered for the file's
 * kind in the areas' check tables, then sorts the result so that every
 * adapter prints the same order. */
#include "dockls/analysis/analysis.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"
#include "rules/internal.h"
#include "settings.h"
#include "suppress.h"

static const RuleCheck *const check_tables[] = {rules__syntax_checks, rules__dockerfile_checks,
                                                rules__context_checks, rules__compose_checks};

void analysis_file(const Workspace *ws, FileId id, DiagList *out) {
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
  suppress_apply(ws, id, out, first);
  if (kind != DOC_KIND_CONFIG) settings_apply(ws, id, out, first);
  diaglist_sort(out);
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

static bool fix_overlaps(const Fix *fix, const FixPtrArray *taken) {
  for (size_t i = 0; i < taken->len; i++) {
    const Fix *other = taken->items[i];
    for (size_t a = 0; a < fix->edits.len; a++) {
      for (size_t b = 0; b < other->edits.len; b++) {
        const FixEdit *x = &fix->edits.items[a], *y = &other->edits.items[b];
        if (x->file != y->file) continue;
        /* Touching ranges conflict too: two insertions at one offset would
         * come out in an order neither fix asked for. */
        if (x->start <= y->end && y->start <= x->end) return true;
      }
    }
  }
  return false;
}

void analysis_compatible_fixes(const DiagList *diags, FileId file, FixPtrArray *fixes) {
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != file) continue;
    for (size_t j = 0; j < d->fixes.len; j++) {
      const Fix *f = &d->fixes.items[j];
      if (!f->preferred) continue;
      bool same_file = true;
      for (size_t k = 0; k < f->edits.len; k++) same_file &= f->edits.items[k].file == file;
      if (same_file && f->creates.len == 0 && f->edits.len > 0 && !fix_overlaps(f, fixes)) array_push(fixes, f);
      break;
    }
  }
}

size_t analysis_fix_all(Workspace *ws, FileId id, DiagList *final) {
  /* A fix can make room for another (or reveal one), so rounds repeat until
   * nothing applies; the bound protects against two fixes that undo each
   * other, which would be a rule bug but must not hang the CLI.  The round
   * that applies nothing has analysed the text as it stays, so its
   * diagnostics are the final ones. */
  size_t applied = 0;
  bool settled = false;
  for (int round = 0; round < 8 && !settled; round++) {
    DiagList diags;
    array_init(&diags);
    analysis_file(ws, id, &diags);
    FixPtrArray fixes;
    array_init(&fixes);
    analysis_compatible_fixes(&diags, id, &fixes);
    Array(TextReplacement) repls;
    array_init(&repls);
    for (size_t i = 0; i < fixes.len; i++)
      for (size_t k = 0; k < fixes.items[i]->edits.len; k++) {
        const FixEdit *e = &fixes.items[i]->edits.items[k];
        array_push(&repls, ((TextReplacement){e->start, e->end, e->text}));
      }
    char *err = NULL;
    bool ok = repls.len > 0 && ws_apply_replacements(ws, id, repls.items, repls.len, &err);
    if (ok) applied += fixes.len;
    xfree(err);
    array_delete(&repls);
    array_delete(&fixes);
    settled = !ok;
    if (settled && final) {
      /* The diagnostics move to the caller whole; only the array is freed. */
      for (size_t i = 0; i < diags.len; i++) array_push(final, diags.items[i]);
      array_delete(&diags);
    } else {
      diaglist_destroy(&diags);
    }
  }
  if (!settled && final) analysis_file(ws, id, final);
  return applied;
}
