/* The single point where LSP JSON meets analysis data: positions in the
 * negotiated encoding, diagnostics, code actions and workspace edits.
 * Reading helpers validate types and say precisely which field is wrong,
 * because a -32602 is only useful with a message a client author can act
 * on. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"
#include "lsp_internal.h"

bool conv_get_object(const cJSON *parent, const char *key, const cJSON **out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsObject(v)) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be an object", key);
  *out = v;
  return true;
}

bool conv_get_string(const cJSON *parent, const char *key, const char **out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsString(v)) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be a string", key);
  *out = v->valuestring;
  return true;
}

bool conv_get_int(const cJSON *parent, const char *key, int64_t *out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
      fabs(v->valuedouble) > 9007199254740991.0)
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be an integer", key);
  *out = (int64_t)v->valuedouble;
  return true;
}

bool conv_document(LspSession *s, const cJSON *params, FileId *id, LspError *err) {
  const cJSON *doc = NULL;
  const char *uri = NULL;
  if (!conv_get_object(params, "textDocument", &doc, err) || !conv_get_string(doc, "uri", &uri, err))
    return false;
  if (!ws_find(s->ws, uri, id))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "unknown document %s (not open)", uri);
  return true;
}

bool conv_position(const cJSON *json, const char *what, TextPos *pos, LspError *err) {
  int64_t line = 0, character = 0;
  if (!cJSON_IsObject(json))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be a position object", what);
  if (!conv_get_int(json, "line", &line, err) || !conv_get_int(json, "character", &character, err))
    return false;
  if (line < 0 || character < 0 || line > UINT32_MAX || character > UINT32_MAX)
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "%s (%lld, %lld) is out of range", what,
                    (long long)line, (long long)character);
  pos->line = (uint32_t)line;
  pos->character = (uint32_t)character;
  return true;
}

bool conv_offset(LspSession *s, FileId id, const cJSON *json, const char *what, size_t *offset,
                 LspError *err) {
  TextPos pos;
  if (!conv_position(json, what, &pos, err)) return false;
  char *why = NULL;
  if (!text_offset_of(ws_text(s->ws, id), pos, s->enc, offset, &why)) {
    lsp_fail(err, LSP_ERR_INVALID_PARAMS, "%s: %s", what, why);
    xfree(why);
    return false;
  }
  return true;
}

static cJSON *conv_pos(TextPos p) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddNumberToObject(json, "line", p.line);
  cJSON_AddNumberToObject(json, "character", p.character);
  return json;
}

cJSON *conv_range(LspSession *s, FileId id, size_t start, size_t end) {
  const TextDoc *text = ws_text(s->ws, id);
  cJSON *range = cJSON_CreateObject();
  cJSON_AddItemToObject(range, "start", conv_pos(text_pos_of(text, start, s->enc)));
  cJSON_AddItemToObject(range, "end", conv_pos(text_pos_of(text, end, s->enc)));
  return range;
}

cJSON *conv_diagnostic(LspSession *s, const Diag *d) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddItemToObject(json, "range", conv_range(s, d->file, d->start, d->end));
  cJSON_AddNumberToObject(json, "severity", d->severity);
  cJSON_AddStringToObject(json, "code", rule_info(d->rule)->id);
  char *href = rule_doc_url(d->rule);
  cJSON *desc = cJSON_AddObjectToObject(json, "codeDescription");
  cJSON_AddStringToObject(desc, "href", href);
  xfree(href);
  cJSON_AddStringToObject(json, "source", "dockls");
  cJSON_AddStringToObject(json, "message", d->message);
  if (d->related.len > 0) {
    cJSON *list = cJSON_AddArrayToObject(json, "relatedInformation");
    for (size_t i = 0; i < d->related.len; i++) {
      const Related *r = &d->related.items[i];
      cJSON *item = cJSON_CreateObject();
      cJSON *loc = cJSON_AddObjectToObject(item, "location");
      cJSON_AddStringToObject(loc, "uri", ws_uri(s->ws, r->file));
      cJSON_AddItemToObject(loc, "range", conv_range(s, r->file, r->start, r->end));
      cJSON_AddStringToObject(item, "message", r->message);
      cJSON_AddItemToArray(list, item);
    }
  }
  return json;
}

static cJSON *conv_text_edit(LspSession *s, const FixEdit *e) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddItemToObject(json, "range", conv_range(s, e->file, e->start, e->end));
  cJSON_AddStringToObject(json, "newText", e->text);
  return json;
}

/* Groups the edits of several fixes by file, in the shape the client
 * accepts: documentChanges with versions when it supports them, else the
 * plain uri → edits map. */
cJSON *conv_workspace_edit(LspSession *s, const Fix *const *fixes, size_t count) {
  cJSON *edit = cJSON_CreateObject();
  cJSON *changes = s->caps.document_changes ? cJSON_AddArrayToObject(edit, "documentChanges")
                                            : cJSON_AddObjectToObject(edit, "changes");
  Array(FileId) files;
  array_init(&files);
  for (size_t i = 0; i < count; i++)
    for (size_t j = 0; j < fixes[i]->edits.len; j++) {
      FileId f = fixes[i]->edits.items[j].file;
      bool seen = false;
      for (size_t k = 0; k < files.len; k++) seen |= files.items[k] == f;
      if (!seen) array_push(&files, f);
    }
  /* Files to create come first: a CreateFile, then the text as an edit of
   * the new (empty, unversioned) document.  Only clients that announced
   * resource operations are sent fixes with creates (see features.c). */
  for (size_t i = 0; s->caps.document_changes && i < count; i++)
    for (size_t j = 0; j < fixes[i]->creates.len; j++) {
      const FixCreate *c = &fixes[i]->creates.items[j];
      char *uri = uri_from_path(c->path);
      cJSON *op = cJSON_CreateObject();
      cJSON_AddStringToObject(op, "kind", "create");
      cJSON_AddStringToObject(op, "uri", uri);
      cJSON_AddBoolToObject(cJSON_AddObjectToObject(op, "options"), "ignoreIfExists", true);
      cJSON_AddItemToArray(changes, op);
      cJSON *doc_edit = cJSON_CreateObject();
      cJSON *id = cJSON_AddObjectToObject(doc_edit, "textDocument");
      cJSON_AddStringToObject(id, "uri", uri);
      cJSON_AddNullToObject(id, "version");
      cJSON *edit_one = cJSON_CreateObject();
      cJSON *range = cJSON_AddObjectToObject(edit_one, "range");
      cJSON_AddItemToObject(range, "start", conv_pos((TextPos){0, 0}));
      cJSON_AddItemToObject(range, "end", conv_pos((TextPos){0, 0}));
      cJSON_AddStringToObject(edit_one, "newText", c->text);
      cJSON_AddItemToArray(cJSON_AddArrayToObject(doc_edit, "edits"), edit_one);
      cJSON_AddItemToArray(changes, doc_edit);
      xfree(uri);
    }
  for (size_t k = 0; k < files.len; k++) {
    FileId f = files.items[k];
    cJSON *edits = cJSON_CreateArray();
    for (size_t i = 0; i < count; i++)
      for (size_t j = 0; j < fixes[i]->edits.len; j++)
        if (fixes[i]->edits.items[j].file == f)
          cJSON_AddItemToArray(edits, conv_text_edit(s, &fixes[i]->edits.items[j]));
    if (s->caps.document_changes) {
      cJSON *doc_edit = cJSON_CreateObject();
      cJSON *id = cJSON_AddObjectToObject(doc_edit, "textDocument");
      cJSON_AddStringToObject(id, "uri", ws_uri(s->ws, f));
      cJSON_AddNumberToObject(id, "version", (double)ws_version(s->ws, f));
      cJSON_AddItemToObject(doc_edit, "edits", edits);
      cJSON_AddItemToArray(changes, doc_edit);
    } else {
      cJSON_AddItemToObject(changes, ws_uri(s->ws, f), edits);
    }
  }
  array_delete(&files);
  return edit;
}

cJSON *conv_code_action(LspSession *s, const Diag *d, const Fix *fix) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddStringToObject(json, "title", fix->title);
  cJSON_AddStringToObject(json, "kind", "quickfix");
  cJSON *diags = cJSON_AddArrayToObject(json, "diagnostics");
  cJSON_AddItemToArray(diags, conv_diagnostic(s, d));
  cJSON_AddBoolToObject(json, "isPreferred", fix->preferred);
  cJSON_AddItemToObject(json, "edit", conv_workspace_edit(s, &fix, 1));
  return json;
}
