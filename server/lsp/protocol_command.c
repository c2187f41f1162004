/* The wire format of code actions as commands: the Command a client
 * without CodeAction literals receives for each action, the
 * workspace/executeCommand that names one, the workspace/applyEdit
 * request that carries its edit to the client, and the client's answer
 * to it. */
#include <string.h>

#include "dockls/base/alloc.h"
#include "protocol_wire.h"

/* The argument names the action the way the server can find it again:
 * the code action request it answered (written in that request's shape,
 * so one reader serves both), the document version, and its place and
 * title in the answer. */
cJSON *proto_command_for(LspSession *s, const CodeActionParams *p, size_t index, const char *title) {
  FileId id;
  cJSON *command = cJSON_CreateObject();
  cJSON_AddStringToObject(command, "title", title);
  cJSON_AddStringToObject(command, "command", LSP_COMMAND_APPLY);
  cJSON *arg = cJSON_CreateObject();
  cJSON *doc = cJSON_AddObjectToObject(arg, "textDocument");
  cJSON_AddStringToObject(doc, "uri", p->uri);
  if (ws_find(s->ws, p->uri, &id)) cJSON_AddNumberToObject(doc, "version", (double)ws_version(s->ws, id));
  cJSON *range = cJSON_AddObjectToObject(arg, "range");
  cJSON_AddItemToObject(range, "start", proto_pos(p->start));
  cJSON_AddItemToObject(range, "end", proto_pos(p->end));
  if (p->has_only) {
    cJSON *only = cJSON_AddArrayToObject(cJSON_AddObjectToObject(arg, "context"), "only");
    for (size_t i = 0; i < p->only.len; i++) cJSON_AddItemToArray(only, cJSON_CreateString(p->only.items[i]));
  }
  cJSON_AddNumberToObject(arg, "index", (double)index);
  cJSON_AddStringToObject(arg, "title", title);
  cJSON_AddItemToArray(cJSON_AddArrayToObject(command, "arguments"), arg);
  return command;
}

static bool proto_read_execute_command(const cJSON *params, ExecuteCommandParams *p, LspError *err) {
  const char *command = NULL;
  const cJSON *doc = NULL;
  if (!proto_get_string(params, "command", &command, err)) return false;
  if (strcmp(command, LSP_COMMAND_APPLY) != 0)
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "unknown command \"%s\": dockls runs only %s", command,
                    LSP_COMMAND_APPLY);
  const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
  const cJSON *arg = cJSON_IsArray(args) && cJSON_GetArraySize(args) == 1 ? cJSON_GetArrayItem(args, 0) : NULL;
  if (!cJSON_IsObject(arg))
    return lsp_fail(err, LSP_ERR_INVALID_PARAMS,
                    "\"arguments\" of %s must be one object, as the code action answer gave it", LSP_COMMAND_APPLY);
  return proto_read_code_action(arg, &p->action, err) && proto_get_object(arg, "textDocument", &doc, err) &&
         proto_get_int(doc, "version", &p->version, err) && proto_get_int(arg, "index", &p->index, err) &&
         proto_get_string(arg, "title", &p->title, err);
}

bool proto_call_execute_command(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  ExecuteCommandParams p;
  memset(&p, 0, sizeof p);
  array_init(&p.action.only);
  *result = NULL;
  bool ok = proto_read_execute_command(params, &p, err) && lsp_execute_command(s, &p, err);
  array_delete(&p.action.only);
  return ok;
}

long proto_request_apply_edit(LspSession *s, const char *label, const Fix *const *fixes, size_t count) {
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "label", label);
  cJSON_AddItemToObject(params, "edit", proto_workspace_edit(s, fixes, count));
  return proto_request(s, "workspace/applyEdit", params);
}

void proto_read_reply(const cJSON *id, const cJSON *reply, bool is_error, ClientReply *out) {
  memset(out, 0, sizeof *out);
  /* Our ids are whole numbers from the session's counter. */
  out->ours = cJSON_IsNumber(id) && id->valuedouble >= 1 && id->valuedouble == (double)(long)id->valuedouble;
  out->id = out->ours ? (long)id->valuedouble : 0;
  out->is_error = is_error;
  if (is_error) {
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(reply, "code");
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(reply, "message");
    out->code = cJSON_IsNumber(code) ? (int64_t)code->valuedouble : 0;
    out->message = cJSON_IsString(message) ? message->valuestring : NULL;
    return;
  }
  out->applied = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(reply, "applied"));
  const cJSON *reason = cJSON_GetObjectItemCaseSensitive(reply, "failureReason");
  out->failure_reason = cJSON_IsString(reason) ? reason->valuestring : NULL;
}

cJSON *proto_copy_id(const cJSON *id) { return id ? cJSON_Duplicate(id, true) : NULL; }
