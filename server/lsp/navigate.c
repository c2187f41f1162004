/* Navigation requests: definition, references, documentHighlight,
 * prepareRename and rename, and completion, which asks about a position
 * the same way.  The
 * symbols are found by analysis (navigation.h); these handlers only turn
 * the client's position into a byte offset. */
#include "dockls/base/alloc.h"
#include "lsp_internal.h"

/* The document and byte offset a position request is about. */
static bool navigate_target(LspSession *s, const PositionParams *params, FileId *id, size_t *offset,
                            LspError *err) {
  return lsp_document(s, params->uri, id, err) &&
         lsp_offset(s, *id, params->position, "position", offset, err);
}

typedef enum { NAVIGATE_DEFINITION, NAVIGATE_REFERENCES, NAVIGATE_HIGHLIGHTS } NavigateWhat;

static bool navigate(LspSession *s, const PositionParams *params, NavigateWhat what, NavResult *result,
                     LspError *err) {
  FileId id;
  size_t offset;
  if (!navigate_target(s, params, &id, &offset, err)) return false;
  switch (what) {
    case NAVIGATE_DEFINITION: analysis_definition(s->ws, id, offset, &result->spans); break;
    case NAVIGATE_REFERENCES:
      analysis_references(s->ws, id, offset, params->include_declaration, &result->spans);
      break;
    case NAVIGATE_HIGHLIGHTS: analysis_highlights(s->ws, id, offset, &result->spans); break;
  }
  return true;
}

bool lsp_definition(LspSession *s, const PositionParams *params, NavResult *result, LspError *err) {
  return navigate(s, params, NAVIGATE_DEFINITION, result, err);
}

bool lsp_references(LspSession *s, const PositionParams *params, NavResult *result, LspError *err) {
  return navigate(s, params, NAVIGATE_REFERENCES, result, err);
}

bool lsp_highlight(LspSession *s, const PositionParams *params, NavResult *result, LspError *err) {
  return navigate(s, params, NAVIGATE_HIGHLIGHTS, result, err);
}

bool lsp_completion(LspSession *s, const PositionParams *params, CompletionResult *result, LspError *err) {
  size_t offset;
  if (!navigate_target(s, params, &result->file, &offset, err)) return false;
  analysis_completion(s->ws, result->file, offset, s->caps.snippets, &result->list);
  return true;
}

/* A refusal from analysis (not a symbol, a bad or taken name) is an
 * answer the editor shows the user, so it travels as RequestFailed with
 * analysis's reason rather than as invalid params. */
static bool navigate_refused(LspError *err, char *why) {
  lsp_fail(err, LSP_ERR_REQUEST_FAILED, "%s", why);
  xfree(why);
  return false;
}

bool lsp_prepare_rename(LspSession *s, const PositionParams *params, PrepareRenameResult *result,
                        LspError *err) {
  size_t offset;
  if (!navigate_target(s, params, &result->file, &offset, err)) return false;
  NavSpan range;
  char *why = NULL;
  if (!analysis_prepare_rename(s->ws, result->file, offset, &range, &result->placeholder, &why))
    return navigate_refused(err, why);
  result->start = range.start;
  result->end = range.end;
  return true;
}

bool lsp_rename(LspSession *s, const RenameParams *params, RenameResult *result, LspError *err) {
  FileId id;
  size_t offset;
  if (!navigate_target(s, &params->at, &id, &offset, err)) return false;
  NavSpanArray spans;
  array_init(&spans);
  char *why = NULL;
  bool ok = analysis_rename(s->ws, id, offset, params->new_name, &spans, &why);
  for (size_t i = 0; ok && i < spans.len; i++)
    fix_add_edit(&result->edit, spans.items[i].file, spans.items[i].start, spans.items[i].end, params->new_name);
  array_delete(&spans);
  return ok || navigate_refused(err, why);
}

bool lsp_document_links(LspSession *s, const DocumentRequestParams *params, LinksResult *result,
                        LspError *err) {
  if (!lsp_document(s, params->uri, &result->file, err)) return false;
  analysis_document_links(s->ws, result->file, &result->links);
  return true;
}
