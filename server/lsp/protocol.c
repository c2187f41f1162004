/* The LSP wire format, in one place: every parameter struct of protocol.h
 * is read from JSON here, every result and notification is written here,
 * and the glue the method table points at ties the two to the handlers.
 * Positions are converted in the negotiated encoding.  Reading helpers
 * validate types and say precisely which field is wrong, because a -32602
 * is only useful with a message a client author can act on. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"
#include "dockls/lsp/transport.h"
#include "jsonrpc.h"
#include "lsp_internal.h"
#include "protocol_wire.h"

/* ---------------------------------------------------------------- sending */

void proto_init(void) {
  static cJSON_Hooks hooks = {xmalloc, xfree};
  cJSON_InitHooks(&hooks);
}

static void proto_send(LspSession *s, cJSON *message) {
  char *text = cJSON_PrintUnformatted(message);
  transport_out_write(&s->out, text, strlen(text));
  cJSON_free(text);
  cJSON_Delete(message);
}

static void proto_notify(LspSession *s, const char *method, cJSON *params) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddStringToObject(msg, "method", method);
  cJSON_AddItemToObject(msg, "params", params);
  proto_send(s, msg);
}

long proto_request(LspSession *s, const char *method, cJSON *params) {
  cJSON *msg = cJSON_CreateObject();
  long id = ++s->next_request_id;
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddNumberToObject(msg, "id", (double)id);
  cJSON_AddStringToObject(msg, "method", method);
  if (params) cJSON_AddItemToObject(msg, "params", params);
  proto_send(s, msg);
  return id;
}

void proto_respond(LspSession *s, const cJSON *id, cJSON *result) {
  proto_send(s, jsonrpc_result(id, result));
}

void proto_respond_error(LspSession *s, const cJSON *id, LspErrorCode code, const char *message) {
  proto_send(s, jsonrpc_error(id, code, message));
}

void proto_discard(cJSON *result) { cJSON_Delete(result); }

/* ---------------------------------------------------------------- reading */

bool proto_get_object(const cJSON *parent, const char *key, const cJSON **out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsObject(v)) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be an object", key);
  *out = v;
  return true;
}

bool proto_get_string(const cJSON *parent, const char *key, const char **out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsString(v)) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be a string", key);
  *out = v->valuestring;
  return true;
}

/* Whether a JSON number is a whole number no larger in size than `limit`
 * (at most 2^53, where doubles stop holding every integer).  Checked by a
 * round trip through int64_t, safe once the size is known, rather than
 * with libm's floor: the server links no maths library for this alone. */
static bool whole_number(double v, double limit) {
  if (!(v >= -limit && v <= limit)) return false; /* NaN fails here too */
  return (double)(int64_t)v == v;
}

bool proto_get_int(const cJSON *parent, const char *key, int64_t *out, LspError *err) {
  const cJSON *v = parent ? cJSON_GetObjectItemCaseSensitive(parent, key) : NULL;
  if (!cJSON_IsNumber(v) || !whole_number(v->valuedouble, 9007199254740991.0))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be an integer", key);
  *out = (int64_t)v->valuedouble;
  return true;
}

/* params.textDocument.uri, which every document request carries. */
bool proto_document_uri(const cJSON *params, const char **uri, LspError *err) {
  const cJSON *doc = NULL;
  return proto_get_object(params, "textDocument", &doc, err) && proto_get_string(doc, "uri", uri, err);
}

bool proto_position(const cJSON *json, const char *what, TextPos *pos, LspError *err) {
  int64_t line = 0, character = 0;
  if (!cJSON_IsObject(json))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"%s\" must be a position object", what);
  if (!proto_get_int(json, "line", &line, err) || !proto_get_int(json, "character", &character, err))
    return false;
  if (line < 0 || character < 0 || line > UINT32_MAX || character > UINT32_MAX)
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "%s (%lld, %lld) is out of range", what,
                    (long long)line, (long long)character);
  pos->line = (uint32_t)line;
  pos->character = (uint32_t)character;
  return true;
}

const cJSON *proto_path(const cJSON *root, const char *const *keys) {
  const cJSON *node = root;
  for (; *keys && node; keys++) node = cJSON_GetObjectItemCaseSensitive(node, *keys);
  return node;
}

bool proto_flag(const cJSON *root, const char *const *keys) {
  return cJSON_IsTrue(proto_path(root, keys));
}

static bool proto_array_has(const cJSON *array, const char *value) {
  const cJSON *item;
  cJSON_ArrayForEach(item, array) {
    if (cJSON_IsString(item) && strcmp(item->valuestring, value) == 0) return true;
  }
  return false;
}

/* Client capabilities are read defensively: whatever is missing or of
 * the wrong type is "not supported". */
static void proto_client_caps(ClientCaps *caps, const cJSON *c) {
  caps->publish_version =
      proto_flag(c, (const char *const[]){"textDocument", "publishDiagnostics", "versionSupport", NULL});
  caps->document_changes =
      proto_flag(c, (const char *const[]){"workspace", "workspaceEdit", "documentChanges", NULL});
  caps->create_files = proto_array_has(
      proto_path(c, (const char *const[]){"workspace", "workspaceEdit", "resourceOperations", NULL}),
      "create");
  caps->watched_files_dynamic = proto_flag(
      c, (const char *const[]){"workspace", "didChangeWatchedFiles", "dynamicRegistration", NULL});
  caps->utf8 = proto_array_has(proto_path(c, (const char *const[]){"general", "positionEncodings", NULL}),
                               "utf-8");
  caps->pull_diagnostics =
      cJSON_IsObject(proto_path(c, (const char *const[]){"textDocument", "diagnostic", NULL}));
  caps->diagnostic_refresh =
      proto_flag(c, (const char *const[]){"workspace", "diagnostics", "refreshSupport", NULL});
  caps->hierarchical_symbols = proto_flag(
      c, (const char *const[]){"textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport", NULL});
  caps->line_folding_only =
      proto_flag(c, (const char *const[]){"textDocument", "foldingRange", "lineFoldingOnly", NULL});
  caps->snippets = proto_flag(
      c, (const char *const[]){"textDocument", "completion", "completionItem", "snippetSupport", NULL});
  caps->prepare_rename =
      proto_flag(c, (const char *const[]){"textDocument", "rename", "prepareSupport", NULL});
  caps->code_action_literals = cJSON_IsObject(
      proto_path(c, (const char *const[]){"textDocument", "codeAction", "codeActionLiteralSupport", NULL}));
  caps->apply_edit = proto_flag(c, (const char *const[]){"workspace", "applyEdit", NULL});
}

/* The root is the first of: rootUri, the first workspace folder, rootPath. */
static char *proto_root(const cJSON *params) {
  const cJSON *uri = cJSON_GetObjectItemCaseSensitive(params, "rootUri");
  if (cJSON_IsString(uri)) return uri_to_path(uri->valuestring);
  const cJSON *folders = cJSON_GetObjectItemCaseSensitive(params, "workspaceFolders");
  const cJSON *first = cJSON_IsArray(folders) ? cJSON_GetArrayItem(folders, 0) : NULL;
  const cJSON *furi = first ? cJSON_GetObjectItemCaseSensitive(first, "uri") : NULL;
  if (cJSON_IsString(furi)) return uri_to_path(furi->valuestring);
  const cJSON *path = cJSON_GetObjectItemCaseSensitive(params, "rootPath");
  if (cJSON_IsString(path) && path->valuestring[0] == '/') return xstrdup(path->valuestring);
  return NULL;
}

/* Accepted shapes: {"rules": {...}} and {"dockls": {"rules": {...}}}, the
 * second being what editors send for a settings section.  A rule's value
 * is a level name, or a boolean for on/off. */
static void proto_settings(const cJSON *settings, LspSettings *out) {
  memset(out, 0, sizeof *out);
  array_init(&out->rules);
  const cJSON *scope = cJSON_GetObjectItemCaseSensitive(settings, "dockls");
  const cJSON *rules = cJSON_GetObjectItemCaseSensitive(scope ? scope : settings, "rules");
  if (!cJSON_IsObject(rules)) return;
  out->present = true;
  const cJSON *item;
  cJSON_ArrayForEach(item, rules) {
    if (!cJSON_IsString(item) && !cJSON_IsBool(item)) continue;
    const char *value = cJSON_IsString(item) ? item->valuestring : cJSON_IsTrue(item) ? "on" : "off";
    ConfigRule r = {xstrdup(item->string), xstrdup(value), 0, 0, 0, 0};
    array_push(&out->rules, r);
  }
}

void proto_settings_destroy(LspSettings *settings) {
  for (size_t i = 0; i < settings->rules.len; i++) {
    xfree(settings->rules.items[i].rule);
    xfree(settings->rules.items[i].value);
  }
  array_delete(&settings->rules);
}

static bool proto_read_initialize(const cJSON *params, InitializeParams *p, LspError *err) {
  memset(p, 0, sizeof *p);
  array_init(&p->settings.rules);
  if (!params || !cJSON_IsObject(params))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "initialize: params must be an object");
  const cJSON *caps = cJSON_GetObjectItemCaseSensitive(params, "capabilities");
  if (caps && !cJSON_IsObject(caps))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "initialize: capabilities must be an object");
  proto_client_caps(&p->caps, caps);
  p->root = proto_root(params);
  const cJSON *pid = cJSON_GetObjectItemCaseSensitive(params, "processId");
  if (cJSON_IsNumber(pid) && pid->valuedouble > 0 && whole_number(pid->valuedouble, INT32_MAX)) {
    p->has_process_id = true;
    p->process_id = (int64_t)pid->valuedouble;
  }
  const cJSON *options = cJSON_GetObjectItemCaseSensitive(params, "initializationOptions");
  if (cJSON_IsObject(options)) {
    array_delete(&p->settings.rules);
    proto_settings(options, &p->settings);
  }
  return true;
}

static bool proto_read_did_open(const cJSON *params, DidOpenParams *p, LspError *err) {
  const cJSON *doc = NULL;
  if (!proto_get_object(params, "textDocument", &doc, err) || !proto_get_string(doc, "uri", &p->uri, err) ||
      !proto_get_string(doc, "languageId", &p->language_id, err) ||
      !proto_get_int(doc, "version", &p->version, err) || !proto_get_string(doc, "text", &p->text, err))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "textDocument/didOpen: %s", err->message);
  return true;
}

/* Reads the contentChanges array into TextChanges that borrow the JSON's
 * strings. */
static bool proto_read_changes(const cJSON *array, TextChangeArray *out, LspError *err) {
  if (!cJSON_IsArray(array))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"contentChanges\" must be an array");
  const cJSON *item;
  size_t index = 0;
  cJSON_ArrayForEach(item, array) {
    index++;
    TextChange c;
    memset(&c, 0, sizeof c);
    const char *text = NULL;
    if (!cJSON_IsObject(item) || !proto_get_string(item, "text", &text, err))
      return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "change %zu needs a \"text\" string", index);
    c.text = text;
    c.len = strlen(text);
    const cJSON *range = cJSON_GetObjectItemCaseSensitive(item, "range");
    if (!range) {
      c.full = true;
    } else if (!cJSON_IsObject(range) ||
               !proto_position(cJSON_GetObjectItemCaseSensitive(range, "start"), "range.start", &c.start, err) ||
               !proto_position(cJSON_GetObjectItemCaseSensitive(range, "end"), "range.end", &c.end, err)) {
      return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "change %zu has an invalid range%s%s", index,
                      err->message ? ": " : "", err->message ? err->message : "");
    }
    array_push(out, c);
  }
  return true;
}

static bool proto_read_did_change(const cJSON *params, DidChangeParams *p, LspError *err) {
  array_init(&p->changes);
  const cJSON *doc = NULL;
  if (!proto_get_object(params, "textDocument", &doc, err) || !proto_get_string(doc, "uri", &p->uri, err))
    return false;
  if (!proto_get_int(doc, "version", &p->version, err))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "textDocument/didChange: %s", err->message);
  return proto_read_changes(cJSON_GetObjectItemCaseSensitive(params, "contentChanges"), &p->changes, err);
}

static bool proto_read_watched(const cJSON *params, WatchedFilesParams *p, LspError *err) {
  array_init(&p->paths);
  const cJSON *changes = params ? cJSON_GetObjectItemCaseSensitive(params, "changes") : NULL;
  if (!cJSON_IsArray(changes))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS,
                    "workspace/didChangeWatchedFiles: \"changes\" must be an array");
  const cJSON *change;
  cJSON_ArrayForEach(change, changes) {
    const cJSON *uri = cJSON_GetObjectItemCaseSensitive(change, "uri");
    char *path = cJSON_IsString(uri) ? uri_to_path(uri->valuestring) : NULL;
    if (path) array_push(&p->paths, path);
  }
  return true;
}

bool proto_read_code_action(const cJSON *params, CodeActionParams *p, LspError *err) {
  array_init(&p->only);
  const cJSON *range = NULL;
  if (!proto_document_uri(params, &p->uri, err) || !proto_get_object(params, "range", &range, err) ||
      !proto_position(cJSON_GetObjectItemCaseSensitive(range, "start"), "range.start", &p->start, err) ||
      !proto_position(cJSON_GetObjectItemCaseSensitive(range, "end"), "range.end", &p->end, err))
    return false;
  const cJSON *context = cJSON_GetObjectItemCaseSensitive(params, "context");
  const cJSON *only = context ? cJSON_GetObjectItemCaseSensitive(context, "only") : NULL;
  p->has_only = cJSON_IsArray(only);
  const cJSON *item;
  if (p->has_only) cJSON_ArrayForEach(item, only) {
      if (cJSON_IsString(item)) array_push(&p->only, item->valuestring);
    }
  return true;
}

/* ---------------------------------------------------------------- writing */

cJSON *proto_pos(TextPos p) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddNumberToObject(json, "line", p.line);
  cJSON_AddNumberToObject(json, "character", p.character);
  return json;
}

cJSON *proto_range(LspSession *s, FileId id, size_t start, size_t end) {
  const TextDoc *text = ws_text(s->ws, id);
  cJSON *range = cJSON_CreateObject();
  cJSON_AddItemToObject(range, "start", proto_pos(text_pos_of(text, start, s->enc)));
  cJSON_AddItemToObject(range, "end", proto_pos(text_pos_of(text, end, s->enc)));
  return range;
}

static cJSON *proto_text_edit(LspSession *s, const FixEdit *e) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddItemToObject(json, "range", proto_range(s, e->file, e->start, e->end));
  cJSON_AddStringToObject(json, "newText", e->text);
  return json;
}

/* A CreateFile, then the text as an edit of the new (empty, unversioned)
 * document.  Only clients that announced resource operations are sent
 * fixes with creates (see features.c). */
static void proto_add_create(cJSON *changes, const FixCreate *c) {
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
  cJSON_AddItemToObject(range, "start", proto_pos((TextPos){0, 0}));
  cJSON_AddItemToObject(range, "end", proto_pos((TextPos){0, 0}));
  cJSON_AddStringToObject(edit_one, "newText", c->text);
  cJSON_AddItemToArray(cJSON_AddArrayToObject(doc_edit, "edits"), edit_one);
  cJSON_AddItemToArray(changes, doc_edit);
  xfree(uri);
}

/* Groups the edits of several fixes by file, in the shape the client
 * accepts: documentChanges with versions when it supports them, else the
 * plain uri → edits map.  Files to create come first. */
cJSON *proto_workspace_edit(LspSession *s, const Fix *const *fixes, size_t count) {
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
  for (size_t i = 0; s->caps.document_changes && i < count; i++)
    for (size_t j = 0; j < fixes[i]->creates.len; j++) proto_add_create(changes, &fixes[i]->creates.items[j]);
  for (size_t k = 0; k < files.len; k++) {
    FileId f = files.items[k];
    cJSON *edits = cJSON_CreateArray();
    for (size_t i = 0; i < count; i++)
      for (size_t j = 0; j < fixes[i]->edits.len; j++)
        if (fixes[i]->edits.items[j].file == f)
          cJSON_AddItemToArray(edits, proto_text_edit(s, &fixes[i]->edits.items[j]));
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

/* CodeAction literals, or for a client that does not declare
 * codeActionLiteralSupport, Commands that name each action (LSP says such
 * a client understands only Command). */
static cJSON *proto_code_actions(LspSession *s, const CodeActionParams *p, const CodeActionResult *r) {
  cJSON *actions = cJSON_CreateArray();
  for (size_t i = 0; i < lsp_code_action_count(r); i++) {
    CodeActionItem item = lsp_code_action_item(r, i);
    if (!s->caps.code_action_literals) {
      cJSON_AddItemToArray(actions, proto_command_for(s, p, i, item.title));
      continue;
    }
    cJSON *json = cJSON_CreateObject();
    cJSON_AddStringToObject(json, "title", item.title);
    cJSON_AddStringToObject(json, "kind", item.kind);
    if (item.diag) {
      StrBuf diag = STRBUF_INIT;
      diag_json_one(s->ws, s->enc, item.diag, &diag);
      cJSON_AddItemToArray(cJSON_AddArrayToObject(json, "diagnostics"), cJSON_CreateRaw(diag.data));
      strbuf_destroy(&diag);
      cJSON_AddBoolToObject(json, "isPreferred", item.preferred);
    }
    cJSON_AddItemToObject(json, "edit", proto_workspace_edit(s, item.fixes, item.count));
    cJSON_AddItemToArray(actions, json);
  }
  return actions;
}

/* The initialize result: the capabilities advertised by the method table
 * (`advertised`, LspCapability bits), in the negotiated encoding. */
static cJSON *proto_initialize_result(LspSession *s, unsigned advertised) {
  cJSON *res = cJSON_CreateObject();
  cJSON *cap = cJSON_AddObjectToObject(res, "capabilities");
  cJSON_AddStringToObject(cap, "positionEncoding", s->enc == POS_ENC_UTF8 ? "utf-8" : "utf-16");
  if (advertised & LSP_CAP_SYNC) {
    cJSON *sync = cJSON_AddObjectToObject(cap, "textDocumentSync");
    cJSON_AddBoolToObject(sync, "openClose", true);
    cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
    cJSON *save = cJSON_AddObjectToObject(sync, "save");
    cJSON_AddBoolToObject(save, "includeText", false);
  }
  if (advertised & LSP_CAP_CODE_ACTION) {
    cJSON *actions = cJSON_AddObjectToObject(cap, "codeActionProvider");
    cJSON *kinds = cJSON_AddArrayToObject(actions, "codeActionKinds");
    cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
    cJSON_AddItemToArray(kinds, cJSON_CreateString("refactor.rewrite"));
    cJSON_AddItemToArray(kinds, cJSON_CreateString("source.fixAll.dockls"));
  }
  if (advertised & LSP_CAP_EXECUTE_COMMAND) {
    cJSON *commands = cJSON_AddArrayToObject(cJSON_AddObjectToObject(cap, "executeCommandProvider"), "commands");
    cJSON_AddItemToArray(commands, cJSON_CreateString(LSP_COMMAND_APPLY));
  }
  if (advertised & LSP_CAP_HOVER) cJSON_AddBoolToObject(cap, "hoverProvider", true);
  if (advertised & LSP_CAP_DEFINITION) cJSON_AddBoolToObject(cap, "definitionProvider", true);
  if (advertised & LSP_CAP_REFERENCES) cJSON_AddBoolToObject(cap, "referencesProvider", true);
  if (advertised & LSP_CAP_HIGHLIGHT) cJSON_AddBoolToObject(cap, "documentHighlightProvider", true);
  if (advertised & LSP_CAP_DIAGNOSTIC) {
    cJSON *pull = cJSON_AddObjectToObject(cap, "diagnosticProvider");
    cJSON_AddStringToObject(pull, "identifier", "dockls");
    cJSON_AddBoolToObject(pull, "interFileDependencies", true);
    cJSON_AddBoolToObject(pull, "workspaceDiagnostics", false);
  }
  proto_structure_capabilities(cap, advertised);
  proto_completion_capabilities(cap, advertised);
  proto_rename_capabilities(s, cap, advertised);
  cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
  cJSON_AddStringToObject(info, "name", "dockls");
  cJSON_AddStringToObject(info, "version", DOCKLS_VERSION);
  return res;
}

/* Written as text rather than through cJSON: the diagnostics' texts come
 * from the document's cache (diag_json.h), and the envelope around them
 * is spelled exactly as cJSON would print it. */
void proto_publish_diagnostics(LspSession *s, FileId id, const DiagList *diags) {
  StrBuf *msg = &s->wire;
  DiagJsonCache *cache = &lsp_cache_slot(s, id)->json;
  size_t body_at = transport_out_frame_begin(&s->out, msg, cache->written.len);
  strbuf_append(msg, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":");
  json_text_string(msg, ws_uri(s->ws, id));
  strbuf_append(msg, ",\"version\":");
  json_text_int(msg, ws_version(s->ws, id));
  strbuf_append(msg, ",\"diagnostics\":");
  diag_json_array(cache, s->ws, s->enc, id, diags, msg);
  strbuf_append(msg, "}}");
  transport_out_frame_send(&s->out, msg, body_at);
  diag_json_keep(cache, msg);
}

void proto_publish_cleared(LspSession *s, const char *uri) {
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "uri", uri);
  cJSON_AddArrayToObject(params, "diagnostics");
  proto_notify(s, "textDocument/publishDiagnostics", params);
}

void proto_show_error(LspSession *s, const char *message) {
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", 1);
  cJSON_AddStringToObject(params, "message", message);
  proto_notify(s, "window/showMessage", params);
}

void proto_request_diagnostic_refresh(LspSession *s) {
  proto_request(s, "workspace/diagnostic/refresh", NULL);
}

void proto_register_watchers(LspSession *s, const char *const *globs, size_t count) {
  cJSON *reg = cJSON_CreateObject();
  cJSON *list = cJSON_AddArrayToObject(reg, "registrations");
  cJSON *one = cJSON_CreateObject();
  cJSON_AddStringToObject(one, "id", "dockls-watch");
  cJSON_AddStringToObject(one, "method", "workspace/didChangeWatchedFiles");
  cJSON *opts = cJSON_AddObjectToObject(one, "registerOptions");
  cJSON *watchers = cJSON_AddArrayToObject(opts, "watchers");
  for (size_t i = 0; i < count; i++) {
    cJSON *w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "globPattern", globs[i]);
    cJSON_AddItemToArray(watchers, w);
  }
  cJSON_AddItemToArray(list, one);
  proto_request(s, "client/registerCapability", reg);
}

/* ------------------------------------------------------------------- glue */

bool proto_call_initialize(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  InitializeParams p;
  bool ok = proto_read_initialize(params, &p, err) && lsp_initialize(s, &p, err);
  if (ok) *result = proto_initialize_result(s, lsp_advertised_capabilities());
  xfree(p.root);
  proto_settings_destroy(&p.settings);
  return ok;
}

/* Methods without params or result: the handler only moves the session. */
#define PROTO_CALL_WITHOUT_PARAMS(name)                                                            \
  bool proto_call_##name(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {    \
    (void)params, (void)err;                                                                     \
    *result = NULL;                                                                              \
    lsp_##name(s);                                                                               \
    return true;                                                                                 \
  }
PROTO_CALL_WITHOUT_PARAMS(initialized)
PROTO_CALL_WITHOUT_PARAMS(shutdown)
PROTO_CALL_WITHOUT_PARAMS(exit)

bool proto_call_ignore(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)s, (void)params, (void)result, (void)err;
  return true;
}

bool proto_call_did_open(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result;
  DidOpenParams p;
  return proto_read_did_open(params, &p, err) && lsp_did_open(s, &p, err);
}

bool proto_call_did_change(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result;
  DidChangeParams p;
  bool ok = proto_read_did_change(params, &p, err) && lsp_did_change(s, &p, err);
  array_delete(&p.changes);
  return ok;
}

bool proto_call_did_close(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result;
  DocumentParams p;
  return proto_document_uri(params, &p.uri, err) && lsp_did_close(s, &p, err);
}

bool proto_call_did_save(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result;
  DocumentParams p;
  return proto_document_uri(params, &p.uri, err) && lsp_did_save(s, &p, err);
}

bool proto_call_did_change_watched(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result;
  WatchedFilesParams p;
  bool ok = proto_read_watched(params, &p, err);
  if (ok) lsp_did_change_watched(s, &p);
  strarray_delete(&p.paths);
  return ok;
}

bool proto_call_did_change_config(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)result, (void)err;
  ConfigurationParams p;
  const cJSON *settings = params ? cJSON_GetObjectItemCaseSensitive(params, "settings") : NULL;
  if (cJSON_IsObject(settings)) {
    proto_settings(settings, &p.settings);
  } else {
    memset(&p.settings, 0, sizeof p.settings);
    array_init(&p.settings.rules);
  }
  lsp_did_change_config(s, &p);
  proto_settings_destroy(&p.settings);
  return true;
}

bool proto_call_code_action(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  CodeActionParams p;
  CodeActionResult r;
  lsp_code_action_result_init(&r);
  bool ok = proto_read_code_action(params, &p, err) && lsp_code_action(s, &p, &r, err);
  if (ok) *result = proto_code_actions(s, &p, &r);
  array_delete(&p.only);
  lsp_code_action_result_destroy(&r);
  return ok;
}

bool proto_call_hover(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  HoverParams p;
  HoverResult r;
  memset(&r, 0, sizeof r);
  if (!proto_document_uri(params, &p.uri, err) ||
      !proto_position(cJSON_GetObjectItemCaseSensitive(params, "position"), "position", &p.position, err) ||
      !lsp_hover(s, &p, &r, err))
    return false;
  *result = NULL;
  if (!r.found) return true;
  cJSON *json = cJSON_CreateObject();
  cJSON *contents = cJSON_AddObjectToObject(json, "contents");
  cJSON_AddStringToObject(contents, "kind", "markdown");
  cJSON_AddStringToObject(contents, "value", r.hover.markdown);
  cJSON_AddItemToObject(json, "range", proto_range(s, r.file, r.hover.start, r.hover.end));
  xfree(r.hover.markdown);
  *result = json;
  return true;
}

bool proto_call_pull_diagnostics(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  PullDiagnosticsParams p;
  PullDiagnosticsResult r;
  if (!proto_document_uri(params, &p.uri, err)) return false;
  const cJSON *previous = cJSON_GetObjectItemCaseSensitive(params, "previousResultId");
  p.previous_result_id = cJSON_IsString(previous) ? previous->valuestring : NULL;
  if (!lsp_pull_diagnostics(s, &p, &r, err)) return false;
  cJSON *json = cJSON_CreateObject();
  cJSON_AddStringToObject(json, "kind", r.unchanged ? "unchanged" : "full");
  cJSON_AddStringToObject(json, "resultId", r.result_id);
  if (!r.unchanged) {
    StrBuf items = STRBUF_INIT;
    DiagJsonCache *cache = &lsp_cache_slot(s, r.file)->json;
    diag_json_array(cache, s->ws, s->enc, r.file, r.diags, &items);
    cJSON_AddRawToObject(json, "items", items.data);
    diag_json_keep(cache, &items);
    strbuf_destroy(&items);
  }
  *result = json;
  return true;
}

/* textDocument/position params: the document and the position; for
 * references also context.includeDeclaration (absent: false). */
bool proto_read_position_params(const cJSON *params, PositionParams *p, LspError *err) {
  memset(p, 0, sizeof *p);
  if (!proto_document_uri(params, &p->uri, err) ||
      !proto_position(cJSON_GetObjectItemCaseSensitive(params, "position"), "position", &p->position, err))
    return false;
  const cJSON *context = cJSON_GetObjectItemCaseSensitive(params, "context");
  p->include_declaration =
      cJSON_IsTrue(context ? cJSON_GetObjectItemCaseSensitive(context, "includeDeclaration") : NULL);
  return true;
}

static cJSON *proto_location(LspSession *s, const NavSpan *span) {
  cJSON *json = cJSON_CreateObject();
  cJSON_AddStringToObject(json, "uri", ws_uri(s->ws, span->file));
  cJSON_AddItemToObject(json, "range", proto_range(s, span->file, span->start, span->end));
  return json;
}

typedef bool (*NavHandler)(LspSession *s, const PositionParams *params, NavResult *result, LspError *err);

/* Definition, references and highlights share their params and differ in
 * the shape of the answer: Location[] or DocumentHighlight[] (kind Write
 * for a declaration, Read for a use). */
static bool proto_call_nav(LspSession *s, const cJSON *params, cJSON **result, LspError *err,
                           NavHandler handler, bool highlights) {
  PositionParams p;
  NavResult r;
  array_init(&r.spans);
  bool ok = proto_read_position_params(params, &p, err) && handler(s, &p, &r, err);
  if (ok) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < r.spans.len; i++) {
      const NavSpan *span = &r.spans.items[i];
      cJSON *item;
      if (highlights) {
        item = cJSON_CreateObject();
        cJSON_AddItemToObject(item, "range", proto_range(s, span->file, span->start, span->end));
        cJSON_AddNumberToObject(item, "kind", span->declaration ? 3 : 2);
      } else {
        item = proto_location(s, span);
      }
      cJSON_AddItemToArray(list, item);
    }
    *result = list;
  }
  array_delete(&r.spans);
  return ok;
}

bool proto_call_definition(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  return proto_call_nav(s, params, result, err, lsp_definition, false);
}

bool proto_call_references(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  return proto_call_nav(s, params, result, err, lsp_references, false);
}

bool proto_call_highlight(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  return proto_call_nav(s, params, result, err, lsp_highlight, true);
}
