/* Requests about one document: code actions, hover and pull diagnostics.
 * All of them read the cached analysis of the document's current version,
 * so the fixes a client sees are those the analysis of that version builds
 * with the diagnostics it was sent, never edits rebuilt from data the
 * client echoes back. */
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "lsp_internal.h"

bool lsp_document(LspSession *s, const char *uri, FileId *id, LspError *err) {
  if (!ws_find(s->ws, uri, id))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "unknown document %s (not open)", uri);
  return true;
}

bool lsp_offset(LspSession *s, FileId id, TextPos pos, const char *what, size_t *offset,
                LspError *err) {
  char *why = NULL;
  /* LSP says a character past the end of a line means the line's end.
   * Requests that only read may take it so; didChange does not come here
   * and still rejects it, since an edit there would corrupt the text. */
  const TextDoc *text = ws_text(s->ws, id);
  if (pos.line < text_line_count(text)) {
    size_t line_end = text_line_end(text, pos.line);
    if (pos.character > text_pos_of(text, line_end, s->enc).character) {
      *offset = line_end;
      return true;
    }
  }
  if (!text_offset_of(ws_text(s->ws, id), pos, s->enc, offset, &why)) {
    lsp_fail(err, LSP_ERR_INVALID_PARAMS, "%s: %s", what, why);
    xfree(why);
    return false;
  }
  return true;
}

/* True when the code action request asks for this kind: no `only` filter,
 * or a filter entry that is the kind or a dot-separated prefix of it. */
static bool features_wants(const CodeActionParams *params, const char *kind) {
  if (!params->has_only) return true;
  for (size_t i = 0; i < params->only.len; i++) {
    const char *prefix = params->only.items[i];
    size_t n = strlen(prefix);
    if (strncmp(kind, prefix, n) == 0 && (kind[n] == '\0' || kind[n] == '.')) return true;
  }
  return false;
}

/* True when a quick-fix of the answer makes exactly the edits of `fix`:
 * the shell-form-cmd rule's "Rewrite in exec form" and the conversion
 * refactor write the same array, and a menu should not list it twice. */
static bool features_offered(const CodeActionResult *result, const Fix *fix) {
  for (size_t i = 0; i < result->quick_fixes.len; i++) {
    const Fix *q = result->quick_fixes.items[i].fix;
    bool same = q->edits.len == fix->edits.len && q->creates.len == 0;
    for (size_t k = 0; same && k < q->edits.len; k++) {
      const FixEdit *a = &q->edits.items[k], *b = &fix->edits.items[k];
      same = a->file == b->file && a->start == b->start && a->end == b->end && strcmp(a->text, b->text) == 0;
    }
    if (same) return true;
  }
  return false;
}

bool lsp_code_action(LspSession *s, const CodeActionParams *params, CodeActionResult *result,
                     LspError *err) {
  FileId id;
  size_t start, end;
  if (!lsp_document(s, params->uri, &id, err) ||
      !lsp_offset(s, id, params->start, "range.start", &start, err) ||
      !lsp_offset(s, id, params->end, "range.end", &end, err))
    return false;
  if (start > end) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "range start is after range end");
  if (features_wants(params, "quickfix")) {
    /* The diagnostics, with the fixes of those in the range built. */
    const DiagList *diags = lsp_diagnostics_with_fixes(s, id, start, end);
    /* The ignore actions come after every fix, and point into an array
     * that grows while they are made: they are paired with their
     * diagnostics once it is complete. */
    Array(const Diag *) ignored;
    array_init(&ignored);
    for (size_t i = 0; i < diags->len; i++) {
      const Diag *d = &diags->items[i];
      if (!diag_touches(d, id, start, end)) continue;
      for (size_t j = 0; j < d->fixes.len; j++) {
        /* A fix that creates a file needs CreateFile support; without it
         * the client could only half-apply it. */
        const Fix *f = &d->fixes.items[j];
        if (f->creates.len && !(s->caps.document_changes && s->caps.create_files)) continue;
        QuickFix q = {d, f};
        array_push(&result->quick_fixes, q);
      }
      analysis_ignore_fixes(s->ws, d, &result->ignores);
      while (ignored.len < result->ignores.len) array_push(&ignored, d);
    }
    for (size_t k = 0; k < result->ignores.len; k++) {
      QuickFix q = {ignored.items[k], &result->ignores.items[k]};
      array_push(&result->quick_fixes, q);
    }
    array_delete(&ignored);
  }
  /* Refactors are offered on the instructions the range touches, after
   * the fixes: an editor lists them under "Refactor…". */
  if (features_wants(params, "refactor.rewrite")) {
    analysis_refactors(s->ws, id, start, end, &result->refactors);
    for (size_t i = 0; i < result->refactors.len; i++)
      if (!features_offered(result, &result->refactors.items[i]))
        array_push(&result->refactor_ptrs, &result->refactors.items[i]);
  }
  /* Fix-all is offered only when asked for by kind, as editors do on save,
   * and only when there is something to fix.  It is the text `dockls check
   * --fix` leaves, reached in checked rounds (a fix can make room for
   * another): a single round's compatible fixes could leave fixable
   * problems behind. */
  FixEdit whole;
  if (params->has_only && features_wants(params, "source.fixAll.dockls") &&
      analysis_fix_all_edit(s->ws, id, &whole)) {
    array_push(&result->fix_all_edit.edits, whole);
    array_push(&result->fix_all, &result->fix_all_edit);
  }
  return true;
}

void lsp_code_action_result_init(CodeActionResult *r) {
  memset(r, 0, sizeof *r);
  array_init(&r->quick_fixes);
  array_init(&r->refactors);
  array_init(&r->refactor_ptrs);
  array_init(&r->fix_all);
  array_init(&r->ignores);
}

void lsp_code_action_result_destroy(CodeActionResult *r) {
  array_delete(&r->quick_fixes);
  array_delete(&r->fix_all);
  array_delete(&r->refactor_ptrs);
  fixarray_destroy(&r->refactors);
  fixarray_destroy(&r->ignores);
  for (size_t i = 0; i < r->fix_all_edit.edits.len; i++) xfree(r->fix_all_edit.edits.items[i].text);
  array_delete(&r->fix_all_edit.edits);
}

size_t lsp_code_action_count(const CodeActionResult *r) {
  return r->quick_fixes.len + r->refactor_ptrs.len + (r->fix_all.len > 0);
}

/* The one order of the answer: quick-fixes (with the ignore actions at
 * their end), refactors, fix-all.  The literals and the commands are
 * written in this order, and a command names its action by its place in
 * it. */
CodeActionItem lsp_code_action_item(const CodeActionResult *r, size_t index) {
  CodeActionItem item;
  memset(&item, 0, sizeof item);
  if (index < r->quick_fixes.len) {
    const QuickFix *q = &r->quick_fixes.items[index];
    item = (CodeActionItem){q->fix->title, "quickfix", q->diag, q->fix->preferred, &q->fix, 1};
    return item;
  }
  index -= r->quick_fixes.len;
  if (index < r->refactor_ptrs.len) {
    const Fix *const *f = &r->refactor_ptrs.items[index];
    item = (CodeActionItem){(*f)->title, "refactor.rewrite", NULL, false, f, 1};
    return item;
  }
  item = (CodeActionItem){"Fix all dockls problems", "source.fixAll.dockls", NULL, false, r->fix_all.items,
                          r->fix_all.len};
  return item;
}

bool lsp_hover(LspSession *s, const HoverParams *params, HoverResult *result, LspError *err) {
  FileId id;
  size_t offset;
  if (!lsp_document(s, params->uri, &id, err) ||
      !lsp_offset(s, id, params->position, "position", &offset, err))
    return false;
  const DiagList *diags = lsp_diagnostics(s, id, NULL);
  result->file = id;
  result->found = analysis_hover(s->ws, id, diags, offset, &result->hover);
  return true;
}

bool lsp_pull_diagnostics(LspSession *s, const PullDiagnosticsParams *params,
                          PullDiagnosticsResult *result, LspError *err) {
  FileId id;
  if (!lsp_document(s, params->uri, &id, err)) return false;
  uint64_t generation;
  result->file = id;
  result->diags = lsp_diagnostics(s, id, &generation);
  snprintf(result->result_id, sizeof result->result_id, "%llu", (unsigned long long)generation);
  result->unchanged =
      params->previous_result_id && strcmp(params->previous_result_id, result->result_id) == 0;
  return true;
}
