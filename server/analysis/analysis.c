/* Runs the rules over one file: every checker registered for the file's
 * kind in the areas' check tables, then sorts the result so that every
 * adapter prints the same order. */
#include "dockls/analysis/analysis.h"

#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/workspace/files.h"
#include "rules/internal.h"
#include "fix.h"
#include "instr_memo.h"
#include "service_memo.h"
#include "settings.h"
#include "suppress.h"

static const RuleCheck *const check_tables[] = {rules__syntax_checks, rules__dockerfile_checks,
                                                rules__validation_checks, rules__context_checks,
                                                rules__compose_checks};

/* A Dockerfile whose `# syntax=` names another frontend is that
 * frontend's language: the validation rules, which know Docker's own
 * syntax, have nothing to say about it. */
static bool skip_table(Workspace *ws, FileId id, const RuleCheck *table) {
  if (table != rules__validation_checks || ws_kind(ws, id) != DOC_KIND_DOCKERFILE) return false;
  const DockerfileModel *m = ws_dockerfile(ws, id);
  return !m || dockerfile_custom_frontend(m);
}

/* Asked of every finding of every analysis: the rule table's section
 * names are compared once, on the first call. */
static bool is_validation(RuleId rule) {
  static signed char validation[RULE__COUNT];
  if (!validation[rule]) validation[rule] = strcmp(rule_info(rule)->section, "validation") == 0 ? 1 : -1;
  return validation[rule] > 0;
}

/* Where a validation rule explains a span the parser also marked as an
 * error, its message replaces the generic syntax error: one diagnostic
 * that says what Docker will do, not two. */
static void drop_explained_syntax_errors(DiagList *out, size_t first) {
  Array(const Diag *) explanations;
  array_init(&explanations);
  for (size_t i = first; i < out->len; i++)
    if (is_validation(out->items[i].rule)) array_push(&explanations, &out->items[i]);
  if (explanations.len == 0) return;
  /* Ranges overlap, or an empty one sits inside the other. */
  bool *drop = xcalloc(out->len, sizeof *drop);
  for (size_t i = first; i < out->len; i++) {
    const Diag *d = &out->items[i];
    for (size_t k = 0; d->rule == RULE_SYNTAX_ERROR && k < explanations.len && !drop[i]; k++) {
      const Diag *v = explanations.items[k];
      drop[i] = v->file == d->file && v->start < d->end + (d->start == d->end) &&
                d->start < v->end + (v->start == v->end);
    }
  }
  array_delete(&explanations);
  size_t kept = first;
  for (size_t i = first; i < out->len; i++) {
    if (drop[i])
      diag_destroy(&out->items[i]);
    else
      out->items[kept++] = out->items[i];
  }
  out->len = kept;
  xfree(drop);
}

/* `only` (NULL: every rule) limits the run to some rules' checkers, and
 * `span` (NULL: everywhere) the fixes to the diagnostics touching it. */
static void analysis_run(Workspace *ws, FileId id, DiagList *out, bool fixes, const bool *only,
                         const size_t *span, DiagLoan **loan) {
  DocKind kind = ws_kind(ws, id);
  if (kind == DOC_KIND_OTHER) return;
  /* The rules record what they read; start from a clean slate so the
   * edges describe this analysis only.  A partial run keeps the edges of
   * the full one: the rules it leaves out read what they read before. */
  if (!only) ws_deps_clear(ws, id);
  RuleCtx ctx = {.ws = ws, .file = id, .text = ws_text(ws, id), .out = out, .fixes = fixes, .loan = loan};
  if (span) {
    ctx.fix_span = true;
    ctx.fix_start = span[0];
    ctx.fix_end = span[1];
  }
  size_t first = out->len;
  Array(const RuleCheck *) per_instr;
  array_init(&per_instr);
  /* Whether a validation checker ran: only they explain syntax errors,
   * and a compose publish need not look at its thousands of findings. */
  bool validation = false;
  for (size_t t = 0; t < sizeof check_tables / sizeof *check_tables; t++) {
    if (skip_table(ws, id, check_tables[t])) continue;
    for (const RuleCheck *c = check_tables[t]; c->check; c++) {
      if (!(c->kinds & (1u << kind)) || (only && !only[c->rule])) continue;
      validation |= check_tables[t] == rules__validation_checks;
      /* Per-service checkers run in their table place, so the findings
       * come in the order they did when each walked every service. */
      if (c->kinds & RULE_PER_SERVICE) service_checks_run(&ctx, c, !fixes && !only);
      else if (c->kinds & RULE_COMPARES_SERVICES) service_compare_run(&ctx, c, !fixes && !only);
      else if (!(c->kinds & (RULE_PER_INSTRUCTION | RULE_PER_STAGE))) c->check(&ctx);
      else if (kind == DOC_KIND_DOCKERFILE) array_push(&per_instr, c);
    }
  }
  /* A publish (no fixes, every rule) takes unchanged instructions' results
   * from the previous one; the diagnostics are sorted below, so running
   * these after the whole-file checkers changes nothing. */
  instr_checks_run(&ctx, per_instr.items, per_instr.len, !fixes && !only);
  array_delete(&per_instr);
  service_checks_finish(&ctx);
  size_t checked = out->len;
  xfree(ctx.build_context);
  val__nodes_free(ctx.val_nodes);
  rules__reported_free(ctx.reported);
  /* Without fixes there is no fix to drop (rules__add_fix made none). */
  if (fixes) fix__drop_unseen(ws, id, out, first);
  suppress_apply(ws, id, out, first);
  if (kind != DOC_KIND_CONFIG) settings_apply(ws, id, out, first);
  /* After suppressions and levels: a validation finding the user turned
   * off no longer explains the span, and the syntax error stays. */
  if (validation) drop_explained_syntax_errors(out, first);
  /* The three steps above only take findings out: when none did, the
   * block the memo gave out is where it was. */
  if (out->len == checked) diaglist_sort_known(out, first, ctx.kept_from, ctx.kept_to);
  else diaglist_sort_from(out, first);
}

void analysis_file(Workspace *ws, FileId id, DiagList *out) { analysis_run(ws, id, out, true, NULL, NULL, NULL); }

void analysis_file_without_fixes(Workspace *ws, FileId id, DiagList *out) {
  analysis_run(ws, id, out, false, NULL, NULL, NULL);
}

void analysis_file_borrowing(Workspace *ws, FileId id, DiagList *out, DiagLoan **loan) {
  *loan = NULL;
  analysis_run(ws, id, out, false, NULL, NULL, loan);
}

void analysis_file_rules(Workspace *ws, FileId id, const bool only[RULE__COUNT], size_t start, size_t end,
                         DiagList *out) {
  size_t span[2] = {start, end};
  analysis_run(ws, id, out, true, only, span, NULL);
}

void rules__looked_outside(RuleCtx *ctx) {
  if (ctx->model) ctx->looked_outside = true;
}

bool rules__hold_loan(RuleCtx *ctx, DiagLoan **cache_loan) {
  if (!ctx->loan) return false;
  if (!*cache_loan) *cache_loan = diag_loan_new();
  if (!*ctx->loan) *ctx->loan = diag_loan_lend(*cache_loan);
  return *ctx->loan == *cache_loan;
}

void rules__reads_before(RuleCtx *ctx) { ctx->read_before = true; }

uint32_t rules__facts_of(const RuleCtx *ctx, size_t i) {
  return ctx->instr_facts ? ctx->instr_facts[i] : rules__instr_facts(ctx->model, i);
}

bool rules__wants_fix(const RuleCtx *ctx, const Diag *d) {
  return ctx->fixes && (!ctx->fix_span || diag_touches(d, ctx->file, ctx->fix_start, ctx->fix_end));
}

Fix *rules__add_fix(const RuleCtx *ctx, Diag *d, const char *title, bool preferred) {
  return rules__wants_fix(ctx, d) ? diag_add_fix(d, title, preferred) : NULL;
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
  if (!fix) return;
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
