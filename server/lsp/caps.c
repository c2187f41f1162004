/* initialize: reads what the client can do into ClientCaps, picks the
 * position encoding and the workspace root, and answers with our
 * capabilities.  Client capabilities are read defensively: a missing or
 * mistyped entry means "not supported", never an error, since clients vary
 * widely in what they send. */
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"
#include "dockls/workspace/config.h"
#include "lsp_internal.h"

static const cJSON *caps_path(const cJSON *root, const char *const *keys) {
  const cJSON *node = root;
  for (; *keys && node; keys++) node = cJSON_GetObjectItemCaseSensitive(node, *keys);
  return node;
}

static bool caps_flag(const cJSON *root, const char *const *keys) {
  return cJSON_IsTrue(caps_path(root, keys));
}

static bool caps_array_has(const cJSON *array, const char *value) {
  const cJSON *item;
  cJSON_ArrayForEach(item, array) {
    if (cJSON_IsString(item) && strcmp(item->valuestring, value) == 0) return true;
  }
  return false;
}

static void caps_read(ClientCaps *caps, const cJSON *c) {
  caps->publish_version =
      caps_flag(c, (const char *const[]){"textDocument", "publishDiagnostics", "versionSupport", NULL});
  caps->document_changes =
      caps_flag(c, (const char *const[]){"workspace", "workspaceEdit", "documentChanges", NULL});
  caps->create_files = caps_array_has(
      caps_path(c, (const char *const[]){"workspace", "workspaceEdit", "resourceOperations", NULL}),
      "create");
  caps->watched_files_dynamic = caps_flag(
      c, (const char *const[]){"workspace", "didChangeWatchedFiles", "dynamicRegistration", NULL});
  caps->utf8 = caps_array_has(caps_path(c, (const char *const[]){"general", "positionEncodings", NULL}),
                              "utf-8");
}

/* The root is the first of: rootUri, the first workspace folder, rootPath. */
static char *caps_root(const cJSON *params) {
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

void lsp_apply_settings(LspSession *s, const cJSON *settings) {
  /* Accepted shapes: {"rules": {...}} and {"dockls": {"rules": {...}}},
   * the second being what editors send for a settings section. */
  const cJSON *scope = cJSON_GetObjectItemCaseSensitive(settings, "dockls");
  const cJSON *rules = cJSON_GetObjectItemCaseSensitive(scope ? scope : settings, "rules");
  if (!cJSON_IsObject(rules)) return;
  Array(ConfigRule) list;
  array_init(&list);
  const cJSON *item;
  cJSON_ArrayForEach(item, rules) {
    if (!cJSON_IsString(item) && !cJSON_IsBool(item)) continue;
    const char *value = cJSON_IsString(item) ? item->valuestring : cJSON_IsTrue(item) ? "on" : "off";
    ConfigRule r = {item->string, (char *)value, 0, 0, 0, 0};
    array_push(&list, r);
  }
  ws_set_overrides(s->ws, list.items, list.len);
  array_delete(&list);
}

bool lsp_initialize(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  if (!params || !cJSON_IsObject(params))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "initialize: params must be an object");
  const cJSON *caps = cJSON_GetObjectItemCaseSensitive(params, "capabilities");
  if (caps && !cJSON_IsObject(caps))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "initialize: capabilities must be an object");
  caps_read(&s->caps, caps);
  s->enc = s->caps.utf8 ? POS_ENC_UTF8 : POS_ENC_UTF16;
  char *root = s->root_override ? xstrdup(s->root_override) : caps_root(params);
  ws_set_root(s->ws, root);
  xfree(root);
  const cJSON *options = cJSON_GetObjectItemCaseSensitive(params, "initializationOptions");
  if (cJSON_IsObject(options)) lsp_apply_settings(s, options);
  s->state = SESSION_RUNNING;

  cJSON *res = cJSON_CreateObject();
  cJSON *cap = cJSON_AddObjectToObject(res, "capabilities");
  cJSON_AddStringToObject(cap, "positionEncoding", s->enc == POS_ENC_UTF8 ? "utf-8" : "utf-16");
  cJSON *sync = cJSON_AddObjectToObject(cap, "textDocumentSync");
  cJSON_AddBoolToObject(sync, "openClose", true);
  cJSON_AddNumberToObject(sync, "change", 2);
  cJSON *save = cJSON_AddObjectToObject(sync, "save");
  cJSON_AddBoolToObject(save, "includeText", false);
  cJSON *actions = cJSON_AddObjectToObject(cap, "codeActionProvider");
  cJSON *kinds = cJSON_AddArrayToObject(actions, "codeActionKinds");
  cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
  cJSON_AddItemToArray(kinds, cJSON_CreateString("source.fixAll.dockls"));
  cJSON_AddBoolToObject(cap, "hoverProvider", true);
  cJSON *pull = cJSON_AddObjectToObject(cap, "diagnosticProvider");
  cJSON_AddStringToObject(pull, "identifier", "dockls");
  cJSON_AddBoolToObject(pull, "interFileDependencies", true);
  cJSON_AddBoolToObject(pull, "workspaceDiagnostics", false);
  cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
  cJSON_AddStringToObject(info, "name", "dockls");
  cJSON_AddStringToObject(info, "version", DOCKLS_VERSION);
  *result = res;
  return true;
}

bool lsp_initialized(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)params, (void)result, (void)err;
  if (!s->caps.watched_files_dynamic) return true;
  /* Files that open documents depend on (neighbour Dockerfiles, package
   * manifests, env and config files) are watched through the client, so
   * changes made outside the editor still re-publish diagnostics. */
  cJSON *reg = cJSON_CreateObject();
  cJSON *list = cJSON_AddArrayToObject(reg, "registrations");
  cJSON *one = cJSON_CreateObject();
  cJSON_AddStringToObject(one, "id", "dockls-watch");
  cJSON_AddStringToObject(one, "method", "workspace/didChangeWatchedFiles");
  cJSON *opts = cJSON_AddObjectToObject(one, "registerOptions");
  cJSON *watchers = cJSON_AddArrayToObject(opts, "watchers");
  static const char *const globs[] = {"**/*[Dd]ockerfile*", "**/*[Cc]ontainerfile*",
                                      "**/*compose*.{yml,yaml}", "**/package.json",
                                      "**/package-lock.json", "**/npm-shrinkwrap.json",
                                      "**/supervisord.conf", "**/.env", "**/.env.example",
                                      "**/.dockls.yaml"};
  for (size_t i = 0; i < sizeof globs / sizeof *globs; i++) {
    cJSON *w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "globPattern", globs[i]);
    cJSON_AddItemToArray(watchers, w);
  }
  cJSON_AddItemToArray(list, one);
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddNumberToObject(msg, "id", (double)++s->next_request_id);
  cJSON_AddStringToObject(msg, "method", "client/registerCapability");
  cJSON_AddItemToObject(msg, "params", reg);
  lsp_send(s, msg);
  return true;
}
