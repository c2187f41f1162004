/* Requests about one document: code actions, hover and pull diagnostics.
 * All of them read the cached analysis of the document's current version,
 * so the fixes a client sees are the ones born with the diagnostics it was
 * sent, never edits rebuilt from data the client echoes back. */
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "lsp_internal.h"

/* True when the code action request asks for this kind: no `only` filter,
 * or a filter entry that is the kind or a dot-separated prefix of it. */
static bool features_wants(const cJSON *only, const char *kind) {
  if (!cJSON_IsArray(only)) return true;
  const cJSON *item;
  cJSON_ArrayForEach(item, only) {
    if (!cJSON_IsString(item)) continue;
    size_t n = strlen(item->valuestring);
    if (strncmp(kind, item->valuestring, n) == 0 && (kind[n] == '\0' || kind[n] == '.')) return true;
  }
  return false;
}

bool lsp_code_action(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FileId id;
  const cJSON *range = NULL;
  size_t start, end;
  if (!conv_document(s, params, &id, err) || !conv_get_object(params, "range", &range, err) ||
      !conv_offset(s, id, cJSON_GetObjectItemCaseSensitive(range, "start"), "range.start", &start, err) ||
      !conv_offset(s, id, cJSON_GetObjectItemCaseSensitive(range, "end"), "range.end", &end, err))
    return false;
  if (start > end) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "range start is after range end");
  const cJSON *context = cJSON_GetObjectItemCaseSensitive(params, "context");
  const cJSON *only = context ? cJSON_GetObjectItemCaseSensitive(context, "only") : NULL;
  const DiagList *diags = lsp_diagnostics(s, id, NULL);
  cJSON *actions = cJSON_CreateArray();
  if (features_wants(only, "quickfix")) {
    for (size_t i = 0; i < diags->len; i++) {
      const Diag *d = &diags->items[i];
      if (d->file != id || d->start > end || start > d->end) continue;
      for (size_t j = 0; j < d->fixes.len; j++) {
        /* A fix that creates a file needs CreateFile support; without it
         * the client could only half-apply it. */
        const Fix *f = &d->fixes.items[j];
        if (f->creates.len && !(s->caps.document_changes && s->caps.create_files)) continue;
        cJSON_AddItemToArray(actions, conv_code_action(s, d, f));
      }
    }
  }
  /* Fix-all is offered only when asked for by kind, as editors do on save,
   * and only when there is something to fix. */
  if (cJSON_IsArray(only) && features_wants(only, "source.fixAll.dockls")) {
    FixPtrArray fixes;
    array_init(&fixes);
    analysis_compatible_fixes(diags, id, &fixes);
    if (fixes.len > 0) {
      cJSON *action = cJSON_CreateObject();
      cJSON_AddStringToObject(action, "title", "Fix all dockls problems");
      cJSON_AddStringToObject(action, "kind", "source.fixAll.dockls");
      cJSON_AddItemToObject(action, "edit", conv_workspace_edit(s, fixes.items, fixes.len));
      cJSON_AddItemToArray(actions, action);
    }
    array_delete(&fixes);
  }
  *result = actions;
  return true;
}

bool lsp_hover(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FileId id;
  size_t offset;
  if (!conv_document(s, params, &id, err) ||
      !conv_offset(s, id, cJSON_GetObjectItemCaseSensitive(params, "position"), "position", &offset, err))
    return false;
  const DiagList *diags = lsp_diagnostics(s, id, NULL);
  Hover hover;
  if (!analysis_hover(s->ws, id, diags, offset, &hover)) {
    *result = NULL;
    return true;
  }
  cJSON *json = cJSON_CreateObject();
  cJSON *contents = cJSON_AddObjectToObject(json, "contents");
  cJSON_AddStringToObject(contents, "kind", "markdown");
  cJSON_AddStringToObject(contents, "value", hover.markdown);
  cJSON_AddItemToObject(json, "range", conv_range(s, id, hover.start, hover.end));
  xfree(hover.markdown);
  *result = json;
  return true;
}

bool lsp_pull_diagnostics(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FileId id;
  if (!conv_document(s, params, &id, err)) return false;
  uint64_t generation;
  const DiagList *diags = lsp_diagnostics(s, id, &generation);
  char result_id[32];
  snprintf(result_id, sizeof result_id, "%llu", (unsigned long long)generation);
  const cJSON *previous = cJSON_GetObjectItemCaseSensitive(params, "previousResultId");
  cJSON *json = cJSON_CreateObject();
  if (cJSON_IsString(previous) && strcmp(previous->valuestring, result_id) == 0) {
    cJSON_AddStringToObject(json, "kind", "unchanged");
    cJSON_AddStringToObject(json, "resultId", result_id);
  } else {
    cJSON_AddStringToObject(json, "kind", "full");
    cJSON_AddStringToObject(json, "resultId", result_id);
    cJSON *items = cJSON_AddArrayToObject(json, "items");
    for (size_t i = 0; i < diags->len; i++)
      if (diags->items[i].file == id) cJSON_AddItemToArray(items, conv_diagnostic(s, &diags->items[i]));
  }
  *result = json;
  return true;
}
